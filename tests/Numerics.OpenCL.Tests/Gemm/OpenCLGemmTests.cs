using System;
using System.Linq;
using System.Threading.Tasks;
using Numerics.Kernels;
using Numerics.Kernels.OpenCL;
using Numerics.OpenCL;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.OpenCL.Tests.Gemm;

/// <summary>
/// <see cref="OpenCLBlas.Gemm(OpenCLQueue, Transpose, Transpose, int, int, int, float, DeviceBuffer{float}, int, DeviceBuffer{float}, int, float, DeviceBuffer{float}, int)"/>
/// against a double reference and the CPU <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>,
/// for every generated variant (the GPU variants run on whatever device there is: correctness does not depend on the device type).
/// </summary>
public sealed class OpenCLGemmTests(QueueFixture fixture, ITestOutputHelper output) : OpenCLTest(fixture)
{
    [OpenCLProperty(MaxTest = 40, Replay = "(20261129,3)")]
    public void FloatCpuVariantMatchesTheReference(int seed) => GemmCase.Draw(seed).Check<float>(Queue, SgemmCpu.Kernel, packed: false);

    [OpenCLProperty(MaxTest = 40, Replay = "(20261129,11)")]
    public void FloatCpuVariantPackedMatchesTheReference(int seed) => GemmCase.Draw(seed).Check<float>(Queue, SgemmCpu.Kernel, packed: true);

    [OpenCLProperty(MaxTest = 25, Replay = "(20261129,5)")]
    public void FloatGpuVariantMatchesTheReference(int seed) => GemmCase.Draw(seed, maxSize: 200).Check<float>(Queue, SgemmGpu.Kernel);

    [OpenCLProperty(MaxTest = 25, Replay = "(20261129,7)")]
    public void DoubleCpuVariantMatchesTheReference(int seed)
    {
        if (Device.SupportsFp64)
        {
            GemmCase.Draw(seed).Check<double>(Queue, DgemmCpu.Kernel, packed: false);
        }
    }

    [OpenCLProperty(MaxTest = 25, Replay = "(20261129,13)")]
    public void DoubleCpuVariantPackedMatchesTheReference(int seed)
    {
        if (Device.SupportsFp64)
        {
            GemmCase.Draw(seed).Check<double>(Queue, DgemmCpu.Kernel, packed: true);
        }
    }

    [OpenCLProperty(MaxTest = 15, Replay = "(20261129,9)")]
    public void DoubleGpuVariantMatchesTheReference(int seed)
    {
        if (Device.SupportsFp64)
        {
            GemmCase.Draw(seed, maxSize: 160).Check<double>(Queue, DgemmGpu.Kernel);
        }
    }

    /// <summary>
    /// Every transpose combination and the edges of one tile in each dimension, through the public entry point; the last
    /// shape's op(B) (503 × 1057 floats, 2.1 MB) is above <see cref="OpenCLBlas.PackedFromBytes"/>, so on a CPU device
    /// it takes the packed form.
    /// </summary>
    [OpenCLTheory]
    [InlineData(Transpose.None, Transpose.None)]
    [InlineData(Transpose.None, Transpose.Transpose)]
    [InlineData(Transpose.Transpose, Transpose.None)]
    [InlineData(Transpose.Transpose, Transpose.Transpose)]
    public void EveryTransposeAtTileEdges(Transpose transA, Transpose transB)
    {
        foreach ((int m, int n, int k) in new[] { (1, 1, 1), (9, 33, 5), (8, 32, 4), (7, 31, 3), (17, 47, 70), (129, 65, 33), (45, 1057, 503) })
        {
            int lda = (transA == Transpose.None ? k : m) + 2, ldb = (transB == Transpose.None ? n : k) + 1;
            new GemmCase(transA, transB, m, n, k, 1.5, lda, ldb, 0.5, n + 3, m * 1000 + n).Check<float>(Queue, null);
            new GemmCase(transA, transB, m, n, k, -1, lda, ldb, 0, n, m * 1000 + n + 1).Check<float>(Queue, null);
        }
    }

