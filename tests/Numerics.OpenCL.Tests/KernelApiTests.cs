using System;
using System.Linq;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests;

/// <summary>The general launch API (<see cref="OpenCLQueue.GetKernel"/>, <see cref="OpenCLKernel"/>) that hand-written kernels use.</summary>
public sealed class KernelApiTests(QueueFixture fixture) : OpenCLTest(fixture)
{
    private const string Source = """
        __kernel void axpy(const float a, __global const float* x, __global float* y, const int n)
        {
            int i = get_global_id(0);
            if (i < n) y[i] += a * x[i];
        }

        __kernel void index2d(__global int* out, const int width)
        {
            int x = get_global_id(0), y = get_global_id(1);
            out[y * width + x] = x + 1000 * y;
        }

        __kernel void group_sums(__global const float* x, __global float* sums, __local float* scratch)
        {
            int l = get_local_id(0), size = get_local_size(0);
            scratch[l] = x[get_global_id(0)];
            barrier(CLK_LOCAL_MEM_FENCE);
            if (l == 0)
            {
                float s = 0;
                for (int k = 0; k < size; k++) s += scratch[k];
                sums[get_group_id(0)] = s;
            }
        }

        __attribute__((reqd_work_group_size(8, 1, 1)))
        __kernel void fixed_group(__global float* x)
        {
            x[get_global_id(0)] = 1;
        }
        """;

    private const string DoubleSource = """
        #pragma OPENCL EXTENSION cl_khr_fp64 : enable
        __kernel void fill(__global double* y, const double value) { y[get_global_id(0)] = value; }
        """;

    [OpenCLFact]
    public void OneDimensionalLaunchWithScalarsAndBuffers()
    {
        using OpenCLKernel axpy = Queue.GetKernel(Source, "axpy");
        Assert.Equal("axpy", axpy.EntryPoint);
        Assert.Equal(4, axpy.ArgumentCount);
        Assert.True(axpy.MaxWorkGroupSize >= 1);
        Assert.InRange(axpy.PreferredWorkGroupSizeMultiple, 1, axpy.MaxWorkGroupSize);

        float[] x = Enumerable.Range(0, 37).Select(i => (float)i).ToArray();
        using var xs = new DeviceBuffer<float>(Queue, x);
        using var ys = new DeviceBuffer<float>(Queue, Enumerable.Repeat(1f, 37).ToArray());
        axpy.SetArgument(0, 2f);
        axpy.SetArgument(1, xs);
        axpy.SetArgument(2, ys);
        axpy.SetArgument(3, 37);
        axpy.Enqueue1D(40, 8);
        Assert.Equal(x.Select(v => 1 + 2 * v), ys.ToArray());

        // Arguments persist; the driver picks the group size when none is given.
        axpy.Enqueue1D(37);
        Queue.Finish();
        Assert.Equal(x.Select(v => 1 + 4 * v), ys.ToArray());
    }

    [OpenCLFact]
    public void TwoDimensionalLaunch()
    {
        const int Width = 12, Height = 8;
        using OpenCLKernel index = Queue.GetKernel(Source, "index2d");
        using var output = new DeviceBuffer<float>(Queue, Width * Height);
        index.SetArgument(0, output); // int and float are both 4 bytes; read back as bits below
        index.SetArgument(1, Width);
        foreach ((int lx, int ly) in new[] { (4, 2), (0, 0) })
        {
            output.CopyFrom(new float[Width * Height]);
            index.Enqueue2D(Width, Height, lx, ly);
            int[] values = output.ToArray().Select(BitConverter.SingleToInt32Bits).ToArray();
            Assert.Equal(Enumerable.Range(0, Width * Height).Select(i => (i % Width) + (1000 * (i / Width))), values);
        }
    }

    [OpenCLFact]
    public void LocalMemoryArguments()
    {
        using OpenCLKernel sums = Queue.GetKernel(Source, "group_sums");
        int group = Math.Min(16, sums.MaxWorkGroupSize);
        float[] x = Enumerable.Range(0, group * 3).Select(i => (float)(i % 5)).ToArray();
        using var xs = new DeviceBuffer<float>(Queue, x);
        using var result = new DeviceBuffer<float>(Queue, 3);
        sums.SetArgument(0, xs);
        sums.SetArgument(1, result);
        sums.SetLocalMemory(2, group * sizeof(float));
        sums.Enqueue1D(x.Length, group);
        Assert.Equal(x.Chunk(group).Select(c => c.Sum()), result.ToArray());
        Assert.Equal("bytes", Assert.Throws<ArgumentOutOfRangeException>(() => sums.SetLocalMemory(2, 0)).ParamName);
        Assert.Equal("bytes", Assert.Throws<ArgumentOutOfRangeException>(() => sums.SetLocalMemory(2, int.MaxValue)).ParamName);
    }

    [OpenCLFact]
    public void DoubleArguments()
    {
        if (!Device.SupportsFp64)
        {
            return;
        }

        using OpenCLKernel fill = Queue.GetKernel(DoubleSource, "fill");
        using var y = new DeviceBuffer<double>(Queue, 5);
        fill.SetArgument(0, y);
        fill.SetArgument(1, Math.PI);
        fill.Enqueue1D(5);
        Assert.All(y.ToArray(), v => Assert.Equal(Math.PI, v));
    }

