using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Numerics.Tests.Softmax;

/// <summary>
/// <see cref="Numerics.Softmax"/> and <see cref="LogSoftmax"/> against a double reference within the documented bounds,
/// special values, in-place use, and validation.
/// </summary>
public sealed class SoftmaxTests
{
    private const double FloatEps = 1.0 / (1 << 23), DoubleEps = 1.0 / (1L << 52);

    /// <summary>Softmax in double of a row, max-shifted (the reference); NaN where the documented rule says NaN.</summary>
    internal static double[] Reference(double[] row, bool log)
    {
        double max = row.Any(double.IsNaN) ? double.NaN : row.Max();
        double sum = row.Sum(v => Math.Exp(v - max));
        return row.Select(v => log ? v - max - Math.Log(sum) : Math.Exp(v - max) / sum).ToArray();
    }

    /// <summary>The documented bound: relative 4ε(2 + |x − max| + log₂ n) for softmax, absolute 4ε(2 + |x − max| + log n) for log-softmax.</summary>
    internal static void AssertClose(double[] x, double[] expected, double[] actual, bool log, double eps, string context)
    {
        double max = x.Max();
        for (int j = 0; j < x.Length; j++)
        {
            double e = expected[j], a = actual[j];
            if (double.IsNaN(e) || double.IsInfinity(e))
            {
                Assert.True(e.Equals(a), $"{context}: [{j}] = {a}, expected {e}");
                continue;
            }

            double scale = 4 * eps * (2 + Math.Abs(x[j] - max) + Math.Log2(x.Length + 1));
            double bound = log ? scale * (1 + Math.Abs(e)) : scale * e + 1e-300;
            if (!log && e < 1e-30)
            {
                bound = Math.Max(bound, 1e-37); // subnormal results of float exp
            }

            Assert.True(Math.Abs(a - e) <= bound, $"{context}: [{j}] = {a:R}, expected {e:R} ± {bound:G3}");
        }
    }

    [Property(MaxTest = 100, Replay = "(20261129,11)")]
    public void FloatRowsMatchTheReference(PositiveInt rowsSeed, NonNegativeInt columnsSeed, int seed, bool log)
    {
        int rows = rowsSeed.Get % 5 + 1, columns = columnsSeed.Get % 300;
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, rows * columns).Select(_ => (float)((random.NextDouble() - 0.5) * (random.Next(3) == 0 ? 200 : 10))).ToArray();
        float[] y = new float[x.Length];
        Run(x, y, rows, columns, log);
        for (int i = 0; i < rows; i++)
        {
            double[] row = x.Skip(i * columns).Take(columns).Select(v => (double)v).ToArray();
            if (row.Length == 0)
            {
                continue;
            }

            AssertClose(row, Reference(row, log), y.Skip(i * columns).Take(columns).Select(v => (double)v).ToArray(), log, FloatEps, $"row {i} of {rows}×{columns}");
        }
    }

    [Property(MaxTest = 60, Replay = "(20261129,13)")]
    public void DoubleRowsMatchTheReferenceAndSumToOne(PositiveInt columnsSeed, int seed)
    {
        int columns = columnsSeed.Get % 500 + 1;
        var random = new Random(seed);
        double[] x = Enumerable.Range(0, columns).Select(_ => (random.NextDouble() - 0.5) * 1000).ToArray();
        double[] y = new double[columns];
        Numerics.Softmax.Rows(x, y, 1, columns);
        AssertClose(x, Reference(x, false), y, false, DoubleEps, "double softmax");
        Assert.InRange(y.Sum(), 1 - 1e-12, 1 + 1e-12);
        LogSoftmax.Rows(x, y, 1, columns);
        AssertClose(x, Reference(x, true), y, true, DoubleEps, "double log-softmax");
    }

    [Fact]
    public void LargeInputsDoNotOverflow()
    {
        float[] x = [1000, 999, 998];
        float[] y = new float[3];
        Numerics.Softmax.Rows(x, y, 1, 3);
        AssertClose([1000, 999, 998], Reference([1000, 999, 998], false), y.Select(v => (double)v).ToArray(), false, FloatEps, "large");
        LogSoftmax.Rows(x, y, 1, 3);
        Assert.Equal(-Math.Log(1 + Math.Exp(-1) + Math.Exp(-2)), y[0], 5);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SpecialValues(bool log)
    {
        float ninf = float.NegativeInfinity;
        float[] x =
        [
            0, ninf, 0, ninf,           // −∞ entries: 0 (log: −∞), the rest share
            1, float.NaN, 2, 3,         // NaN: the row is NaN
            1, float.PositiveInfinity, 2, 3, // +∞: the row is NaN
            ninf, ninf, ninf, ninf,     // all −∞: NaN
        ];
        float[] y = new float[16];
        Run(x, y, 4, 4, log);
        float[] expected = log ? [-MathF.Log(2), ninf, -MathF.Log(2), ninf] : [0.5f, 0, 0.5f, 0];
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(expected[j], y[j], 6);
        }

        Assert.All(y[4..], v => Assert.True(float.IsNaN(v)));
    }

    [Fact]
    public void InPlaceGivesTheSameResult()
    {
        float[] x = Enumerable.Range(0, 3 * 37).Select(i => MathF.Sin(i) * 20).ToArray();
        foreach (bool log in new[] { false, true })
        {
            float[] expected = new float[x.Length];
            Run(x, expected, 3, 37, log);
            float[] inPlace = (float[])x.Clone();
            Run(inPlace, inPlace, 3, 37, log);
            Assert.Equal(expected, inPlace);
        }
    }

    [Fact]
    public void ArgumentsAreValidatedAndNamed()
    {
        float[] x = new float[12];
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => Numerics.Softmax.Rows(x.AsSpan(0, 11), new float[12], 3, 4)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => LogSoftmax.Rows(x, new float[10], 3, 4));
        Assert.Equal("destination", e.ParamName);
        Assert.Contains("destination has 10 elements, expected at least 12", e.Message, StringComparison.Ordinal);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => Numerics.Softmax.Rows(x, x, -1, 4)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => LogSoftmax.Rows(new double[4], new double[4], 1, -4)).ParamName);
        float[] buffer = new float[13];
        Assert.Equal("destination", Assert.Throws<ArgumentException>(() => Numerics.Softmax.Rows(buffer.AsSpan(0, 12), buffer.AsSpan(1, 12), 3, 4)).ParamName);
        Numerics.Softmax.Rows(ReadOnlySpan<float>.Empty, Span<float>.Empty, 0, 5);
        Numerics.Softmax.Rows(ReadOnlySpan<float>.Empty, Span<float>.Empty, 5, 0);
    }

    private static void Run(float[] x, float[] y, int rows, int columns, bool log)
    {
        if (log)
        {
            LogSoftmax.Rows(x, y, rows, columns);
        }
        else
        {
            Numerics.Softmax.Rows(x, y, rows, columns);
        }
    }
}
