using System;
using System.Linq;
using Numerics.Kernels;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests.Gemm;

/// <summary>The kernel objects the built-in programs (GEMM) cache in a queue are released when the queue is disposed.</summary>
public sealed class BuiltInKernelLifetimeTests(QueueFixture fixture) : OpenCLTest(fixture)
{
    [OpenCLFact]
    public void DisposingTheQueueReleasesItsCachedGemmKernels()
    {
        var queue = new OpenCLQueue(TestDevice.Require());
        OpenCLKernel[] cached;
        using (var a = new DeviceBuffer<float>(queue, Enumerable.Range(0, 12).Select(i => (float)i).ToArray()))
        using (var b = new DeviceBuffer<float>(queue, Enumerable.Range(0, 12).Select(i => (float)-i).ToArray()))
        using (var c = new DeviceBuffer<float>(queue, 9))
        {
            OpenCLBlas.Gemm(queue, Transpose.None, Transpose.None, 3, 3, 4, 1f, a, 4, b, 3, 0f, c, 3);
            queue.Finish();
            cached = queue.BuiltInKernels.Values.ToArray();
        }

        Assert.NotEmpty(cached);
        queue.Dispose();
        Assert.Empty(queue.BuiltInKernels);
        foreach (OpenCLKernel kernel in cached)
        {
            Assert.Throws<ObjectDisposedException>(() => kernel.SetArgument(0, 1));
        }
    }
}
