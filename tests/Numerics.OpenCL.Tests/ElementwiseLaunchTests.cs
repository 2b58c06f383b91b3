using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Numerics.Kernels;
using Numerics.OpenCL;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.OpenCL.Tests;

/// <summary>
/// <see cref="OpenCLQueue.Launch{T}"/> with generated kernels from <c>Activations.Kernels</c>, against the CPU span
/// entry points on the same inputs. (The full per-kernel conformance suite is separate; these cover the launch path:
/// one and two inputs, a scalar, two outputs, tails of the rounded-up global size.)
/// </summary>
public sealed class ElementwiseLaunchTests(QueueFixture fixture, ITestOutputHelper output) : OpenCLTest(fixture)
{
    /// <summary>Relative tolerance: PoCL's exp/erf/tanh are not ours, so results agree to a few ulp, not bit for bit.</summary>
    private const double FloatRelative = 1e-5, DoubleRelative = 1e-12, Absolute = 1e-30;

    public static TheoryData<string> Kernels => new() { "Relu", "Gelu", "GeluBackward", "LeakyRelu", "LeakyReluBackward", "SwiGlu", "SwiGluBackward", "Sigmoid", "Tanh" };

    [OpenCLTheory]
    [MemberData(nameof(Kernels))]
    public void FloatKernelsMatchTheCpu(string name) => Compare<float>(name, 1003, FloatRelative);

    [OpenCLTheory]
    [MemberData(nameof(Kernels))]
    public void DoubleKernelsMatchTheCpu(string name)
    {
        if (!Device.SupportsFp64)
        {
            output.WriteLine($"{Device.Name} has no cl_khr_fp64; the double kernels are covered by {nameof(ADoubleKernelOnADeviceWithoutFp64IsNotSupported)}.");
            return;
        }

        Compare<double>(name, 1003, DoubleRelative);
    }

    [OpenCLFact]
    public void ScalarsArePassedThrough()
    {
        ElementwiseKernelInfo leaky = ElementwiseHarness.Kernel("LeakyRelu");
        Assert.Single(leaky.Scalars);
        float[] x = [-2, -1, 0, 3];
        Assert.Equal([-0.5f, -0.25f, 0, 3], ElementwiseHarness.RunOnDevice(Queue, leaky, [x], [0.25f])[0]);
        Assert.Equal([-6f, -3f, 0, 3], ElementwiseHarness.RunOnDevice(Queue, leaky, [x], [3f])[0]);
    }

    [OpenCLFact]
    public void InPlaceUseIsAllowed()
    {
        ElementwiseKernelInfo relu = ElementwiseHarness.Kernel("Relu");
        using var x = new DeviceBuffer<float>(Queue, [-1, 2, -3, 4]);
        Queue.Launch<float>(relu.OpenCL, [x], [], [x]);
        Assert.Equal([0f, 2, 0, 4], x.ToArray());
    }

    [OpenCLFact]
    public void OutputsLongerThanTheInputsKeepTheirTail()
    {
        ElementwiseKernelInfo relu = ElementwiseHarness.Kernel("Relu");
        using var x = new DeviceBuffer<float>(Queue, [-1, 2]);
        using var y = new DeviceBuffer<float>(Queue, [9, 9, 9, 9]);
        Queue.Launch<float>(relu.OpenCL, [x], [], [y]);
        Assert.Equal([0f, 2, 9, 9], y.ToArray());
    }

    [OpenCLFact]
    public void ZeroElementsIsANoOp()
    {
        using var queue = new OpenCLQueue(Device);
        ElementwiseKernelInfo relu = ElementwiseHarness.Kernel("Relu");
        using var x = new DeviceBuffer<float>(queue, 0);
        using var y = new DeviceBuffer<float>(queue, 0);
        queue.Launch<float>(relu.OpenCL, [x], [], [y]);
        queue.Finish();
        Assert.Equal(0, queue.ProgramBuildCount);
    }

