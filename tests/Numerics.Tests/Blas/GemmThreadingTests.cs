using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Threading.Tasks;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

/// <summary>
/// Tests that change <see cref="KernelThreading"/>'s process-wide settings run alone: no other test of this assembly
/// runs while they do.
/// </summary>
[CollectionDefinition("GemmThreading", DisableParallelization = true)]
public sealed class GemmThreadingCollection
{
}

// Thread counts never change results: every path (blocked, row combination split by columns, dots split by rows,
// batched split by products; dot paths included, Blas.cs promises them the same bits for any thread count) gives
// the same bits on 1, 2, 3 and 7 threads with the threshold at 1 so that even small products split, on repeated calls,
// and when several threads call at once (the cached work items and packing buffers must not be shared).
[Collection("GemmThreading")]
public sealed class GemmThreadingTests : IDisposable
{
    private static readonly Transpose[] Both = [Transpose.None, Transpose.Transpose];

    private readonly int _savedMaxThreads = KernelThreading.MaxThreads;
    private readonly long _savedThreshold = KernelThreading.GemmThreshold;

    public void Dispose()
    {
        KernelThreading.MaxThreads = _savedMaxThreads;
        KernelThreading.GemmThreshold = _savedThreshold;
    }

    /// <summary>
    /// Shapes whose parallel split actually has several parts: blocked with several row blocks (m ≥ 2 tiles), two
    /// KC blocks, or several NC blocks (n = 1030 and 4100 with NC = 1024: B packed per block, threads waiting for
    /// each other between the steps); n = 1 and m = 1 wide enough for the combination's 256-column chunks (n ≥ 512) and the dots' 16-row chunks
    /// (≥ 32 rows); many KC steps with several row blocks (30×300×800: packed B alternates
    /// between two buffers, so a step's B is packed while rows of the step before are still being computed); and
    /// combinations deep enough to split by depth (k = 1030, 1100: at least two KC blocks per thread, each thread
    /// summing its blocks, the calling thread applying them in order), also for n as narrow as 33.
    /// </summary>
    public static TheoryData<int, int, int> Shapes() => new()
    {
        { 100, 70, 300 },
        { 37, 41, 33 },
        { 1, 700, 60 },
        { 700, 1, 60 },
        { 70, 1, 300 },
        { 1, 70, 300 },
        { 5, 1030, 20 },
        { 13, 4100, 20 },
        { 30, 300, 800 },
        { 1, 700, 1100 },
        { 1, 33, 1030 },
        { 500, 1, 1100 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ThreadCountsGiveTheSameBits(int m, int n, int k)
    {
        int seed = m * 7 + n * 3 + k;
        foreach (Transpose ta in Both)
        {
            foreach (Transpose tb in Both)
            {
                foreach (double beta in new[] { 0.0, -1.5 })
                {
                    GemmCase c = new(ta, tb, m, n, k, 1.25, beta, 1, 2, 3, seed++);
                    AssertThreadCountsAgree<float>(c);
                    AssertThreadCountsAgree<double>(c);
                }
            }
        }
    }

    private void AssertThreadCountsAgree<T>(GemmCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmOperands<T> operands = GemmOperands<T>.Create(c);
        KernelThreading.MaxThreads = 1;
        T[] serial = operands.RunBlas();
        if (!c.IsDotPath)
        {
            GemmAssert.BitEqual<T>(operands.RunReference(), serial, $"{c} ({typeof(T).Name}), 1 thread");
        }

        KernelThreading.GemmThreshold = 1;
        foreach (int threads in new[] { 2, 3, 7 })
        {
            KernelThreading.MaxThreads = threads;
            for (int repeat = 0; repeat < 2; repeat++)
            {
                GemmAssert.BitEqual<T>(serial, operands.RunBlas(), $"{c} ({typeof(T).Name}), {threads} threads, run {repeat + 1}");
            }
        }

        KernelThreading.GemmThreshold = _savedThreshold;
    }

    /// <summary>
    /// The row combination (m = 1) peels each row up to its first cache-line boundary and places its accumulators at
    /// the matrix's offset within a line: at every offset of B in a line (every element position), with rows all at one
    /// offset (ldb = n) or each at another (ldb = n + 1, n + 3), widths below, across and beyond one 16 KiB strip, on
    /// one thread and on two (the depth split at k = 1100), it must still equal the reference bit for bit.
    /// </summary>
    [Theory]
    [InlineData(5, 300, 0, 1)]
    [InlineData(37, 300, 1, 1)]
    [InlineData(4100, 300, 3, 1)]
    [InlineData(1030, 1100, 0, 2)]
    [InlineData(33, 1100, 1, 2)]
    public void RowCombinationIsExactAtEveryOffsetOfTheMatrix(int n, int k, int ldbExtra, int threads)
    {
        KernelThreading.MaxThreads = threads;
        KernelThreading.GemmThreshold = 1;
        AssertRowCombinationAtEveryOffset<float>(n, k, ldbExtra);
        AssertRowCombinationAtEveryOffset<double>(n, k, ldbExtra);
        KernelThreading.GemmThreshold = _savedThreshold;
    }

    private static void AssertRowCombinationAtEveryOffset<T>(int n, int k, int ldbExtra)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(n + k + ldbExtra);
        int ldb = n + ldbExtra;
        T[] x = Enumerable.Range(0, k).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray();
        T[] c0 = Enumerable.Range(0, n).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray();
        int extent = (k - 1) * ldb + n;
        int elementsPerLine = 64 / System.Runtime.CompilerServices.Unsafe.SizeOf<T>();
        T[] storage = Enumerable.Range(0, extent + elementsPerLine).Select(_ => T.CreateTruncating(random.NextDouble() - 0.5)).ToArray();
        for (int offset = 0; offset < elementsPerLine; offset++)
        {
            ReadOnlySpan<T> b = storage.AsSpan(offset, extent);
            T[] expected = (T[])c0.Clone(), actual = (T[])c0.Clone();
            T alpha = T.CreateTruncating(0.75), beta = T.CreateTruncating(-1.5);
            Numerics.Gemm.GemmReference.Gemm(Transpose.None, Transpose.None, 1, n, k, alpha, x, k, b, ldb, beta, expected, n);
            BlasDispatch.Gemm(Transpose.None, Transpose.None, 1, n, k, alpha, x, k, b, ldb, beta, actual, n);
            GemmAssert.BitEqual<T>(expected, actual, $"1×{k}×{n}, ldb {ldb}, B at element {offset} ({typeof(T).Name}), {KernelThreading.MaxThreads} threads");
        }
    }

    [Theory]
    [InlineData(70, 600)]
    [InlineData(600, 70)]
    public void GemvThreadCountsGiveTheSameBits(int m, int n)
    {
        foreach (Transpose trans in Both)
        {
            GemmCase c = GemvTests.AsGemm(trans, m, n, -0.5, 1, 1, m + n);
            GemmOperands<float> operands = GemmOperands<float>.Create(c);
            float[] x = operands.B;
            KernelThreading.MaxThreads = 1;
            float[] serial = (float[])operands.C0.Clone();
            Blas.Gemv(trans, m, n, -0.5f, operands.A, c.Lda, x, 1f, serial);
            KernelThreading.GemmThreshold = 1;
            KernelThreading.MaxThreads = 2;
            float[] parallel = (float[])operands.C0.Clone();
            Blas.Gemv(trans, m, n, -0.5f, operands.A, c.Lda, x, 1f, parallel);
            GemmAssert.BitEqual<float>(serial, parallel, $"Gemv {trans} {m}×{n}, 2 threads");
            KernelThreading.GemmThreshold = _savedThreshold;
        }
    }

    [Fact]
    public void BatchedThreadCountsGiveTheSameBits()
    {
        foreach (Transpose ta in Both)
        {
            foreach (Transpose tb in Both)
            {
                // Seven products of a blocked shape and of a dot-path shape (n = 1).
                foreach ((int m, int n, int k) in new[] { (37, 41, 33), (40, 1, 70) })
                {
                    GemmCase c = new(ta, tb, m, n, k, 1.5, 0.5, 0, 0, 0, m + n + k);
                    GemmOperands<float> one = GemmOperands<float>.Create(c);
                    int aOne = one.A.Length, bOne = one.B.Length, cOne = one.C0.Length;
                    const int batches = 7;
                    Random random = new(c.Seed);
                    float[] a = Enumerable.Range(0, batches * aOne).Select(_ => random.NextSingle() - 0.5f).ToArray();
                    float[] b = Enumerable.Range(0, batches * bOne).Select(_ => random.NextSingle() - 0.5f).ToArray();
                    float[] c0 = Enumerable.Range(0, batches * cOne).Select(_ => random.NextSingle() - 0.5f).ToArray();
                    float[] Run()
                    {
                        float[] result = (float[])c0.Clone();
                        Blas.GemmStridedBatched(ta, tb, m, n, k, 1.5f, a, c.Lda, aOne, b, c.Ldb, bOne, 0.5f, result, c.Ldc, cOne, batches);
                        return result;
                    }

                    KernelThreading.MaxThreads = 1;
                    float[] serial = Run();
                    KernelThreading.GemmThreshold = 1;
                    foreach (int threads in new[] { 2, 7 })
                    {
                        KernelThreading.MaxThreads = threads;
                        GemmAssert.BitEqual<float>(serial, Run(), $"{c} batched ×{batches}, {threads} threads");
                    }

                    KernelThreading.GemmThreshold = _savedThreshold;
                }
            }
        }
    }

    /// <summary>
    /// Independent products on several threads at once (Parallel.For), each itself allowed two threads with the
    /// threshold at 1, give the bits of the same products computed one after another.
    /// </summary>
    [Fact]
    public void ConcurrentCallsGiveTheSerialResults()
    {
        List<GemmCase> cases = [];
        int seed = 0;
        foreach ((int m, int n, int k) in new[] { (100, 70, 300), (37, 41, 33), (5, 6, 7), (1, 700, 60), (700, 1, 60), (70, 1, 300), (1, 70, 300), (64, 64, 64) })
        {
            foreach (Transpose ta in Both)
            {
                foreach (Transpose tb in Both)
                {
                    cases.Add(new GemmCase(ta, tb, m, n, k, -1.5, seed % 2 == 0 ? 0 : 1, 1, 0, 2, seed++));
                }
            }
        }

        GemmOperands<float>[] singles = cases.Select(GemmOperands<float>.Create).ToArray();
        GemmOperands<double>[] doubles = cases.Select(GemmOperands<double>.Create).ToArray();
        KernelThreading.MaxThreads = 1;
        float[][] serialSingles = singles.Select(o => o.RunBlas()).ToArray();
        double[][] serialDoubles = doubles.Select(o => o.RunBlas()).ToArray();

        KernelThreading.MaxThreads = 2;
        KernelThreading.GemmThreshold = 1;
        for (int round = 0; round < 3; round++)
        {
            float[][] concurrentSingles = new float[cases.Count][];
            double[][] concurrentDoubles = new double[cases.Count][];
            Parallel.For(0, 2 * cases.Count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            {
                int index = i / 2;
                if (i % 2 == 0)
                {
                    concurrentSingles[index] = singles[index].RunBlas();
                }
                else
                {
                    concurrentDoubles[index] = doubles[index].RunBlas();
                }
            });

            for (int index = 0; index < cases.Count; index++)
            {
                GemmAssert.BitEqual<float>(serialSingles[index], concurrentSingles[index], $"{cases[index]} concurrent, round {round}");
                GemmAssert.BitEqual<double>(serialDoubles[index], concurrentDoubles[index], $"{cases[index]} (double) concurrent, round {round}");
            }
        }
    }

    /// <summary>
    /// The parallel splits at their operands' guard pages (see GemmGuardPageTests): the column chunks of the row
    /// combination, the row chunks of the dots and the row blocks of the blocked product, each on two threads.
    /// </summary>
    [Theory]
    [MemberData(nameof(Shapes))]
    public void ParallelPathsStayWithinTheirOperands(int m, int n, int k)
    {
        KernelThreading.MaxThreads = 2;
        KernelThreading.GemmThreshold = 1;
        int seed = 0;
        foreach (GuardPosition guard in new[] { GuardPosition.After, GuardPosition.Before })
        {
            foreach (Transpose ta in Both)
            {
                foreach (Transpose tb in Both)
                {
                    GemmCase c = new(ta, tb, m, n, k, 0.5, seed % 2 == 0 ? 0 : 1, 0, seed % 3, 0, seed++);
                    GemmOperands<float> operands = GemmOperands<float>.Create(c);
                    using BoundedMemory<float> a = BoundedMemory.AllocateFrom<float>(operands.A, guard);
                    using BoundedMemory<float> b = BoundedMemory.AllocateFrom<float>(operands.B, guard);
                    using BoundedMemory<float> cMemory = BoundedMemory.AllocateFrom<float>(operands.C0, guard);
                    a.MakeReadOnly();
                    b.MakeReadOnly();
                    Blas.Gemm(ta, tb, m, n, k, operands.Alpha, a.ReadOnlySpan, c.Lda, b.ReadOnlySpan, c.Ldb, operands.Beta, cMemory.Span, c.Ldc);
                    operands.AssertWithinBound(cMemory.Span.ToArray(), c.IsDotPath);
                }
            }
        }
    }

    [Fact]
    public void SettingsRejectValuesBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreading.GemmThreshold = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreading.MaxThreads = 0);
        Assert.Equal(_savedThreshold, KernelThreading.GemmThreshold);
        Assert.Equal(_savedMaxThreads, KernelThreading.MaxThreads);
    }
}
