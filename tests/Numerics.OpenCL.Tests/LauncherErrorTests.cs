using System;
using Numerics.Kernels;
using Xunit;

namespace Numerics.OpenCL.Tests;

/// <summary>
/// Errors through the generated typed launchers (<c>Activations.SwiGlu(queue, gate, up, destination)</c>, …) on the
/// OpenCL queue: each is reported before anything is enqueued, with the launcher's own parameter name.
/// <see cref="OpenCLTest"/> checks that no test leaves a device buffer alive.
/// </summary>
public sealed class LauncherErrorTests(QueueFixture fixture) : OpenCLTest(fixture)
{
    [OpenCLFact]
    public void AnInputOfTheWrongLengthIsNamed()
    {
        using var gate = new DeviceBuffer<float>(Queue, 7);
        using var up = new DeviceBuffer<float>(Queue, 6);
        using var destination = new DeviceBuffer<float>(Queue, 7);
        var e = Assert.Throws<ArgumentException>(() => Activations.SwiGlu(Queue, gate, up, destination));
        Assert.Equal("up", e.ParamName);
        Assert.StartsWith("up has 6 elements, expected 7 (the length of gate).", e.Message, StringComparison.Ordinal);
    }

    [OpenCLFact]
    public void AShortDestinationIsNamed()
    {
        using var x = new DeviceBuffer<double>(Queue, 9);
        using var gradient = new DeviceBuffer<double>(Queue, 9);
        using var destination = new DeviceBuffer<double>(Queue, 8);
        var e = Assert.Throws<ArgumentException>(() => Activations.GeluBackward(Queue, x, gradient, destination));
        Assert.Equal("destination", e.ParamName);
        Assert.StartsWith("destination has 8 elements, expected at least 9.", e.Message, StringComparison.Ordinal);

        using var tangent = new DeviceBuffer<double>(Queue, 10);
        Assert.Equal("tangent", Assert.Throws<ArgumentException>(() => Activations.GeluJvp(Queue, x, tangent, gradient)).ParamName);
    }

    [OpenCLFact]
    public void ADisposedBufferIsRefused()
    {
        using var x = new DeviceBuffer<float>(Queue, 4);
        var destination = new DeviceBuffer<float>(Queue, 4);
        destination.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Activations.Relu(Queue, x, destination));

        var input = new DeviceBuffer<float>(Queue, 4);
        input.Dispose();
        using var output = new DeviceBuffer<float>(Queue, 4);
        Assert.Throws<ObjectDisposedException>(() => Activations.Relu(Queue, input, output));
    }

    [OpenCLFact]
    public void ABufferOfAnotherQueueIsRefused()
    {
        using var other = new OpenCLQueue(Device);
        using var gate = new DeviceBuffer<float>(Queue, 5);
        using var up = new DeviceBuffer<float>(other, 5);
        using var destination = new DeviceBuffer<float>(Queue, 5);
        var e = Assert.Throws<ArgumentException>(() => Activations.GeGlu(Queue, gate, up, destination));
        Assert.Equal("up", e.ParamName);
        Assert.Contains("another OpenCL context", e.Message, StringComparison.Ordinal);

        // The same buffers on the other queue: now gate and destination are the foreign ones.
        e = Assert.Throws<ArgumentException>(() => Activations.GeGlu(other, gate, up, destination));
        Assert.Equal("gate", e.ParamName);
        Assert.Equal(0, other.ProgramBuildCount);
    }

    [OpenCLFact]
    public void NullArgumentsAreNamedByTheLauncher()
    {
        using var x = new DeviceBuffer<float>(Queue, 3);
        using var y = new DeviceBuffer<float>(Queue, 3);
        Assert.Equal("queue", Assert.Throws<ArgumentNullException>(() => Activations.Gelu((IElementwiseDeviceQueue)null!, x, y)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Activations.Gelu(Queue, null!, y)).ParamName);
        Assert.Equal("destination", Assert.Throws<ArgumentNullException>(() => Activations.Gelu(Queue, x, null!)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentNullException>(() => Activations.LeakyReluBackward(Queue, x, 0.1f, null!, y)).ParamName);
    }

    /// <summary>
    /// PoCL has cl_khr_fp64, so the missing extension is simulated through the internal seam
    /// <c>OpenCLDevice.WithoutFp64()</c>: the same device, reporting no fp64 as discovery would for such a GPU.
    /// </summary>
    [OpenCLFact]
    public void ADoubleLauncherOnADeviceWithoutFp64IsNotSupported()
    {
        using var queue = new OpenCLQueue(Device.WithoutFp64());
        using var gate = new DeviceBuffer<double>(queue, 4);
        using var up = new DeviceBuffer<double>(queue, 4);
        using var gradient = new DeviceBuffer<double>(queue, 4);
        using var gateDestination = new DeviceBuffer<double>(queue, 4);
        using var upDestination = new DeviceBuffer<double>(queue, 4);
        var e = Assert.Throws<NotSupportedException>(() => Activations.SwiGluBackward(queue, gate, up, gradient, gateDestination, upDestination));
        Assert.Contains("SwiGluBackward", e.Message, StringComparison.Ordinal);
        Assert.Contains("cl_khr_fp64", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, queue.ProgramBuildCount);
    }

    [OpenCLFact]
    public void NaNScalarsAreRejectedAsOnTheCpu()
    {
        float[] host = [-1, 2];
        float[] hostDestination = new float[2];
        var cpu = Assert.Throws<ArgumentOutOfRangeException>(() => Activations.LeakyRelu(host, float.NaN, hostDestination));

        using var x = new DeviceBuffer<float>(Queue, host);
        using var destination = new DeviceBuffer<float>(Queue, 2);
        int builds = Queue.ProgramBuildCount;
        var device = Assert.Throws<ArgumentOutOfRangeException>(() => Activations.LeakyRelu(Queue, x, float.NaN, destination));
        Assert.Equal("negativeSlope", device.ParamName);
        Assert.Equal(cpu.ParamName, device.ParamName);
        Assert.Equal(cpu.Message, device.Message);
        Assert.Equal(builds, Queue.ProgramBuildCount);

        // Each scalar by its own name; infinities are values, not errors.
        using var d = new DeviceBuffer<double>(Queue, [0.5, -3]);
        using var dd = new DeviceBuffer<double>(Queue, 2);
        Assert.Equal("maxValue", Assert.Throws<ArgumentOutOfRangeException>(() => Activations.HardTanh(Queue, d, -1, double.NaN, dd)).ParamName);
        Assert.Equal("minValue", Assert.Throws<ArgumentOutOfRangeException>(() => Activations.HardTanhBackward(Queue, d, double.NaN, 1, d, dd)).ParamName);
        Activations.LeakyRelu(Queue, x, float.PositiveInfinity, destination);
        Assert.Equal([float.NegativeInfinity, 2f], destination.ToArray());
    }

    [OpenCLFact]
    public void AProgramThatDoesNotBuildCarriesItsLog()
    {
        const string Broken = "__kernel void broken(__global float* y) { y[get_global_id(0)] = undeclared_name; }";
        int builds = Queue.ProgramBuildCount;
        var e = Assert.Throws<OpenCLBuildException>(() => Queue.GetKernel(Broken, "broken"));
        Assert.Contains("undeclared_name", e.BuildLog, StringComparison.Ordinal);
        Assert.Contains(e.BuildLog.Trim(), e.Message, StringComparison.Ordinal);
        Assert.Equal(Broken, e.ProgramSource);
        Assert.Equal(builds + 1, Queue.ProgramBuildCount);
    }
}
