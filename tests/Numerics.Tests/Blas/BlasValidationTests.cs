using System;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// Argument checks of every Blas entry point: the exception type and ParamName the XML docs promise, C left untouched
// when a call is rejected, and the minimal extents — a span of exactly (rows − 1)·ld + cols elements, its last row
// short — accepted.
public sealed class BlasValidationTests
{
    private static readonly Transpose[] Both = [Transpose.None, Transpose.Transpose];

    private static void Gemm(Transpose ta, Transpose tb, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc) =>
        Blas.Gemm(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0.5f, c, ldc);

    private static void AssertOutOfRange(string name, Action call) =>
        Assert.Equal(name, Assert.Throws<ArgumentOutOfRangeException>(call).ParamName);

    private static void AssertArgument(string name, Action call) =>
        Assert.Equal(name, Assert.Throws<ArgumentException>(call).ParamName);

    [Fact]
    public void NegativeSizesAreOutOfRange()
    {
        float[] big = new float[100];
        double[] dbig = new double[100];
        AssertOutOfRange("m", () => Gemm(Transpose.None, Transpose.None, -1, 2, 2, big, 2, big[..10], 2, new float[10], 2));
        AssertOutOfRange("n", () => Gemm(Transpose.None, Transpose.None, 2, -1, 2, big, 2, big[..10], 2, new float[10], 2));
        AssertOutOfRange("k", () => Gemm(Transpose.None, Transpose.None, 2, 2, -1, big, 2, big[..10], 2, new float[10], 2));
        AssertOutOfRange("m", () => Blas.Gemm(Transpose.None, Transpose.None, -3, 2, 2, 1.0, dbig, 2, dbig, 2, 0.0, new double[10], 2));
        AssertOutOfRange("k", () => Blas.Gemm(Transpose.Transpose, Transpose.Transpose, 2, 2, int.MinValue, 1.0, dbig, 2, dbig, 2, 0.0, new double[10], 2));

        AssertOutOfRange("m", () => Blas.MatMul(big, big, new float[10], -1, 2, 2));
        AssertOutOfRange("k", () => Blas.MatMul(big, big, new float[10], 2, -1, 2));
        AssertOutOfRange("n", () => Blas.MatMul(dbig, dbig, new double[10], 2, 2, -1));

        AssertOutOfRange("m", () => Blas.Gemv(Transpose.None, -1, 2, 1f, big, 2, big[..2], 0f, new float[2]));
        AssertOutOfRange("n", () => Blas.Gemv(Transpose.Transpose, 2, -1, 1.0, dbig, 2, dbig[..2], 0.0, new double[2]));

        AssertOutOfRange("m", () => Batched(-1, 2, 2, 4, 4, 4, 1));
        AssertOutOfRange("n", () => Batched(2, -1, 2, 4, 4, 4, 1));
        AssertOutOfRange("k", () => Batched(2, 2, -1, 4, 4, 4, 1));
        AssertOutOfRange("strideA", () => Batched(2, 2, 2, -1, 4, 4, 2));
        AssertOutOfRange("strideB", () => Batched(2, 2, 2, 4, -1, 4, 2));
        AssertOutOfRange("strideC", () => Batched(2, 2, 2, 4, 4, -1, 2));
        AssertOutOfRange("batchCount", () => Batched(2, 2, 2, 4, 4, 4, -1));
    }

    private static void Batched(int m, int n, int k, long strideA, long strideB, long strideC, int batchCount) =>
        Blas.GemmStridedBatched(Transpose.None, Transpose.None, m, n, k, 1f, new float[64], 2, strideA, new float[64], 2, strideB,
            0f, new float[64], 2, strideC, batchCount);

