using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    private const float SqrtTwoOverPi = 0.79788456080286535587989211986876f;
    private const float GeluTanhCubic = 0.044715f;

    /// <summary>Gaussian error linear unit, exact (erf) form: <c>destination[i] = x · Φ(x)</c>, Φ the standard normal CDF.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>x·Φ(x) is evaluated by <see cref="KernelMath.NormalCdfMul(float, float)"/>: Φ without cancellation in the left
    /// tail, and x applied before the final power of two so the product stays accurate where Φ(x) is subnormal.
    /// gelu′(x) = Φ(x) + x·φ(x). Limits: gelu(−∞) = 0, gelu(∞) = ∞, gelu′(−∞) = 0, gelu′(∞) = 1. The derivative kernels
    /// evaluate in double lanes: gelu′ has a zero near x = −0.75 where single precision would lose relative accuracy.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(GeluDerivative)])]
    private static float Gelu(float x) => NormalCdfMul(x, x);

    private static float GeluDerivative(float x)
    {
        float c = Clamp(x, -DerivativeRange, DerivativeRange);
        return NormalCdf(c) + c * NormalPdf(c);
    }

    /// <summary>
    /// GELU, tanh approximation (PyTorch's <c>approximate='tanh'</c>):
    /// <c>destination[i] = ½x·(1 + tanh(√(2/π)·(x + 0.044715x³)))</c>.
    /// </summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>Evaluated as x·σ(2u) with u = √(2/π)(x + 0.044715x³), which equals the tanh form and does not cancel
    /// for negative x. σ amplifies the rounding of 2u |2u|-fold in the tails, so 2u is carried as a rounded value and
    /// its error: x³ from exact products (FMA remainders), the constants 2√(2/π) and 0.044715 as float pairs, the sum
    /// by Fast2Sum, every cross term kept that is above double precision (2√(2/π)_lo times the sum's error, ~1e-8
    /// relative, is not); the error corrects the exponential (<see cref="TimesSigmoidCorrected"/>). So the kernel runs in
    /// float lanes. x is limited to ±100 inside the argument (σ is 0 or 1 there in both types), which keeps x³ finite.
    /// Limits: 0 at −∞, ∞ at ∞; derivative 0 at −∞ and 1 at ∞. The derivatives evaluate in double lanes.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(GeluTanhDerivative)])]
    private static float GeluTanh(float x)
    {
        float c = Clamp(x, -100, 100);
        float x2 = c * c;
        float x3 = x2 * c;
        float x3Error = Fma(x2, c, -x3) + Fma(c, c, -x2) * c;
        float t = GeluTanhCubicHigh * x3;
        float tError = Fma(GeluTanhCubicHigh, x3, -t) + ((GeluTanhCubicHigh * x3Error) + (GeluTanhCubicLow * x3));
        float p = c + t;
        float pError = (Abs(c) >= Abs(t) ? (c - p) + t : (t - p) + c) + tError;
        float u = GeluTanhScale * p;
        float d = Fma(GeluTanhScale, p, -u) + ((GeluTanhScale * pError) + (GeluTanhScaleLow * (p + pError)));
        return TimesSigmoidCorrected(x, u, d);
    }

    /// <summary>2√(2/π) rounded to float, written exactly (the double kernels see the same value).</summary>
    private const float GeluTanhScale = 1.5957691669464111328125f;

    /// <summary>2√(2/π) − <see cref="GeluTanhScale"/>.</summary>
    private const float GeluTanhScaleLow = -4.534068042105272e-08f;

    /// <summary>0.044715 rounded to float, written exactly.</summary>
    private const float GeluTanhCubicHigh = 0.0447149984538555145263671875f;

    /// <summary>0.044715 − <see cref="GeluTanhCubicHigh"/>.</summary>
    private const float GeluTanhCubicLow = 1.5461444854736329e-09f;

    private static float GeluTanhDerivative(float x)
    {
        float c = Clamp(x, -DerivativeRange, DerivativeRange);
        float u = 2 * SqrtTwoOverPi * (c + GeluTanhCubic * c * c * c);
        float du = 2 * SqrtTwoOverPi * (1 + 3 * GeluTanhCubic * c * c);
        return Sigmoid(u) + c * du * SigmoidDerivative(u);
    }

    /// <summary>Quick GELU (as in CLIP): <c>destination[i] = x · σ(1.702·x)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>The constant is 1.702 exactly (as in double), carried as a float pair: u = 1.702_hi·x rounded, and the
    /// rest of 1.702·x (the product's exact remainder plus 1.702_lo·x) corrects the exponential, so the tails are not
    /// disturbed by the rounding of 1.702·x and the kernel runs in float lanes. Derivative σ(1.702x) +
    /// 1.702x·σ′(1.702x), evaluated in double lanes.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(QuickGeluDerivative)])]
    private static float QuickGelu(float x)
    {
        float u = QuickGeluSlope * x;
        return TimesSigmoidCorrected(x, u, Abs(u) < 10000 ? Fma(QuickGeluSlope, x, -u) + (QuickGeluSlopeLow * x) : 0);
    }

    /// <summary>1.702 rounded to float, written exactly (so the double kernels see the same value).</summary>
    private const float QuickGeluSlope = 1.70200002193450927734375f;

    /// <summary>1.702 − <see cref="QuickGeluSlope"/>.</summary>
    private const float QuickGeluSlopeLow = -2.1934509319976314e-08f;

    private static float QuickGeluDerivative(float x) => SwishSlope(1.702f * Clamp(x, -DerivativeRange, DerivativeRange));
}
