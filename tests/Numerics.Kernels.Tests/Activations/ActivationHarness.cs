using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Numerics.Kernels.Tests.Math (a namespace) would shadow System.Math here.
using Math = System.Math;

/// <summary>
/// Calls generated entry points through their uniform invokers, and makes deterministic pseudo-random inputs over
/// the ranges the activation tests care about.
/// </summary>
public static class ActivationHarness
{
    /// <summary>Written into destinations before a call, so an element the kernel forgets to write shows up.</summary>
    public const float SentinelSingle = -7777.25f;

    /// <summary>Double analogue of <see cref="SentinelSingle"/>.</summary>
    public const double SentinelDouble = -7777.25;

    /// <summary>Points near which values and derivatives change behaviour: kinks, roots of derivatives, thresholds.</summary>
    public static IReadOnlyList<double> InterestingPoints { get; } =
    [
        0, 1, -1, 2, -2, 3, -3, 6, 0.5, -0.5, 5, 10, 20, -0.75, -0.7518, -1.19, -1.1924, -1.278, -1.2785, -0.751, -1.5,
    ];

    /// <summary>Runs a float entry point out of place; returns one fresh array per output.</summary>
    public static float[][] Run(ElementwiseKernelInfo info, float[][] inputs, float[] scalars)
    {
        int n = inputs[0].Length;
        float[][] outputs = new float[info.Outputs.Count][];
        for (int k = 0; k < outputs.Length; k++)
        {
            outputs[k] = new float[n];
            outputs[k].AsSpan().Fill(SentinelSingle);
        }

        Invoke(info, inputs, scalars, outputs);
        return outputs;
    }

    /// <summary>Runs a double entry point out of place; returns one fresh array per output.</summary>
    public static double[][] Run(ElementwiseKernelInfo info, double[][] inputs, double[] scalars)
    {
        int n = inputs[0].Length;
        double[][] outputs = new double[info.Outputs.Count][];
        for (int k = 0; k < outputs.Length; k++)
        {
            outputs[k] = new double[n];
            outputs[k].AsSpan().Fill(SentinelDouble);
        }

        Invoke(info, inputs, scalars, outputs);
        return outputs;
    }

    /// <summary>Calls the float entry point with the given inputs and destinations (unused slots empty).</summary>
    public static void Invoke(ElementwiseKernelInfo info, float[][] inputs, float[] scalars, float[][] outputs) =>
        info.Single(At(inputs, 0), At(inputs, 1), At(inputs, 2), At(inputs, 3), scalars, At(outputs, 0, true), At(outputs, 1, true));

    /// <summary>Calls the double entry point with the given inputs and destinations (unused slots empty).</summary>
    public static void Invoke(ElementwiseKernelInfo info, double[][] inputs, double[] scalars, double[][] outputs) =>
        info.Double(At(inputs, 0), At(inputs, 1), At(inputs, 2), At(inputs, 3), scalars, At(outputs, 0, true), At(outputs, 1, true));

    private static ReadOnlySpan<T> At<T>(T[][] arrays, int index) => index < arrays.Length ? arrays[index] : default;

    private static Span<T> At<T>(T[][] arrays, int index, bool writable) => index < arrays.Length ? arrays[index] : default;

    /// <summary>
    /// For each tensor input j of the case, inputs that make the entry point of <paramref name="kind"/> return ∂f/∂xⱼ in
    /// output j (Backward, gradient 1) or in its only output (JVP, tangent 1 for j and 0 for the other input).
    /// </summary>
    public static float[][] DerivativeInputs(ElementwiseKernelKind kind, float[][] primal, int direction)
    {
        int n = primal[0].Length;
        float[] Filled(float v)
        {
            float[] a = new float[n];
            a.AsSpan().Fill(v);
            return a;
        }

        return kind == ElementwiseKernelKind.Backward
            ? [.. primal, Filled(1)]
            : [.. primal, .. Enumerable.Range(0, primal.Length).Select(j => Filled(j == direction ? 1 : 0))];
    }

