using System;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// MatMul(a, b, c, m, k, n) is Gemm(None, None, m, n, k, 1, a, k, b, n, 0, c, n): the same bits on every path, C
// overwritten without being read (NaN in it does not leak), and k = 0 gives zeros.
public sealed class MatMulTests
{
    [Theory]
    [InlineData(5, 6, 7)]
    [InlineData(37, 300, 41)]
    [InlineData(1, 60, 45)]
    [InlineData(45, 60, 1)]
    [InlineData(1, 60, 1)]
    [InlineData(33, 33, 33)]
    [InlineData(3, 0, 4)]
    [InlineData(0, 4, 3)]
    public void EqualsGemmWithUnitAlphaAndZeroBeta(int m, int k, int n)
    {
        Random random = new(m * 10_000 + k * 100 + n);
        float[] a = new float[m * k], b = new float[k * n];
        double[] da = new double[m * k], db = new double[k * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = 2 * random.NextSingle() - 1;
            da[i] = 2 * random.NextDouble() - 1;
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = 2 * random.NextSingle() - 1;
            db[i] = 2 * random.NextDouble() - 1;
        }

        float[] c = new float[m * n], expected = new float[m * n];
        Array.Fill(c, float.NaN);
        Blas.MatMul(a, b, c, m, k, n);
        Blas.Gemm(Transpose.None, Transpose.None, m, n, k, 1f, a, Math.Max(1, k), b, Math.Max(1, n), 0f, expected, Math.Max(1, n));
        GemmAssert.BitEqual<float>(expected, c, $"MatMul {m}×{k}×{n}");
        Assert.DoesNotContain(c, float.IsNaN);

        double[] dc = new double[m * n], dexpected = new double[m * n];
        Array.Fill(dc, double.PositiveInfinity);
        Blas.MatMul(da, db, dc, m, k, n);
        Blas.Gemm(Transpose.None, Transpose.None, m, n, k, 1.0, da, Math.Max(1, k), db, Math.Max(1, n), 0.0, dexpected, Math.Max(1, n));
        GemmAssert.BitEqual<double>(dexpected, dc, $"MatMul {m}×{k}×{n} (double)");
        if (k == 0)
        {
            Assert.All(dc, v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void SmallProductIsExact()
    {
        float[] c = new float[4];
        Blas.MatMul([1f, 2f, 3f, 4f, 5f, 6f], [7f, 8f, 9f, 10f, 11f, 12f], c, 2, 3, 2);
        Assert.Equal([58f, 64f, 139f, 154f], c);
    }
}
