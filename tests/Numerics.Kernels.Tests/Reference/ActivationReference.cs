using System;
using System.Collections.Generic;

namespace Numerics.Kernels.Tests.Reference;

/// <summary>
/// Double-precision oracle for the activation kernels: PyTorch's definitions, its backward
/// conventions at kinks, evaluated in forms that do not cancel or overflow. Independent of
/// the library under test. Compare kernels with these double values directly (do not round
/// them to float first): the reference errs by a few double ulp, about 2^-29 of a float ulp,
/// except where noted.
/// </summary>
/// <remarks>
/// Conventions shared by every function: a NaN input gives NaN for the value and for every
/// derivative; ±∞ gives the mathematical limit (see <see cref="Limits"/>). Derivatives are
/// named <c>NameDerivative</c>; two-input kernels have one per input. Where a derivative has
/// an interior root (Silu, Gelu, Mish, …) its absolute error is about 1e-17 there, so its
/// relative error near the root is large: judge kernels there by an error scaled to the
/// neighbouring magnitude, not by ulp of the tiny true value.
/// </remarks>
public static class ActivationReference
{
    /// <summary>SELU's α, as PyTorch writes it.</summary>
    public const double SeluAlpha = 1.6732632423543772848170429916717;

    /// <summary>SELU's scale λ, as PyTorch writes it.</summary>
    public const double SeluScale = 1.0507009873554804934193349852946;

    /// <summary>QuickGELU's factor in x·σ(1.702x).</summary>
    public const double QuickGeluFactor = 1.702;

    /// <summary>√(2/π), the factor in GELU's tanh approximation.</summary>
    public const double SqrtTwoOverPi = 0.7978845608028654;

    /// <summary>The cubic coefficient in GELU's tanh approximation.</summary>
    public const double GeluTanhCubic = 0.044715;

    // ---------------------------------------------------------------- Step

    /// <summary>Heaviside step: 1 where x &gt; 0, else 0.</summary>
    public static double Step(double x) => double.IsNaN(x) ? double.NaN : x > 0 ? 1 : 0;

    /// <summary>0 everywhere (the jump at 0 is ignored, as by autograd).</summary>
    public static double StepDerivative(double x) => double.IsNaN(x) ? double.NaN : 0;

    // ---------------------------------------------------------------- Sigmoid

    /// <summary>σ(x) = 1/(1 + e^−x), through e^−|x| so nothing overflows.</summary>
    public static double Sigmoid(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x >= 0)
        {
            return 1 / (1 + Math.Exp(-x));
        }

