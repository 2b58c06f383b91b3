using System;
using System.Collections.Generic;
using System.Linq;
using Numerics.Kernels;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests;

/// <summary>
/// Runs a generated element-wise kernel, described by its <see cref="ElementwiseKernelInfo"/>, on the device and on the
/// CPU from the same host arrays, and compares the two. Written to be driven by a per-kernel conformance suite:
/// every kernel in <c>Activations.Kernels</c> has the inputs, scalars and outputs lists it needs.
/// </summary>
public static class ElementwiseHarness
{
    /// <summary>The registry entry called <paramref name="name"/> (e.g. <c>SwiGluBackward</c>).</summary>
    public static ElementwiseKernelInfo Kernel(string name) =>
        Activations.Kernels.SingleOrDefault(k => k.Name == name) ?? throw new ArgumentException($"No kernel {name} in Activations.Kernels.", nameof(name));

    /// <summary>Uploads <paramref name="inputs"/>, launches <paramref name="info"/> on <paramref name="queue"/> and downloads its outputs.</summary>
    public static T[][] RunOnDevice<T>(OpenCLQueue queue, ElementwiseKernelInfo info, T[][] inputs, T[] scalars)
        where T : unmanaged
    {
        int n = inputs.Length > 0 ? inputs[0].Length : 0;
        var buffers = new List<DeviceBuffer<T>>();
        try
        {
            IDeviceBuffer<T>[] input = inputs.Select(x => Track(buffers, new DeviceBuffer<T>(queue, x))).ToArray<IDeviceBuffer<T>>();
            DeviceBuffer<T>[] output = info.Outputs.Select(_ => Track(buffers, new DeviceBuffer<T>(queue, n))).ToArray();
            queue.Launch<T>(info.OpenCL, input, scalars, output.ToArray<IDeviceBuffer<T>>());
            return output.Select(b => b.ToArray()).ToArray();
        }
        finally
        {
            foreach (DeviceBuffer<T> buffer in buffers)
            {
                buffer.Dispose();
            }
        }
    }

    /// <summary>The CPU span entry point's outputs for the same arrays.</summary>
    public static T[][] RunOnCpu<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars)
        where T : unmanaged
    {
        int n = inputs.Length > 0 ? inputs[0].Length : 0;
        T[][] outputs = info.Outputs.Select(_ => new T[n]).ToArray();
        T[] Input(int k) => k < inputs.Length ? inputs[k] : [];
        T[] Output(int k) => k < outputs.Length ? outputs[k] : [];
        if (typeof(T) == typeof(float))
        {
            info.Single(
                (float[])(object)Input(0), (float[])(object)Input(1), (float[])(object)Input(2), (float[])(object)Input(3),
                (float[])(object)scalars, (float[])(object)Output(0), (float[])(object)Output(1));
        }
        else
        {
            info.Double(
                (double[])(object)Input(0), (double[])(object)Input(1), (double[])(object)Input(2), (double[])(object)Input(3),
                (double[])(object)scalars, (double[])(object)Output(0), (double[])(object)Output(1));
        }

        return outputs;
    }

    /// <summary>
    /// Asserts <paramref name="actual"/> (device) matches <paramref name="expected"/> (CPU): both NaN, equal (±∞ included),
    /// or within <paramref name="relative"/> of the larger magnitude plus <paramref name="absolute"/>. The device's own
    /// exp/erf differ from ours by a few ulp, so the comparison is relative, not bitwise.
    /// </summary>
    public static void AssertClose(string what, double[] inputsAt, double expected, double actual, double relative, double absolute)
    {
        if (double.IsNaN(expected) && double.IsNaN(actual))
        {
            return;
        }

        if (expected == actual)
        {
            return;
        }

        double tolerance = relative * Math.Max(Math.Abs(expected), Math.Abs(actual)) + absolute;
        Assert.True(
            !double.IsInfinity(expected) && !double.IsInfinity(actual) && Math.Abs(expected - actual) <= tolerance,
            $"{what} at inputs ({string.Join(", ", inputsAt.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)))}): "
            + $"device {actual:R}, CPU {expected:R}, difference {Math.Abs(expected - actual):R} > tolerance {tolerance:R}.");
    }

    private static DeviceBuffer<T> Track<T>(List<DeviceBuffer<T>> buffers, DeviceBuffer<T> buffer)
        where T : unmanaged
    {
        buffers.Add(buffer);
        return buffer;
    }
}