    [OpenCLFact]
    public void LaunchesAreValidatedBeforeTheDriverSeesThem()
    {
        using OpenCLKernel axpy = Queue.GetKernel(Source, "axpy");
        using var x = new DeviceBuffer<float>(Queue, 8);

        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => axpy.SetArgument(4, 1)).ParamName);
        Assert.Equal("index", Assert.Throws<ArgumentOutOfRangeException>(() => axpy.SetArgument(-1, x)).ParamName);

        axpy.SetArgument(1, x);
        var unset = Assert.Throws<InvalidOperationException>(() => axpy.Enqueue1D(8));
        Assert.Contains("argument(s) 0, 2, 3 of 4 were never set", unset.Message, StringComparison.Ordinal);

        axpy.SetArgument(0, 1f);
        axpy.SetArgument(2, x);
        axpy.SetArgument(3, 8);
        var multiple = Assert.Throws<ArgumentException>(() => axpy.Enqueue1D(10, 4));
        Assert.Equal("globalSize", multiple.ParamName);
        Assert.StartsWith("globalSize (10) is not a multiple of localSize (4).", multiple.Message, StringComparison.Ordinal);
        Assert.Equal("localSize", Assert.Throws<ArgumentOutOfRangeException>(() => axpy.Enqueue1D(8, -1)).ParamName);
        Assert.Equal("globalSize", Assert.Throws<ArgumentOutOfRangeException>(() => axpy.Enqueue1D(-8)).ParamName);
        int tooBig = axpy.MaxWorkGroupSize + 1;
        Assert.Equal("localSize", Assert.Throws<ArgumentOutOfRangeException>(() => axpy.Enqueue1D(tooBig, tooBig)).ParamName);
        Assert.Equal("localSizeY", Assert.Throws<ArgumentException>(() => axpy.Enqueue2D(8, 8, 4, 0)).ParamName);
        Assert.Equal("localSizeY", Assert.Throws<ArgumentOutOfRangeException>(() => axpy.Enqueue2D(tooBig, tooBig, tooBig, tooBig)).ParamName);
        axpy.Enqueue1D(0); // nothing to do
        axpy.Enqueue2D(0, 8);

        using var other = new OpenCLQueue(Device);
        using var foreign = new DeviceBuffer<float>(other, 8);
        var e = Assert.Throws<ArgumentException>(() => axpy.SetArgument(1, foreign));
        Assert.Equal("buffer", e.ParamName);
        Assert.Contains("another OpenCL context", e.Message, StringComparison.Ordinal);
    }

    [OpenCLFact]
    public void ABufferDisposedAfterBeingSetIsCaughtAtEnqueue()
    {
        using OpenCLKernel axpy = Queue.GetKernel(Source, "axpy");
        using var x = new DeviceBuffer<float>(Queue, 8);
        var y = new DeviceBuffer<float>(Queue, 8);
        axpy.SetArgument(0, 1f);
        axpy.SetArgument(1, x);
        axpy.SetArgument(2, y);
        axpy.SetArgument(3, 8);
        y.Dispose();
        Assert.Throws<ObjectDisposedException>(() => axpy.Enqueue1D(8));
        Assert.Throws<ObjectDisposedException>(() => axpy.SetArgument(2, y));
    }

    [OpenCLFact]
    public void DriverErrorsNameTheCallAndTheCode()
    {
        // The kernel requires work-groups of 8; the driver rejects 4 with CL_INVALID_WORK_GROUP_SIZE.
        using OpenCLKernel fixedGroup = Queue.GetKernel(Source, "fixed_group");
        using var x = new DeviceBuffer<float>(Queue, 16);
        fixedGroup.SetArgument(0, x);
        var e = Assert.Throws<OpenCLException>(() => fixedGroup.Enqueue1D(16, 4));
        Assert.Equal("clEnqueueNDRangeKernel", e.Call);
        Assert.Equal(-54, e.ErrorCode);
        Assert.StartsWith("clEnqueueNDRangeKernel failed: CL_INVALID_WORK_GROUP_SIZE (-54)", e.Message, StringComparison.Ordinal);
        fixedGroup.Enqueue1D(16, 8);
        Assert.All(x.ToArray(), v => Assert.Equal(1, v));
    }

    [OpenCLFact]
    public void AKernelCannotBeUsedAfterDisposeOrAfterItsQueue()
    {
        var queue = new OpenCLQueue(Device);
        OpenCLKernel axpy = queue.GetKernel(Source, "axpy");
        axpy.SetArgument(0, 1f);
        queue.Dispose();
        Assert.Throws<ObjectDisposedException>(() => queue.GetKernel(Source, "axpy"));
        using var x = new DeviceBuffer<float>(Queue, 4);
        axpy.Dispose();
        Assert.Throws<ObjectDisposedException>(() => axpy.SetArgument(0, 2f));
        Assert.Throws<ObjectDisposedException>(() => axpy.Enqueue1D(4));
    }
}
