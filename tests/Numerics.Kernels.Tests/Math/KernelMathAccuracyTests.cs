using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck.Xunit;
using Xunit;
using Xunit.Abstractions;
using static Numerics.Kernels.Tests.MathRuntime.MathTestSupport;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>
/// Error bounds of the KernelMath transcendental functions, in ulps, at every width: against mpmath
/// tables (MathReference.Data.cs), a dense sweep of the float range, and random inputs.
/// </summary>
public sealed class KernelMathAccuracyTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> FunctionsAndWidths()
    {
        var data = new TheoryData<string, string>();
        foreach (SingleFunction f in Singles)
        {
            foreach (string width in Widths)
            {
                data.Add(f.Name, width);
            }
        }

        return data;
    }

    public static TheoryData<string> Functions()
    {
        var data = new TheoryData<string>();
        foreach (SingleFunction f in Singles)
        {
            data.Add(f.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(FunctionsAndWidths))]
    public void DoubleMatchesMpmathTable(string name, string width)
    {
        double[] table = MathReference.Table(name + "Double");
        double[] xs = Enumerable.Range(0, table.Length / 3).Select(i => table[3 * i]).ToArray();
        double[] results = Apply(Double(name), width, xs);
        (double worst, double at) = (0, 0);
        for (int i = 0; i < xs.Length; i++)
        {
            double error = UlpErrorDouble(results[i], table[3 * i + 1], table[3 * i + 2]);
            if (!(error <= worst))
            {
                (worst, at) = (error, xs[i]);
            }
        }

        output.WriteLine($"{name} double {width}: max {worst:G3} ulp at x = {at:R}");
        Assert.True(worst <= DoubleBound, $"{name}({at:R}) at width {width} is off by {worst:G3} ulp.");
    }

    [Theory]
    [MemberData(nameof(FunctionsAndWidths))]
    public void SingleMatchesMpmathTable(string name, string width)
    {
        double[] table = MathReference.Table(name + "Single");
        float[] xs = Enumerable.Range(0, table.Length / 3).Select(i => (float)table[3 * i]).ToArray();
        float[] results = Apply(Single(name), width, xs);
        (double worst, float at) = (0, 0);
        for (int i = 0; i < xs.Length; i++)
        {
            double error = UlpErrorSingle(results[i], table[3 * i + 1], table[3 * i + 2]);
            if (!(error <= worst))
            {
                (worst, at) = (error, xs[i]);
            }
        }

        output.WriteLine($"{name} float {width}: max {worst:G3} ulp at x = {at:R}");
        Assert.True(worst <= SingleBound(name), $"{name}({at:R}) at width {width} is off by {worst:G3} ulp.");
    }

    /// <summary>About 215 000 floats spread over every binade (both signs, subnormals, ±∞, NaN).</summary>
    private static readonly float[] Sweep = BuildSweep();

    private static float[] BuildSweep()
    {
        var xs = new List<float>();
        for (ulong bits = 0; bits <= uint.MaxValue; bits += 19_997)
        {
            xs.Add(BitConverter.UInt32BitsToSingle((uint)bits));
        }

        return xs.ToArray();
    }

    private static readonly Dictionary<string, double[]> SweepReference = Singles.ToDictionary(
        f => f.Name, f => Sweep.Select(x => SingleReference(f.Name, x)).ToArray());

    [Theory]
    [MemberData(nameof(FunctionsAndWidths))]
    public void SingleSweepWithinBound(string name, string width)
    {
        double[] reference = SweepReference[name];
        float[] results = Apply(Single(name), width, Sweep);
        (double worst, float at) = (0, 0);
        for (int i = 0; i < Sweep.Length; i++)
        {
            double error = UlpErrorSingle(results[i], reference[i]);
            if (!(error <= worst))
            {
                (worst, at) = (error, Sweep[i]);
            }
        }

        output.WriteLine($"{name} float sweep {width}: max {worst:G3} ulp at x = {at:R}");
        Assert.True(worst <= SingleBound(name), $"{name}({at:R}) at width {width} is off by {worst:G3} ulp.");
    }

    /// <summary>
    /// Every 199th float (both signs) where the function does its work: from where it stops returning
    /// 1 or x to where it overflows, underflows or saturates.
    /// </summary>
    [Theory]
    [InlineData("Exp", 1.4901161E-08f, 110f, "512")]
    [InlineData("Exp", 1.4901161E-08f, 110f, "scalar")]
    [InlineData("Tanh", 6.1035156E-05f, 9.5f, "512")]
    [InlineData("Tanh", 6.1035156E-05f, 9.5f, "scalar")]
    public void SingleDenseSweepWithinBound(string name, float lowest, float highest, string width)
    {
        uint first = BitConverter.SingleToUInt32Bits(lowest), last = BitConverter.SingleToUInt32Bits(highest);
        var xs = new List<float>();
        for (uint bits = first; bits <= last; bits += 199)
        {
            xs.Add(BitConverter.UInt32BitsToSingle(bits));
            xs.Add(-BitConverter.UInt32BitsToSingle(bits));
        }

        float[] inputs = xs.ToArray();
        float[] results = Apply(Single(name), width, inputs);
        (double worst, float at) = (0, 0);
        for (int i = 0; i < inputs.Length; i++)
        {
            double error = UlpErrorSingle(results[i], SingleReference(name, inputs[i]));
            if (!(error <= worst))
            {
                (worst, at) = (error, inputs[i]);
            }
        }

        output.WriteLine($"{name} float dense sweep {width}: {inputs.Length} inputs, max {worst:G3} ulp at x = {at:R}");
        Assert.True(worst <= SingleBound(name), $"{name}({at:R}) at width {width} is off by {worst:G3} ulp.");
    }

    [Theory]
    [MemberData(nameof(Functions))]
    public void WidthsAgreeBitForBit(string name)
    {
        float[] scalar = Apply(Single(name), "scalar", Sweep);
        double[] xs = Sweep.Select(x => (double)x * 1.000000123).ToArray();
        double[] scalarDouble = Apply(Double(name), "scalar", xs);
        foreach (string width in Widths.Skip(1))
        {
            Assert.Equal(scalar, Apply(Single(name), width, Sweep));
            Assert.Equal(scalarDouble, Apply(Double(name), width, xs));
        }
    }

    private static bool SingleProperty(string name, float x)
    {
        SingleFunction f = Single(name);
        float[] input = [x, -x, x * 0.5f, x * 3.0f];
        return Widths.All(width => Apply(f, width, input)
            .Select((r, i) => UlpErrorSingle(r, SingleReference(name, input[i])))
            .All(e => e <= SingleBound(name)));
    }

    [Property(MaxTest = 300)] public bool ExpSingleRandom(float x) => SingleProperty("Exp", x);
    [Property(MaxTest = 300)] public bool Expm1SingleRandom(float x) => SingleProperty("Expm1", x);
    [Property(MaxTest = 300)] public bool LogSingleRandom(float x) => SingleProperty("Log", x);
    [Property(MaxTest = 300)] public bool Log1pSingleRandom(float x) => SingleProperty("Log1p", x);
    [Property(MaxTest = 300)] public bool TanhSingleRandom(float x) => SingleProperty("Tanh", x);
    [Property(MaxTest = 300)] public bool ErfSingleRandom(float x) => SingleProperty("Erf", x);
    [Property(MaxTest = 300)] public bool ErfcSingleRandom(float x) => SingleProperty("Erfc", x);
    [Property(MaxTest = 300)] public bool NormalCdfSingleRandom(float x) => SingleProperty("NormalCdf", x);
    [Property(MaxTest = 300)] public bool NormalPdfSingleRandom(float x) => SingleProperty("NormalPdf", x);

    /// <summary>
    /// Random doubles: every width agrees with the scalar overload bit for bit, and the double result
    /// rounded to float is within a float ulp of the single-precision reference (where that is finite).
    /// </summary>
    private static bool DoubleProperty(string name, double x)
    {
        DoubleFunction f = Double(name);
        double[] input = [x, -x, x * 0.5, x * 1e-3];
        double[] scalar = Apply(f, "scalar", input);
        bool agree = Widths.Skip(1).All(width => Apply(f, width, input).SequenceEqual(scalar));
        float xf = (float)x;
        bool near = (double)xf != x || UlpErrorSingle((float)f.Scalar(x), SingleReference(name, xf)) <= 1.0;
        return agree && near;
    }

    [Property(MaxTest = 300)] public bool ExpDoubleRandom(double x) => DoubleProperty("Exp", x);
    [Property(MaxTest = 300)] public bool Expm1DoubleRandom(double x) => DoubleProperty("Expm1", x);
    [Property(MaxTest = 300)] public bool LogDoubleRandom(double x) => DoubleProperty("Log", x);
    [Property(MaxTest = 300)] public bool Log1pDoubleRandom(double x) => DoubleProperty("Log1p", x);
    [Property(MaxTest = 300)] public bool TanhDoubleRandom(double x) => DoubleProperty("Tanh", x);
    [Property(MaxTest = 300)] public bool ErfDoubleRandom(double x) => DoubleProperty("Erf", x);
    [Property(MaxTest = 300)] public bool ErfcDoubleRandom(double x) => DoubleProperty("Erfc", x);
    [Property(MaxTest = 300)] public bool NormalCdfDoubleRandom(double x) => DoubleProperty("NormalCdf", x);
    [Property(MaxTest = 300)] public bool NormalPdfDoubleRandom(double x) => DoubleProperty("NormalPdf", x);
}
