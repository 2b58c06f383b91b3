using System;
using System.Linq;
using BenchmarkDotNet.Attributes;
using Numerics.OpenCL;

namespace Numerics.Benchmarks;

/// <summary>
/// The OpenCL SGEMM (<see cref="OpenCLBlas"/>, the variant <see cref="OpenCLBlas.KernelFor"/> picks for the first
/// device: on this machine PoCL's CPU device) at n = 512, 1024, 2048: the kernel alone, the kernel with the copies of A
/// and B up and C down, and the CPU <c>Blas.Gemm</c> on one thread in the same run. GFLOP/s from the median.
/// Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*OpenCLGemmBenchmarks*'</c>.
/// </summary>
[Config(typeof(GemmConfig))]
public class OpenCLGemmBenchmarks
{
    private OpenCLQueue _queue = null!;
    private DeviceBuffer<float> _da = null!, _db = null!, _dc = null!;
    private float[] _a = [], _b = [], _c = [];
    private int _n;

    [Params("512x512x512", "1024x1024x1024", "2048x2048x2048")]
    public string Shape { get; set; } = "512x512x512";

    [GlobalSetup]
    public void Setup()
    {
        _n = GemmColumn.ParseShape(Shape).M;
        OpenCLDiscovery discovery = OpenCLRuntime.Discover();
        OpenCLDevice device = discovery.Devices.FirstOrDefault() ?? throw new InvalidOperationException($"No OpenCL device: {discovery.Reason}");
        _queue = new OpenCLQueue(device);
        var random = new Random(1);
        _a = Enumerable.Range(0, _n * _n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _b = Enumerable.Range(0, _n * _n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _c = new float[_n * _n];
        _da = new DeviceBuffer<float>(_queue, _a);
        _db = new DeviceBuffer<float>(_queue, _b);
        _dc = new DeviceBuffer<float>(_queue, _n * _n);
        KernelThreading.MaxThreads = 1;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _da.Dispose();
        _db.Dispose();
        _dc.Dispose();
        _queue.Dispose();
        KernelThreading.MaxThreads = Environment.ProcessorCount;
    }

    [Benchmark(Description = "OpenCL")]
    public void OpenCL()
    {
        OpenCLBlas.Gemm(_queue, Transpose.None, Transpose.None, _n, _n, _n, 1f, _da, _n, _db, _n, 0f, _dc, _n);
        _queue.Finish();
    }

    [Benchmark(Description = "OpenCL + copies")]
    public void OpenCLWithCopies()
    {
        _da.CopyFrom(_a);
        _db.CopyFrom(_b);
        OpenCLBlas.Gemm(_queue, Transpose.None, Transpose.None, _n, _n, _n, 1f, _da, _n, _db, _n, 0f, _dc, _n);
        _dc.CopyTo(_c);
    }

    [Benchmark(Baseline = true, Description = "CPU 1 thread")]
    public void Cpu() => Blas.Gemm(Transpose.None, Transpose.None, _n, _n, _n, 1f, _a, _n, _b, _n, 0f, _c, _n);
}

/// <summary>
/// Element-wise launchers on the OpenCL device (generated <c>Activations.Relu/Gelu(queue, x, destination)</c>) over
/// N = 16M floats, with and without the copies, beside the CPU span API on all threads. GB/s (median): one read and one
/// write of 4 bytes per element. Run: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*OpenCLElementwiseBenchmarks*'</c>.
/// </summary>
public class OpenCLElementwiseBenchmarks
{
    private OpenCLQueue _queue = null!;
    private DeviceBuffer<float> _dx = null!, _dy = null!;
    private float[] _x = [], _y = [];

    [Params(16 << 20)]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        OpenCLDiscovery discovery = OpenCLRuntime.Discover();
        OpenCLDevice device = discovery.Devices.FirstOrDefault() ?? throw new InvalidOperationException($"No OpenCL device: {discovery.Reason}");
        _queue = new OpenCLQueue(device);
        var random = new Random(2);
        _x = Enumerable.Range(0, N).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray();
        _y = new float[N];
        _dx = new DeviceBuffer<float>(_queue, _x);
        _dy = new DeviceBuffer<float>(_queue, N);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _dx.Dispose();
        _dy.Dispose();
        _queue.Dispose();
    }

    [Benchmark(Description = "Relu OpenCL"), BenchmarkCategory("Relu"), Streams(2)]
    public void ReluDevice()
    {
        Activations.Relu(_queue, _dx, _dy);
        _queue.Finish();
    }

    [Benchmark(Description = "Relu OpenCL + copies"), BenchmarkCategory("Relu"), Streams(2)]
    public void ReluDeviceWithCopies()
    {
        _dx.CopyFrom(_x);
        Activations.Relu(_queue, _dx, _dy);
        _dy.CopyTo(_y);
    }

    [Benchmark(Baseline = true, Description = "Relu CPU span"), BenchmarkCategory("Relu"), Streams(2)]
    public void ReluCpu() => Activations.Relu(_x, _y);

    [Benchmark(Description = "Gelu OpenCL"), BenchmarkCategory("Gelu"), Streams(2)]
    public void GeluDevice()
    {
        Activations.Gelu(_queue, _dx, _dy);
        _queue.Finish();
    }

    [Benchmark(Description = "Gelu OpenCL + copies"), BenchmarkCategory("Gelu"), Streams(2)]
    public void GeluDeviceWithCopies()
    {
        _dx.CopyFrom(_x);
        Activations.Gelu(_queue, _dx, _dy);
        _dy.CopyTo(_y);
    }

    [Benchmark(Description = "Gelu CPU span"), BenchmarkCategory("Gelu"), Streams(2)]
    public void GeluCpu() => Activations.Gelu(_x, _y);
}