    [Fact]
    public void InvalidTransposeValuesAreOutOfRange()
    {
        float[] x = new float[16];
        AssertOutOfRange("transA", () => Blas.Gemm((Transpose)2, Transpose.None, 2, 2, 2, 1f, x, 2, x, 2, 0f, new float[4], 2));
        AssertOutOfRange("transB", () => Blas.Gemm(Transpose.None, (Transpose)(-1), 2, 2, 2, 1f, x, 2, x, 2, 0f, new float[4], 2));
        AssertOutOfRange("transA", () => Blas.Gemm((Transpose)7, Transpose.None, 2, 2, 2, 1.0, new double[4], 2, new double[4], 2, 0.0, new double[4], 2));
        AssertOutOfRange("transB", () => Blas.GemmStridedBatched(Transpose.None, (Transpose)2, 2, 2, 2, 1f, x, 2, 4, x, 2, 4, 0f, new float[8], 2, 4, 1));
        AssertOutOfRange("transA", () => Blas.GemmStridedBatched((Transpose)3, Transpose.None, 2, 2, 2, 1.0, new double[8], 2, 4, new double[8], 2, 4, 0.0, new double[8], 2, 4, 1));
        AssertOutOfRange("trans", () => Blas.Gemv((Transpose)2, 2, 2, 1f, x, 2, x[..2], 0f, new float[2]));
    }

    /// <summary>Each leading dimension one below its stored row (or 0 when the row is empty) is rejected with its name.</summary>
    [Theory]
    [InlineData(3, 4, 5)]
    [InlineData(1, 1, 1)]
    [InlineData(4, 3, 0)]
    [InlineData(0, 3, 4)]
    public void LeadingDimensionsBelowTheRowAreRejected(int m, int n, int k)
    {
        foreach (Transpose ta in Both)
        {
            foreach (Transpose tb in Both)
            {
                GemmCase c = new(ta, tb, m, n, k, 1, 0.5, 0, 0, 0, 1);
                float[] a = new float[256], b = new float[256], cArray = new float[256];
                int lda = c.Lda, ldb = c.Ldb, ldc = c.Ldc;
                AssertArgument("lda", () => Gemm(ta, tb, m, n, k, a, lda - 1, b, ldb, cArray, ldc));
                AssertArgument("ldb", () => Gemm(ta, tb, m, n, k, a, lda, b, ldb - 1, cArray, ldc));
                AssertArgument("ldc", () => Gemm(ta, tb, m, n, k, a, lda, b, ldb, cArray, ldc - 1));
                AssertArgument("lda", () => Blas.GemmStridedBatched(ta, tb, m, n, k, 1f, a, lda - 1, 0, b, ldb, 0, 0f, cArray, ldc, 64, 2));
                AssertArgument("ldc", () => Blas.GemmStridedBatched(ta, tb, m, n, k, 1f, a, lda, 0, b, ldb, 0, 0f, cArray, ldc - 1, 64, 2));
                Assert.All(cArray, v => Assert.Equal(0f, v));
            }
        }

        AssertArgument("lda", () => Blas.Gemv(Transpose.None, m, n, 1f, new float[64], Math.Max(1, n) - 1, new float[8], 0f, new float[8]));
        AssertArgument("lda", () => Blas.Gemv(Transpose.Transpose, m, n, 1.0, new double[64], Math.Max(1, n) - 1, new double[8], 0.0, new double[8]));
    }

    /// <summary>
    /// Spans exactly as long as their matrices' extents are accepted (and compute the product); one element shorter is
    /// rejected naming the span. Leading dimensions are padded, so the extent's last row is short.
    /// </summary>
    [Theory]
    [InlineData(3, 4, 5)]
    [InlineData(1, 7, 3)]
    [InlineData(6, 1, 9)]
    [InlineData(37, 41, 40)]
    public void SpansAreCheckedAgainstTheirMinimalExtents(int m, int n, int k)
    {
        foreach (Transpose ta in Both)
        {
            foreach (Transpose tb in Both)
            {
                GemmCase c = new(ta, tb, m, n, k, 1, 0.5, 3, 2, 1, m + n + k);
                GemmOperands<float> operands = GemmOperands<float>.Create(c);
                float[] a = operands.A, b = operands.B, cArray = (float[])operands.C0.Clone();
                Assert.Equal((c.AStored.Rows - 1) * c.Lda + c.AStored.Cols, a.Length);
                Assert.Equal((m - 1) * c.Ldc + n, cArray.Length);
                AssertArgument("a", () => Blas.Gemm(ta, tb, m, n, k, 1f, a.AsSpan(0, a.Length - 1), c.Lda, b, c.Ldb, 0.5f, cArray, c.Ldc));
                AssertArgument("b", () => Blas.Gemm(ta, tb, m, n, k, 1f, a, c.Lda, b.AsSpan(0, b.Length - 1), c.Ldb, 0.5f, cArray, c.Ldc));
                AssertArgument("c", () => Blas.Gemm(ta, tb, m, n, k, 1f, a, c.Lda, b, c.Ldb, 0.5f, cArray.AsSpan(0, cArray.Length - 1), c.Ldc));
                GemmAssert.BitEqual<float>(operands.C0, cArray, "C after rejected calls");

                // Exactly the extent: accepted, and the same as the reference (or within the bound on a dot path).
                if (c.IsDotPath)
                {
                    operands.AssertWithinBound(operands.RunBlas(), dotPath: true);
                }
                else
                {
                    GemmAssert.BitEqual<float>(operands.RunReference(), operands.RunBlas(), c.ToString());
                }
            }
        }
    }

