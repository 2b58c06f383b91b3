using System;
using BenchmarkDotNet.Attributes;
using Numerics.Cli.Measurement;

namespace Numerics.Benchmarks;

/// <summary>
/// Small products (every dimension ≤ 32: the direct path, <c>GemmSmall</c>; op(B) = Bᵀ first transposed into a stack
/// buffer), float, one thread, <c>C = A·op(B)</c> with beta = 0, against OpenBLAS (when installed) and the FMA peak.
/// Shapes are "m×k×n". At these sizes the fixed cost of a call (argument checks, pinning, dispatch) is part of what
/// is measured. Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*SmallGemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(GemmConfig))]
public unsafe class SmallGemmBenchmarks
{
    private float* _a, _b, _c;
    private int _m, _k, _n;

    [Params("8x8x8", "16x16x16", "20x20x20", "24x24x24", "32x32x32", "32x32x17")]
    public string Shape { get; set; } = "8x8x8";

    /// <summary>op(B) = Bᵀ (B stored n×k).</summary>
    [Params(false, true)]
    public bool TransposeB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = GemmColumn.ParseShape(Shape);
        _a = AlignedFloats.Allocate(_m * _k);
        _b = AlignedFloats.Allocate(_k * _n);
        _c = AlignedFloats.Allocate(_m * _n);
        GemmInputs.Fill(_a, _m * _k, 1);
        GemmInputs.Fill(_b, _k * _n, 2);
        GemmInputs.SetThreads(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        AlignedFloats.Free(ref _a);
        AlignedFloats.Free(ref _b);
        AlignedFloats.Free(ref _c);
        KernelThreading.MaxThreads = Environment.ProcessorCount;
    }

    [Benchmark]
    public void Numerics() =>
        Blas.Gemm(Transpose.None, TransposeB ? Transpose.Transpose : Transpose.None, _m, _n, _k, 1f,
            new ReadOnlySpan<float>(_a, _m * _k), _k, new ReadOnlySpan<float>(_b, _k * _n), TransposeB ? _k : _n,
            0f, new Span<float>(_c, _m * _n), _n);

    [Benchmark(Baseline = true)]
    public void OpenBLAS() => OpenBlas.Sgemm(false, TransposeB, _m, _n, _k, 1f, _a, _k, _b, TransposeB ? _k : _n, 0f, _c, _n);

    /// <summary>The machine's float FMA throughput on one thread (<see cref="FmaThroughput"/>).</summary>
    [Benchmark]
    public void FmaPeak() => FmaThroughput.RunSingle(1);
}
