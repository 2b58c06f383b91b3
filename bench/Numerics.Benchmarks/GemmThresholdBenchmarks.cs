using System;
using BenchmarkDotNet.Attributes;

namespace Numerics.Benchmarks;

/// <summary>
/// Where two threads start to pay for the blocked GEMM: products of 2·m·n·k from about 2¹⁸ to 2²⁴ flops on one
/// thread and on two with <see cref="KernelThreading.GemmThreshold"/> forced down so every size splits. The threshold
/// is the smallest product at which two threads are clearly faster (docs/gemm.md, "Threading").
/// Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*GemmThresholdBenchmarks*'</c>.
/// </summary>
[Config(typeof(GemmConfig))]
public unsafe class GemmThresholdBenchmarks
{
    private FloatOperands _o = null!;
    private long _savedThreshold;
    private int _savedThreads;

    [Params("48x48x48", "64x64x64", "96x96x96", "128x128x128", "160x160x160", "192x192x192", "512x64x64", "1024x64x64")]
    public string Shape { get; set; } = "64x64x64";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _o = new FloatOperands(Shape);
        _savedThreshold = KernelThreading.GemmThreshold;
        _savedThreads = KernelThreading.MaxThreads;
        KernelThreading.GemmThreshold = 1;
        KernelThreading.MaxThreads = Threads;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        KernelThreading.GemmThreshold = _savedThreshold;
        KernelThreading.MaxThreads = _savedThreads;
        _o.Free();
    }

    [Benchmark]
    public void Numerics() =>
        Blas.Gemm(Transpose.None, Transpose.None, _o.M, _o.N, _o.K, 1f,
            new ReadOnlySpan<float>(_o.A, _o.M * _o.K), _o.K, new ReadOnlySpan<float>(_o.B, _o.K * _o.N), _o.N, 0f, new Span<float>(_o.C, _o.M * _o.N), _o.N);
}