        double e = Math.Exp(x);
        return e / (1 + e);
    }

    /// <summary>σ′(x) = σ(x)·σ(−x) = e^−|x| / (1 + e^−|x|)².</summary>
    public static double SigmoidDerivative(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double e = Math.Exp(-Math.Abs(x));
        double d = 1 + e;
        return e / (d * d);
    }

    // ---------------------------------------------------------------- Tanh

    /// <summary>tanh(x).</summary>
    public static double Tanh(double x) => Math.Tanh(x);

    /// <summary>sech²(x) = 4e^−2|x| / (1 + e^−2|x|)².</summary>
    public static double TanhDerivative(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double e = Math.Exp(-2 * Math.Abs(x));
        double d = 1 + e;
        return 4 * e / (d * d);
    }

    // ---------------------------------------------------------------- Relu

    /// <summary>max(x, 0).</summary>
    public static double Relu(double x) => double.IsNaN(x) ? double.NaN : x > 0 ? x : 0;

    /// <summary>1 where x &gt; 0, else 0 (0 at x = 0, as PyTorch).</summary>
    public static double ReluDerivative(double x) => double.IsNaN(x) ? double.NaN : x > 0 ? 1 : 0;

    // ---------------------------------------------------------------- Relu6

    /// <summary>min(max(x, 0), 6) = hardtanh(x, 0, 6).</summary>
    public static double Relu6(double x) => HardTanh(x, 0, 6);

    /// <summary>1 strictly inside (0, 6), 0 at 0, at 6 and outside.</summary>
    public static double Relu6Derivative(double x) => HardTanhDerivative(x, 0, 6);

    // ---------------------------------------------------------------- LeakyRelu

    /// <summary>x where x &gt; 0, else negativeSlope·x.</summary>
    public static double LeakyRelu(double x, double negativeSlope) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? x : negativeSlope * x;

    /// <summary>1 where x &gt; 0, else negativeSlope (so negativeSlope at 0).</summary>
    public static double LeakyReluDerivative(double x, double negativeSlope) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? 1 : negativeSlope;

    // ---------------------------------------------------------------- PRelu

    /// <summary>x where x &gt; 0, else slope·x (slope is a second tensor).</summary>
    public static double PRelu(double x, double slope) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? x : slope * x;

    /// <summary>∂/∂x: 1 where x &gt; 0, else slope.</summary>
    public static double PReluDerivativeX(double x, double slope) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? 1 : slope;

    /// <summary>∂/∂slope: 0 where x &gt; 0, else x.</summary>
    public static double PReluDerivativeSlope(double x, double slope) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? 0 : x;

    // ---------------------------------------------------------------- Elu, Selu, Celu

    /// <summary>x where x &gt; 0, else α·(e^x − 1).</summary>
    public static double Elu(double x, double alpha) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? x : alpha * ReferenceMath.Expm1(x);

    /// <summary>1 where x &gt; 0, else α·e^x (so α at 0, PyTorch's x ≤ 0 branch).</summary>
    public static double EluDerivative(double x, double alpha) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? 1 : alpha * Math.Exp(x);

    /// <summary>λ·(x where x &gt; 0, else α·(e^x − 1)) with PyTorch's α and λ.</summary>
    public static double Selu(double x) => SeluScale * Elu(x, SeluAlpha);

    /// <summary>λ where x &gt; 0, else λ·α·e^x (λα at 0).</summary>
    public static double SeluDerivative(double x) => SeluScale * EluDerivative(x, SeluAlpha);

    /// <summary>max(0, x) + min(0, α·(e^(x/α) − 1)), computed as PyTorch's elu with input scale 1/α.</summary>
    public static double Celu(double x, double alpha) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? x : alpha * ReferenceMath.Expm1(x / alpha);

    /// <summary>1 where x &gt; 0, else e^(x/α) (1 at 0).</summary>
    public static double CeluDerivative(double x, double alpha) =>
        double.IsNaN(x) ? double.NaN : x > 0 ? 1 : Math.Exp(x / alpha);

    // ---------------------------------------------------------------- Gelu (erf form)

    /// <summary>x·Φ(x), Φ the standard normal distribution function (through erfc for x &lt; 0).</summary>
    public static double Gelu(double x)
    {
        if (double.IsNegativeInfinity(x))
        {
            return 0;
        }

        return x * ReferenceMath.NormalCdf(x);
    }

    /// <summary>Φ(x) + x·φ(x).</summary>
    public static double GeluDerivative(double x)
    {
        if (double.IsInfinity(x))
        {
            return x > 0 ? 1 : 0;
        }

        return ReferenceMath.NormalCdf(x) + x * ReferenceMath.NormalPdf(x);
    }

    // ---------------------------------------------------------------- GeluTanh

    /// <summary>
    /// x/2·(1 + tanh(√(2/π)·(x + 0.044715x³))), evaluated as x·σ(2u) (u the tanh argument),
    /// which does not cancel for negative x.
    /// </summary>
    public static double GeluTanh(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (Math.Abs(x) > 30)
        {
            // σ(2u) is 1 or 0 to double precision (|2u| > 1900).
            return x > 0 ? x : 0;
        }

        // 2u in double-double: σ amplifies the rounding of a double 2u |2u|-fold in the tails (about 80 ulp at x = −10).
        DoubleDouble cube = DoubleDouble.Product(x, x) * x;
        DoubleDouble twoU = new DoubleDouble(TwoSqrtTwoOverPiHigh, TwoSqrtTwoOverPiLow) * (x + (new DoubleDouble(GeluTanhCubic, GeluTanhCubicLow) * cube));
        return x * SigmoidOfSum(twoU.Hi, twoU.Lo);
    }

    /// <summary>2√(2/π) as a double-double (mpmath).</summary>
    private const double TwoSqrtTwoOverPiHigh = 1.5957691216057308;

    private const double TwoSqrtTwoOverPiLow = -9.96930880911092e-17;

    /// <summary>0.044715 − (double)0.044715.</summary>
    private const double GeluTanhCubicLow = 2.1960211427085595e-18;

    /// <summary>σ(a + b) for |b| ≤ ulp(a): e^(−|a + b|) = e^(−|a|)·(1 ∓ b), exact to first order.</summary>
    private static double SigmoidOfSum(double a, double b)
    {
        if (double.IsInfinity(a))
        {
            return a > 0 ? 1 : 0;
        }

        double e = Math.Exp(-Math.Abs(a)) * (1 + (a >= 0 ? -b : b));
        return a >= 0 ? 1 / (1 + e) : e / (1 + e);
    }

    /// <summary>σ(2u) + x·2σ(2u)σ(−2u)·u′, u′ = √(2/π)·(1 + 3·0.044715x²).</summary>
    public static double GeluTanhDerivative(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (Math.Abs(x) > 30)
        {
            return x > 0 ? 1 : 0;
        }

        double twoU = 2 * GeluTanhArgument(x);
        double du = SqrtTwoOverPi * (1 + 3 * GeluTanhCubic * x * x);
        return Sigmoid(twoU) + x * 2 * SigmoidDerivative(twoU) * du;
    }

    private static double GeluTanhArgument(double x) => SqrtTwoOverPi * (x + GeluTanhCubic * x * x * x);

    // ---------------------------------------------------------------- QuickGelu, Silu, Swish

    /// <summary>x·σ(1.702x).</summary>
    public static double QuickGelu(double x) => Swish(x, QuickGeluFactor);

    /// <summary>σ(1.702x)·(1 + 1.702x·σ(−1.702x)).</summary>
    public static double QuickGeluDerivative(double x) => SwishDerivative(x, QuickGeluFactor);

    /// <summary>x·σ(x).</summary>
    public static double Silu(double x) => Swish(x, 1);

    /// <summary>σ(x)·(1 + x·σ(−x)).</summary>
    public static double SiluDerivative(double x) => SwishDerivative(x, 1);

    /// <summary>x·σ(βx), with βx carried exactly: bx = fl(βx) and its remainder r (an FMA) enter as e^(bx + r) = e^bx·(1 + r) (first order is exact: |r| ≤ 2^-53·|bx|). Rounding βx alone would cost |βx| half-ulps in the tails.</summary>
    public static double Swish(double x, double beta)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double bx = beta * x;
        if (double.IsInfinity(bx))
        {
            return bx > 0 ? x : 0;
        }

        double r = Math.FusedMultiplyAdd(beta, x, -bx);

        // Deep in the left tail σ(βx) = e^(βx) is subnormal in double and would carry too few bits into the product:
        // form x·e^(βx) 256 nats up and scale back last (1 + e^(βx) is 1 there).
        if (bx < -600)
        {
            return x * (Math.Exp(bx + 256) * (1 + r)) * Math.Exp(-256);
        }

        // σ(bx + r) from e = e^(−|βx|).
        double e = Math.Exp(-Math.Abs(bx)) * (1 + (bx >= 0 ? -r : r));
        return x * (bx >= 0 ? 1 / (1 + e) : e / (1 + e));
    }

    /// <summary>σ(βx) + βx·σ(βx)·σ(−βx) = σ(βx)·(1 + βx·σ(−βx)).</summary>
    public static double SwishDerivative(double x, double beta)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double bx = beta * x;
        if (double.IsInfinity(bx))
        {
            return bx > 0 ? 1 : 0;
        }

        // Left tail: σ(u)(1 + u·σ(−u)) = (1 + u)·e^u to double precision, formed 256 nats up (see Swish).
        if (bx < -600)
        {
            return (1 + bx) * Math.Exp(bx + 256) * Math.Exp(-256);
        }

        return Sigmoid(bx) + bx * SigmoidDerivative(bx);
    }

    // ---------------------------------------------------------------- Mish

    /// <summary>x·tanh(softplus(x)), with tanh(softplus(x)) = n/(n + 2), n = e^x(e^x + 2).</summary>
    public static double Mish(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? x : 0;
        }

        // Deep in the left tail tanh(softplus(x)) = e^x to double precision and is subnormal: form x·e^x 256 nats up
        // and scale back last (see Swish).
        if (x < -600)
        {
            return x * Math.Exp(x + 256) * Math.Exp(-256);
        }

        return x * TanhSoftplus(x);
    }

    /// <summary>tanh(sp) + x·sech²(sp)·σ(x), sp = softplus(x).</summary>
    public static double MishDerivative(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? 1 : 0;
        }

        double sech2;
        if (x >= 0)
        {
            // With t = e^−x: sech²(sp) = 4t²(1 + t)² / (1 + 2t + 2t²)².
            double t = Math.Exp(-x);
            double d = 1 + 2 * t * (1 + t);
            double n = 2 * t * (1 + t);
            sech2 = n * n / (d * d);
        }
        else
        {
            // With e = e^x, n = e(e + 2): sech²(sp) = 4(1 + e)² / (n + 2)².
            double e = Math.Exp(x);
            double n = e * (e + 2);
            double r = 2 * (1 + e) / (n + 2);
            sech2 = r * r;
        }

        return TanhSoftplus(x) + x * sech2 * Sigmoid(x);
    }

    // tanh(ln(1 + e^x)) = ((1 + e^x)² − 1)/((1 + e^x)² + 1), written without cancellation.
    private static double TanhSoftplus(double x)
    {
        if (x >= 0)
        {
            double t = Math.Exp(-x);
            double a = 1 + 2 * t;
            return a / (a + 2 * t * t);
        }

        double e = Math.Exp(x);
        double n = e * (e + 2);
        return n / (n + 2);
    }

    // ---------------------------------------------------------------- Softplus, LogSigmoid

    /// <summary>
    /// PyTorch's softplus: x where βx &gt; threshold (the rounded product, as PyTorch compares it), else
    /// ln(1 + e^(βx))/β, evaluated as x + ln(1 + e^−|βx|)/β for βx ≥ 0 and ln(1 + e^−|βx|)/β below, with βx
    /// carried exactly: the product's rounding error r (an FMA) enters as e^(−|βx|) = e^(−|bx|)·(1 ∓ r), exact to
    /// first order since |r| ≤ 2^-53·|bx|. Without it the left tail, e^(βx)/β, would be off by |βx| half-ulps (about
    /// 200 ulp in double at βx = −200), worse than the kernels under test.
    /// </summary>
    public static double Softplus(double x, double beta = 1, double threshold = 20)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double bx = beta * x;
        if (bx > threshold)
        {
            return x;
        }

        if (double.IsNegativeInfinity(bx))
        {
            return 0;
        }

        double r = double.IsFinite(bx) ? Math.FusedMultiplyAdd(beta, x, -bx) : 0;
        double e = Math.Exp(-Math.Abs(bx));
        e += e * (bx >= 0 ? -r : r);
        double l = ReferenceMath.Log1p(e) / beta;
        return bx >= 0 ? x + l : l;
    }

    /// <summary>
    /// 1 where βx &gt; threshold (the rounded product), else σ(βx) with βx carried exactly as in <see cref="Softplus"/>:
    /// σ of the rounded product would be off by |βx| half-ulps in the left tail (123 ulp in double at βx = −224).
    /// </summary>
    public static double SoftplusDerivative(double x, double beta = 1, double threshold = 20)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double bx = beta * x;
        if (bx > threshold)
        {
            return 1;
        }

        double r = double.IsFinite(bx) ? Math.FusedMultiplyAdd(beta, x, -bx) : 0;
        return SigmoidOfSum(bx, r);
    }

    /// <summary>ln σ(x) = −softplus(−x) = min(x, 0) − ln(1 + e^−|x|) (no threshold).</summary>
    public static double LogSigmoid(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsNegativeInfinity(x))
        {
            return double.NegativeInfinity;
        }

        return Math.Min(x, 0) - ReferenceMath.Log1p(Math.Exp(-Math.Abs(x)));
    }

    /// <summary>σ(−x).</summary>
    public static double LogSigmoidDerivative(double x) => Sigmoid(-x);

    // ---------------------------------------------------------------- Softsign

    /// <summary>x/(1 + |x|).</summary>
    public static double Softsign(double x)
    {
        if (double.IsInfinity(x))
        {
            return x > 0 ? 1 : -1;
        }

        return x / (1 + Math.Abs(x));
    }

    /// <summary>1/(1 + |x|)².</summary>
    public static double SoftsignDerivative(double x)
    {
        double d = 1 + Math.Abs(x);
        return 1 / (d * d);
    }

    // ---------------------------------------------------------------- HardSigmoid, HardSwish, HardTanh

    /// <summary>relu6(x + 3)/6: 0 at or below −3, 1 at or above 3, (x + 3)/6 between.</summary>
    public static double HardSigmoid(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x <= -3 ? 0 : x >= 3 ? 1 : (x + 3) / 6;
    }

    /// <summary>1/6 strictly inside (−3, 3), 0 at ±3 and outside.</summary>
    public static double HardSigmoidDerivative(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x > -3 && x < 3 ? 1.0 / 6 : 0;
    }

    /// <summary>x·relu6(x + 3)/6: 0 at or below −3, x at or above 3, x(x + 3)/6 between.</summary>
    public static double HardSwish(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x <= -3 ? 0 : x >= 3 ? x : x * (x + 3) / 6;
    }

    /// <summary>PyTorch's backward: 0 where x &lt; −3, x/3 + 1/2 where x ≤ 3, else 1 (−1/2 at −3, 3/2 at 3).</summary>
    public static double HardSwishDerivative(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x < -3 ? 0 : x <= 3 ? x / 3 + 0.5 : 1;
    }

    /// <summary>min(max(x, min), max).</summary>
    public static double HardTanh(double x, double min = -1, double max = 1)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x <= min ? min : x >= max ? max : x;
    }

    /// <summary>1 strictly inside (min, max), 0 at the bounds and outside.</summary>
    public static double HardTanhDerivative(double x, double min = -1, double max = 1)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        return x > min && x < max ? 1 : 0;
    }

    // ---------------------------------------------------------------- Gated: f(gate)·up

    /// <summary>σ(gate)·up.</summary>
    public static double Glu(double gate, double up)
    {
        // Deep in the left tail e^gate is formed 256 nats up and scaled back last, so no intermediate is subnormal when
        // the result is not (σ(gate) = e^gate there, 1 + e^gate being 1).
        if (gate < -600 && !double.IsInfinity(gate))
        {
            return Math.Exp(gate + 256) * up * Math.Exp(-256);
        }

        return Sigmoid(gate) * up;
    }

    /// <summary>σ′(gate)·up.</summary>
    public static double GluDerivativeGate(double gate, double up) => SigmoidDerivative(gate) * up;

    /// <summary>σ(gate).</summary>
    public static double GluDerivativeUp(double gate, double up) => Sigmoid(gate);

    /// <summary>relu(gate)·up.</summary>
    public static double ReGlu(double gate, double up) => Relu(gate) * up;

    /// <summary>relu′(gate)·up (0 at gate = 0).</summary>
    public static double ReGluDerivativeGate(double gate, double up) => ReluDerivative(gate) * up;

    /// <summary>relu(gate).</summary>
    public static double ReGluDerivativeUp(double gate, double up) => Relu(gate);

    /// <summary>gelu(gate)·up (erf form).</summary>
    public static double GeGlu(double gate, double up) => Gelu(gate) * up;

    /// <summary>gelu′(gate)·up.</summary>
    public static double GeGluDerivativeGate(double gate, double up) => GeluDerivative(gate) * up;

    /// <summary>gelu(gate).</summary>
    public static double GeGluDerivativeUp(double gate, double up) => Gelu(gate);

    /// <summary>silu(gate)·up.</summary>
    public static double SwiGlu(double gate, double up)
    {
        // Ordered so no intermediate is subnormal when the result is not: a tiny gate multiplies up first, and deep in
        // the left tail e^gate is formed 256 nats up and scaled back last (see Swish).
        if (gate < -600 && !double.IsInfinity(gate))
        {
            return gate * Math.Exp(gate + 256) * up * Math.Exp(-256);
        }

        return Math.Abs(gate) < 1 ? gate * up * Sigmoid(gate) : Silu(gate) * up;
    }

    /// <summary>silu′(gate)·up.</summary>
    public static double SwiGluDerivativeGate(double gate, double up) => SiluDerivative(gate) * up;

    /// <summary>silu(gate).</summary>
    public static double SwiGluDerivativeUp(double gate, double up) => Silu(gate);

    // ---------------------------------------------------------------- Tables

    /// <summary>PyTorch's default LeakyReLU slope, used by <see cref="Unary"/> and <see cref="Limits"/>.</summary>
    public const double DefaultNegativeSlope = 0.01;

    /// <summary>PyTorch's initial PReLU slope, used by <see cref="Unary"/> and <see cref="Limits"/>.</summary>
    public const double DefaultPReluSlope = 0.25;

    /// <summary>
    /// Every activation as a one-input function with its derivative, at default parameters
    /// (LeakyRelu slope 0.01, PRelu slope 0.25, Elu/Celu α = 1, Swish β = 1, Softplus β = 1 and
    /// threshold 20, HardTanh [−1, 1]); gated kernels as functions of gate with up = 1 and
    /// their ∂/∂gate.
    /// </summary>
    public static IReadOnlyDictionary<string, (Func<double, double> Value, Func<double, double> Derivative)> Unary { get; } =
        new Dictionary<string, (Func<double, double>, Func<double, double>)>
        {
            ["Step"] = (Step, StepDerivative),
            ["Sigmoid"] = (Sigmoid, SigmoidDerivative),
            ["Tanh"] = (Tanh, TanhDerivative),
            ["Relu"] = (Relu, ReluDerivative),
            ["Relu6"] = (Relu6, Relu6Derivative),
            ["LeakyRelu"] = (x => LeakyRelu(x, DefaultNegativeSlope), x => LeakyReluDerivative(x, DefaultNegativeSlope)),
            ["PRelu"] = (x => PRelu(x, DefaultPReluSlope), x => PReluDerivativeX(x, DefaultPReluSlope)),
            ["Elu"] = (x => Elu(x, 1), x => EluDerivative(x, 1)),
            ["Selu"] = (Selu, SeluDerivative),
            ["Celu"] = (x => Celu(x, 1), x => CeluDerivative(x, 1)),
            ["Gelu"] = (Gelu, GeluDerivative),
            ["GeluTanh"] = (GeluTanh, GeluTanhDerivative),
            ["QuickGelu"] = (QuickGelu, QuickGeluDerivative),
            ["Silu"] = (Silu, SiluDerivative),
            ["Swish"] = (x => Swish(x, 1), x => SwishDerivative(x, 1)),
            ["Mish"] = (Mish, MishDerivative),
            ["Softplus"] = (x => Softplus(x), x => SoftplusDerivative(x)),
            ["Softsign"] = (Softsign, SoftsignDerivative),
            ["HardSigmoid"] = (HardSigmoid, HardSigmoidDerivative),
            ["HardSwish"] = (HardSwish, HardSwishDerivative),
            ["HardTanh"] = (x => HardTanh(x), x => HardTanhDerivative(x)),
            ["LogSigmoid"] = (LogSigmoid, LogSigmoidDerivative),
            ["Glu"] = (g => Glu(g, 1), g => GluDerivativeGate(g, 1)),
            ["ReGlu"] = (g => ReGlu(g, 1), g => ReGluDerivativeGate(g, 1)),
            ["GeGlu"] = (g => GeGlu(g, 1), g => GeGluDerivativeGate(g, 1)),
            ["SwiGlu"] = (g => SwiGlu(g, 1), g => SwiGluDerivativeGate(g, 1)),
        };

    /// <summary>
    /// Mathematical limits of value and derivative at −∞ and +∞, at the default parameters
    /// of <see cref="Unary"/> (for gated kernels: in gate, with up = 1, derivative ∂/∂gate).
    /// </summary>
    public static IReadOnlyDictionary<string, ActivationLimits> Limits { get; } = new Dictionary<string, ActivationLimits>
    {
        ["Step"] = new(0, 1, 0, 0),
        ["Sigmoid"] = new(0, 1, 0, 0),
        ["Tanh"] = new(-1, 1, 0, 0),
        ["Relu"] = new(0, double.PositiveInfinity, 0, 1),
        ["Relu6"] = new(0, 6, 0, 0),
        ["LeakyRelu"] = new(double.NegativeInfinity, double.PositiveInfinity, DefaultNegativeSlope, 1),
        ["PRelu"] = new(double.NegativeInfinity, double.PositiveInfinity, DefaultPReluSlope, 1),
        ["Elu"] = new(-1, double.PositiveInfinity, 0, 1),
        ["Selu"] = new(-SeluScale * SeluAlpha, double.PositiveInfinity, 0, SeluScale),
        ["Celu"] = new(-1, double.PositiveInfinity, 0, 1),
        ["Gelu"] = new(0, double.PositiveInfinity, 0, 1),
        ["GeluTanh"] = new(0, double.PositiveInfinity, 0, 1),
        ["QuickGelu"] = new(0, double.PositiveInfinity, 0, 1),
        ["Silu"] = new(0, double.PositiveInfinity, 0, 1),
        ["Swish"] = new(0, double.PositiveInfinity, 0, 1),
        ["Mish"] = new(0, double.PositiveInfinity, 0, 1),
        ["Softplus"] = new(0, double.PositiveInfinity, 0, 1),
        ["Softsign"] = new(-1, 1, 0, 0),
        ["HardSigmoid"] = new(0, 1, 0, 0),
        ["HardSwish"] = new(0, double.PositiveInfinity, 0, 1),
        ["HardTanh"] = new(-1, 1, 0, 0),
        ["LogSigmoid"] = new(double.NegativeInfinity, 0, 1, 0),
        ["Glu"] = new(0, 1, 0, 0),
        ["ReGlu"] = new(0, double.PositiveInfinity, 0, 1),
        ["GeGlu"] = new(0, double.PositiveInfinity, 0, 1),
        ["SwiGlu"] = new(0, double.PositiveInfinity, 0, 1),
    };
}

/// <summary>Value and derivative of an activation as its input tends to −∞ and +∞.</summary>
public readonly record struct ActivationLimits(
    double ValueAtNegativeInfinity,
    double ValueAtPositiveInfinity,
    double DerivativeAtNegativeInfinity,
    double DerivativeAtPositiveInfinity);
