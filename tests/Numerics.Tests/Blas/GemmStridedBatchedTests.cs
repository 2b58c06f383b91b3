using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

/// <summary>A batched case: the per-product case, the batch count, gaps between consecutive matrices, and whether A or B is shared (stride 0).</summary>
public sealed record BatchedCase(GemmCase Product, int BatchCount, int GapA, int GapB, int GapC, bool SharedA, bool SharedB)
{
    public override string ToString() => $"{Product}, batch {BatchCount}, gaps ({GapA},{GapB},{GapC}), shared A {SharedA}, shared B {SharedB}";
}

public static class BatchedArbitraries
{
    public static Arbitrary<BatchedCase> Cases() =>
        (from product in GemmArbitraries.Cases(GemmArbitraries.Dimension, GemmArbitraries.Dimension, GemmArbitraries.Dimension)
         from batchCount in Gen.Choose(0, 5)
         from gapA in Gen.Choose(0, 3)
         from gapB in Gen.Choose(0, 3)
         from gapC in Gen.Choose(0, 3)
         from sharedA in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
         from sharedB in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
         select new BatchedCase(product, batchCount, gapA, gapB, gapC, sharedA, sharedB))
        .Where(b => (long)b.Product.M * b.Product.N * b.Product.K * Math.Max(1, b.BatchCount) <= GemmArbitraries.Budget)
        .ToArbitrary();
}

// GemmStridedBatched equals Blas.Gemm called once per product on the same slices, bit for bit (dot paths included:
// each product takes the same path either way), for batch counts 0..5, gaps between matrices, and A or B shared
// through a stride of 0. Gaps of C hold a sentinel that must survive, and with beta = 0 C starts as NaN.
public sealed class GemmStridedBatchedTests
{
    private const string Seed = "(20261129,2307)";

    [Property(Arbitrary = [typeof(BatchedArbitraries)], MaxTest = 100, Replay = Seed)]
    public void SingleEqualsOneGemmPerProduct(BatchedCase b) => Check<float>(b);

    [Property(Arbitrary = [typeof(BatchedArbitraries)], MaxTest = 60, Replay = Seed)]
    public void DoubleEqualsOneGemmPerProduct(BatchedCase b) => Check<double>(b);

    [Fact]
    public void EveryPathInOneBatchEqualsOneGemmPerProduct()
    {
        int seed = 0;
        foreach ((int m, int n, int k) in new[] { (37, 41, 300), (5, 6, 7), (1, 40, 30), (40, 1, 30), (0, 3, 4), (3, 4, 0) })
        {
            foreach (Transpose ta in new[] { Transpose.None, Transpose.Transpose })
            {
                foreach (Transpose tb in new[] { Transpose.None, Transpose.Transpose })
                {
                    GemmCase product = new(ta, tb, m, n, k, 0.75, seed % 2 == 0 ? 0 : 1.5, 1, 2, 0, seed++);
                    Check<float>(new BatchedCase(product, 3, 1, 0, 2, SharedA: false, SharedB: seed % 3 == 0));
                }
            }
        }
    }

    /// <summary>batchCount = 0 touches nothing, even with empty spans; batchCount = 1 with strides of 0 is one Gemm.</summary>
    [Fact]
    public void BatchCountZeroAndOne()
    {
        float[] c = [float.NaN, 1f, 2f, 3f];
        Blas.GemmStridedBatched(Transpose.None, Transpose.None, 2, 2, 2, 1f, ReadOnlySpan<float>.Empty, 2, 4, ReadOnlySpan<float>.Empty, 2, 4, 0f, c.AsSpan(0, 0), 2, 4, 0);
        Blas.GemmStridedBatched(Transpose.None, Transpose.None, 2, 2, 2, 1f, new float[4], 2, 4, new float[4], 2, 4, 0f, c, 2, 4, 0);
        Assert.True(float.IsNaN(c[0]));
        Assert.Equal([1f, 2f, 3f], c[1..]);

        float[] a = [1, 2, 3, 4], b = [5, 6, 7, 8];
        float[] batched = [1, 1, 1, 1], single = [1, 1, 1, 1];
        Blas.GemmStridedBatched(Transpose.None, Transpose.Transpose, 2, 2, 2, 2f, a, 2, 0, b, 2, 0, -1f, batched, 2, 0, 1);
        Blas.Gemm(Transpose.None, Transpose.Transpose, 2, 2, 2, 2f, a, 2, b, 2, -1f, single, 2);
        GemmAssert.BitEqual<float>(single, batched, "batchCount 1");
        Assert.Equal([2 * 17 - 1, 2 * 23 - 1, 2 * 39 - 1, 2 * 53 - 1], batched);
    }

    private static void Check<T>(BatchedCase batch)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmCase c = batch.Product;
        int aOne = GemmOperands<T>.Extent(c.AStored.Rows, c.AStored.Cols, c.Lda);
        int bOne = GemmOperands<T>.Extent(c.BStored.Rows, c.BStored.Cols, c.Ldb);
        int cOne = GemmOperands<T>.Extent(c.M, c.N, c.Ldc);
        int strideA = batch.SharedA ? 0 : aOne + batch.GapA;
        int strideB = batch.SharedB ? 0 : bOne + batch.GapB;
        int strideC = cOne + batch.GapC;
        int count = batch.BatchCount;
        Random random = new(c.Seed);
        T[] a = Operand<T>(random, count, strideA, aOne);
        T[] b = Operand<T>(random, count, strideB, bOne);
        T[] c0 = new T[count == 0 ? 3 : (count - 1) * strideC + cOne];
        Array.Fill(c0, GemmOperands<T>.Sentinel);
        for (int t = 0; t < count; t++)
        {
            GemmOperands<T>.ForEach(c.M, c.N, c.Ldc, index => c0[t * strideC + index] = c.Beta == 0 ? T.NaN : GemmOperands<T>.Value(random, ValueKind.Uniform));
        }

        T alpha = T.CreateChecked(c.Alpha), beta = T.CreateChecked(c.Beta);
        T[] expected = (T[])c0.Clone();
        for (int t = 0; t < count; t++)
        {
            BlasDispatch.Gemm(c.TransA, c.TransB, c.M, c.N, c.K, alpha, a.AsSpan(t * strideA, aOne), c.Lda, b.AsSpan(t * strideB, bOne), c.Ldb,
                beta, expected.AsSpan(t * strideC, cOne), c.Ldc);
        }

        T[] actual = (T[])c0.Clone();
        BlasDispatch.GemmStridedBatched(c.TransA, c.TransB, c.M, c.N, c.K, alpha, a, c.Lda, strideA, b, c.Ldb, strideB,
            beta, actual.AsSpan(0, count == 0 ? 0 : actual.Length), c.Ldc, strideC, count);
        GemmAssert.BitEqual<T>(expected, actual, $"{batch} ({typeof(T).Name})");
        if (count > 0 && c.M > 0 && c.N > 0 && c.Beta == 0)
        {
            Assert.DoesNotContain(actual, T.IsNaN);
        }
    }

    /// <summary>count matrices of one extent at the stride, exactly as long as they need; gaps hold NaN.</summary>
    private static T[] Operand<T>(Random random, int count, int stride, int one)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] values = new T[count == 0 ? 0 : (count - 1) * stride + one];
        Array.Fill(values, T.NaN);
        for (int t = 0; t < count; t++)
        {
            for (int i = 0; i < one; i++)
            {
                values[t * stride + i] = GemmOperands<T>.Value(random, ValueKind.Uniform);
            }
        }

        return values;
    }
}
