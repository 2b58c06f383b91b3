using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Numerics.Kernels.Tests.Infrastructure;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Numerics.Kernels.Tests.Math (a namespace) would shadow System.Math here.
using Math = System.Math;

/// <summary>A point for a finite-difference check: a case, the first input x, the second input b (gated, PRelu) and which input to differentiate.</summary>
public sealed record DifferencePoint(int CaseIndex, double X, double B, int Direction)
{
    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{ActivationCases.All[CaseIndex].Id} at ({X:R}, {B:R}), ∂/∂input {Direction}");
}

/// <summary>A case with a seed and a length from which a test draws its arrays (so a failure replays exactly).</summary>
public sealed record KernelSample(int CaseIndex, int Seed, int Length)
{
    /// <inheritdoc/>
    public override string ToString() => $"{ActivationCases.All[CaseIndex].Id}, seed {Seed}, length {Length}";
}

/// <summary>FsCheck generators for the activation properties.</summary>
public static class ActivationArbitraries
{
    /// <summary>Points in [−30, 30] (second input in [−3, 3]) at a resolution of 1e-9.</summary>
    public static Arbitrary<DifferencePoint> DifferencePoints() =>
        (from c in Gen.Choose(0, ActivationCases.All.Count - 1)
         from whole in Gen.Choose(-30_000, 29_999)
         from fraction in Gen.Choose(0, 999_999)
         from b in Gen.Choose(-3_000_000, 3_000_000)
         from direction in Gen.Choose(0, 1)
         select new DifferencePoint(c, whole * 1e-3 + fraction * 1e-9, b * 1e-6, direction % ActivationCases.All[c].Arity)).ToArbitrary();

    /// <summary>Samples of every case with lengths 1..300 (tails, vector bodies and their joins).</summary>
    public static Arbitrary<KernelSample> KernelSamples() =>
        (from c in Gen.Choose(0, ActivationCases.All.Count - 1)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         from n in Gen.Choose(1, 300)
         select new KernelSample(c, seed, n)).ToArbitrary();
}

// Laws that hold whatever the exact values: derivatives agree with finite differences of the kernels themselves,
// JVP agrees with the backward product, monotone activations preserve order. Seeds are fixed (Replay) so a run is
// reproducible; change Replay to explore other draws.
public sealed class ActivationPropertyTests
{
    private const string Seed = "(20251129,1709)";

    /// <summary>
    /// The double Backward (gradient 1) against the fourth-order central difference
    /// (−f(x+2h) + 8f(x+h) − 8f(x−h) + f(x−2h))/(12h), h = 1e-3/max(1, |x|), of the double forward kernel. Truncation
    /// error is h⁴·f⁽⁵⁾/30; in the Gaussian tails (GELU) each derivative grows by about |x|, so h shrinks with 1/|x| to
    /// keep (h·|x|)⁴/30 near 1e-13. Rounding is about ε·Σ|f|/(12h); the bound is 1e-6 relative to max(|∂|, the size
    /// of the terms that cancel in ∂ near its root) plus four times that rounding. Points within 3h of a kink are skipped.
    /// </summary>
    [Property(Arbitrary = [typeof(ActivationArbitraries)], MaxTest = 3000, Replay = Seed)]
    public Property DoubleDerivativeMatchesFiniteDifferences(DifferencePoint p)
    {
        ActivationCase c = ActivationCases.All[p.CaseIndex];
        double at = p.Direction == 0 ? p.X : p.B;
        double h = 1e-3 / Math.Max(1, Math.Abs(at));
        bool nearKink = p.Direction == 0 && c.Kinks.Any(k => Math.Abs(p.X - k) < 3 * h);
        if (nearKink)
        {
            return true.Label("near a kink: skipped").Trivial(true);
        }

        double[] offsets = [-2 * h, -h, h, 2 * h];
        double[] a = offsets.Select(o => p.Direction == 0 ? p.X + o : p.X).Prepend(p.X).ToArray();
        double[] b = offsets.Select(o => p.Direction == 1 ? p.B + o : p.B).Prepend(p.B).ToArray();
        double[][] primal = c.Arity == 1 ? [a] : [a, b];
        double[] f = ActivationHarness.Run(c.Forward, primal, c.Scalars)[0];
        double derivative = ActivationHarness.Run(c.Backward, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Backward, primal, 0), c.Scalars)[p.Direction][0];

