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
    /// <para>One exponential: silu(x) = x/(1 + e^(−x)) for x ≥ 0 and x·e^x/(1 + e^x) below, with x·e^x formed with
    /// one rounding so that where σ(x) is subnormal (x &lt; −87.3) the product keeps its accuracy. silu′(x) = σ(x)·(1 + x·σ(−x)). Limits: silu(−∞) = 0, silu′(−∞) = 0, silu′(∞) = 1. The derivative
    /// kernels evaluate in double lanes (silu′ has a zero near x = −1.28).</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(SiluDerivative)])]
    private static float Silu(float x) => TimesSigmoid(x, x);

    /// <summary>
    /// x·σ(u) from one exponential, accurate in both tails: with v = −|u|, x·σ(u) = x/(1 + e^v) for u ≥ 0 and
    /// x·e^v/(1 + e^v) for u &lt; 0, where x·e^v is formed by <see cref="KernelMath.ExpMul(float, float)"/> with one
    /// rounding, so no subnormal σ(u) costs the product its bits. 0 where σ(u) is 0 (x = ∓∞ gives 0, not NaN).
    /// </summary>
    private static float TimesSigmoid(float x, float u)
    {
        float v = -Abs(u);
        float n = u >= 0 ? x : ExpMul(v, x);
        return n / (1 + Exp(v));
    }

    /// <summary>
    /// d/du of u·σ(u), that is σ(u)·(1 + u·σ(−u)), from one exponential; below u = −80 it is (1 + u)·e^u, formed
    /// 64 nats up.
    /// </summary>
    private static float SwishSlope(float u)
    {
        bool tail = u < -80;
        float e = Exp(tail ? u + 64 : -Abs(u));
        float d = tail ? 1 : 1 + e;
        float s = (u >= 0 ? 1 : e) / d;
        float r = (u >= 0 ? e : 1) / d;
        return tail ? (1 + u) * s * ExpMinus64 : s * (1 + u * r);
    }


    private static float SiluDerivative(float x) => SwishSlope(Clamp(x, -DerivativeRange, DerivativeRange));

    /// <summary>Swish with a scalar β: <c>destination[i] = x · σ(β·x)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="beta">The slope β inside the sigmoid.</param>
    /// <remarks>
    /// <para>∂/∂x = σ(βx) + βx·σ′(βx). Evaluated in double lanes (the rounding of βx would be amplified in the tails).</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, EvaluateInDouble = true, Derivatives = [nameof(SwishDerivative)])]
    private static float Swish(float x, [Scalar] float beta) => TimesSigmoid(x, beta * x);

    private static float SwishDerivative(float x, float beta) => SwishSlope(beta * Clamp(x, -DerivativeRange, DerivativeRange));
}