    [Fact]
    public void MatMulChecksItsSpans()
    {
        float[] a = new float[6], b = new float[12], c = new float[8];
        Blas.MatMul(a, b, c, 2, 3, 4);
        AssertArgument("a", () => Blas.MatMul(a.AsSpan(0, 5), b, c, 2, 3, 4));
        AssertArgument("b", () => Blas.MatMul(a, b.AsSpan(0, 11), c, 2, 3, 4));
        AssertArgument("c", () => Blas.MatMul(a, b, c.AsSpan(0, 7), 2, 3, 4));
        AssertArgument("c", () => Blas.MatMul(new double[6], new double[12], new double[7], 2, 3, 4));
    }

    /// <summary>C sharing memory with A or B (slices of one array, overlapping by a single element) is rejected as "c"; touching is fine.</summary>
    [Fact]
    public void OverlappingCIsRejected()
    {
        const int m = 4, n = 5, k = 3;
        foreach (Transpose ta in Both)
        {
            foreach (Transpose tb in Both)
            {
                int aLength = m * k, bLength = k * n, cLength = m * n;
                int lda = ta == Transpose.None ? k : m, ldb = tb == Transpose.None ? n : k;
                float[] pool = new float[aLength + bLength + cLength];
                for (int i = 0; i < pool.Length; i++)
                {
                    pool[i] = i % 7 - 3;
                }

                float[] before = (float[])pool.Clone();
                // C's last element is A's first, or C's first is A's last; likewise with B.
                AssertArgument("c", () => Blas.Gemm(ta, tb, m, n, k, 1f, pool.AsSpan(cLength - 1, aLength), lda, pool.AsSpan(cLength + aLength, bLength), ldb, 1f, pool.AsSpan(0, cLength), n));
                AssertArgument("c", () => Blas.Gemm(ta, tb, m, n, k, 1f, pool.AsSpan(0, aLength), lda, pool.AsSpan(aLength + cLength, bLength), ldb, 1f, pool.AsSpan(aLength - 1, cLength), n));
                AssertArgument("c", () => Blas.Gemm(ta, tb, m, n, k, 1f, pool.AsSpan(0, aLength), lda, pool.AsSpan(aLength + cLength - 1, bLength), ldb, 1f, pool.AsSpan(aLength, cLength), n));
                GemmAssert.BitEqual<float>(before, pool, "pool after rejected calls");

                // Adjacent, not overlapping: accepted.
                Blas.Gemm(ta, tb, m, n, k, 1f, pool.AsSpan(0, aLength), lda, pool.AsSpan(aLength, bLength), ldb, 1f, pool.AsSpan(aLength + bLength, cLength), n);
            }
        }

        double[] d = new double[40];
        AssertArgument("c", () => Blas.Gemm(Transpose.None, Transpose.None, 2, 2, 2, 1.0, d.AsSpan(0, 4), 2, d.AsSpan(10, 4), 2, 0.0, d.AsSpan(12, 4), 2));
        AssertArgument("c", () => Blas.MatMul(d.AsSpan(0, 4), d.AsSpan(4, 4), d.AsSpan(3, 4), 2, 2, 2));
    }