    /// <summary>Double analogue of <see cref="DerivativeInputs(ElementwiseKernelKind, float[][], int)"/>.</summary>
    public static double[][] DerivativeInputs(ElementwiseKernelKind kind, double[][] primal, int direction)
    {
        int n = primal[0].Length;
        double[] Filled(double v)
        {
            double[] a = new double[n];
            a.AsSpan().Fill(v);
            return a;
        }

        return kind == ElementwiseKernelKind.Backward
            ? [.. primal, Filled(1)]
            : [.. primal, .. Enumerable.Range(0, primal.Length).Select(j => Filled(j == direction ? 1 : 0))];
    }

    /// <summary>Copies of arrays, so a call cannot change the caller's data.</summary>
    public static T[][] Clone<T>(T[][] arrays) => arrays.Select(a => (T[])a.Clone()).ToArray();

    // ------------------------------------------------------------------ inputs

    /// <summary>
    /// Number of input categories of <see cref="NextSingle"/>/<see cref="NextDouble"/>: tiny (|x| &lt; 1e-30, including
    /// subnormals), small, [−5, 5], [−30, 30], [−120, 120], huge (to ±3e38 / ±1e300), near interesting points (a few
    /// ulp or a relative 1e-6 away), the σ/exp underflow tail, the Φ underflow tail, and right tails.
    /// </summary>
    public const int Categories = 10;

    /// <summary>A float input from the given category (see <see cref="Categories"/>).</summary>
    public static float NextSingle(Random random, int category)
    {
        float sign = random.Next(2) == 0 ? -1 : 1;
        switch (category)
        {
            case 0:
                return sign * (float)Math.Pow(10, Uniform(random, -45.5, -30));
            case 1:
                return sign * (float)Math.Pow(10, Uniform(random, -30, 0));
            case 2:
                return (float)Uniform(random, -5, 5);
            case 3:
                return (float)Uniform(random, -30, 30);
            case 4:
                return (float)Uniform(random, -120, 120);
            case 5:
                return sign * (float)Math.Min(Math.Pow(10, Uniform(random, 2, 38.53)), float.MaxValue);
            case 6:
                {
                    float p = (float)InterestingPoints[random.Next(InterestingPoints.Count)];
                    if (random.Next(2) == 0)
                    {
                        float x = p;
                        int steps = random.Next(-4, 5);
                        for (int i = 0; i < Math.Abs(steps); i++)
                        {
                            x = steps > 0 ? MathF.BitIncrement(x) : MathF.BitDecrement(x);
                        }

                        return x;
                    }

                    return (float)(p + Uniform(random, -1e-6, 1e-6) * Math.Max(1, Math.Abs(p)));
                }

            case 7:
                return (float)Uniform(random, -105, -80);
            case 8:
                return (float)Uniform(random, -16, -8);
            default:
                return random.Next(2) == 0 ? (float)Uniform(random, 8, 16) : (float)Uniform(random, 80, 105);
        }
    }

    /// <summary>A double input from the given category (see <see cref="Categories"/>); the tails reach double's underflow.</summary>
    public static double NextDouble(Random random, int category)
    {
        double sign = random.Next(2) == 0 ? -1 : 1;
        switch (category)
        {
            case 0:
                return sign * Math.Pow(10, Uniform(random, -323, -30));
            case 1:
                return sign * Math.Pow(10, Uniform(random, -30, 0));
            case 2:
                return Uniform(random, -5, 5);
            case 3:
                return Uniform(random, -30, 30);
            case 4:
                return Uniform(random, -120, 120);
            case 5:
                return sign * Math.Pow(10, Uniform(random, 2, 300));
            case 6:
                {
                    double p = InterestingPoints[random.Next(InterestingPoints.Count)];
                    if (random.Next(2) == 0)
                    {
                        double x = p;
                        int steps = random.Next(-4, 5);
                        for (int i = 0; i < Math.Abs(steps); i++)
                        {
                            x = steps > 0 ? Math.BitIncrement(x) : Math.BitDecrement(x);
                        }

                        return x;
                    }

                    return p + Uniform(random, -1e-9, 1e-9) * Math.Max(1, Math.Abs(p));
                }

            case 7:
                return random.Next(2) == 0 ? Uniform(random, -105, -80) : Uniform(random, -750, -690);
            case 8:
                return random.Next(2) == 0 ? Uniform(random, -16, -8) : Uniform(random, -40, -25);
            default:
                return random.Next(2) == 0 ? Uniform(random, 8, 16) : Uniform(random, 30, 750);
        }
    }

