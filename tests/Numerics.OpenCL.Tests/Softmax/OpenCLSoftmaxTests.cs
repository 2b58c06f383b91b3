using System;
using System.Linq;
using FsCheck;
using FsCheck.Xunit;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests.Softmax;

/// <summary>
/// <see cref="OpenCLSoftmax"/> against a double reference: per element within 16·ε·(2 + |x − max| + log₂ n) relative
/// (softmax) or absolute scaled by (1 + |y|) (log-softmax): the device's exp/log are allowed a few ulp more than the CPU's.
/// Also against the CPU <see cref="Numerics.Softmax"/>, special values, in place, validation.
/// </summary>
public sealed class OpenCLSoftmaxTests(QueueFixture fixture) : OpenCLTest(fixture)
{
    private const double FloatEps = 1.0 / (1 << 23), DoubleEps = 1.0 / (1L << 52);

    [OpenCLProperty(MaxTest = 40, Replay = "(20261129,15)")]
    public void FloatRowsMatchTheReferenceAndTheCpu(PositiveInt rowsSeed, NonNegativeInt columnsSeed, int seed, bool log)
    {
        int rows = rowsSeed.Get % 7 + 1, columns = columnsSeed.Get % 700;
        var random = new Random(seed);
        float[] x = Enumerable.Range(0, rows * columns).Select(_ => (float)((random.NextDouble() - 0.5) * (random.Next(3) == 0 ? 200 : 10))).ToArray();
        float[] y = RunOnDevice(x, rows, columns, log, inPlace: random.Next(2) == 0);
        float[] cpu = new float[x.Length];
        if (log)
        {
            LogSoftmax.Rows(x, cpu, rows, columns);
        }
        else
        {
            Numerics.Softmax.Rows(x, cpu, rows, columns);
        }

        for (int i = 0; i < rows && columns > 0; i++)
        {
            double[] row = x.Skip(i * columns).Take(columns).Select(v => (double)v).ToArray();
            double[] expected = Reference(row, log);
            double[] device = y.Skip(i * columns).Take(columns).Select(v => (double)v).ToArray();
            AssertClose(row, expected, device, log, 4 * FloatEps, $"row {i} of {rows}×{columns}");
            AssertClose(row, cpu.Skip(i * columns).Take(columns).Select(v => (double)v).ToArray(), device, log, 8 * FloatEps, $"row {i} against the CPU");
        }
    }

    [OpenCLFact]
    public void DoubleRowsMatchTheReference()
    {
        if (!Device.SupportsFp64)
        {
            return;
        }

        var random = new Random(7);
        foreach (int columns in new[] { 1, 15, 16, 17, 255, 1000 })
        {
            double[] x = Enumerable.Range(0, 3 * columns).Select(_ => (random.NextDouble() - 0.5) * 1000).ToArray();
            foreach (bool log in new[] { false, true })
            {
                using var dx = new DeviceBuffer<double>(Queue, x);
                using var dy = new DeviceBuffer<double>(Queue, x.Length);
                if (log)
                {
                    OpenCLSoftmax.LogRows(Queue, dx, dy, 3, columns);
                }
                else
                {
                    OpenCLSoftmax.Rows(Queue, dx, dy, 3, columns);
                }

                double[] y = dy.ToArray();
                for (int i = 0; i < 3; i++)
                {
                    double[] row = x.Skip(i * columns).Take(columns).ToArray();
                    AssertClose(row, Reference(row, log), y.Skip(i * columns).Take(columns).ToArray(), log, 4 * DoubleEps, $"double, {columns} columns");
                }
            }
        }
    }

    [OpenCLTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void SpecialValues(bool log)
    {
        float ninf = float.NegativeInfinity;
        float[] x = [0, ninf, 0, ninf, 1, float.NaN, 2, 3, 1, float.PositiveInfinity, 2, 3, ninf, ninf, ninf, ninf];
        float[] y = RunOnDevice(x, 4, 4, log, inPlace: false);
        float[] expected = log ? [-MathF.Log(2), ninf, -MathF.Log(2), ninf] : [0.5f, 0, 0.5f, 0];
        for (int j = 0; j < 4; j++)
        {
            Assert.Equal(expected[j], y[j], 6);
        }

        Assert.All(y[4..], v => Assert.True(float.IsNaN(v)));
    }

    [OpenCLFact]
    public void ArgumentsAreValidatedAndNamed()
    {
        using var x = new DeviceBuffer<float>(Queue, 12);
        using var small = new DeviceBuffer<float>(Queue, 11);
        Assert.Equal("x", Assert.Throws<ArgumentException>(() => OpenCLSoftmax.Rows(Queue, small, x, 3, 4)).ParamName);
        var e = Assert.Throws<ArgumentException>(() => OpenCLSoftmax.LogRows(Queue, x, small, 3, 4));
        Assert.Equal("destination", e.ParamName);
        Assert.Contains("destination has 11 elements, expected at least 12", e.Message, StringComparison.Ordinal);
        Assert.Equal("rows", Assert.Throws<ArgumentOutOfRangeException>(() => OpenCLSoftmax.Rows(Queue, x, x, -1, 4)).ParamName);
        Assert.Equal("columns", Assert.Throws<ArgumentOutOfRangeException>(() => OpenCLSoftmax.Rows(Queue, x, x, 1, -1)).ParamName);
        OpenCLSoftmax.Rows(Queue, x, x, 0, 4);
        OpenCLSoftmax.Rows(Queue, x, x, 4, 0);

        using var noFp64 = new OpenCLQueue(Device.WithoutFp64());
        using var d = new DeviceBuffer<double>(noFp64, 4);
        Assert.Throws<NotSupportedException>(() => OpenCLSoftmax.Rows(noFp64, d, d, 2, 2));
    }

    internal static double[] Reference(double[] row, bool log)
    {
        double max = row.Any(double.IsNaN) ? double.NaN : row.Max();
        double sum = row.Sum(v => Math.Exp(v - max));
        return row.Select(v => log ? v - max - Math.Log(sum) : Math.Exp(v - max) / sum).ToArray();
    }

    private static void AssertClose(double[] x, double[] expected, double[] actual, bool log, double eps, string context)
    {
        double max = x.Max();
        for (int j = 0; j < x.Length; j++)
        {
            double e = expected[j], a = actual[j];
            double scale = 4 * eps * (2 + Math.Abs(x[j] - max) + Math.Log2(x.Length + 1));
            double bound = log ? scale * (1 + Math.Abs(e)) : Math.Max(scale * e, 1e-37);
            Assert.True(Math.Abs(a - e) <= bound, $"{context}: [{j}] = {a:R}, expected {e:R} ± {bound:G3}");
        }
    }

    private float[] RunOnDevice(float[] x, int rows, int columns, bool log, bool inPlace)
    {
        using var dx = new DeviceBuffer<float>(Queue, x);
        using var dy = inPlace ? null : new DeviceBuffer<float>(Queue, x.Length);
        DeviceBuffer<float> target = dy ?? dx;
        if (log)
        {
            OpenCLSoftmax.LogRows(Queue, dx, target, rows, columns);
        }
        else
        {
            OpenCLSoftmax.Rows(Queue, dx, target, rows, columns);
        }

        return target.ToArray();
    }
}
