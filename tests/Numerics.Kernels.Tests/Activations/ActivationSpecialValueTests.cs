using System;
using System.Linq;
using Numerics.Kernels.Tests.Infrastructure;
using Numerics.Kernels.Tests.Reference;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Numerics.Kernels.Tests.Math (a namespace) would shadow System.Math here.
using Math = System.Math;

// ±0, the smallest and largest subnormals, the smallest normal, ±1, ±MaxValue, ±∞ and NaN, cycled through arrays of
// length 1..70 at every offset so each value reaches every lane of the vector bodies and the scalar tail. At ±∞ the
// value and the derivative must be the limits of ActivationReference.Limits; NaN in any tensor input must give NaN in
// every output; finite special values are held to the accuracy bound. Cases run at default parameters (those of the
// Limits table); gated kernels and PRelu get up = 1 / slope = 0.25 beside a special gate / x, and the special values
// also go into the second input and into the gradient and tangents.
public sealed class ActivationSpecialValueTests
{
    private const int MaxLength = 70;

    private static readonly float[] SingleSpecials =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, BitConverter.UInt32BitsToSingle(0x007FFFFF), -BitConverter.UInt32BitsToSingle(0x007FFFFF),
        1.17549435e-38f, -1.17549435e-38f, 1, -1, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
    ];

    private static readonly double[] DoubleSpecials =
    [
        0d, -0d, double.Epsilon, -double.Epsilon, BitConverter.UInt64BitsToDouble(0x000FFFFFFFFFFFFF), -BitConverter.UInt64BitsToDouble(0x000FFFFFFFFFFFFF),
        Ulp.SmallestNormalDouble, -Ulp.SmallestNormalDouble, 1, -1, double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    // Ordinary values for the inputs that do not carry the special value.
    private static readonly double[] Ordinary = [0.75, -1.25, 2.5, -0.375];

    [Theory]
    [MemberData(nameof(ActivationCases.Definitions), MemberType = typeof(ActivationCases))]
    public void LimitsAtInfinity(string definition)
    {
        ActivationCase c = ActivationCases.Defaults[definition];
        ActivationLimits limits = ActivationReference.Limits[definition];
        double secondDefault = definition == "PRelu" ? ActivationReference.DefaultPReluSlope : 1;
        foreach ((double x, double value, double derivative) in new[]
        {
            (double.NegativeInfinity, limits.ValueAtNegativeInfinity, limits.DerivativeAtNegativeInfinity),
            (double.PositiveInfinity, limits.ValueAtPositiveInfinity, limits.DerivativeAtPositiveInfinity),
        })
        {
            foreach (int n in new[] { 1, 3, 8, 17, 33, 70 })
            {
                float[][] ps = c.Arity == 1 ? [Fill((float)x, n)] : [Fill((float)x, n), Fill((float)secondDefault, n)];
                double[][] pd = c.Arity == 1 ? [Fill(x, n)] : [Fill(x, n), Fill(secondDefault, n)];
                float[] fs = ActivationHarness.Run(c.Forward, ps, c.ScalarsAsSingle)[0];
                float[] bs = ActivationHarness.Run(c.Backward, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Backward, ps, 0), c.ScalarsAsSingle)[0];
                double[] fd = ActivationHarness.Run(c.Forward, pd, c.Scalars)[0];
                double[] bd = ActivationHarness.Run(c.Backward, ActivationHarness.DerivativeInputs(ElementwiseKernelKind.Backward, pd, 0), c.Scalars)[0];
                for (int i = 0; i < n; i++)
                {
                    AssertLimit(value, fs[i], $"{c.Forward.Name}(float) at {x}, n = {n}, [{i}]");
                    AssertLimit(derivative, bs[i], $"{c.Backward.Name}(float) ∂/∂{c.Forward.Inputs[0]} at {x}, n = {n}, [{i}]");
                    AssertLimit(value, fd[i], $"{c.Forward.Name}(double) at {x}, n = {n}, [{i}]");
                    AssertLimit(derivative, bd[i], $"{c.Backward.Name}(double) ∂/∂{c.Forward.Inputs[0]} at {x}, n = {n}, [{i}]");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void SingleSpecialValuesInEveryInputAtEveryPosition(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        ActivationCase c = ActivationCases.Defaults[info.Definition];
        float[] scalars = c.ScalarsAsSingle;
        double[] s = c.SingleScalars;
        AccuracyLog log = new($"{name} (float) at special values:");
        for (int slot = 0; slot < info.Inputs.Count; slot++)
        {
            for (int n = 1; n <= MaxLength; n++)
            {
                foreach (int shift in Shifts(n, SingleSpecials.Length))
                {
                    float[][] inputs = new float[info.Inputs.Count][];
                    for (int j = 0; j < inputs.Length; j++)
                    {
                        inputs[j] = j == slot
                            ? Enumerable.Range(0, n).Select(i => SingleSpecials[(i + shift) % SingleSpecials.Length]).ToArray()
                            : Enumerable.Range(0, n).Select(i => (float)OrdinaryFor(info, c, j, i + shift)).ToArray();
                    }

                    float[][] outputs = ActivationHarness.Run(info, inputs, scalars);
                    for (int i = 0; i < n; i++)
                    {
                        int at = i;
                        double[] x = new double[inputs.Length];
                        for (int j = 0; j < x.Length; j++)
                        {
                            x[j] = inputs[j][i];
                        }

                        for (int k = 0; k < outputs.Length; k++)
                        {
                            double expected = Expected(info, c, x, s, k);
                            float actual = outputs[k][i];
                            bool ok = double.IsNaN(expected)
                                ? float.IsNaN(actual)
                                : Tolerance.Check(actual, expected, ActivationAccuracyTests.SingleMaxUlp);
                            log.Add(Label(info, k, slot), ok, Ulp.Distance(actual, expected), () => ToleranceAssert.Describe(at, inputs.Select(a => a[at]).ToArray(), actual, expected));
                        }
                    }
                }
            }
        }

        log.Finish(null);
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void DoubleSpecialValuesInEveryInputAtEveryPosition(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        ActivationCase c = ActivationCases.Defaults[info.Definition];
        double[] s = c.Scalars;
        AccuracyLog log = new($"{name} (double) at special values:");
        for (int slot = 0; slot < info.Inputs.Count; slot++)
        {
            for (int n = 1; n <= MaxLength; n++)
            {
                foreach (int shift in Shifts(n, DoubleSpecials.Length))
                {
                    double[][] inputs = new double[info.Inputs.Count][];
                    for (int j = 0; j < inputs.Length; j++)
                    {
                        inputs[j] = j == slot
                            ? Enumerable.Range(0, n).Select(i => DoubleSpecials[(i + shift) % DoubleSpecials.Length]).ToArray()
                            : Enumerable.Range(0, n).Select(i => OrdinaryFor(info, c, j, i + shift)).ToArray();
                    }

                    double[][] outputs = ActivationHarness.Run(info, inputs, s);
                    for (int i = 0; i < n; i++)
                    {
                        int at = i;
                        double[] x = new double[inputs.Length];
                        for (int j = 0; j < x.Length; j++)
                        {
                            x[j] = inputs[j][i];
                        }

                        for (int k = 0; k < outputs.Length; k++)
                        {
                            double expected = Expected(info, c, x, s, k);
                            double actual = outputs[k][i];
                                                        (bool ok, double error) = double.IsNaN(expected)
                                ? (double.IsNaN(actual), double.IsNaN(actual) ? 0 : double.PositiveInfinity)
                                : ActivationAccuracyTests.CheckDoubleAtScale(actual, expected, Scale(info, c, x, s, k));
                            log.Add(Label(info, k, slot), ok, error, () => ToleranceAssert.Describe(at, x, actual, expected));
                        }
                    }
                }
            }
        }

        log.Finish(null);
    }

    // Every rotation of the special values for short arrays (each value at each position); three for longer ones,
    // where the values already recur every 15 elements across the vector body and the tail.
    private static int[] Shifts(int n, int count) => n <= 20 ? Enumerable.Range(0, count).ToArray() : [0, 1, 7];

    private static string Label(ElementwiseKernelInfo info, int output, int slot) => $"{info.Name}[{info.Outputs[output]}], special in {info.Inputs[slot]}";

    /// <summary>
    /// The reference for output <paramref name="k"/> of an entry point at inputs <paramref name="x"/>, composed in double
    /// with IEEE rules: Backward = gradient·∂ⱼ, JVP = Σ tangentⱼ·∂ⱼ (so 0·∞ in a term gives NaN, as it must). A NaN in
    /// any tensor input is NaN in every output, whatever the composition gives.
    /// </summary>
    private static double Expected(ElementwiseKernelInfo info, ActivationCase c, double[] x, double[] s, int k)
    {
        if (x.Any(double.IsNaN))
        {
            return double.NaN;
        }

        double a = x[0];
        double b = c.Arity == 2 ? x[1] : 0;
        return info.Kind switch
        {
            ElementwiseKernelKind.Forward => c.Value(a, b, s),
            ElementwiseKernelKind.Backward => x[c.Arity] * Partial(c, k, a, b, s),
            _ => Enumerable.Range(0, c.Arity).Sum(j => x[c.Arity + j] * Partial(c, j, a, b, s)),
        };
    }

    // Size of the terms that cancel in a derivative output (see ActivationCase.PartialScale), times |gradient| or |tangent|.
    private static double Scale(ElementwiseKernelInfo info, ActivationCase c, double[] x, double[] s, int k)
    {
        double a = x[0];
        double b = c.Arity == 2 ? x[1] : 0;
        return info.Kind switch
        {
            ElementwiseKernelKind.Forward => Math.Abs(c.Value(a, b, s)),
            ElementwiseKernelKind.Backward => Math.Abs(x[c.Arity]) * c.PartialScale(k, a, b, s),
            _ => Enumerable.Range(0, c.Arity).Sum(j => Math.Abs(x[c.Arity + j]) * c.PartialScale(j, a, b, s)),
        };
    }

    // The reference partials already take their limits at ±∞ (LimitsAtInfinity checks that against the table).
    private static double Partial(ActivationCase c, int j, double a, double b, double[] s) => c.Partials[j](a, b, s);

    private static double OrdinaryFor(ElementwiseKernelInfo info, ActivationCase c, int input, int i)
    {
        // The second primal input of PRelu (slope) and of the gated kernels (up) at its default, gradients/tangents
        // and other primal inputs from a few ordinary values.
        if (c.Arity == 2 && input == 1)
        {
            return c.Definition == "PRelu" ? ActivationReference.DefaultPReluSlope : 1;
        }

        return input >= c.Arity ? Ordinary[i % Ordinary.Length] : Ordinary[(i + 1) % Ordinary.Length];
    }

    private static void AssertLimit(double limit, double actual, string what)
    {
        bool ok = double.IsInfinity(limit)
            ? actual == limit
            : Ulp.Distance(actual, limit) <= 1;
        Assert.True(ok, $"{what}: expected the limit {limit:R}, got {actual:R}");
    }

    private static void AssertLimit(double limit, float actual, string what)
    {
        // A finite limit rounded to float (LeakyRelu's 0.01, SELU's −λα) is within half an ulp of it.
        bool ok = double.IsInfinity(limit)
            ? actual == limit
            : Ulp.Distance(actual, limit) <= 0.5;
        Assert.True(ok, $"{what}: expected the limit {limit:R}, got {actual:R}");
    }

    private static float[] Fill(float v, int n) => Enumerable.Repeat(v, n).ToArray();

    private static double[] Fill(double v, int n) => Enumerable.Repeat(v, n).ToArray();
}