    /// <summary><paramref name="n"/> float inputs, each from a random category.</summary>
    public static float[] MixedSingle(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => NextSingle(random, random.Next(Categories))).ToArray();

    /// <summary><paramref name="n"/> double inputs, each from a random category.</summary>
    public static double[] MixedDouble(Random random, int n) =>
        Enumerable.Range(0, n).Select(_ => NextDouble(random, random.Next(Categories))).ToArray();

    /// <summary>
    /// Second inputs (up of gated kernels, PReLU's slope): mostly [−2, 2], sometimes ±1, 0, a magnitude in
    /// [1e-10, 1e10] or one anywhere in float's normal range (2^−126 … 2^127, where a product with the first input can
    /// overflow float while the result does not).
    /// </summary>
    public static double NextSecond(Random random) => random.Next(9) switch
    {
        0 => random.Next(2) == 0 ? 1 : -1,
        1 => 0,
        2 => (random.Next(2) == 0 ? -1 : 1) * Math.Pow(10, Uniform(random, -10, 10)),
        3 => (random.Next(2) == 0 ? -1 : 1) * (float)Math.Pow(2, Uniform(random, -126, 127.99)),
        _ => Uniform(random, -2, 2),
    };

    /// <summary>Float second inputs; see <see cref="NextSecond"/>.</summary>
    public static float[] SecondSingle(Random random, int n) => Enumerable.Range(0, n).Select(_ => (float)NextSecond(random)).ToArray();

    /// <summary>Double second inputs; see <see cref="NextSecond"/>.</summary>
    public static double[] SecondDouble(Random random, int n) => Enumerable.Range(0, n).Select(_ => NextSecond(random)).ToArray();

    /// <summary>A seed that depends on a name and numbers only (string.GetHashCode is randomised per process).</summary>
    public static int Seed(string name, params int[] values)
    {
        unchecked
        {
            int h = 17;
            foreach (char c in name)
            {
                h = h * 31 + c;
            }

            foreach (int v in values)
            {
                h = h * 31 + v;
            }

            return h & int.MaxValue;
        }
    }

    private static double Uniform(Random random, double low, double high) => low + (high - low) * random.NextDouble();

    // ------------------------------------------------------------------ comparisons

    /// <summary>Asserts two float spans hold the same bits, listing the first differences.</summary>
    public static void AssertBitEqual(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        StringBuilder text = new();
        int count = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToUInt32Bits(expected[i]) != BitConverter.SingleToUInt32Bits(actual[i]))
            {
                if (count++ < 8)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  [{i}] expected {expected[i]:R} actual {actual[i]:R}");
                }
            }
        }

        Assert.True(count == 0, $"{what}: {count} of {expected.Length} elements differ in bits:{text}");
    }

    /// <summary>Asserts two double spans hold the same bits, listing the first differences.</summary>
    public static void AssertBitEqual(ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        StringBuilder text = new();
        int count = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.DoubleToUInt64Bits(expected[i]) != BitConverter.DoubleToUInt64Bits(actual[i]))
            {
                if (count++ < 8)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{Environment.NewLine}  [{i}] expected {expected[i]:R} actual {actual[i]:R}");
                }
            }
        }

        Assert.True(count == 0, $"{what}: {count} of {expected.Length} elements differ in bits:{text}");
    }
}
