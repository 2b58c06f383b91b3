using System;
using System.Collections.Generic;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Numerics.Kernels.Tests.Math (a namespace) would shadow System.Math here.
using Math = System.Math;

// Every activation, its Backward (gradient 1 gives the partials) and its JVP (tangent 1 for one input, 0 for the
// other gives that partial) against the double reference, over pseudo-random inputs from every range of
// ActivationHarness.NextSingle/NextDouble, at every length of TestLengths.Small (each length a different draw, so
// every range reaches both the vector bodies and the scalar tails).
public sealed class ActivationAccuracyTests(ITestOutputHelper output)
{
    /// <summary>The float contract of <c>Activations</c>: 4 ulp where the true result is normal, one smallest normal of absolute error elsewhere.</summary>
    public const double SingleMaxUlp = 4;

    /// <summary>
    /// The double bound: 16 double ulp of max(|expected|, scale). The reference itself errs by up to a few double ulp
    /// (1e-15 relative, ~5 ulp, in erfc's tail, which Gelu's left tail uses), so a tighter bound would measure the
    /// reference; the kernels measured at most 11 ulp (Swish and its derivative; Mish′ 10, Silu′ 6). For derivatives of product forms f = x·g(x) (GELU, SiLU,
    /// Swish, Mish, HardSwish, the gated kernels' ∂/∂gate) the scale is max(|∂f|, |g|·|up|): near the root of ∂f the
    /// two terms g and x·g′ cancel, the double reference is only accurate to a few ulp of |g| there, and no
    /// evaluation can be accurate relative to the tiny result. Elsewhere the scale is |expected| itself.
    /// </summary>
    public const double DoubleMaxUlp = 16;

    [Theory]
    [MemberData(nameof(ActivationCases.Ids), MemberType = typeof(ActivationCases))]
    public void SingleMatchesReference(string id)
    {
        ActivationCase c = ActivationCases.ById[id];
        AccuracyLog log = new($"{id} (float) against the double reference, {SingleMaxUlp} ulp:");
        foreach (int n in TestLengths.Small)
        {
            CheckSingle(c, n, log);
        }

        log.Finish(output);
    }

    [Theory]
    [MemberData(nameof(ActivationCases.Ids), MemberType = typeof(ActivationCases))]
    public void DoubleMatchesReference(string id)
    {
        ActivationCase c = ActivationCases.ById[id];
        AccuracyLog log = new($"{id} (double) against the double reference, {DoubleMaxUlp} ulp at scale:");
        foreach (int n in TestLengths.Small)
        {
            CheckDouble(c, n, log);
        }

        log.Finish(output);
    }

    // Two cheap kernels over every length of TestLengths.All.
    [Theory]
    [InlineData("Relu")]
    [InlineData("Sigmoid")]
    public void CheapKernelsMatchReferenceAtEveryLength(string id)
    {
        ActivationCase c = ActivationCases.ById[id];
        AccuracyLog single = new($"{id} (float), every length:");
        AccuracyLog dbl = new($"{id} (double), every length:");
        foreach (int n in TestLengths.All)
        {
            CheckSingle(c, n, single);
            CheckDouble(c, n, dbl);
        }

        single.Finish(null);
        dbl.Finish(null);
    }