    [OpenCLFact]
    public void ArgumentCountsAreChecked()
    {
        ElementwiseKernelInfo leaky = ElementwiseHarness.Kernel("LeakyRelu");
        using var x = new DeviceBuffer<float>(Queue, 4);
        using var y = new DeviceBuffer<float>(Queue, 4);

        var e = Assert.Throws<ArgumentException>(() => Queue.Launch<float>(leaky.OpenCL, [x, x], [0.1f], [y]));
        Assert.Equal("inputs", e.ParamName);
        Assert.StartsWith($"Kernel LeakyRelu takes 1 input(s) ({leaky.Inputs[0]}), but 2 were given.", e.Message, StringComparison.Ordinal);
        Assert.Equal("scalars", Assert.Throws<ArgumentException>(() => Queue.Launch<float>(leaky.OpenCL, [x], [], [y])).ParamName);
        Assert.Equal("outputs", Assert.Throws<ArgumentException>(() => Queue.Launch<float>(leaky.OpenCL, [x], [0.1f], [])).ParamName);
        Assert.Throws<ArgumentNullException>(() => Queue.Launch<float>(null!, [x], [0.1f], [y]));
    }

    [OpenCLFact]
    public void BufferErrorsCarryTheKernelsArgumentName()
    {
        ElementwiseKernelInfo backward = ElementwiseHarness.Kernel("SwiGluBackward");
        output.WriteLine($"SwiGluBackward: inputs ({string.Join(", ", backward.Inputs)}), outputs ({string.Join(", ", backward.Outputs)})");
        Assert.Equal(3, backward.Inputs.Count);
        Assert.Equal(2, backward.Outputs.Count);
        using var a = new DeviceBuffer<float>(Queue, 7);
        using var b = new DeviceBuffer<float>(Queue, 7);
        using var c = new DeviceBuffer<float>(Queue, 7);
        using var shortInput = new DeviceBuffer<float>(Queue, 6);
        using var shortOutput = new DeviceBuffer<float>(Queue, 5);
        using var d = new DeviceBuffer<float>(Queue, 7);
        using var e2 = new DeviceBuffer<float>(Queue, 7);

        var e = Assert.Throws<ArgumentException>(() => Queue.Launch<float>(backward.OpenCL, [a, b, shortInput], [], [d, e2]));
        Assert.Equal(backward.Inputs[2], e.ParamName);
        Assert.StartsWith($"{backward.Inputs[2]} has 6 elements, expected 7 (the length of {backward.Inputs[0]}).", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => Queue.Launch<float>(backward.OpenCL, [a, b, c], [], [d, shortOutput]));
        Assert.Equal(backward.Outputs[1], e.ParamName);
        Assert.StartsWith($"{backward.Outputs[1]} has 5 elements, expected at least 7.", e.Message, StringComparison.Ordinal);

        var n = Assert.Throws<ArgumentNullException>(() => Queue.Launch<float>(backward.OpenCL, [a, null!, c], [], [d, e2]));
        Assert.Equal(backward.Inputs[1], n.ParamName);

        e = Assert.Throws<ArgumentException>(() => Queue.Launch<float>(backward.OpenCL, [a, b, c], [], [new HostBuffer(7), e2]));
        Assert.Equal(backward.Outputs[0], e.ParamName);
        Assert.Contains("not an OpenCL DeviceBuffer<Single>", e.Message, StringComparison.Ordinal);

        using var otherQueue = new OpenCLQueue(Device);
        using var foreign = new DeviceBuffer<float>(otherQueue, 7);
        e = Assert.Throws<ArgumentException>(() => Queue.Launch<float>(backward.OpenCL, [a, foreign, c], [], [d, e2]));
        Assert.Equal(backward.Inputs[1], e.ParamName);
        Assert.Contains("another OpenCL context", e.Message, StringComparison.Ordinal);

        var disposed = new DeviceBuffer<float>(Queue, 7);
        disposed.Dispose();
        Assert.Throws<ObjectDisposedException>(() => Queue.Launch<float>(backward.OpenCL, [a, b, c], [], [d, disposed]));
    }

