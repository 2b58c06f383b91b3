using System;
using System.Numerics;
using FsCheck.Xunit;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// The dot paths (n = 1 with op(A) = A, m = 1 with op(B) = Bᵀ) sum each dot product in vector lanes, so their last
// bits may depend on the instruction set: they are held to the rounding bound of GemmBound (k fused multiply-adds
// plus the lane reductions), and to determinism — the same inputs give the same bits on every call.
public sealed class GemmDotPathTests
{
    private const string Seed = "(20261129,2237)";

    [Property(Arbitrary = [typeof(DotPathArbitraries)], MaxTest = 100, Replay = Seed)]
    public void SingleIsWithinTheRoundingBoundAndRepeatable(GemmCase c) => Check<float>(c);

    [Property(Arbitrary = [typeof(DotPathArbitraries)], MaxTest = 100, Replay = Seed)]
    public void DoubleIsWithinTheRoundingBoundAndRepeatable(GemmCase c) => Check<double>(c);

    /// <summary>
    /// Where the matrix sits must not change the bits: rows off their cache lines are summed from aligned loads cut
    /// by permutes at 512 bits, rows on them from plain loads. The same matrix copied to every element position of a
    /// line (one of them on a 64-byte boundary), with every row at one offset (lda = k) or each at another
    /// (lda = k + 1, k + 3), for depths through the paired, single-vector and scalar steps, gives one result.
    /// </summary>
    [Theory]
    [InlineData(10, 37, 0)]
    [InlineData(8, 100, 1)]
    [InlineData(13, 300, 3)]
    [InlineData(4, 64, 0)]
    public void TheMatrixsPlaceInMemoryDoesNotChangeTheBits(int m, int k, int ldaExtra)
    {
        SameBitsAtEveryOffset<float>(m, k, ldaExtra);
        SameBitsAtEveryOffset<double>(m, k, ldaExtra);
    }

    private static unsafe void SameBitsAtEveryOffset<T>(int m, int k, int ldaExtra)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(m * 1000 + k + ldaExtra);
        int lda = k + ldaExtra, extent = (m - 1) * lda + k, perLine = 64 / sizeof(T);
        T[] matrix = new T[extent];
        T[] x = new T[k];
        for (int i = 0; i < extent; i++)
        {
            matrix[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        for (int i = 0; i < k; i++)
        {
            x[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        T[] storage = GC.AllocateArray<T>(extent + perLine, pinned: true);
        T[]? first = null;
        bool sawAligned = false;
        for (int offset = 0; offset < perLine; offset++)
        {
            storage.AsSpan().Fill(T.NaN);
            matrix.CopyTo(storage, offset);
            fixed (T* start = &storage[offset])
            {
                sawAligned |= ((nint)start & 63) == 0;
            }

            T[] y = new T[m];
            BlasDispatch.Gemm(Transpose.None, Transpose.None, m, 1, k, T.One, storage.AsSpan(offset, extent), lda, x, 1, T.Zero, y, 1);
            first ??= y;
            GemmAssert.BitEqual<T>(first, y, $"{m}×{k}×1, lda {lda}, A at element {offset} of a line ({typeof(T).Name})");
        }

        Assert.True(sawAligned);
    }

    /// <summary>Depths around the vector and unrolled-pair widths (4/8/16/32 lanes, twice that per step) and KC.</summary>
    [Theory]
    [InlineData(1, 7)]
    [InlineData(4, 15)]
    [InlineData(5, 16)]
    [InlineData(7, 17)]
    [InlineData(3, 31)]
    [InlineData(9, 32)]
    [InlineData(2, 33)]
    [InlineData(6, 63)]
    [InlineData(11, 64)]
    [InlineData(13, 65)]
    [InlineData(17, 257)]
    [InlineData(33, 1000)]
    public void DepthsAroundTheLaneWidthsAreWithinTheBound(int rows, int k)
    {
        int seed = rows * 10_000 + k;
        foreach (double beta in new[] { 0.0, -1.5 })
        {
            Check<float>(new GemmCase(Transpose.None, Transpose.None, rows, 1, k, 1.25, beta, 1, 2, 3, seed));
            Check<float>(new GemmCase(Transpose.None, Transpose.Transpose, rows, 1, k, -0.5, beta, 0, 0, 0, seed + 1));
            Check<float>(new GemmCase(Transpose.None, Transpose.Transpose, 1, rows, k, 2.25, beta, 2, 1, 0, seed + 2));
            Check<float>(new GemmCase(Transpose.Transpose, Transpose.Transpose, 1, rows, k, 1, beta, 0, 3, 1, seed + 3));
            Check<double>(new GemmCase(Transpose.None, Transpose.None, rows, 1, k, 1.25, beta, 1, 2, 3, seed));
            Check<double>(new GemmCase(Transpose.Transpose, Transpose.Transpose, 1, rows, k, 1, beta, 0, 3, 1, seed + 3));
        }
    }

    private static void Check<T>(GemmCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmOperands<T> operands = GemmOperands<T>.Create(c);
        T[] first = operands.RunBlas();
        operands.AssertWithinBound(first, dotPath: true);
        GemmAssert.BitEqual<T>(first, operands.RunBlas(), $"{c} ({typeof(T).Name}), second call");
    }
}
