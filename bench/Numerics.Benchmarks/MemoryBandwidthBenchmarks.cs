using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Numerics.Benchmarks;

/// <summary>
/// The machine's copy bandwidth in the same run as the kernels: <see cref="Span{T}.CopyTo"/> of N floats on one thread,
/// and as two halves on two threads. GB/s counts read + write bytes (2 · 4 · N), like the kernels' columns, so the
/// 16M two-thread row is the reference for "at least 80% of copy bandwidth".
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
[BenchmarkCategory("Copy")]
public unsafe class MemoryBandwidthBenchmarks
{
    private float* _source;
    private float* _destination;
    private Action? _copyLowerHalf;
    private Action? _copyUpperHalf;

    /// <summary>16M is the target size; 1M (4 MiB per buffer) shows the cache-resident rate for comparison.</summary>
    [Params(1 << 20, 1 << 24)]
    public int N;

    [GlobalSetup]
    public void Setup()
    {
        _source = AlignedFloats.Allocate(N);
        _destination = AlignedFloats.Allocate(N);
        AlignedFloats.FillActivationInputs(_source, N, seed: 3);

        // Split on a whole cache line; the delegates are made once so the measured call allocates only what
        // Parallel.Invoke itself does.
        int half = N / 2 / 16 * 16;
        _copyLowerHalf = () => new ReadOnlySpan<float>(_source, half).CopyTo(new Span<float>(_destination, half));
        _copyUpperHalf = () => new ReadOnlySpan<float>(_source + half, N - half).CopyTo(new Span<float>(_destination + half, N - half));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        AlignedFloats.Free(ref _source);
        AlignedFloats.Free(ref _destination);
    }

    [Benchmark(Baseline = true, Description = "CopyTo 1T"), Streams(2)]
    public void Copy_SingleThread() => new ReadOnlySpan<float>(_source, N).CopyTo(new Span<float>(_destination, N));

    [Benchmark(Description = "CopyTo 2T (Parallel.Invoke, halves)"), Streams(2)]
    public void Copy_TwoThreads() => Parallel.Invoke(_copyLowerHalf!, _copyUpperHalf!);
}