    [OpenCLFact]
    public void TheCpuVariantRunsOnCpuDevicesAndTheGpuVariantOnGpus()
    {
        OpenCLGemmKernelSource single = OpenCLBlas.KernelFor(Device, isDouble: false);
        OpenCLGemmKernelSource @double = OpenCLBlas.KernelFor(Device, isDouble: true);
        output.WriteLine($"{Device}: {single.Name}, {@double.Name}");
        if (Device.Type == OpenCLDeviceType.Gpu)
        {
            Assert.Same(SgemmGpu.Kernel, single);
            Assert.Same(DgemmGpu.Kernel, @double);
        }
        else
        {
            Assert.Same(SgemmCpu.Kernel, single);
            Assert.Same(DgemmCpu.Kernel, @double);
        }

        Assert.True(SgemmGpu.Kernel.UsesLocalMemory);
        Assert.False(SgemmCpu.Kernel.UsesLocalMemory);
        Assert.Equal((16, 16), (SgemmGpu.Kernel.LocalSizeX, SgemmGpu.Kernel.LocalSizeY));
    }

    [OpenCLFact]
    public void TheProgramIsCompiledOncePerQueue()
    {
        using var queue = new OpenCLQueue(Device);
        using var a = new DeviceBuffer<float>(queue, Enumerable.Repeat(1f, 64).ToArray());
        using var c = new DeviceBuffer<float>(queue, 64);
        OpenCLBlas.Gemm(queue, Transpose.None, Transpose.None, 8, 8, 8, 1, a, 8, a, 8, 0, c, 8);
        int builds = queue.ProgramBuildCount;
        Assert.Equal(1, builds);
        for (int i = 0; i < 3; i++)
        {
            OpenCLBlas.Gemm(queue, Transpose.Transpose, Transpose.None, 8, 8, 8, 1, a, 8, a, 8, 1, c, 8);
            OpenCLBlas.Gemm(queue, Transpose.None, Transpose.None, 8, 8, 0, 1, a, 8, a, 8, 2, c, 8);
        }

        Assert.Equal(builds, queue.ProgramBuildCount);
        Assert.All(c.ToArray(), v => Assert.Equal(176f, v)); // 8, then three times (c + 8)·2
    }

