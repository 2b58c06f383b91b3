using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Numerics.Benchmarks;

/// <summary>
/// <c>C = A·B</c> (float, row-major, beta = 0) for square and network-like shapes ("m×k×n"), ours against OpenBLAS
/// (the native peer, when installed) on one and two threads, and an FMA-throughput loop giving the peak the
/// "% peak" column divides by. Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*GemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(GemmConfig))]
public unsafe class GemmBenchmarks
{
    /// <summary>Floating-point operations of one <see cref="FmaPeak"/> call per thread.</summary>
    public const double FmaPeakFlopsPerThread = 2.0 * PeakIterations * PeakAccumulators * 16;

    private const int PeakIterations = 1 << 20;
    private const int PeakAccumulators = 24;

    private float* _a, _b, _c;
    private int _m, _k, _n;

    [Params("256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "2048x64x64", "4096x256x256", "2048x128x2048", "1x4096x4096")]
    public string Shape { get; set; } = "256x256x256";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = GemmColumn.ParseShape(Shape);
        _a = AlignedFloats.Allocate(_m * _k);
        _b = AlignedFloats.Allocate(_k * _n);
        _c = AlignedFloats.Allocate(_m * _n);
        var random = new Random(42);
        for (int i = 0; i < _m * _k; i++)
        {
            _a[i] = (float)(random.NextDouble() - 0.5);
        }

        for (int i = 0; i < _k * _n; i++)
        {
            _b[i] = (float)(random.NextDouble() - 0.5);
        }

        KernelThreading.MaxThreads = Threads;
        if (OpenBlas.Available)
        {
            OpenBlas.SetThreads(Threads);
        }

        Console.WriteLine($"// OpenBLAS: {OpenBlas.Config}");
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
        Blas.Gemm(Transpose.None, Transpose.None, _m, _n, _k, 1f,
            new ReadOnlySpan<float>(_a, _m * _k), _k, new ReadOnlySpan<float>(_b, _k * _n), _n, 0f, new Span<float>(_c, _m * _n), _n);

    [Benchmark(Baseline = true)]
    public void OpenBLAS() => OpenBlas.Sgemm(false, false, _m, _n, _k, 1f, _a, _k, _b, _n, 0f, _c, _n);

    /// <summary>
    /// The machine's float FMA throughput: <see cref="PeakAccumulators"/> independent fused multiply-add chains per
    /// thread (Vector512; on 256-bit machines two Vector256 loops stand for one), no memory traffic: the ceiling the
    /// "% peak" column divides by.
    /// </summary>
    [Benchmark]
    public float FmaPeak()
    {
        if (Threads == 1)
        {
            return FmaLoop();
        }

        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ => System.Threading.Volatile.Write(ref s_sink, FmaLoop()));
        return s_sink;
    }

    private static float s_sink;

    private static float FmaLoop() => Vector512.IsHardwareAccelerated ? FmaLoop512() : FmaLoop256() + FmaLoop256();

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaLoop512()
    {
        Vector512<float> m = Vector512.Create(0.999f), s = Vector512.Create(1e-7f);
        Vector512<float> r0 = s; Vector512<float> r1 = s; Vector512<float> r2 = s; Vector512<float> r3 = s; Vector512<float> r4 = s; Vector512<float> r5 = s; Vector512<float> r6 = s; Vector512<float> r7 = s; Vector512<float> r8 = s; Vector512<float> r9 = s; Vector512<float> r10 = s; Vector512<float> r11 = s; Vector512<float> r12 = s; Vector512<float> r13 = s; Vector512<float> r14 = s; Vector512<float> r15 = s; Vector512<float> r16 = s; Vector512<float> r17 = s; Vector512<float> r18 = s; Vector512<float> r19 = s; Vector512<float> r20 = s; Vector512<float> r21 = s; Vector512<float> r22 = s; Vector512<float> r23 = s;
        for (int i = 0; i < PeakIterations; i++)
        {
            r0 = Vector512.FusedMultiplyAdd(r0, m, s);
            r1 = Vector512.FusedMultiplyAdd(r1, m, s);
            r2 = Vector512.FusedMultiplyAdd(r2, m, s);
            r3 = Vector512.FusedMultiplyAdd(r3, m, s);
            r4 = Vector512.FusedMultiplyAdd(r4, m, s);
            r5 = Vector512.FusedMultiplyAdd(r5, m, s);
            r6 = Vector512.FusedMultiplyAdd(r6, m, s);
            r7 = Vector512.FusedMultiplyAdd(r7, m, s);
            r8 = Vector512.FusedMultiplyAdd(r8, m, s);
            r9 = Vector512.FusedMultiplyAdd(r9, m, s);
            r10 = Vector512.FusedMultiplyAdd(r10, m, s);
            r11 = Vector512.FusedMultiplyAdd(r11, m, s);
            r12 = Vector512.FusedMultiplyAdd(r12, m, s);
            r13 = Vector512.FusedMultiplyAdd(r13, m, s);
            r14 = Vector512.FusedMultiplyAdd(r14, m, s);
            r15 = Vector512.FusedMultiplyAdd(r15, m, s);
            r16 = Vector512.FusedMultiplyAdd(r16, m, s);
            r17 = Vector512.FusedMultiplyAdd(r17, m, s);
            r18 = Vector512.FusedMultiplyAdd(r18, m, s);
            r19 = Vector512.FusedMultiplyAdd(r19, m, s);
            r20 = Vector512.FusedMultiplyAdd(r20, m, s);
            r21 = Vector512.FusedMultiplyAdd(r21, m, s);
            r22 = Vector512.FusedMultiplyAdd(r22, m, s);
            r23 = Vector512.FusedMultiplyAdd(r23, m, s);
        }

        return (r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 + r9 + r10 + r11 + r12 + r13 + r14 + r15 + r16 + r17 + r18 + r19 + r20 + r21 + r22 + r23).ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float FmaLoop256()
    {
        Vector256<float> m = Vector256.Create(0.999f), s = Vector256.Create(1e-7f);
        Vector256<float> r0 = s; Vector256<float> r1 = s; Vector256<float> r2 = s; Vector256<float> r3 = s; Vector256<float> r4 = s; Vector256<float> r5 = s; Vector256<float> r6 = s; Vector256<float> r7 = s; Vector256<float> r8 = s; Vector256<float> r9 = s; Vector256<float> r10 = s; Vector256<float> r11 = s; Vector256<float> r12 = s; Vector256<float> r13 = s; Vector256<float> r14 = s; Vector256<float> r15 = s; Vector256<float> r16 = s; Vector256<float> r17 = s; Vector256<float> r18 = s; Vector256<float> r19 = s; Vector256<float> r20 = s; Vector256<float> r21 = s; Vector256<float> r22 = s; Vector256<float> r23 = s;
        for (int i = 0; i < PeakIterations; i++)
        {
            r0 = Vector256.FusedMultiplyAdd(r0, m, s);
            r1 = Vector256.FusedMultiplyAdd(r1, m, s);
            r2 = Vector256.FusedMultiplyAdd(r2, m, s);
            r3 = Vector256.FusedMultiplyAdd(r3, m, s);
            r4 = Vector256.FusedMultiplyAdd(r4, m, s);
            r5 = Vector256.FusedMultiplyAdd(r5, m, s);
            r6 = Vector256.FusedMultiplyAdd(r6, m, s);
            r7 = Vector256.FusedMultiplyAdd(r7, m, s);
            r8 = Vector256.FusedMultiplyAdd(r8, m, s);
            r9 = Vector256.FusedMultiplyAdd(r9, m, s);
            r10 = Vector256.FusedMultiplyAdd(r10, m, s);
            r11 = Vector256.FusedMultiplyAdd(r11, m, s);
            r12 = Vector256.FusedMultiplyAdd(r12, m, s);
            r13 = Vector256.FusedMultiplyAdd(r13, m, s);
            r14 = Vector256.FusedMultiplyAdd(r14, m, s);
            r15 = Vector256.FusedMultiplyAdd(r15, m, s);
            r16 = Vector256.FusedMultiplyAdd(r16, m, s);
            r17 = Vector256.FusedMultiplyAdd(r17, m, s);
            r18 = Vector256.FusedMultiplyAdd(r18, m, s);
            r19 = Vector256.FusedMultiplyAdd(r19, m, s);
            r20 = Vector256.FusedMultiplyAdd(r20, m, s);
            r21 = Vector256.FusedMultiplyAdd(r21, m, s);
            r22 = Vector256.FusedMultiplyAdd(r22, m, s);
            r23 = Vector256.FusedMultiplyAdd(r23, m, s);
        }

        return (r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 + r9 + r10 + r11 + r12 + r13 + r14 + r15 + r16 + r17 + r18 + r19 + r20 + r21 + r22 + r23).ToScalar();
    }
}
