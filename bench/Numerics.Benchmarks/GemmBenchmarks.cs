using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using Numerics.Cli.Measurement;

namespace Numerics.Benchmarks;

/// <summary>
/// <c>C = A·B</c> (float, row-major, beta = 0) for square and network-like shapes ("m×k×n"), ours against OpenBLAS
/// (the native peer, when installed) on one and two threads, and an FMA-throughput loop giving the peak the
/// "% peak" column divides by. Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*GemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(GemmConfig))]
public unsafe class GemmBenchmarks
{
    private FloatOperands _o = null!;

    [Params("256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "2048x64x64", "4096x256x256", "2048x128x2048", "1x4096x4096")]
    public string Shape { get; set; } = "256x256x256";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _o = new FloatOperands(Shape);
        GemmInputs.SetThreads(Threads);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _o.Free();
        KernelThreading.MaxThreads = Environment.ProcessorCount;
    }

    [Benchmark]
    public void Numerics() =>
        Blas.Gemm(Transpose.None, Transpose.None, _o.M, _o.N, _o.K, 1f,
            new ReadOnlySpan<float>(_o.A, _o.M * _o.K), _o.K, new ReadOnlySpan<float>(_o.B, _o.K * _o.N), _o.N, 0f, new Span<float>(_o.C, _o.M * _o.N), _o.N);

    [Benchmark(Baseline = true)]
    public void OpenBLAS() => OpenBlas.Sgemm(false, false, _o.M, _o.N, _o.K, 1f, _o.A, _o.K, _o.B, _o.N, 0f, _o.C, _o.N);

    /// <summary>The machine's float FMA throughput on <see cref="Threads"/> threads (<see cref="FmaThroughput"/>).</summary>
    [Benchmark]
    public void FmaPeak() => FmaThroughput.RunSingle(Threads);
}

/// <summary>
/// <c>C = A·B</c> in double against OpenBLAS's dgemm and the double FMA peak, one and two threads.
/// Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*DgemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(GemmConfig))]
public unsafe class DgemmBenchmarks
{
    private double* _a, _b, _c;
    private int _m, _k, _n;

    [Params("512x512x512", "1024x1024x1024", "2048x64x64", "4096x256x256")]
    public string Shape { get; set; } = "512x512x512";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = GemmColumn.ParseShape(Shape);
        _a = GemmInputs.AllocateDoubles(_m * _k, 1);
        _b = GemmInputs.AllocateDoubles(_k * _n, 2);
        _c = GemmInputs.AllocateDoubles(_m * _n, 3);
        GemmInputs.SetThreads(Threads);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        NativeMemory.AlignedFree(_a);
        NativeMemory.AlignedFree(_b);
        NativeMemory.AlignedFree(_c);
        KernelThreading.MaxThreads = Environment.ProcessorCount;
    }

    [Benchmark]
    public void Numerics() =>
        Blas.Gemm(Transpose.None, Transpose.None, _m, _n, _k, 1.0,
            new ReadOnlySpan<double>(_a, _m * _k), _k, new ReadOnlySpan<double>(_b, _k * _n), _n, 0.0, new Span<double>(_c, _m * _n), _n);

    [Benchmark(Baseline = true)]
    public void OpenBLAS() => OpenBlas.Dgemm(false, false, _m, _n, _k, 1.0, _a, _k, _b, _n, 0.0, _c, _n);

    /// <summary>The machine's double FMA throughput on <see cref="Threads"/> threads.</summary>
    [Benchmark]
    public void FmaPeak() => FmaThroughput.RunDouble(Threads);
}

/// <summary>
/// What a user gets without this library, single thread, in the same run as ours: a naive triple loop
/// (<c>c[i,j] = Σₚ a[i,p]·b[p,j]</c>, B walked down its columns) and the best plain composition of
/// System.Numerics.Tensors, B transposed once (counted) so that every C element is one
/// <see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/> of two contiguous rows.
/// Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*GemmBaselineBenchmarks*'</c>.
/// </summary>
[Config(typeof(GemmConfig))]
public unsafe class GemmBaselineBenchmarks
{
    private float[] _a = [], _b = [], _bt = [], _c = [];
    private int _m, _k, _n;

