using System;
using System.Collections.Generic;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

/// <summary>
/// Warm calls allocate nothing: the blocked product on one and two threads (packing buffers, the job and its progress
/// arrays are cached), back to back so that the previous call's work item is often still pending when the next call
/// starts, and the element-wise parallel path. The calling thread must allocate exactly nothing. Other threads of the
/// test process allocate a little on their own (the runner, tiered compilation: tens of KiB), so across the process
/// the bound is one packed-B buffer (1 MB here): a job rebuilt by even one call would allocate two of them.
/// Runs alone (other tests would allocate meanwhile).
/// </summary>
[Collection("GemmThreading")]
public sealed class GemmAllocationTests : IDisposable
{
    private readonly int _savedMaxThreads = KernelThreading.MaxThreads;
    private readonly long _savedGemmThreshold = KernelThreading.GemmThreshold;
    private readonly int _savedElementwiseThreshold = KernelThreading.ElementwiseThreshold;

    public void Dispose()
    {
        KernelThreading.MaxThreads = _savedMaxThreads;
        KernelThreading.GemmThreshold = _savedGemmThreshold;
        KernelThreading.ElementwiseThreshold = _savedElementwiseThreshold;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void WarmBlockedProductsAllocateNothing(int threads)
    {
        KernelThreading.MaxThreads = threads;
        KernelThreading.GemmThreshold = 1;
        const int m = 100, n = 1000, k = 600;
        float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = (i % 13) * 0.25f - 1;
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = (i % 7) * 0.5f - 1;
        }

        for (int i = 0; i < 5; i++)
        {
            Blas.Gemm(Transpose.None, Transpose.None, m, n, k, 1f, a, k, b, n, 0f, c, n);
        }

        // Up to three rounds, as in the element-wise test below: a pool thread started for a queued work item is
        // allocated on the queueing thread, once; an allocation per call shows in every round.
        var rounds = new List<string>();
        bool clean = false;
        for (int round = 0; round < 3 && !clean; round++)
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            long beforeHere = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                Blas.Gemm(Transpose.None, Transpose.None, m, n, k, 1f, a, k, b, n, 0f, c, n);
            }

            long here = GC.GetAllocatedBytesForCurrentThread() - beforeHere;
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            clean = here == 0 && allocated < 1_000_000;
            rounds.Add($"{allocated} bytes ({here} on the calling thread)");
        }

        Assert.True(clean, $"100 warm products on {threads} thread(s) allocated {string.Join(", then ", rounds)}");
    }

    [Fact]
    public void WarmParallelElementwiseCallsAllocateNothing()
    {
        KernelThreading.MaxThreads = 2;
        KernelThreading.ElementwiseThreshold = 1024;
        float[] x = new float[100_000], y = new float[100_000];
        for (int i = 0; i < 5; i++)
        {
            Activations.Gelu(x, y);
        }

        // Up to three rounds: queueing a work item while every pool thread is busy (other test classes run in
        // parallel) makes the pool start a thread, and that Thread object (~136 bytes) is allocated on the queueing
        // thread. That happens once per pool thread, not per call; an allocation per call shows in every round.
        var rounds = new List<long>();
        for (int round = 0; round < 3 && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 200; i++)
            {
                Activations.Gelu(x, y);
            }

            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.True(rounds[^1] == 0, $"200 warm parallel Gelu calls allocated {string.Join(", then ", rounds)} bytes on the calling thread");
    }
}