    [OpenCLFact]
    public void ConcurrentCallsOnOneQueueDoNotMixArguments()
    {
        const int Size = 24;
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, t =>
        {
            float[] a = Enumerable.Range(0, Size * Size).Select(i => (float)((i * 7 + t) % 5)).ToArray();
            float[] expected = new float[Size * Size];
            Blas.Gemm(Transpose.None, Transpose.None, Size, Size, Size, t, a, Size, a, Size, 0, expected, Size);
            using var da = new DeviceBuffer<float>(Queue, a);
            using var dc = new DeviceBuffer<float>(Queue, Size * Size);
            for (int repeat = 0; repeat < 5; repeat++)
            {
                OpenCLBlas.Gemm(Queue, Transpose.None, Transpose.None, Size, Size, Size, t, da, Size, da, Size, 0, dc, Size);
                Assert.Equal(expected, dc.ToArray());
            }
        });
    }

    [OpenCLFact]
    public void ZeroSizesAreNoOpsAndKZeroOrAlphaZeroScaleC()
    {
        using var a = new DeviceBuffer<float>(Queue, [float.NaN, float.NaN, float.NaN, float.NaN]);
        using var c = new DeviceBuffer<float>(Queue, [1, 2, 3, 4]);
        OpenCLBlas.Gemm(Queue, Transpose.None, Transpose.None, 0, 2, 2, 1, a, 2, a, 2, 0, c, 2);
        OpenCLBlas.Gemm(Queue, Transpose.None, Transpose.None, 2, 0, 2, 1, a, 2, a, 1, 0, c, 1);
        Assert.Equal([1f, 2, 3, 4], c.ToArray());

        OpenCLBlas.Gemm(Queue, Transpose.None, Transpose.None, 2, 2, 0, 1, a, 1, a, 2, 3, c, 2);
        Assert.Equal([3f, 6, 9, 12], c.ToArray());
        OpenCLBlas.Gemm(Queue, Transpose.None, Transpose.None, 2, 2, 2, 0, a, 2, a, 2, -1, c, 2); // alpha = 0: NaN in A is not read
        Assert.Equal([-3f, -6, -9, -12], c.ToArray());

        c.CopyFrom([float.NaN, float.NaN, float.NaN, float.NaN]);
        OpenCLBlas.Gemm(Queue, Transpose.None, Transpose.None, 2, 2, 0, 1, a, 1, a, 2, 0, c, 2); // beta = 0: NaN in C is not read
        Assert.Equal([0f, 0, 0, 0], c.ToArray());
    }

    [OpenCLFact]
    public void ArgumentsAreValidatedAndNamed()
    {
        using var small = new DeviceBuffer<float>(Queue, 5);
        using var a = new DeviceBuffer<float>(Queue, 12);
        using var b = new DeviceBuffer<float>(Queue, 12);
        using var c = new DeviceBuffer<float>(Queue, 12);
        void Gemm(Transpose ta, int m, int n, int k, DeviceBuffer<float> x, int lda, DeviceBuffer<float> y, int ldb, DeviceBuffer<float> z, int ldc) =>
            OpenCLBlas.Gemm(Queue, ta, Transpose.None, m, n, k, 1, x, lda, y, ldb, 0, z, ldc);

        Assert.Equal("a", Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, small, 4, b, 4, c, 4)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, a, 4, small, 4, c, 4)).ParamName);
        var shortC = Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, a, 4, b, 4, small, 4));
        Assert.Equal("c", shortC.ParamName);
        Assert.Contains("c has 5 elements, but a 3×4 matrix with leading dimension 4 needs 12.", shortC.Message, StringComparison.Ordinal);
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, a, 2, b, 4, c, 4)).ParamName);
        Assert.Equal("lda", Assert.Throws<ArgumentException>(() => Gemm(Transpose.Transpose, 3, 4, 3, a, 2, b, 4, c, 4)).ParamName);
        Assert.Equal("ldb", Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, a, 4, b, 3, c, 4)).ParamName);
        Assert.Equal("ldc", Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, a, 4, b, 4, c, 0)).ParamName);
        Assert.Equal("m", Assert.Throws<ArgumentOutOfRangeException>(() => Gemm(Transpose.None, -1, 4, 4, a, 4, b, 4, c, 4)).ParamName);
        Assert.Equal("k", Assert.Throws<ArgumentOutOfRangeException>(() => Gemm(Transpose.None, 1, 4, -3, a, 4, b, 4, c, 4)).ParamName);
        Assert.Equal("transA", Assert.Throws<ArgumentOutOfRangeException>(() => Gemm((Transpose)7, 3, 4, 3, a, 4, b, 4, c, 4)).ParamName);
        Assert.Equal("c", Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, a, 4, b, 4, a, 4)).ParamName);
        Assert.Equal("b", Assert.Throws<ArgumentNullException>(() => Gemm(Transpose.None, 3, 4, 3, a, 4, null!, 4, c, 4)).ParamName);

        using var otherQueue = new OpenCLQueue(Device);
        using var foreign = new DeviceBuffer<float>(otherQueue, 12);
        Assert.Equal("b", Assert.Throws<ArgumentException>(() => Gemm(Transpose.None, 3, 4, 3, a, 4, foreign, 4, c, 4)).ParamName);

        var disposed = new DeviceBuffer<float>(Queue, 12);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Gemm(Transpose.None, 3, 4, 3, disposed, 4, b, 4, c, 4));
    }

    [OpenCLFact]
    public void DoubleWithoutFp64IsNotSupported()
    {
        using var queue = new OpenCLQueue(Device.WithoutFp64());
        using var a = new DeviceBuffer<double>(queue, 4);
        var e = Assert.Throws<NotSupportedException>(() =>
            OpenCLBlas.Gemm(queue, Transpose.None, Transpose.None, 2, 2, 2, 1.0, a, 2, a, 2, 0.0, a, 2));
        Assert.Contains("cl_khr_fp64", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, queue.ProgramBuildCount);
    }
}