    [OpenCLFact]
    public void OnlyFloatAndDoubleKernelsExist()
    {
        ElementwiseKernelInfo relu = ElementwiseHarness.Kernel("Relu");
        var e = Assert.Throws<NotSupportedException>(() => Queue.Launch<int>(relu.OpenCL, [], [], []));
        Assert.Contains("Int32", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// PoCL has cl_khr_fp64 and no device can be told to drop it, so the check is reached through
    /// <c>OpenCLDevice.WithoutFp64()</c> (internal): the same device, reporting no fp64, exactly as discovery would
    /// build it for a GPU without double support.
    /// </summary>
    [OpenCLFact]
    public void ADoubleKernelOnADeviceWithoutFp64IsNotSupported()
    {
        OpenCLDevice noFp64 = Device.WithoutFp64();
        Assert.False(noFp64.SupportsFp64);
        using var queue = new OpenCLQueue(noFp64);
        ElementwiseKernelInfo gelu = ElementwiseHarness.Kernel("Gelu");
        using var x = new DeviceBuffer<double>(queue, 4);
        using var y = new DeviceBuffer<double>(queue, 4);
        var e = Assert.Throws<NotSupportedException>(() => queue.Launch<double>(gelu.OpenCL, [x], [], [y]));
        Assert.Contains("Gelu", e.Message, StringComparison.Ordinal);
        Assert.Contains(Device.Name, e.Message, StringComparison.Ordinal);
        Assert.Contains("cl_khr_fp64", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, queue.ProgramBuildCount);

        // The float kernel still runs there.
        Assert.Equal(ElementwiseHarness.RunOnCpu(gelu, [[1f, -1f]], [])[0], ElementwiseHarness.RunOnDevice(queue, gelu, [[1f, -1f]], [])[0], new ToleranceComparer(FloatRelative));
    }

    [OpenCLFact]
    public void ConcurrentLaunchesOnOneQueueKeepTheirArguments()
    {
        // Eight threads share the queue's cached kernel objects; each must see its own buffers and scalar.
        ElementwiseKernelInfo leaky = ElementwiseHarness.Kernel("LeakyRelu");
        float[] x = Enumerable.Range(0, 513).Select(i => i - 256f).ToArray();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, t =>
        {
            for (int round = 0; round < 10; round++)
            {
                float slope = (t * 10) + round;
                float[] y = ElementwiseHarness.RunOnDevice(Queue, leaky, [x], [slope])[0];
                Assert.Equal(x.Select(v => v > 0 ? v : slope * v), y);
            }
        });
    }

    private void Compare<T>(string name, int n, double relative)
        where T : unmanaged
    {
        ElementwiseKernelInfo info = ElementwiseHarness.Kernel(name);
        var random = new Random(20261129 + name.Length);
        double[] specials = [0.0, -0.0, 1, -1, 0.5, -0.5, 3, -3, 20, -20, 1e-3, -1e-3];
        T[][] inputs = info.Inputs.Select(_ =>
            Enumerable.Range(0, n).Select(i => Convert<T>(i < specials.Length ? specials[(i + 3) % specials.Length] : (random.NextDouble() * 16) - 8)).ToArray()).ToArray();
        T[] scalars = info.Scalars.Select(_ => Convert<T>(0.125)).ToArray();

        T[][] expected = ElementwiseHarness.RunOnCpu(info, inputs, scalars);
        T[][] actual = ElementwiseHarness.RunOnDevice(Queue, info, inputs, scalars);
        Assert.Equal(info.Outputs.Count, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            for (int i = 0; i < n; i++)
            {
                ElementwiseHarness.AssertClose(
                    $"{name}<{typeof(T).Name}> {info.Outputs[k]}[{i}]",
                    inputs.Select(x => ToDouble(x[i])).ToArray(),
                    ToDouble(expected[k][i]),
                    ToDouble(actual[k][i]),
                    relative,
                    Absolute);
            }
        }
    }

    private static T Convert<T>(double value) => typeof(T) == typeof(float) ? (T)(object)(float)value : (T)(object)value;

    private static double ToDouble<T>(T value) => value is float f ? f : (double)(object)value!;

    /// <summary>A buffer that is not an OpenCL one, to check Launch rejects it.</summary>
    private sealed class HostBuffer(int length) : IDeviceBuffer<float>
    {
        public int Length => length;
    }

    private sealed class ToleranceComparer(double relative) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => x == y || Math.Abs(x - y) <= relative * Math.Max(Math.Abs(x), Math.Abs(y));

        public int GetHashCode(float obj) => 0;
    }
}
