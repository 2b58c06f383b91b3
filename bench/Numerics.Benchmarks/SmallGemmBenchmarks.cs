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
    private FloatOperands _o = null!;

    [Params("8x8x8", "16x16x16", "20x20x20", "24x24x24", "32x32x32", "32x32x17")]
    public string Shape { get; set; } = "8x8x8";

    /// <summary>op(B) = Bᵀ (B stored n×k).</summary>
    [Params(false, true)]
    public bool TransposeB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _o = new FloatOperands(Shape);
        GemmInputs.SetThreads(1);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _o.Free();
        KernelThreading.MaxThreads = Environment.ProcessorCount;
    }

    [Benchmark]
    public void Numerics() =>
        Blas.Gemm(Transpose.None, TransposeB ? Transpose.Transpose : Transpose.None, _o.M, _o.N, _o.K, 1f,
            new ReadOnlySpan<float>(_o.A, _o.M * _o.K), _o.K, new ReadOnlySpan<float>(_o.B, _o.K * _o.N), TransposeB ? _o.K : _o.N,
            0f, new Span<float>(_o.C, _o.M * _o.N), _o.N);

    [Benchmark(Baseline = true)]
    public void OpenBLAS() => OpenBlas.Sgemm(false, TransposeB, _o.M, _o.N, _o.K, 1f, _o.A, _o.K, _o.B, TransposeB ? _o.K : _o.N, 0f, _o.C, _o.N);

    /// <summary>The machine's float FMA throughput on one thread (<see cref="FmaThroughput"/>).</summary>
    [Benchmark]
    public void FmaPeak() => FmaThroughput.RunSingle(1);
}
