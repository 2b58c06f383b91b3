using System;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Numerics.Benchmarks;

/// <summary>
/// Where two threads start to pay for an element-wise kernel: a cheap kernel (ReLU, memory-bound), a mid-weight one
/// (Sigmoid, one exponential in float) and a heavy one (GELU, double lanes), at sizes around the default
/// <see cref="KernelThreading.ElementwiseThreshold"/>, on one thread and on two with the threshold forced down so
/// every size splits. The threshold is the smallest N at which two threads are not slower for the cheap kernel and
/// clearly faster for the others (docs/kernels.md).
/// </summary>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public unsafe class ThreadingThresholdBenchmarks
{
    private float* _x;
    private float* _destination;
    private int _savedThreshold;
    private int _savedThreads;

    [Params(8192, 16384, 32768, 65536, 131072, 262144)]
    public int N;

    [Params(1, 2)]
    public int Threads;

    private ReadOnlySpan<float> X => new(_x, N);

    private Span<float> Destination => new(_destination, N);

    [GlobalSetup]
    public void Setup()
    {
        _x = AlignedFloats.Allocate(N);
        _destination = AlignedFloats.Allocate(N);
        AlignedFloats.FillActivationInputs(_x, N, seed: 7);
        _savedThreshold = KernelThreading.ElementwiseThreshold;
        _savedThreads = KernelThreading.MaxThreads;
        KernelThreading.ElementwiseThreshold = 1;
        KernelThreading.MaxThreads = Threads;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        KernelThreading.ElementwiseThreshold = _savedThreshold;
        KernelThreading.MaxThreads = _savedThreads;
        AlignedFloats.Free(ref _x);
        AlignedFloats.Free(ref _destination);
    }

    [Benchmark, BenchmarkCategory("Relu"), Streams(2)]
    public void Relu() => Activations.Relu(X, Destination);

    [Benchmark, BenchmarkCategory("Sigmoid"), Streams(2)]
    public void Sigmoid() => Activations.Sigmoid(X, Destination);

    [Benchmark, BenchmarkCategory("Gelu"), Streams(2)]
    public void Gelu() => Activations.Gelu(X, Destination);
}
