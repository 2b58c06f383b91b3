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
    /// x·σ(u + d) for a u that was rounded and a small remainder d: as <see cref="TimesSigmoid"/>, with
    /// e^(−|u + d|) = e^(−|u|)·e^s, s = ∓d, e^(±s) to second order. For u ≥ 0 the factor multiplies e in 1 + e·e^s; for
    /// u &lt; 0, x·e·e^s/(1 + e·e^s) = x·e/(e^(−s) + e), so the numerator stays the one-rounding <c>ExpMul(v, x)</c> and
    /// the correction joins e before the 1 is added: either way only the final sum and the division round at full
    /// size. Without d the tails would carry |u| half-ulps of error (σ(u) ≈ e^u there). The second-order term
    /// matters only in double lanes when d holds a constant's low part (QuickGelu: |d| ≈ 1.3e-8·|u|, cubed below
    /// 2^-52 for every |u| where e^(−|u|) is a double).
    /// </summary>
    private static float TimesSigmoidCorrected(float x, float u, float d)
    {
        float v = -Abs(u);
        float s = u >= 0 ? -d : d;
        float h = 0.5f * s * s;
        float e = Exp(v);
        float n = u >= 0 ? x : ExpMul(v, x);
        return n / (1 + (u >= 0 ? Fma(e, s + h, e) : e + (h - s)));
    }

    /// <summary>
    /// β·x − u for the rounded product u = β·x: the product's exact remainder (an FMA). 0 where |u| ≥ 10⁴: e^(−|u|) is 0
    /// there in both types, and the remainder of a huge or infinite product would overflow the correction (∞ − ∞ is
    /// NaN). A slope held as a float pair adds β_lo·x inside the same guard (QuickGelu).
    /// </summary>
    private static float ProductRemainder(float beta, float x, float u) => Abs(u) < 10000 ? Fma(beta, x, -u) : 0;

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
    /// <para>βx is rounded and its exact remainder <c>Fma(β, x, −βx)</c> corrects the exponential (the rounding would
    /// otherwise be amplified |βx|-fold in the tails), so the function runs in float lanes. ∂/∂x = σ(βx) + βx·σ′(βx),
    /// evaluated in double lanes.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(SwishDerivative)])]
    private static float Swish(float x, [Scalar] float beta)
    {
        float u = beta * x;
        return TimesSigmoidCorrected(x, u, ProductRemainder(beta, x, u));
    }

    private static float SwishDerivative(float x, float beta) => SwishSlope(beta * Clamp(x, -DerivativeRange, DerivativeRange));
}
