using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>e^(−64), to scale results back after forming them 64 nats up, away from the subnormal range.</summary>
    private const float ExpMinus64 = 1.6038108905486378e-28f;

    /// <summary>Sigmoid linear unit (SiLU, swish with β = 1): <c>destination[i] = x · σ(x)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>Below x = −80, where σ(x) nears the subnormal range and would carry too few bits into the product,
    /// x·σ(x) is formed as (x·e^(x+64))·e^(−64). silu′(x) = σ(x)·(1 + x·σ(−x)). Limits: silu(−∞) = 0, silu′(−∞) = 0, silu′(∞) = 1. The derivative
    /// kernels evaluate in double lanes (silu′ has a zero near x = −1.28).</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(SiluDerivative)])]
    private static float Silu(float x)
    {
        float s = Sigmoid(x);
        return x < -80 ? Max(x, -200) * Exp(x + 64) * ExpMinus64 : x * s;
    }

    private static float SiluDerivative(float x)
    {
        float c = Clamp(x, -DerivativeRange, DerivativeRange);
        return Sigmoid(c) * (1 + c * Sigmoid(-c));
    }

    /// <summary>Swish with a scalar β: <c>destination[i] = x · σ(β·x)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="beta">The slope β inside the sigmoid.</param>
    /// <remarks>
    /// <para>∂/∂x = σ(βx) + βx·σ′(βx). Evaluated in double lanes (the rounding of βx would be amplified in the tails).</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, EvaluateInDouble = true, Derivatives = [nameof(SwishDerivative)])]
    private static float Swish(float x, [Scalar] float beta)
    {
        float s = Sigmoid(beta * x);
        return s == 0 ? 0 : x * s;
    }

    private static float SwishDerivative(float x, float beta)
    {
        float c = Clamp(x, -DerivativeRange, DerivativeRange);
        float u = beta * c;
        return Sigmoid(u) + u * SigmoidDerivative(u);
    }
}
