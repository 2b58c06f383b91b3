using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

/// <summary>Matrix-vector cases: A stored m×n, either transpose, padded lda.</summary>
public static class GemvArbitraries
{
    public static Arbitrary<GemmCase> Cases() =>
        (from trans in Gen.Elements(Transpose.None, Transpose.Transpose)
         from m in Gen.Frequency((3, GemmArbitraries.Dimension), (1, Gen.Choose(1, 1500)))
         from n in Gen.Frequency((3, GemmArbitraries.Dimension), (1, Gen.Choose(1, 1500)))
         from alpha in GemmArbitraries.Alpha
         from beta in GemmArbitraries.Beta
         from pad in Gen.Choose(0, 5)
         from seed in Gen.Choose(0, int.MaxValue - 1)
         select GemvTests.AsGemm(trans, m, n, alpha, beta, pad, seed)).ToArbitrary();
}

// Blas.Gemv: y = alpha·op(A)·x + beta·y with A stored m×n. It is the GEMM with n = 1 (x as a k×1 B with ldb 1, y as
// an m×1 C with ldc 1): op(A) = A is the dot path (lanes; held to the bound), op(A) = Aᵀ a combination of A's rows,
// which must equal GemmReference.Gemm(Transpose, None, n, 1, m, …) bit for bit. With beta = 0, y starts as NaN.
public sealed class GemvTests
{
    private const string Seed = "(20261129,2251)";

    /// <summary>The GEMM case equal to a GEMV (see the class comment); its PadA pads lda beyond n.</summary>
    public static GemmCase AsGemm(Transpose trans, int m, int n, double alpha, double beta, int padA, int seed) =>
        trans == Transpose.None
            ? new GemmCase(Transpose.None, Transpose.None, m, 1, n, alpha, beta, padA, 0, 0, seed)
            : new GemmCase(Transpose.Transpose, Transpose.None, n, 1, m, alpha, beta, padA, 0, 0, seed);

    /// <summary>Stored rows and columns of A for a GEMV case built by <see cref="AsGemm"/>.</summary>
    private static (Transpose Trans, int M, int N) AsGemv(GemmCase c) =>
        c.TransA == Transpose.None ? (Transpose.None, c.M, c.K) : (Transpose.Transpose, c.K, c.M);

    private static T[] RunGemv<T>(GemmOperands<T> operands)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        (Transpose trans, int m, int n) = AsGemv(operands.Case);
        T[] y = (T[])operands.C0.Clone();
        BlasDispatch.Gemv(trans, m, n, operands.Alpha, operands.A, operands.Case.Lda, operands.B, operands.Beta, y);
        return y;
    }

    [Property(Arbitrary = [typeof(GemvArbitraries)], MaxTest = 100, Replay = Seed)]
    public void SingleIsWithinTheBoundAndTransposeIsBitwise(GemmCase c) => Check<float>(c);

    [Property(Arbitrary = [typeof(GemvArbitraries)], MaxTest = 100, Replay = Seed)]
    public void DoubleIsWithinTheBoundAndTransposeIsBitwise(GemmCase c) => Check<double>(c);

    private static void Check<T>(GemmCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmOperands<T> operands = GemmOperands<T>.Create(c);
        T[] y = RunGemv(operands);
        operands.AssertWithinBound(y, c.IsDotPath);
        if (c.TransA == Transpose.Transpose)
        {
            GemmAssert.BitEqual<T>(operands.RunReference(), y, $"{c} Gemv(Transpose) ({typeof(T).Name})");
        }

        // Same as the equivalent Gemm call, bit for bit, on either path; and repeatable.
        GemmAssert.BitEqual<T>(operands.RunBlas(), y, $"{c} Gemv against Gemm ({typeof(T).Name})");
        GemmAssert.BitEqual<T>(y, RunGemv(operands), $"{c} Gemv repeated ({typeof(T).Name})");
    }

    /// <summary>Transpose with KC restarts (m = 600: three blocks) and the column split of the parallel path (n = 1100).</summary>
    [Theory]
    [InlineData(600, 37, 0)]
    [InlineData(257, 1100, -1.5)]
    [InlineData(3, 2000, 1)]
    public void TransposeEqualsTheReferenceBitForBit(int m, int n, double beta)
    {
        GemmCase c = AsGemm(Transpose.Transpose, m, n, -0.75, beta, 2, m + n);
        GemmOperands<float> operands = GemmOperands<float>.Create(c);
        GemmAssert.BitEqual<float>(operands.RunReference(), RunGemv(operands), c.ToString());
        GemmOperands<double> doubles = GemmOperands<double>.Create(c);
        GemmAssert.BitEqual<double>(doubles.RunReference(), RunGemv(doubles), c + " (double)");
    }

    /// <summary>beta = 0: y full of NaN and ∞ is overwritten, not read; elements of y past its length stay.</summary>
    [Theory]
    [InlineData(Transpose.None, 40, 33)]
    [InlineData(Transpose.Transpose, 40, 33)]
    [InlineData(Transpose.None, 1, 9)]
    [InlineData(Transpose.Transpose, 9, 1)]
    public void BetaZeroDoesNotReadY(Transpose trans, int m, int n)
    {
        float[] a = new float[m * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (i % 5) - 2;
        }

        int xLength = trans == Transpose.None ? n : m, yLength = trans == Transpose.None ? m : n;
        float[] x = new float[xLength];
        Array.Fill(x, 0.5f);
        float[] y = new float[yLength + 2];
        Array.Fill(y, float.NaN);
        y[0] = float.PositiveInfinity;
        Blas.Gemv(trans, m, n, 2f, a, n, x, 0f, y.AsSpan(0, yLength));
        for (int i = 0; i < yLength; i++)
        {
            float sum = 0;
            for (int p = 0; p < xLength; p++)
            {
                sum += (trans == Transpose.None ? a[i * n + p] : a[p * n + i]) * 0.5f;
            }

            Assert.Equal(2 * sum, y[i]);
        }

        Assert.True(float.IsNaN(y[yLength]) && float.IsNaN(y[yLength + 1]), "y past its length was written");
    }

    /// <summary>An empty product (x of length 0): y = beta·y, and beta = 0 clears NaN.</summary>
    [Fact]
    public void EmptyProductScalesY()
    {
        float[] y = [float.NaN, 2f, -4f];
        Blas.Gemv(Transpose.None, 3, 0, 1f, ReadOnlySpan<float>.Empty, 1, ReadOnlySpan<float>.Empty, 0.5f, y);
        Assert.True(float.IsNaN(y[0]));
        Assert.Equal([1f, -2f], y[1..]);
        Blas.Gemv(Transpose.Transpose, 0, 3, 1f, ReadOnlySpan<float>.Empty, 3, ReadOnlySpan<float>.Empty, 0f, y);
        Assert.Equal([0f, 0f, 0f], y);
    }
}