    private static void CheckSingle(ActivationCase c, int n, AccuracyLog log)
    {
        Random random = new(ActivationHarness.Seed(c.Id, n, 1));
        float[][] primal = c.Arity == 1
            ? [ActivationHarness.MixedSingle(random, n)]
            : [ActivationHarness.MixedSingle(random, n), ActivationHarness.SecondSingle(random, n)];
        float[] scalars = c.ScalarsAsSingle;
        double[] s = c.SingleScalars;

        float[] value = ActivationHarness.Run(c.Forward, primal, scalars)[0];
        float[][] backward = ActivationHarness.Run(c.Backward, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Backward, primal, 0), scalars);
        List<(string Name, float[] Actual, int Partial)> outputs = [(c.Forward.Name, value, -1)];
        for (int j = 0; j < c.Arity; j++)
        {
            outputs.Add(($"{c.Backward.Name}[{c.Backward.Outputs[j]}]", backward[j], j));
            float[] jvp = ActivationHarness.Run(c.Jvp, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Jvp, primal, j), scalars)[0];
            outputs.Add(($"{c.Jvp.Name}[{c.Jvp.Inputs[c.Arity + j]} = 1]", jvp, j));
        }

        for (int i = 0; i < n; i++)
        {
            double a = primal[0][i];
            double b = c.Arity == 2 ? primal[1][i] : 0;
            float[] inputs = c.Arity == 1 ? [primal[0][i]] : [primal[0][i], primal[1][i]];
            foreach ((string name, float[] actual, int partial) in outputs)
            {
                double expected = partial < 0 ? c.Value(a, b, s) : c.Partials[partial](a, b, s);
                bool ok = Tolerance.Check(actual[i], expected, SingleMaxUlp);
                log.Add(name, ok, Ulp.Distance(actual[i], expected), i, inputs, actual[i], expected);
            }
        }
    }

    private static void CheckDouble(ActivationCase c, int n, AccuracyLog log)
    {
        Random random = new(ActivationHarness.Seed(c.Id, n, 2));
        double[][] primal = c.Arity == 1
            ? [ActivationHarness.MixedDouble(random, n)]
            : [ActivationHarness.MixedDouble(random, n), ActivationHarness.SecondDouble(random, n)];
        double[] s = c.Scalars;

        double[] value = ActivationHarness.Run(c.Forward, primal, s)[0];
        double[][] backward = ActivationHarness.Run(c.Backward, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Backward, primal, 0), s);
        List<(string Name, double[] Actual, int Partial)> outputs = [(c.Forward.Name, value, -1)];
        for (int j = 0; j < c.Arity; j++)
        {
            outputs.Add(($"{c.Backward.Name}[{c.Backward.Outputs[j]}]", backward[j], j));
            double[] jvp = ActivationHarness.Run(c.Jvp, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Jvp, primal, j), s)[0];
            outputs.Add(($"{c.Jvp.Name}[{c.Jvp.Inputs[c.Arity + j]} = 1]", jvp, j));
        }

        for (int i = 0; i < n; i++)
        {
            double a = primal[0][i];
            double b = c.Arity == 2 ? primal[1][i] : 0;
            double[] inputs = c.Arity == 1 ? [a] : [a, b];
            foreach ((string name, double[] actual, int partial) in outputs)
            {
                double expected = partial < 0 ? c.Value(a, b, s) : c.Partials[partial](a, b, s);
                double scale = partial < 0 ? Math.Abs(expected) : c.PartialScale(partial, a, b, s);
                (bool ok, double error) = CheckDoubleAtScale(actual[i], expected, scale);
                log.Add(name, ok, error, i, inputs, actual[i], expected);
            }
        }
    }

    /// <summary>
    /// |actual − expected| ≤ <see cref="DoubleMaxUlp"/> double ulp of max(|expected|, scale), or one smallest normal
    /// double of absolute error where that magnitude is subnormal; NaN must meet NaN and infinities must match.
    /// </summary>
    public static (bool Ok, double Error) CheckDoubleAtScale(double actual, double expected, double scale)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            double d = Ulp.Distance(actual, expected);
            return (d == 0, d);
        }

        // Where the magnitude is subnormal the error is reported as a fraction of the absolute floor, scaled so that
        // it meets the bound exactly where the floor does.
        double magnitude = Math.Max(Math.Abs(expected), scale);
        double error = magnitude >= Ulp.SmallestNormalDouble
            ? Math.Abs(actual - expected) / Ulp.OfDouble(magnitude)
            : Math.Abs(actual - expected) / Ulp.SmallestNormalDouble * DoubleMaxUlp;
        return (error <= DoubleMaxUlp, error);
    }
}