        double difference = (-f[4] + 8 * f[3] - 8 * f[2] + f[1]) / (12 * h);
        double rounding = double.Epsilon + 2.3e-16 * (Math.Abs(f[4]) + 8 * Math.Abs(f[3]) + 8 * Math.Abs(f[2]) + Math.Abs(f[1])) / (12 * h);
        double scale = Math.Max(Math.Abs(derivative), c.PartialScale(p.Direction, p.X, p.B, c.Scalars));
        double bound = 1e-6 * scale + 4 * rounding;
        return (Math.Abs(difference - derivative) <= bound).Label(
            string.Create(CultureInfo.InvariantCulture, $"{p}: backward {derivative:R}, finite difference {difference:R}, |diff| {Math.Abs(difference - derivative):G3} > bound {bound:G3}"));
    }

    /// <summary>
    /// One-input kernels: JVP(x, t) equals Backward(x, gradient = t) to 1 ulp (both are t·f′(x)). Two-input kernels:
    /// JVP(a, b, ta, tb) equals ta·∂a + tb·∂b, the partials taken from Backward with gradient 1, to 4 ulp of
    /// |ta·∂a| + |tb·∂b| (two products and a sum, each rounded once), plus (|ta| + |tb|) smallest normals where the
    /// partials are subnormal (the float contract allows that absolute error in each). Float and double.
    /// </summary>
    [Property(Arbitrary = [typeof(ActivationArbitraries)], MaxTest = 400, Replay = Seed)]
    public Property JvpEqualsBackwardProduct(KernelSample sample)
    {
        ActivationCase c = ActivationCases.All[sample.CaseIndex];
        Random random = new(sample.Seed);
        int n = sample.Length;
        float[][] primal = Enumerable.Range(0, c.Arity).Select(j => j == 0 ? NotHuge(random, n) : ActivationHarness.SecondSingle(random, n)).ToArray();
        float[][] tangents = Enumerable.Range(0, c.Arity).Select(_ => ActivationHarness.SecondSingle(random, n)).ToArray();
        double[][] dprimal = primal.Select(a => a.Select(v => (double)v).ToArray()).ToArray();
        double[][] dtangents = tangents.Select(a => a.Select(v => (double)v).ToArray()).ToArray();
        float[] s = c.ScalarsAsSingle;

        List<string> failures = [];
        float[] jvp = ActivationHarness.Run(c.Jvp, [.. primal, .. tangents], s)[0];
        double[] djvp = ActivationHarness.Run(c.Jvp, [.. dprimal, .. dtangents], c.Scalars)[0];
        if (c.Arity == 1)
        {
            float[] backward = ActivationHarness.Run(c.Backward, [primal[0], tangents[0]], s)[0];
            double[] dbackward = ActivationHarness.Run(c.Backward, [dprimal[0], dtangents[0]], c.Scalars)[0];
            for (int i = 0; i < n; i++)
            {
                if (!WithinUlps(jvp[i], backward[i], 1))
                {
                    failures.Add($"[{i}] float x = {primal[0][i]:R} t = {tangents[0][i]:R}: jvp {jvp[i]:R} backward {backward[i]:R}");
                }

                if (!WithinUlps(djvp[i], dbackward[i], 1))
                {
                    failures.Add($"[{i}] double x = {dprimal[0][i]:R} t = {dtangents[0][i]:R}: jvp {djvp[i]:R} backward {dbackward[i]:R}");
                }
            }
        }
        else
        {
            float[][] partials = ActivationHarness.Run(c.Backward, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Backward, primal, 0), s);
            double[][] dpartials = ActivationHarness.Run(c.Backward, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Backward, dprimal, 0), c.Scalars);
            for (int i = 0; i < n; i++)
            {
                double ta = tangents[0][i], tb = tangents[1][i];
                double expected = ta * partials[0][i] + tb * partials[1][i];
                double magnitude = Math.Abs(ta * partials[0][i]) + Math.Abs(tb * partials[1][i]);
                if (!FloatJvpMatches(jvp[i], expected, magnitude, Math.Abs(ta) + Math.Abs(tb)))
                {
                    failures.Add($"[{i}] float ({primal[0][i]:R}, {primal[1][i]:R}) t = ({ta:R}, {tb:R}): jvp {jvp[i]:R}, ta·∂a + tb·∂b {expected:R}");
                }

                double dta = dtangents[0][i], dtb = dtangents[1][i];
                double dexpected = dta * dpartials[0][i] + dtb * dpartials[1][i];
                double dmagnitude = Math.Abs(dta * dpartials[0][i]) + Math.Abs(dtb * dpartials[1][i]);
                if (!(Math.Abs(djvp[i] - dexpected) <= 4 * Ulp.OfDouble(dmagnitude) + (Math.Abs(dta) + Math.Abs(dtb)) * Ulp.SmallestNormalDouble))
                {
                    failures.Add($"[{i}] double ({dprimal[0][i]:R}, {dprimal[1][i]:R}) t = ({dta:R}, {dtb:R}): jvp {djvp[i]:R}, ta·∂a + tb·∂b {dexpected:R}");
                }
            }
        }

        return (failures.Count == 0).Label($"{sample}: {failures.Count} mismatches{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(8))}");
    }

    /// <summary>
    /// A float JVP against ta·∂a + tb·∂b held in double: within 4 ulp of the magnitude of the terms (plus the subnormal
    /// floor per unit of tangent). Where the sum rounds to ±∞ in float, exactly that infinity. Where only a term exceeds
    /// float's range (up near MaxValue times a large tangent), the float kernel's own product overflows first, so an
    /// infinity or NaN is accepted there as well as the finite value.
    /// </summary>
    private static bool FloatJvpMatches(float jvp, double expected, double magnitude, double tangents)
    {
        if (float.IsInfinity((float)expected))
        {
            return jvp == (float)expected;
        }

        if (Math.Abs(jvp - expected) <= 4 * Ulp.OfFloat(magnitude) + tangents * Ulp.SmallestNormalFloat)
        {
            return true;
        }

        return magnitude > float.MaxValue && !float.IsFinite(jvp);
    }

    /// <summary>
    /// Sorted inputs (every range, ±∞ included) give non-decreasing outputs for the monotone activations, float and
    /// double. Softplus is monotone on each side of its threshold only: PyTorch's definition switches from
    /// ln(1 + e^(βx))/β to x at βx = threshold, a drop of about e^(−threshold)/β (5e-5 for β = 2, threshold = 10), so
    /// pairs that straddle x = threshold/β are not compared.
    /// </summary>
    [Property(Arbitrary = [typeof(ActivationArbitraries)], MaxTest = 400, Replay = Seed)]
    public Property MonotoneActivationsPreserveOrder(KernelSample sample)
    {
        ActivationCase c = ActivationCases.All[sample.CaseIndex];
        if (!c.Monotone)
        {
            return true.Label("not monotone: skipped").Trivial(true);
        }

        Random random = new(sample.Seed);
        int n = sample.Length;
        float[] x = ActivationHarness.MixedSingle(random, n);
        x[random.Next(n)] = random.Next(2) == 0 ? float.NegativeInfinity : float.PositiveInfinity;
        Array.Sort(x);
        double[] dx = ActivationHarness.MixedDouble(random, n);
        Array.Sort(dx);
        float[] y = ActivationHarness.Run(c.Forward, [x], c.ScalarsAsSingle)[0];
        double[] dy = ActivationHarness.Run(c.Forward, [dx], c.Scalars)[0];
        double split = c.Definition == "Softplus" ? c.Scalars[1] / c.Scalars[0] : double.NaN;

        List<string> failures = [];
        for (int i = 1; i < n; i++)
        {
            if (Reversed(y[i - 1], y[i]) && !Straddles(x[i - 1], x[i], split))
            {
                failures.Add($"float f({x[i - 1]:R}) = {y[i - 1]:R} > f({x[i]:R}) = {y[i]:R}");
            }

            if (Reversed(dy[i - 1], dy[i]) && !Straddles(dx[i - 1], dx[i], split))
            {
                failures.Add($"double f({dx[i - 1]:R}) = {dy[i - 1]:R} > f({dx[i]:R}) = {dy[i]:R}");
            }
        }

        return (failures.Count == 0).Label($"{sample}:{Environment.NewLine}{string.Join(Environment.NewLine, failures.Take(8))}");
    }

    /// <summary>
    /// Consecutive floats and doubles around every interesting point: monotone activations never step down by more
    /// than rounding allows (see <see cref="Reversed(float, float)"/>).
    /// </summary>
    [Xunit.Fact]
    public void MonotoneActivationsAtConsecutiveValues()
    {
        List<string> failures = [];
        foreach (ActivationCase c in ActivationCases.All.Where(c => c.Monotone))
        {
            double split = c.Definition == "Softplus" ? c.Scalars[1] / c.Scalars[0] : double.NaN;
            foreach (double p in ActivationHarness.InterestingPoints.Concat([-88, -103.9, -104, -14, 9, 15.9, 20.1, -20]))
            {
                float[] x = new float[257];
                x[128] = (float)p;
                for (int i = 129; i < 257; i++)
                {
                    x[i] = MathF.BitIncrement(x[i - 1]);
                }

                for (int i = 127; i >= 0; i--)
                {
                    x[i] = MathF.BitDecrement(x[i + 1]);
                }

                double[] dx = new double[257];
                dx[128] = p;
                for (int i = 129; i < 257; i++)
                {
                    dx[i] = Math.BitIncrement(dx[i - 1]);
                }

                for (int i = 127; i >= 0; i--)
                {
                    dx[i] = Math.BitDecrement(dx[i + 1]);
                }

                float[] y = ActivationHarness.Run(c.Forward, [x], c.ScalarsAsSingle)[0];
                double[] dy = ActivationHarness.Run(c.Forward, [dx], c.Scalars)[0];
                for (int i = 1; i < x.Length; i++)
                {
                    if (Reversed(y[i - 1], y[i]) && !Straddles(x[i - 1], x[i], split))
                    {
                        failures.Add($"{c.Id} float f({x[i - 1]:R}) = {y[i - 1]:R} > f({x[i]:R}) = {y[i]:R}");
                    }

                    if (Reversed(dy[i - 1], dy[i]) && !Straddles(dx[i - 1], dx[i], split))
                    {
                        failures.Add($"{c.Id} double f({dx[i - 1]:R}) = {dy[i - 1]:R} > f({dx[i]:R}) = {dy[i]:R}");
                    }
                }
            }
        }

        Xunit.Assert.True(failures.Count == 0, $"{failures.Count} decreasing steps:{Environment.NewLine}{string.Join(Environment.NewLine, failures.GroupBy(f => f[..f.IndexOf(" f(", StringComparison.Ordinal)]).Select(g => $"{g.Key}: {g.Count()} steps, e.g. {g.First()}"))}");
    }

    /// <summary>
    /// An output order reversal larger than rounding allows. A correctly rounded monotone function never steps down,
    /// but a kernel within its error bound (4 ulp in float, 16 in double) may, by at most twice that bound between
    /// two inputs; anything larger is a real failure of monotonicity. NaN never passes.
    /// </summary>
    private static bool Reversed(float earlier, float later) =>
        !(earlier <= later) && !(earlier - later <= 8 * (MathF.BitIncrement(MathF.Abs(earlier)) - MathF.Abs(earlier)));

    private static bool Reversed(double earlier, double later) =>
        !(earlier <= later) && !(earlier - later <= 32 * (Math.BitIncrement(Math.Abs(earlier)) - Math.Abs(earlier)));

    private static bool Straddles(double a, double b, double split) => !double.IsNaN(split) && a <= split && b > split;

    private static float[] NotHuge(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ =>
        {
            int category = random.Next(ActivationHarness.Categories);
            return ActivationHarness.NextSingle(random, category == 5 ? 2 : category);
        }).ToArray();

    private static bool WithinUlps(float a, float b, double ulps) =>
        (float.IsNaN(a) && float.IsNaN(b)) || a == b || Math.Abs((double)a - b) <= ulps * Ulp.OfFloat(b);

    private static bool WithinUlps(double a, double b, double ulps) =>
        (double.IsNaN(a) && double.IsNaN(b)) || a == b || Math.Abs(a - b) <= ulps * Ulp.OfDouble(b);
}
