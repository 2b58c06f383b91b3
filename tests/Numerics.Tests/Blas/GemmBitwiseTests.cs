using System;
using System.Collections.Generic;
using System.Numerics;
using FsCheck.Xunit;
using Numerics.Gemm;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// Every shape that is not a dot path (small direct path, row combinations, the blocked product with its edge tiles,
// several KC blocks, beta ≠ 0) must equal GemmReference — the arithmetic contract — bit for bit, padding of C
// included. eng/test.sh runs this at 512, 256 and 128 bits and without hardware intrinsics, so each micro-kernel is
// held to the same bits.
public sealed class GemmBitwiseTests
{
    private const string Seed = "(20261129,2209)";

    [Property(Arbitrary = [typeof(BitwiseGemmArbitraries)], MaxTest = 150, Replay = Seed)]
    public void SingleEqualsTheReferenceBitForBit(GemmCase c) => AssertBitwise<float>(c);

    [Property(Arbitrary = [typeof(BitwiseGemmArbitraries)], MaxTest = 100, Replay = Seed)]
    public void DoubleEqualsTheReferenceBitForBit(GemmCase c) => AssertBitwise<double>(c);

    /// <summary>
    /// Shapes chosen rather than drawn: several KC blocks (k = 257, 513, 700) with and without beta, the MC and NC
    /// boundaries of every width (MC 480/240/120/64, NC 4096/1024 for float, 2048/1024 for double), tiles one
    /// row/column past a micro-tile, and the m = 1 row combination and n = 1 with op(A) = Aᵀ (bitwise by design), the row combination with two
    /// accumulator strips (16 KiB: 4096 floats, 2048 doubles) and depths that leave 1–3 rows after its four-row passes,
    /// and small products through every tile of the direct small path (8, 4 and single rows; two, one and partial vectors).
    /// </summary>
    public static TheoryData<int, int, int, double> Shapes() => new()
    {
        { 33, 33, 33, 0 },
        { 32, 32, 33, 1 },
        { 33, 2, 2, -1.5 },
        { 2, 33, 2, 0.75 },
        { 13, 33, 257, 1 },
        { 25, 17, 513, -1.5 },
        { 37, 41, 300, 0 },
        { 49, 97, 700, 0.5 },
        { 121, 9, 260, 1 },
        { 481, 5, 40, -1.5 },
        { 241, 7, 64, 0 },
        { 65, 3, 3, 1 },
        { 3, 4100, 7, -1.5 },
        { 2, 1030, 300, 1 },
        { 2, 4100, 300, -1.5 },
        { 1, 700, 600, -1.5 },
        { 1, 4100, 517, 1 },
        { 1, 2050, 6, 0 },
        { 1, 5, 3, 0 },
        { 700, 1, 300, 2 },
        { 2, 2, 1000, 1 },
        { 20, 17, 11, 0.5 },
        { 31, 30, 32, -1.5 },
        { 8, 16, 1, 0 },
        { 29, 3, 32, 1 },
        { 4, 31, 5, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ChosenShapesEqualTheReferenceBitForBit(int m, int n, int k, double beta)
    {
        int seed = 1000;
        foreach (Transpose ta in new[] { Transpose.None, Transpose.Transpose })
        {
            foreach (Transpose tb in new[] { Transpose.None, Transpose.Transpose })
            {
                GemmCase c = new(ta, tb, m, n, k, -0.75, beta, seed % 3, seed % 2, seed % 4, seed++);
                if (!c.IsDotPath)
                {
                    AssertBitwise<float>(c);
                    AssertBitwise<double>(c);
                }
            }
        }
    }

    /// <summary>Big enough to run the blocked path on two threads with the default threshold (2·m·n·k ≥ 2²¹).</summary>
    [Fact]
    public void ProductAboveTheThreadingThresholdEqualsTheReference()
    {
        AssertBitwise<float>(new GemmCase(Transpose.None, Transpose.Transpose, 130, 131, 260, 1.5, -1, 1, 2, 3, 77));
    }

    internal static void AssertBitwise<T>(GemmCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.False(c.IsDotPath, "dot paths are not bitwise");
        GemmOperands<T> operands = GemmOperands<T>.Create(c);
        GemmAssert.BitEqual<T>(operands.RunReference(), operands.RunBlas(), $"{c} ({typeof(T).Name})");
    }
}
