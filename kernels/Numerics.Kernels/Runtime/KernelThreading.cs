using System;
using System.Threading;

namespace Numerics;

/// <summary>
/// How many threads the kernels may use, and the sizes above which they use more than one.
/// </summary>
/// <remarks>
/// Results never depend on the thread count for element-wise kernels (every element is computed by the same
/// vector width whatever the chunking). The element-wise threshold was measured on a 2-core AVX-512 machine:
/// see <c>docs/kernels.md</c>.
/// </remarks>
public static class KernelThreading
{
    private static int s_maxThreads = Environment.ProcessorCount;
    private static int s_elementwiseThreshold = 1 << 16;
    private static long s_gemmThreshold = 1L << 21;
    private static long s_elementwiseStreamingBytes = 16L << 20;

    /// <summary>
    /// Upper bound on threads per kernel call; defaults to <see cref="Environment.ProcessorCount"/>. Set 1 to
    /// keep every call on the calling thread.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int MaxThreads
    {
        get => Volatile.Read(ref s_maxThreads);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref s_maxThreads, value);
        }
    }

    /// <summary>
    /// Element count from which element-wise kernels split their range across threads (default 65,536).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static int ElementwiseThreshold
    {
        get => Volatile.Read(ref s_elementwiseThreshold);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref s_elementwiseThreshold, value);
        }
    }

    /// <summary>
    /// Size in bytes of an element-wise kernel's first destination from which it writes around the caches
    /// (non-temporal stores) and prefetches its inputs a page ahead (default 16 MiB). Such outputs do not stay in
    /// cache anyway; not reading each destination line before writing it saves a third of the memory traffic. Results
    /// are the same bits either way. <see cref="long.MaxValue"/> turns streaming off.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static long ElementwiseStreamingBytes
    {
        get => Volatile.Read(ref s_elementwiseStreamingBytes);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref s_elementwiseStreamingBytes, value);
        }
    }

    /// <summary>
    /// Floating-point operations (2·m·n·k) from which a matrix product uses more than one thread (default 2²¹, e.g. a
    /// 256×64×64 product: measured as the size from which two threads are not slower and tall shapes gain, docs/gemm.md).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public static long GemmThreshold
    {
        get => Volatile.Read(ref s_gemmThreshold);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref s_gemmThreshold, value);
        }
    }

    /// <summary>Threads to use for <paramref name="length"/> elements given a threshold: at least 1.</summary>
    internal static int ThreadsFor(int length, int threshold)
    {
        int max = MaxThreads;
        if (max <= 1 || length < threshold)
        {
            return 1;
        }

        // Each thread gets at least half a threshold's worth of elements.
        long byWork = Math.Max(1, 2L * length / threshold);
        return (int)Math.Min(max, byWork);
    }
}
