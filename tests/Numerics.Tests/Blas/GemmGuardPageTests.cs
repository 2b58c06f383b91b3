using System;
using System.Numerics;
using Numerics.Gemm;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// Out-of-bounds access: A, B and C each sit at exactly their extent ((rows − 1)·ld + cols elements, last row short)
// against an inaccessible page, after them or before them, with A and B read-only. A read one element too far (a
// vector load past the last row, a packing routine reading a whole ld-wide row) or any write to an input kills the
// test process with SIGSEGV; passing means no such access, and the result must still match the reference.
public sealed class GemmGuardPageTests
{
    private static readonly Transpose[] Both = [Transpose.None, Transpose.Transpose];

    /// <summary>Shapes that reach every path: small (≤ 32), blocked with edge tiles and two KC blocks, m = 1, n = 1, empty.</summary>
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 5, 7, 9 },
        { 32, 32, 32 },
        { 20, 17, 11 },
        { 31, 30, 32 },
        { 9, 2, 3 },
        { 37, 41, 300 },
        { 13, 33, 20 },
        { 50, 3, 17 },
        { 3, 300, 5 },
        { 33, 1, 40 },
        { 1, 45, 40 },
        { 1, 1, 17 },
        { 1, 70, 1 },
        { 0, 5, 3 },
        { 4, 5, 0 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void GemmStaysWithinItsOperands(int m, int n, int k)
    {
        int seed = 0;
        foreach (GuardPosition guard in new[] { GuardPosition.After, GuardPosition.Before })
        {
            foreach (Transpose ta in Both)
            {
                foreach (Transpose tb in Both)
                {
                    // No padding: the extent's last row is then as long as the others, and every vector tail sits at the guard.
                    Run<float>(new GemmCase(ta, tb, m, n, k, 1.5, seed % 2 == 0 ? 0 : -0.5, 0, 0, 0, seed++), guard);
                    Run<float>(new GemmCase(ta, tb, m, n, k, -1, 0.25, 3, 1, 2, seed++), guard);
                    Run<double>(new GemmCase(ta, tb, m, n, k, 0.75, seed % 2 == 0 ? 0 : 2, 0, 2, 1, seed++), guard);
                }
            }
        }
    }

    private static void Run<T>(GemmCase c, GuardPosition guard)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmOperands<T> operands = GemmOperands<T>.Create(c);
        using BoundedMemory<T> a = BoundedMemory.AllocateFrom<T>(operands.A, guard);
        using BoundedMemory<T> b = BoundedMemory.AllocateFrom<T>(operands.B, guard);
        using BoundedMemory<T> cMemory = BoundedMemory.AllocateFrom<T>(operands.C0, guard);
        a.MakeReadOnly();
        b.MakeReadOnly();
        BlasDispatch.Gemm(c.TransA, c.TransB, c.M, c.N, c.K, operands.Alpha, a.ReadOnlySpan, c.Lda, b.ReadOnlySpan, c.Ldb,
            operands.Beta, cMemory.Span, c.Ldc);
        T[] actual = cMemory.Span.ToArray();
        if (c.IsDotPath)
        {
            operands.AssertWithinBound(actual, dotPath: true);
        }
        else
        {
            GemmAssert.BitEqual<T>(operands.RunReference(), actual, $"{c} ({typeof(T).Name}), guard {guard}");
        }
    }

    [Theory]
    [InlineData(37, 29)]
    [InlineData(1, 29)]
    [InlineData(29, 1)]
    [InlineData(70, 300)]
    [InlineData(0, 5)]
    [InlineData(5, 0)]
    public void GemvStaysWithinItsOperands(int m, int n)
    {
        int seed = 0;
        foreach (GuardPosition guard in new[] { GuardPosition.After, GuardPosition.Before })
        {
            foreach (Transpose trans in Both)
            {
                foreach (int pad in new[] { 0, 3 })
                {
                    // y = alpha·op(A)·x + beta·y is the GEMM with n = 1: x is B (ldb 1), y is C (ldc 1).
                    GemmCase c = GemvTests.AsGemm(trans, m, n, 1.25, seed % 2 == 0 ? 0 : -0.5, pad, seed++);
                    GemmOperands<float> operands = GemmOperands<float>.Create(c);
                    using BoundedMemory<float> a = BoundedMemory.AllocateFrom<float>(operands.A, guard);
                    using BoundedMemory<float> x = BoundedMemory.AllocateFrom<float>(operands.B, guard);
                    using BoundedMemory<float> y = BoundedMemory.AllocateFrom<float>(operands.C0, guard);
                    a.MakeReadOnly();
                    x.MakeReadOnly();
                    Blas.Gemv(trans, m, n, operands.Alpha, a.ReadOnlySpan, c.Lda, x.ReadOnlySpan, operands.Beta, y.Span);
                    operands.AssertWithinBound(y.Span.ToArray(), c.IsDotPath);
                }
            }
        }
    }

    /// <summary>Three products, every array exactly (batchCount − 1)·stride + one extent long; A shared (stride 0) in one run.</summary>
    [Fact]
    public void BatchedStaysWithinItsOperands()
    {
        const int m = 13, n = 17, k = 19, batches = 3;
        int seed = 0;
        foreach (GuardPosition guard in new[] { GuardPosition.After, GuardPosition.Before })
        {
            foreach (Transpose ta in Both)
            {
                foreach (Transpose tb in Both)
                {
                    foreach (bool sharedA in new[] { false, true })
                    {
                        GemmCase c = new(ta, tb, m, n, k, 1.5, -1, 1, 2, 3, seed++);
                        int aOne = GemmOperands<float>.Extent(c.AStored.Rows, c.AStored.Cols, c.Lda);
                        int bOne = GemmOperands<float>.Extent(c.BStored.Rows, c.BStored.Cols, c.Ldb);
                        int cOne = GemmOperands<float>.Extent(m, n, c.Ldc);
                        int strideA = sharedA ? 0 : aOne + 5, strideB = bOne, strideC = cOne + 1;
                        Random random = new(c.Seed);
                        float[] aValues = Filled(random, (batches - 1) * strideA + aOne);
                        float[] bValues = Filled(random, (batches - 1) * strideB + bOne);
                        float[] cValues = Filled(random, (batches - 1) * strideC + cOne);
                        using BoundedMemory<float> a = BoundedMemory.AllocateFrom<float>(aValues, guard);
                        using BoundedMemory<float> b = BoundedMemory.AllocateFrom<float>(bValues, guard);
                        using BoundedMemory<float> cMemory = BoundedMemory.AllocateFrom<float>(cValues, guard);
                        a.MakeReadOnly();
                        b.MakeReadOnly();
                        Blas.GemmStridedBatched(ta, tb, m, n, k, 1.5f, a.ReadOnlySpan, c.Lda, strideA, b.ReadOnlySpan, c.Ldb, strideB,
                            -1f, cMemory.Span, c.Ldc, strideC, batches);
                        float[] expected = (float[])cValues.Clone();
                        for (int t = 0; t < batches; t++)
                        {
                            GemmReference.Gemm(ta, tb, m, n, k, 1.5f, aValues.AsSpan(t * strideA), c.Lda, bValues.AsSpan(t * strideB), c.Ldb,
                                -1f, expected.AsSpan(t * strideC), c.Ldc);
                        }

                        GemmAssert.BitEqual<float>(expected, cMemory.Span, $"{c} batched, guard {guard}, shared A {sharedA}");
                    }
                }
            }
        }
    }

    private static float[] Filled(Random random, int length)
    {
        float[] values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = 2 * random.NextSingle() - 1;
        }

        return values;
    }
}
