using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Numerics.Kernels;
using Numerics.Kernels.Tests.ActivationKernels;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>A draw for the random properties: an entry point, a scalar set of its definition, an element type, a seed and a length.</summary>
public sealed record ConformanceSample(int Entry, int CaseChoice, bool IsDouble, int Seed, int Length)
{
    public ElementwiseKernelInfo Info => Activations.Kernels[Entry];

    public ActivationCase Case
    {
        get
        {
            ActivationCase[] cases = ElementwiseConformance.CasesOf(Info);
            return cases[CaseChoice % cases.Length];
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Info.Name} ({Case.Id}, {(IsDouble ? "double" : "float")}), seed {Seed}, length {Length}";
}

/// <summary>FsCheck generators for the conformance properties.</summary>
public static class ConformanceArbitraries
{
    /// <summary>Every entry point, both element types, lengths 0..70 (half the draws) or 0..3000.</summary>
    public static Arbitrary<ConformanceSample> Samples() =>
        (from entry in Gen.Choose(0, Activations.Kernels.Count - 1)
         from choice in Gen.Choose(0, 1)
         from isDouble in Gen.Elements(false, true)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         from length in Gen.OneOf(Gen.Choose(0, 70), Gen.Choose(0, 3000))
         select new ConformanceSample(entry, choice, isDouble, seed, length)).ToArbitrary();
}

/// <summary>
/// The backend-agnostic conformance suite of the generated element-wise kernels (every entry point of
/// <c>Activations.Kernels</c>: forward, Backward, JVP; float and double). Written once against
/// <see cref="IElementwiseBackend"/>; each backend's test class (<see cref="CpuConformanceTests"/>,
/// <see cref="OpenCLConformanceTests"/>) declares the tests with its own run/skip policy and calls these. What is
/// checked: agreement with the double reference within the backend's <see cref="ConformanceBound"/> at lengths around
/// vector and work-group sizes; special values (NaN in gives NaN out, ±∞ gives the CPU's limits, ±0 and subnormals
/// within the bound); exact in-place use; and agreement between two backends within the sum of their bounds.
/// </summary>
public static class ElementwiseConformance
{
    /// <summary>0, 1, tails of the CPU's vectors, and both sides of the OpenCL work-group multiples (up to 256 work-items) up to a few thousand.</summary>
    public static IReadOnlyList<int> Lengths { get; } = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 33, 63, 64, 65, 127, 255, 256, 257, 511, 512, 513, 1023, 1025, 4099];

    /// <summary>±0, the smallest and largest subnormals, the smallest normal, ±1, ±MaxValue, ±∞, NaN (float).</summary>
    public static IReadOnlyList<float> SingleSpecials { get; } =
    [
        0f, -0f, float.Epsilon, -float.Epsilon, BitConverter.UInt32BitsToSingle(0x007FFFFF), -BitConverter.UInt32BitsToSingle(0x007FFFFF),
        1.17549435e-38f, -1.17549435e-38f, 1, -1, float.MaxValue, float.MinValue, float.PositiveInfinity, float.NegativeInfinity, float.NaN,
    ];

    /// <summary>The same special values in double.</summary>
    public static IReadOnlyList<double> DoubleSpecials { get; } =
    [
        0d, -0d, double.Epsilon, -double.Epsilon, BitConverter.UInt64BitsToDouble(0x000FFFFFFFFFFFFF), -BitConverter.UInt64BitsToDouble(0x000FFFFFFFFFFFFF),
        Ulp.SmallestNormalDouble, -Ulp.SmallestNormalDouble, 1, -1, double.MaxValue, double.MinValue, double.PositiveInfinity, double.NegativeInfinity, double.NaN,
    ];

    private static readonly double[] Ordinary = [0.75, -1.25, 2.5, -0.375];

    private const int ReportedFailures = 12;

    /// <summary>Every entry point name, as theory data.</summary>
    public static TheoryData<string> EntryPoints => ActivationCases.EntryPoints;

    /// <summary>The cases (scalar sets) of an entry point's definition.</summary>
    public static ActivationCase[] CasesOf(ElementwiseKernelInfo info) => ActivationCases.All.Where(c => c.Definition == info.Definition).ToArray();