    [Params("256x256x256", "512x512x512", "1024x1024x1024", "2048x64x64", "4096x256x256")]
    public string Shape { get; set; } = "256x256x256";

    [GlobalSetup]
    public void Setup()
    {
        (_m, _k, _n) = GemmColumn.ParseShape(Shape);
        _a = new float[_m * _k];
        _b = new float[_k * _n];
        _bt = new float[_k * _n];
        _c = new float[_m * _n];
        fixed (float* a = _a, b = _b)
        {
            GemmInputs.Fill(a, _a.Length, 1);
            GemmInputs.Fill(b, _b.Length, 2);
        }

        GemmInputs.SetThreads(1);
    }

    [GlobalCleanup]
    public void Cleanup() => KernelThreading.MaxThreads = Environment.ProcessorCount;

    [Benchmark(Baseline = true)]
    public void Numerics() => Blas.MatMul(_a, _b, _c, _m, _k, _n);

    [Benchmark]
    public void NaiveTripleLoop()
    {
        float[] a = _a, b = _b, c = _c;
        int m = _m, k = _k, n = _n;
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                float sum = 0;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * b[p * n + j];
                }

                c[i * n + j] = sum;
            }
        }
    }

    [Benchmark]
    public void TensorPrimitivesDot()
    {
        int m = _m, k = _k, n = _n;
        for (int p = 0; p < k; p++)
        {
            for (int j = 0; j < n; j++)
            {
                _bt[j * k + p] = _b[p * n + j];
            }
        }

        for (int i = 0; i < m; i++)
        {
            ReadOnlySpan<float> row = _a.AsSpan(i * k, k);
            Span<float> cRow = _c.AsSpan(i * n, n);
            for (int j = 0; j < n; j++)
            {
                cRow[j] = TensorPrimitives.Dot(row, _bt.AsSpan(j * k, k));
            }
        }
    }

    /// <summary>The machine's float FMA throughput on one thread.</summary>
    [Benchmark]
    public void FmaPeak() => FmaThroughput.RunSingle(1);
}

/// <summary>
/// The float operands of one "m×k×n" shape: 64-byte aligned A (m×k) and B (k×n) filled by <see cref="GemmInputs.Fill"/>
/// (seeds 1 and 2), and C (m×n), shared by the float GEMM benchmark classes.
/// </summary>
internal sealed unsafe class FloatOperands
{
    public readonly int M, K, N;
    public float* A, B, C;

    public FloatOperands(string shape)
    {
        (M, K, N) = GemmColumn.ParseShape(shape);
        A = AlignedFloats.Allocate(M * K);
        B = AlignedFloats.Allocate(K * N);
        C = AlignedFloats.Allocate(M * N);
        GemmInputs.Fill(A, M * K, 1);
        GemmInputs.Fill(B, K * N, 2);
    }

    public void Free()
    {
        AlignedFloats.Free(ref A);
        AlignedFloats.Free(ref B);
        AlignedFloats.Free(ref C);
    }
}

/// <summary>Inputs and thread settings shared by the GEMM benchmark classes.</summary>
internal static unsafe class GemmInputs
{
    /// <summary>Uniform values on [−0.5, 0.5), fixed seed.</summary>
    public static void Fill(float* p, int length, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < length; i++)
        {
            p[i] = (float)(random.NextDouble() - 0.5);
        }
    }

    /// <summary>64-byte aligned doubles, uniform on [−0.5, 0.5), fixed seed, every page written.</summary>
    public static double* AllocateDoubles(int length, int seed)
    {
        var p = (double*)NativeMemory.AlignedAlloc((nuint)length * sizeof(double), AlignedFloats.Alignment);
        var random = new Random(seed);
        for (int i = 0; i < length; i++)
        {
            p[i] = random.NextDouble() - 0.5;
        }

        return p;
    }

    /// <summary>Ours and OpenBLAS on the same number of threads.</summary>
    public static void SetThreads(int threads)
    {
        KernelThreading.MaxThreads = threads;
        if (OpenBlas.Available)
        {
            OpenBlas.SetThreads(threads);
        }

        Console.WriteLine($"// OpenBLAS: {OpenBlas.Config}");
    }
}