    [Fact]
    public void BatchedChecksStridesSpansAndOverlap()
    {
        // 2×3 C matrices with ldc 4 span (2 − 1)·4 + 3 = 7 elements.
        float[] a = new float[64], b = new float[64], c = new float[64];
        void Call(long strideC, int batchCount, int cLength = 64, int aLength = 64) =>
            Blas.GemmStridedBatched(Transpose.None, Transpose.None, 2, 3, 2, 1f, a.AsSpan(0, aLength), 2, 4, b, 3, 6, 0f, c.AsSpan(0, cLength), 4, strideC, batchCount);

        AssertArgument("strideC", () => Call(6, 2));
        AssertArgument("strideC", () => Call(0, 3));
        Call(7, 2);
        Call(0, 1);
        Call(7, 0, cLength: 0, aLength: 0);

        // Three products: A needs 2·4 + 4 = 12, C needs 2·7 + 7 = 21.
        AssertArgument("a", () => Call(7, 3, aLength: 11));
        AssertArgument("c", () => Call(7, 3, cLength: 20));
        Call(7, 3, cLength: 21, aLength: 12);
        AssertArgument("b", () => Blas.GemmStridedBatched(Transpose.None, Transpose.None, 2, 3, 2, 1f, a, 2, 4, b.AsSpan(0, 17), 3, 6, 0f, c, 4, 7, 3));

        float[] pool = new float[64];
        AssertArgument("c", () => Blas.GemmStridedBatched(Transpose.None, Transpose.None, 2, 3, 2, 1f, pool.AsSpan(0, 12), 2, 4, b, 3, 6, 0f, pool.AsSpan(11, 21), 4, 7, 3));
        AssertArgument("c", () => Blas.GemmStridedBatched(Transpose.None, Transpose.None, 2, 3, 2, 1.0, new double[12], 2, 4, new double[24], 3, 6, 0.0, new double[20], 4, 7, 3));
    }

    [Fact]
    public void GemvChecksVectorsAndOverlap()
    {
        // A is 3×4 (lda 5: extent 14); None: x has 4, y 3 elements; Transpose: x has 3, y 4.
        float[] a = new float[14];
        AssertArgument("x", () => Blas.Gemv(Transpose.None, 3, 4, 1f, a, 5, new float[3], 0f, new float[3]));
        AssertArgument("y", () => Blas.Gemv(Transpose.None, 3, 4, 1f, a, 5, new float[4], 0f, new float[2]));
        AssertArgument("x", () => Blas.Gemv(Transpose.Transpose, 3, 4, 1.0, new double[14], 5, new double[2], 0.0, new double[4]));
        AssertArgument("y", () => Blas.Gemv(Transpose.Transpose, 3, 4, 1.0, new double[14], 5, new double[3], 0.0, new double[3]));
        AssertArgument("a", () => Blas.Gemv(Transpose.None, 3, 4, 1f, a.AsSpan(0, 13), 5, new float[4], 0f, new float[3]));
        Blas.Gemv(Transpose.None, 3, 4, 1f, a, 5, new float[4], 0f, new float[3]);
        Blas.Gemv(Transpose.Transpose, 3, 4, 1f, a, 5, new float[3], 0f, new float[4]);

        float[] pool = new float[32];
        AssertArgument("y", () => Blas.Gemv(Transpose.None, 3, 4, 1f, pool.AsSpan(0, 14), 5, pool.AsSpan(20, 4), 0f, pool.AsSpan(13, 3)));
        AssertArgument("y", () => Blas.Gemv(Transpose.None, 3, 4, 1f, pool.AsSpan(0, 14), 5, pool.AsSpan(20, 4), 0f, pool.AsSpan(23, 3)));
        AssertArgument("y", () => Blas.Gemv(Transpose.Transpose, 3, 4, 1f, pool.AsSpan(0, 14), 5, pool.AsSpan(14, 3), 0f, pool.AsSpan(16, 4)));
        Blas.Gemv(Transpose.None, 3, 4, 1f, pool.AsSpan(0, 14), 5, pool.AsSpan(14, 4), 0f, pool.AsSpan(18, 3));
    }
}
