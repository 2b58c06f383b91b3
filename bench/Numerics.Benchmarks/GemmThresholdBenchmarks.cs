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
    private float* _a, _b, _c;
    private int _m, _k, _n;
    private long _savedThreshold;
    private int _savedThreads;

    [Params("48x48x48", "64x64x64", "96x96x96", "128x128x128", "160x160x160", "192x192x192", "512x64x64", "1024x64x64")]
    public string Shape { get; set; } = "64x64x64";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = GemmColumn.ParseShape(Shape);
        _a = AlignedFloats.Allocate(_m * _k);
        _b = AlignedFloats.Allocate(_k * _n);
        _c = AlignedFloats.Allocate(_m * _n);
        GemmInputs.Fill(_a, _m * _k, 1);
        GemmInputs.Fill(_b, _k * _n, 2);
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
        AlignedFloats.Free(ref _a);
        AlignedFloats.Free(ref _b);
        AlignedFloats.Free(ref _c);
    }

    [Benchmark]
    public void Numerics() =>
        Blas.Gemm(Transpose.None, Transpose.None, _m, _n, _k, 1f,
            new ReadOnlySpan<float>(_a, _m * _k), _k, new ReadOnlySpan<float>(_b, _k * _n), _n, 0f, new Span<float>(_c, _m * _n), _n);
}
