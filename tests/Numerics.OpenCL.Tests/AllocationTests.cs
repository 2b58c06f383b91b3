using System;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests;

/// <summary>
/// Launches after the first allocate nothing on the managed heap: element-wise launchers (they hashed the program text
/// per launch, ~7 KB), the general kernel API's enqueue (a lease array per enqueue) and the direct GEMM (entry point
/// names built per call). The packed GEMM allocates its two scratch buffers per call by design (docs/opencl.md).
/// </summary>
public sealed class AllocationTests(QueueFixture fixture) : OpenCLTest(fixture)
{
    private const int Launches = 50;

    [OpenCLFact]
    public void ElementwiseLaunchesAllocateNothing()
    {
        using var x = new DeviceBuffer<float>(Queue, new float[1000]);
        using var y = new DeviceBuffer<float>(Queue, 1000);
        using var up = new DeviceBuffer<float>(Queue, new float[1000]);
        Warm(() =>
        {
            Activations.Relu(Queue, x, y);
            Activations.LeakyRelu(Queue, x, 0.1f, y);
            Activations.SwiGlu(Queue, x, up, y);
        });

        long bytes = Measure(() =>
        {
            Activations.Relu(Queue, x, y);
            Activations.LeakyRelu(Queue, x, 0.1f, y);
            Activations.SwiGlu(Queue, x, up, y);
        });
        Queue.Finish();
        Assert.True(bytes == 0, $"{Launches} rounds of three element-wise launches allocated {bytes} bytes.");
    }

    [OpenCLFact]
    public void DirectGemmAllocatesNothing()
    {
        const int n = 40;
        using var a = new DeviceBuffer<float>(Queue, new float[n * n]);
        using var b = new DeviceBuffer<float>(Queue, new float[n * n]);
        using var c = new DeviceBuffer<float>(Queue, n * n);
        Action gemm = () =>
        {
            OpenCLBlas.Gemm(Queue, Transpose.None, Transpose.Transpose, n, n, n, 1f, a, n, b, n, 0.5f, c, n);
            OpenCLBlas.Gemm(Queue, Transpose.Transpose, Transpose.None, n, n, 0, 1f, a, n, b, n, 2f, c, n);
        };
        Warm(gemm);
        long bytes = Measure(gemm);
        Queue.Finish();
        Assert.True(bytes == 0, $"{Launches} rounds of two small GEMM calls allocated {bytes} bytes.");
    }

    private void Warm(Action launch)
    {
        for (int i = 0; i < 5; i++)
        {
            launch();
        }

        Queue.Finish();
    }

    private static long Measure(Action launch)
    {
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Launches; i++)
        {
            launch();
        }

        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
