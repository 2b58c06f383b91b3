using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;

namespace Numerics.Kernels.Tests.Reference;

// Checks the oracle itself: special functions against mpmath, derivatives against finite
// differences, limits and PyTorch's conventions at kinks.
public sealed class ActivationReferenceTests
{
    // ------------------------------------------------------------ special functions vs mpmath

    public static TheoryData<string> SpecialFunctions => ["Erf", "Erfc", "Expm1", "Log1p"];

    [Theory]
    [MemberData(nameof(SpecialFunctions))]
    public void SpecialFunctionMatchesMpmath(string name)
    {
        (Func<double, double> f, (double X, double Value)[] table) = name switch
        {
            "Erf" => ((Func<double, double>)ReferenceMath.Erf, MpmathTable.Erf),
            "Erfc" => (ReferenceMath.Erfc, MpmathTable.Erfc),
            "Expm1" => (ReferenceMath.Expm1, MpmathTable.Expm1),
            _ => (ReferenceMath.Log1p, MpmathTable.Log1p),
        };

        // 2 ulp, except in erfc's tail (x ≥ 2.5, continued fraction times e^(−x²)): 1e-15 relative.
        List<string> failures = [];
        foreach ((double x, double expected) in table)
        {
            double actual = f(x);
            bool tail = name == "Erfc" && x >= 2.5;
            bool ok = Math.Abs(expected) >= Ulp.SmallestNormalDouble
                ? Ulp.Distance(actual, expected) <= 2 || (tail && Math.Abs(actual - expected) <= 1e-15 * Math.Abs(expected))
                : Math.Abs(actual - expected) <= 2 * double.Epsilon;
            if (!ok)
            {
                failures.Add(Describe(x, actual, expected));
            }
        }

        Assert.True(failures.Count == 0, $"{name}: {failures.Count} of {table.Length} out of tolerance:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    [Fact]
    public void SpecialFunctionsAtSpecialValues()
    {
        Assert.Equal(1, ReferenceMath.Erf(double.PositiveInfinity));
        Assert.Equal(-1, ReferenceMath.Erf(double.NegativeInfinity));
        Assert.Equal(0, ReferenceMath.Erfc(double.PositiveInfinity));
        Assert.Equal(2, ReferenceMath.Erfc(double.NegativeInfinity));
        Assert.Equal(-1, ReferenceMath.Expm1(double.NegativeInfinity));
        Assert.Equal(double.PositiveInfinity, ReferenceMath.Expm1(double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, ReferenceMath.Expm1(710));
        Assert.Equal(double.NegativeInfinity, ReferenceMath.Log1p(-1));
        Assert.Equal(double.PositiveInfinity, ReferenceMath.Log1p(double.PositiveInfinity));
        Assert.True(double.IsNaN(ReferenceMath.Log1p(-1.5)));
        Assert.Equal(0, ReferenceMath.NormalCdf(double.NegativeInfinity));
        Assert.Equal(1, ReferenceMath.NormalCdf(double.PositiveInfinity));
        Assert.Equal(0.5, ReferenceMath.NormalCdf(0));
        foreach (Func<double, double> f in new Func<double, double>[] { ReferenceMath.Erf, ReferenceMath.Erfc, ReferenceMath.Expm1, ReferenceMath.Log1p, ReferenceMath.NormalCdf, ReferenceMath.NormalPdf })
        {
            Assert.True(double.IsNaN(f(double.NaN)));
        }

        // Odd functions keep the sign of zero.
        Assert.True(double.IsNegative(ReferenceMath.Erf(-0.0)));
        Assert.True(double.IsNegative(ReferenceMath.Expm1(-0.0)));
        Assert.True(double.IsNegative(ReferenceMath.Log1p(-0.0)));
    }

    [Fact]
    public void NormalCdfAndPdfAgreeWithErfc()
    {
        // Φ(x) = erfc(−x/√2)/2 where −x/√2 is exact (x = −k√2 is not a double, so compare
        // against Φ at arguments of the form −t√2 built from mpmath's erfc(t)).
        foreach ((double t, double erfc) in MpmathTable.Erfc)
        {
            if (t < -6 || t > 26)
            {
                continue;
            }

            double x = -t * Math.Sqrt(2);
            double phi = ReferenceMath.NormalCdf(x);
            double expected = erfc / 2;

            // x carries the rounding of t·√2; allow for the resulting relative change |x|·φ/Φ·ε.
            double slack = Math.Abs(x) * ReferenceMath.NormalPdf(x) / Math.Max(expected, 1e-300) * Math.Abs(x) * 2.3e-16;
            Assert.True(Math.Abs(phi - expected) <= (4e-16 + slack) * expected, Describe(x, phi, expected));
        }
    }

    // ------------------------------------------------------------ activations vs mpmath

    [Fact]
    public void ActivationValuesMatchMpmath()
    {
        List<string> failures = [];
        foreach ((string name, double x, double value, double _) in MpmathTable.Activations)
        {
            double actual = ActivationReference.Unary[name].Value(x);
            if (!(Math.Abs(actual - value) <= ValueTolerance(name, x) * Math.Abs(value) || Math.Abs(actual - value) <= Ulp.SmallestNormalDouble))
            {
                failures.Add($"{name}: {Describe(x, actual, value)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void ActivationDerivativesMatchMpmath()
    {
        List<string> failures = [];
        foreach ((string name, double x, double value, double derivative) in MpmathTable.Activations)
        {
            double actual = ActivationReference.Unary[name].Derivative(x);

            // Derivatives with an interior root cancel there: judge them at the scale of their terms.
            double scale = Math.Max(Math.Abs(derivative), Math.Min(1, Math.Abs(value / x)));
            if (!(Math.Abs(actual - derivative) <= ValueTolerance(name, x) * scale || Math.Abs(actual - derivative) <= Ulp.SmallestNormalDouble))
            {
                failures.Add($"{name}': {Describe(x, actual, derivative)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    // Relative tolerance against mpmath (results below the smallest normal double are only
    // held to an absolute 2^-1022: the reference rounds subnormal intermediates). The tanh-form GELU and QuickGELU round their inner
    // argument (u = √(2/π)(x + 0.044715x³), 1.702x) before the exponential, which costs |u|·ε
    // relatively in the tail: that is the function's own condition number, not the reference's.
    private static double ValueTolerance(string name, double x) => name switch
    {
        "GeluTanh" => 1e-15 * (4 + Math.Abs(x * x * x)),
        "QuickGelu" or "Sigmoid" or "Silu" or "LogSigmoid" or "Mish" or "Softplus" => 1e-15 * (4 + Math.Abs(x)),
        "Gelu" => 1e-15 * (4 + x * x),
        _ => 1e-15 * 4,
    };

    // ------------------------------------------------------------ derivatives vs finite differences

    public sealed record UnaryCase(string Name, Func<double, double> F, Func<double, double> D, double[] Kinks);

    public static IEnumerable<UnaryCase> UnaryCases()
    {
        double[] none = [];
        yield return new("Step", ActivationReference.Step, ActivationReference.StepDerivative, [0]);
        yield return new("Sigmoid", ActivationReference.Sigmoid, ActivationReference.SigmoidDerivative, none);
        yield return new("Tanh", ActivationReference.Tanh, ActivationReference.TanhDerivative, none);
        yield return new("Relu", ActivationReference.Relu, ActivationReference.ReluDerivative, [0]);
        yield return new("Relu6", ActivationReference.Relu6, ActivationReference.Relu6Derivative, [0, 6]);
        foreach (double slope in new[] { 0.01, 0.2, -0.3 })
        {
            yield return new($"LeakyRelu({slope})", x => ActivationReference.LeakyRelu(x, slope), x => ActivationReference.LeakyReluDerivative(x, slope), [0]);
            yield return new($"PRelu(slope {slope})", x => ActivationReference.PRelu(x, slope), x => ActivationReference.PReluDerivativeX(x, slope), [0]);
        }

        foreach (double alpha in new[] { 1, 0.5, 2 })
        {
            yield return new($"Elu({alpha})", x => ActivationReference.Elu(x, alpha), x => ActivationReference.EluDerivative(x, alpha), [0]);
            yield return new($"Celu({alpha})", x => ActivationReference.Celu(x, alpha), x => ActivationReference.CeluDerivative(x, alpha), [0]);
        }

        yield return new("Selu", ActivationReference.Selu, ActivationReference.SeluDerivative, [0]);
        yield return new("Gelu", ActivationReference.Gelu, ActivationReference.GeluDerivative, none);
        yield return new("GeluTanh", ActivationReference.GeluTanh, ActivationReference.GeluTanhDerivative, none);
        yield return new("QuickGelu", ActivationReference.QuickGelu, ActivationReference.QuickGeluDerivative, none);
        yield return new("Silu", ActivationReference.Silu, ActivationReference.SiluDerivative, none);
        foreach (double beta in new[] { 1, 0.5, 2.5 })
        {
            yield return new($"Swish({beta})", x => ActivationReference.Swish(x, beta), x => ActivationReference.SwishDerivative(x, beta), none);
        }

        yield return new("Mish", ActivationReference.Mish, ActivationReference.MishDerivative, none);
        foreach ((double beta, double threshold) in new[] { (1.0, 20.0), (2.0, 10.0), (0.5, 5.0) })
        {
            yield return new($"Softplus({beta}, {threshold})", x => ActivationReference.Softplus(x, beta, threshold), x => ActivationReference.SoftplusDerivative(x, beta, threshold), [threshold / beta]);
        }

        yield return new("Softsign", ActivationReference.Softsign, ActivationReference.SoftsignDerivative, [0]);
        yield return new("HardSigmoid", ActivationReference.HardSigmoid, ActivationReference.HardSigmoidDerivative, [-3, 3]);
        yield return new("HardSwish", ActivationReference.HardSwish, ActivationReference.HardSwishDerivative, [-3, 3]);
        foreach ((double min, double max) in new[] { (-1.0, 1.0), (-2.0, 0.5) })
        {
            yield return new($"HardTanh({min}, {max})", x => ActivationReference.HardTanh(x, min, max), x => ActivationReference.HardTanhDerivative(x, min, max), [min, max]);
        }

        yield return new("LogSigmoid", ActivationReference.LogSigmoid, ActivationReference.LogSigmoidDerivative, none);

        // Two-input kernels, one partial at a time.
        foreach (double other in new[] { -1.7, 0.6, 2.3 })
        {
            yield return new($"PRelu ∂slope (x {other})", s => ActivationReference.PRelu(other, s), s => ActivationReference.PReluDerivativeSlope(other, s), none);
            yield return new($"Glu ∂gate (up {other})", g => ActivationReference.Glu(g, other), g => ActivationReference.GluDerivativeGate(g, other), none);
            yield return new($"Glu ∂up (gate {other})", u => ActivationReference.Glu(other, u), u => ActivationReference.GluDerivativeUp(other, u), none);
            yield return new($"ReGlu ∂gate (up {other})", g => ActivationReference.ReGlu(g, other), g => ActivationReference.ReGluDerivativeGate(g, other), [0]);
            yield return new($"ReGlu ∂up (gate {other})", u => ActivationReference.ReGlu(other, u), u => ActivationReference.ReGluDerivativeUp(other, u), none);
            yield return new($"GeGlu ∂gate (up {other})", g => ActivationReference.GeGlu(g, other), g => ActivationReference.GeGluDerivativeGate(g, other), none);
            yield return new($"GeGlu ∂up (gate {other})", u => ActivationReference.GeGlu(other, u), u => ActivationReference.GeGluDerivativeUp(other, u), none);
            yield return new($"SwiGlu ∂gate (up {other})", g => ActivationReference.SwiGlu(g, other), g => ActivationReference.SwiGluDerivativeGate(g, other), none);
            yield return new($"SwiGlu ∂up (gate {other})", u => ActivationReference.SwiGlu(other, u), u => ActivationReference.SwiGluDerivativeUp(other, u), none);
        }
    }

    private static readonly Dictionary<string, UnaryCase> CasesByName = UnaryCases().ToDictionary(c => c.Name);

    public static TheoryData<string> DerivativeCases() => new(CasesByName.Keys);

    [Theory]
    [MemberData(nameof(DerivativeCases))]
    public void DerivativeMatchesFiniteDifferences(string name)
    {
        UnaryCase c = CasesByName[name];
        // Five-point central differences, h = 1e-3·max(1, |x|): truncation ~h⁴f⁽⁵⁾/30 and
        // rounding ~1.5ε|f|/h, both far below the 1e-6 relative tolerance.
        List<string> failures = [];
        foreach (double x in SpreadPoints())
        {
            double h = 1e-3 * Math.Max(1, Math.Abs(x));
            if (c.Kinks.Any(k => Math.Abs(x - k) < 4 * h))
            {
                continue;
            }

            double fd = (c.F(x - 2 * h) - 8 * c.F(x - h) + 8 * c.F(x + h) - c.F(x + 2 * h)) / (12 * h);
            double d = c.D(x);
            double allowed = 1e-6 * Math.Abs(d) + 1e-9 * Math.Max(1, Math.Abs(c.F(x)));
            if (!(Math.Abs(fd - d) <= allowed))
            {
                failures.Add($"x = {x.ToString("R", CultureInfo.InvariantCulture)}: derivative {d:R}, finite difference {fd:R}");
            }
        }

        Assert.True(failures.Count == 0, $"{c.Name}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    // −30…30 off the grid of integers, plus points near 0.
    private static IEnumerable<double> SpreadPoints()
    {
        for (int k = 0; k <= 160; k++)
        {
            yield return -30 + 0.37 * k + 0.0123;
        }

        foreach (double x in new[] { 1e-6, -1e-6, 0.05, -0.05, 0.5, -0.5, 1.25, -1.25, 2.9, -2.9, 3.1, -3.1 })
        {
            yield return x;
        }
    }

    // ------------------------------------------------------------ limits and NaN

    public static TheoryData<string> Names => new(ActivationReference.Unary.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void InfinitiesGiveTheLimitsExactly(string name)
    {
        (Func<double, double> f, Func<double, double> d) = ActivationReference.Unary[name];
        ActivationLimits limits = ActivationReference.Limits[name];
        Assert.Equal(limits.ValueAtNegativeInfinity, f(double.NegativeInfinity));
        Assert.Equal(limits.ValueAtPositiveInfinity, f(double.PositiveInfinity));
        Assert.Equal(limits.DerivativeAtNegativeInfinity, d(double.NegativeInfinity));
        Assert.Equal(limits.DerivativeAtPositiveInfinity, d(double.PositiveInfinity));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void HugeInputsApproachTheLimits(string name)
    {
        (Func<double, double> f, Func<double, double> d) = ActivationReference.Unary[name];
        ActivationLimits limits = ActivationReference.Limits[name];
        AssertNear(limits.ValueAtNegativeInfinity, f(-1e300), $"{name}(-1e300)");
        AssertNear(limits.ValueAtPositiveInfinity, f(1e300), $"{name}(1e300)");
        AssertNear(limits.DerivativeAtNegativeInfinity, d(-1e300), $"{name}'(-1e300)");
        AssertNear(limits.DerivativeAtPositiveInfinity, d(1e300), $"{name}'(1e300)");

        static void AssertNear(double limit, double actual, string what)
        {
            bool ok = double.IsInfinity(limit)
                ? Math.Sign(actual) == Math.Sign(limit) && Math.Abs(actual) >= 1e295
                : Math.Abs(actual - limit) <= 1e-15 * Math.Max(1, Math.Abs(limit));
            Assert.True(ok, $"{what} = {actual:R}, limit {limit:R}");
        }
    }

    [Fact]
    public void EveryActivationHasLimits() =>
        Assert.Equal(ActivationReference.Unary.Keys.Order(), ActivationReference.Limits.Keys.Order());

    [Theory]
    [MemberData(nameof(Names))]
    public void NaNGivesNaN(string name)
    {
        (Func<double, double> f, Func<double, double> d) = ActivationReference.Unary[name];
        Assert.True(double.IsNaN(f(double.NaN)), name);
        Assert.True(double.IsNaN(d(double.NaN)), name + "'");
    }

    [Fact]
    public void NaNInEitherInputOfTwoInputKernelsGivesNaN()
    {
        Func<double, double, double>[] gated =
        [
            ActivationReference.Glu, ActivationReference.GluDerivativeGate, ActivationReference.GluDerivativeUp,
            ActivationReference.ReGlu, ActivationReference.ReGluDerivativeGate,
            ActivationReference.GeGlu, ActivationReference.GeGluDerivativeGate, ActivationReference.GeGluDerivativeUp,
            ActivationReference.SwiGlu, ActivationReference.SwiGluDerivativeGate, ActivationReference.SwiGluDerivativeUp,
        ];
        foreach (Func<double, double, double> f in gated)
        {
            Assert.True(double.IsNaN(f(double.NaN, 1.5)));
            Assert.True(double.IsNaN(f(double.NaN, 0)));
        }

        foreach (Func<double, double, double> f in new Func<double, double, double>[] { ActivationReference.Glu, ActivationReference.ReGlu, ActivationReference.GeGlu, ActivationReference.SwiGlu })
        {
            Assert.True(double.IsNaN(f(0.7, double.NaN)));
        }

        Assert.True(double.IsNaN(ActivationReference.PRelu(double.NaN, 0.25)));
        Assert.True(double.IsNaN(ActivationReference.PRelu(-1, double.NaN)));
        Assert.True(double.IsNaN(ActivationReference.PReluDerivativeX(double.NaN, 0.25)));
        Assert.True(double.IsNaN(ActivationReference.PReluDerivativeSlope(double.NaN, 0.25)));
    }

    // ------------------------------------------------------------ PyTorch's values at kinks

    [Fact]
    public void KinksFollowPyTorchBackward()
    {
        Assert.Equal(0, ActivationReference.Step(0));
        Assert.Equal(1, ActivationReference.Step(double.Epsilon));
        Assert.Equal(0, ActivationReference.StepDerivative(0));

        Assert.Equal(0, ActivationReference.ReluDerivative(0));
        Assert.Equal(0, ActivationReference.Relu6Derivative(0));
        Assert.Equal(0, ActivationReference.Relu6Derivative(6));
        Assert.Equal(1, ActivationReference.Relu6Derivative(5.999));
        Assert.Equal(6, ActivationReference.Relu6(7));

        Assert.Equal(0.01, ActivationReference.LeakyReluDerivative(0, 0.01));
        Assert.Equal(0.25, ActivationReference.PReluDerivativeX(0, 0.25));
        Assert.Equal(0, ActivationReference.PReluDerivativeSlope(0, 0.25));
        Assert.Equal(-2, ActivationReference.PReluDerivativeSlope(-2, 0.25));
        Assert.Equal(0, ActivationReference.PReluDerivativeSlope(2, 0.25));

        Assert.Equal(1.5, ActivationReference.EluDerivative(0, 1.5));
        Assert.Equal(ActivationReference.SeluScale * ActivationReference.SeluAlpha, ActivationReference.SeluDerivative(0));
        Assert.Equal(ActivationReference.SeluScale, ActivationReference.SeluDerivative(1e-300));
        Assert.Equal(1, ActivationReference.CeluDerivative(0, 2));

        Assert.Equal(0, ActivationReference.HardSigmoidDerivative(-3));
        Assert.Equal(0, ActivationReference.HardSigmoidDerivative(3));
        Assert.Equal(1.0 / 6, ActivationReference.HardSigmoidDerivative(2.999));
        Assert.Equal(0, ActivationReference.HardSigmoid(-3));
        Assert.Equal(1, ActivationReference.HardSigmoid(3));
        Assert.Equal(0.5, ActivationReference.HardSigmoid(0));

        Assert.Equal(-0.5, ActivationReference.HardSwishDerivative(-3));
        Assert.Equal(1.5, ActivationReference.HardSwishDerivative(3));
        Assert.Equal(0, ActivationReference.HardSwishDerivative(-3.0001));
        Assert.Equal(1, ActivationReference.HardSwishDerivative(3.0001));
        Assert.Equal(0, ActivationReference.HardSwish(-3));
        Assert.Equal(3, ActivationReference.HardSwish(3));

        Assert.Equal(0, ActivationReference.HardTanhDerivative(-1));
        Assert.Equal(0, ActivationReference.HardTanhDerivative(1));
        Assert.Equal(0, ActivationReference.HardTanhDerivative(-2, -2, 0.5));
        Assert.Equal(0, ActivationReference.HardTanhDerivative(0.5, -2, 0.5));
        Assert.Equal(1, ActivationReference.HardTanhDerivative(0.49, -2, 0.5));

        Assert.Equal(0, ActivationReference.ReGluDerivativeGate(0, 3));
        Assert.Equal(0, ActivationReference.ReGluDerivativeUp(0, 3));

        // Softplus switches to the identity strictly above the threshold, in value and derivative.
        Assert.Equal(ActivationReference.Sigmoid(20), ActivationReference.SoftplusDerivative(20));
        Assert.Equal(1, ActivationReference.SoftplusDerivative(Math.BitIncrement(20.0)));
        Assert.Equal(Math.BitIncrement(20.0), ActivationReference.Softplus(Math.BitIncrement(20.0)));
        Assert.Equal(20 + ReferenceMath.Log1p(Math.Exp(-20)), ActivationReference.Softplus(20));
        Assert.Equal(5.5, ActivationReference.Softplus(5.5, beta: 2, threshold: 10));
        Assert.Equal(ActivationReference.Sigmoid(10), ActivationReference.SoftplusDerivative(5, beta: 2, threshold: 10));
    }

    [Fact]
    public void ValuesAtZeroAndSymmetries()
    {
        Assert.Equal(0.5, ActivationReference.Sigmoid(0));
        Assert.Equal(0.25, ActivationReference.SigmoidDerivative(0));
        Assert.Equal(1, ActivationReference.TanhDerivative(0));
        Assert.Equal(0.5, ActivationReference.GeluDerivative(0));
        Assert.Equal(0.5, ActivationReference.GeluTanhDerivative(0));
        Assert.Equal(0.5, ActivationReference.SiluDerivative(0));
        Assert.Equal(-Math.Log(2), ActivationReference.LogSigmoid(0), 15);
        Assert.Equal(Math.Log(2), ActivationReference.Softplus(0), 15);
        Assert.Equal(Math.Tanh(Math.Log(2)), ActivationReference.MishDerivative(0), 15);

        foreach (double x in new[] { 0.3, 1.7, 4.2, 11.5 })
        {
            // σ(x) + σ(−x) = 1, gelu(x) − gelu(−x) = x, softplus(x) − softplus(−x) = x.
            Assert.Equal(1, ActivationReference.Sigmoid(x) + ActivationReference.Sigmoid(-x), 15);
            Assert.Equal(x, ActivationReference.Gelu(x) - ActivationReference.Gelu(-x), 14);
            Assert.Equal(x, ActivationReference.Softplus(x) - ActivationReference.Softplus(-x), 14);
            Assert.Equal(x, ActivationReference.Silu(x) - ActivationReference.Silu(-x), 14);
        }
    }

    private static string Describe(double x, double actual, double expected)
    {
        StringBuilder text = new();
        text.Append(CultureInfo.InvariantCulture, $"x = {x:R}: actual {actual:R}, expected {expected:R}");
        text.Append(CultureInfo.InvariantCulture, $", {Ulp.Distance(actual, expected):G4} ulp, relative {Math.Abs(actual - expected) / Math.Abs(expected):G3}");
        return text.ToString();
    }
}