    // ------------------------------------------------------------------ the properties

    /// <summary>Every scalar set of the definition, float and double, every length of <see cref="Lengths"/>: within the backend's bound of the reference.</summary>
    public static void MatchesTheReference(IElementwiseBackend backend, string entryPoint, ITestOutputHelper output)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(entryPoint);
        var failures = new Failures();
        int checkedCount = 0;
        foreach (ActivationCase c in CasesOf(info))
        {
            foreach (int n in Lengths)
            {
                checkedCount += CompareWithReference<float>(backend, info, c, ActivationHarness.Seed(info.Name + c.Id, n, 1), n, failures);
                if (backend.SupportsDouble)
                {
                    checkedCount += CompareWithReference<double>(backend, info, c, ActivationHarness.Seed(info.Name + c.Id, n, 2), n, failures);
                }
            }
        }

        ReportDoubleSupport(backend, output);
        failures.Assert($"{entryPoint} on {backend.Name}: {checkedCount} outputs checked against the reference");
    }

    /// <summary>A random draw of <see cref="ConformanceSample"/>: within the backend's bound of the reference.</summary>
    public static Property RandomSampleMatchesTheReference(IElementwiseBackend backend, ConformanceSample sample)
    {
        if (sample.IsDouble && !backend.SupportsDouble)
        {
            return true.Label("no double on this backend").Trivial(true);
        }

        var failures = new Failures();
        if (sample.IsDouble)
        {
            CompareWithReference<double>(backend, sample.Info, sample.Case, sample.Seed, sample.Length, failures);
        }
        else
        {
            CompareWithReference<float>(backend, sample.Info, sample.Case, sample.Seed, sample.Length, failures);
        }

        return failures.ToProperty($"{sample} on {backend.Name}");
    }

    /// <summary>
    /// Two backends on the same inputs agree within the sum of their bounds (each taken at the reference); NaN meets
    /// NaN and infinities match exactly.
    /// </summary>
    public static Property BackendsAgree(IElementwiseBackend first, IElementwiseBackend second, ConformanceSample sample)
    {
        if (sample.IsDouble && !(first.SupportsDouble && second.SupportsDouble))
        {
            return true.Label("no double on one backend").Trivial(true);
        }

        var failures = new Failures();
        if (sample.IsDouble)
        {
            CompareBackends<double>(first, second, sample, failures);
        }
        else
        {
            CompareBackends<float>(first, second, sample, failures);
        }

        return failures.ToProperty($"{sample}: {first.Name} against {second.Name}");
    }

    /// <summary>
    /// Special values in every input (one input at a time, the others ordinary; and every pair of special values in the
    /// primal inputs of two-input kernels, gradient or tangents 1): NaN gives NaN, ±∞ gives the reference's limits
    /// (those the CPU path gives), finite special values (±0, subnormals, ±MaxValue) are held to the bound.
    /// </summary>
    public static void SpecialValues(IElementwiseBackend backend, string entryPoint, ITestOutputHelper output)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(entryPoint);
        ActivationCase c = ActivationCases.Defaults[info.Definition];
        var failures = new Failures();
        foreach (float[][] inputs in SpecialInputs(info, c, SingleSpecials.ToArray(), v => (float)v))
        {
            Compare(backend, info, c, inputs, c.ScalarsAsSingle, failures);
        }

        if (backend.SupportsDouble)
        {
            foreach (double[][] inputs in SpecialInputs(info, c, DoubleSpecials.ToArray(), v => v))
            {
                Compare(backend, info, c, inputs, c.Scalars, failures);
            }
        }

        ReportDoubleSupport(backend, output);
        failures.Assert($"{entryPoint} on {backend.Name} at special values");
    }

    /// <summary>
    /// Output k written over input j (for every j, and every output k), exactly in place, gives bit for bit what the
    /// same backend gives out of place.
    /// </summary>
    public static void InPlaceMatchesOutOfPlace(IElementwiseBackend backend, string entryPoint)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(entryPoint);
        ActivationCase c = ActivationCases.Defaults[info.Definition];
        foreach (int n in new[] { 1, 257, 1025 })
        {
            InPlace<float>(backend, info, c, n);
            if (backend.SupportsDouble)
            {
                InPlace<double>(backend, info, c, n);
            }
        }
    }

    // ------------------------------------------------------------------ implementation

    private static void InPlace<T>(IElementwiseBackend backend, ElementwiseKernelInfo info, ActivationCase c, int n)
        where T : unmanaged
    {
        T[][] inputs = RandomInputs<T>(info, c, ActivationHarness.Seed(info.Name, n, 3), n);
        T[] scalars = Scalars<T>(c);
        T[][] expected = backend.Run(info, inputs, scalars);
        for (int k = 0; k < info.Outputs.Count; k++)
        {
            for (int j = 0; j < info.Inputs.Count; j++)
            {
                T[][] copy = inputs.Select(a => (T[])a.Clone()).ToArray();
                int[] aliases = info.Outputs.Select((_, o) => o == k ? j : -1).ToArray();
                T[][] actual = backend.RunInPlace(info, copy, scalars, aliases);
                for (int o = 0; o < expected.Length; o++)
                {
                    Assert.True(
                        expected[o].SequenceEqual(actual[o]),
                        $"{info.Name} ({typeof(T).Name}, n = {n}) on {backend.Name} with {info.Outputs[k]} written over {info.Inputs[j]}: {info.Outputs[o]} differs from out of place at [{FirstDifference(expected[o], actual[o])}].");
                }

                for (int other = 0; other < inputs.Length; other++)
                {
                    Assert.True(other == j || inputs[other].SequenceEqual(copy[other]), $"{info.Name}: input {info.Inputs[other]} changed.");
                }
            }
        }
    }

    private static int FirstDifference<T>(T[] a, T[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            if (!EqualityComparer<T>.Default.Equals(a[i], b[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static int CompareWithReference<T>(IElementwiseBackend backend, ElementwiseKernelInfo info, ActivationCase c, int seed, int n, Failures failures)
        where T : unmanaged
    {
        T[][] inputs = RandomInputs<T>(info, c, seed, n);
        return Compare(backend, info, c, inputs, Scalars<T>(c), failures);
    }

    private static int Compare<T>(IElementwiseBackend backend, ElementwiseKernelInfo info, ActivationCase c, T[][] inputs, T[] scalars, Failures failures)
        where T : unmanaged
    {
        bool isFloat = typeof(T) == typeof(float);
        double[] s = scalars.Select(ToDouble).ToArray();
        T[][] outputs = backend.Run(info, inputs, scalars);
        int n = inputs[0].Length;
        for (int i = 0; i < n; i++)
        {
            double[] x = inputs.Select(a => ToDouble(a[i])).ToArray();
            for (int k = 0; k < outputs.Length; k++)
            {
                var point = new ConformancePoint(info, c, x, s, k);
                if (backend.Bound.Check(point, ToDouble(outputs[k][i]), isFloat) is { } failure)
                {
                    failures.Add($"{typeof(T).Name} n = {n} [{i}] {failure}");
                }
            }
        }

        return n * outputs.Length;
    }

    private static void CompareBackends<T>(IElementwiseBackend first, IElementwiseBackend second, ConformanceSample sample, Failures failures)
        where T : unmanaged
    {
        bool isFloat = typeof(T) == typeof(float);
        ElementwiseKernelInfo info = sample.Info;
        ActivationCase c = sample.Case;
        T[][] inputs = RandomInputs<T>(info, c, sample.Seed, sample.Length);
        T[] scalars = Scalars<T>(c);
        double[] s = scalars.Select(ToDouble).ToArray();
        T[][] a = first.Run(info, inputs, scalars);
        T[][] b = second.Run(info, inputs, scalars);
        for (int i = 0; i < sample.Length; i++)
        {
            double[] x = inputs.Select(v => ToDouble(v[i])).ToArray();
            for (int k = 0; k < a.Length; k++)
            {
                double va = ToDouble(a[k][i]), vb = ToDouble(b[k][i]);
                if (va.Equals(vb))
                {
                    continue;
                }

                var point = new ConformancePoint(info, c, x, s, k);
                (double expected, double ta) = first.Bound.At(point, isFloat);
                (_, double tb) = second.Bound.At(point, isFloat);
                bool ok = double.IsFinite(va) && double.IsFinite(vb) && Math.Abs(va - vb) <= ta + tb
                    && ConformanceBound.Meets(va, expected, double.PositiveInfinity, isFloat) && ConformanceBound.Meets(vb, expected, double.PositiveInfinity, isFloat);
                if (!ok)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}] {point}: {first.Name} {va:R}, {second.Name} {vb:R}, |difference| {Math.Abs(va - vb):G4} > {ta:G4} + {tb:G4}"));
                }
            }
        }
    }

    /// <summary>Primal inputs from every range (ActivationHarness's categories), second inputs and gradients/tangents mostly in [−2, 2], sometimes 0, ±1 or up to 1e±10.</summary>
    private static T[][] RandomInputs<T>(ElementwiseKernelInfo info, ActivationCase c, int seed, int n)
        where T : unmanaged
    {
        var random = new Random(seed);
        bool isFloat = typeof(T) == typeof(float);
        return info.Inputs.Select((_, j) =>
        {
            double[] values = j == 0
                ? (isFloat ? ActivationHarness.MixedSingle(random, n).Select(v => (double)v).ToArray() : ActivationHarness.MixedDouble(random, n))
                : ActivationHarness.SecondDouble(random, n);
            return values.Select(FromDouble<T>).ToArray();
        }).ToArray();
    }

    private static IEnumerable<T[][]> SpecialInputs<T>(ElementwiseKernelInfo info, ActivationCase c, T[] specials, Func<double, T> convert)
    {
        // One input special at a time; the element at i pairs special value i mod 15 with ordinary value (i / 15) mod 4,
        // in arrays long enough (181) to cross a 64-element work-group boundary.
        int n = (specials.Length * Ordinary.Length * 3) + 1;
        for (int slot = 0; slot < info.Inputs.Count; slot++)
        {
            yield return info.Inputs.Select((_, j) => Enumerable.Range(0, n).Select(i =>
                j == slot ? specials[i % specials.Length] : convert(OrdinaryFor(c, j, (i / specials.Length) + j))).ToArray()).ToArray();
        }

        // Every pair of special values in the two primal inputs of gated kernels and PRelu, gradient/tangents 1.
        if (c.Arity == 2)
        {
            int m = specials.Length * specials.Length;
            yield return info.Inputs.Select((_, j) => Enumerable.Range(0, m).Select(i =>
                j == 0 ? specials[i % specials.Length] : j == 1 ? specials[i / specials.Length] : convert(1)).ToArray()).ToArray();
        }
    }

    private static double OrdinaryFor(ActivationCase c, int input, int i)
    {
        if (c.Arity == 2 && input == 1)
        {
            return c.Definition == "PRelu" ? 0.25 : 1;
        }

        return Ordinary[i % Ordinary.Length];
    }

    private static T[] Scalars<T>(ActivationCase c) => c.Scalars.Select(FromDouble<T>).ToArray();

    private static T FromDouble<T>(double value) => typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

    private static double ToDouble<T>(T value) => value is float f ? f : (double)(object)value!;

    private static void ReportDoubleSupport(IElementwiseBackend backend, ITestOutputHelper output)
    {
        if (!backend.SupportsDouble)
        {
            output.WriteLine($"{backend.Name} has no double support: only the float entry points were checked (the double ones are refused, see LauncherErrorTests).");
        }
    }

    private sealed class Failures
    {
        private readonly List<string> _first = [];

        public int Count { get; private set; }

        public void Add(string failure)
        {
            if (Count++ < ReportedFailures)
            {
                _first.Add(failure);
            }
        }

        public void Assert(string what) =>
            Xunit.Assert.True(Count == 0, $"{what}: {Count} outside the bound:{Environment.NewLine}{string.Join(Environment.NewLine, _first)}");

        public Property ToProperty(string what) =>
            (Count == 0).Label($"{what}: {Count} outside the bound:{Environment.NewLine}{string.Join(Environment.NewLine, _first)}");
    }
}
