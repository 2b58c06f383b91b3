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
