using System.Collections.Generic;
using System.Linq;
using Numerics.Kernels;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>
/// An OpenCL queue: uploads the host arrays into <see cref="DeviceBuffer{T}"/>s, calls the generated typed launcher
/// (<see cref="DeviceLaunchers"/>), downloads the outputs and disposes every buffer it made.
/// </summary>
public sealed class OpenCLBackend(OpenCLQueue queue) : IElementwiseBackend
{
    public string Name => $"OpenCL ({queue.Device.Name})";

    public bool SupportsDouble => queue.Device.SupportsFp64;

    public ConformanceBound Bound => ConformanceBound.OpenCL;

    public OpenCLQueue Queue => queue;

    public T[][] Run<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars)
        where T : unmanaged =>
        RunInPlace(info, inputs, scalars, info.Outputs.Select(_ => -1).ToArray());

    public T[][] RunInPlace<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars, IReadOnlyList<int> aliases)
        where T : unmanaged
    {
        int n = inputs[0].Length;
        var owned = new List<DeviceBuffer<T>>();
        try
        {
            DeviceBuffer<T>[] input = inputs.Select(x => Own(owned, new DeviceBuffer<T>(queue, x))).ToArray();
            DeviceBuffer<T>[] output = aliases.Select(a => a >= 0 ? input[a] : Own(owned, new DeviceBuffer<T>(queue, Sentinel<T>(n)))).ToArray();
            DeviceLaunchers.Launch<T>(info, queue, input, scalars, output);
            T[][] result = output.Select(b => b.ToArray()).ToArray();
            for (int k = 0; k < aliases.Count; k++)
            {
                if (aliases[k] >= 0)
                {
                    result[k].CopyTo(inputs[aliases[k]], 0);
                    result[k] = inputs[aliases[k]];
                }
            }

            return result;
        }
        finally
        {
            foreach (DeviceBuffer<T> buffer in owned)
            {
                buffer.Dispose();
            }
        }
    }

    private static DeviceBuffer<T> Own<T>(List<DeviceBuffer<T>> owned, DeviceBuffer<T> buffer)
        where T : unmanaged
    {
        owned.Add(buffer);
        return buffer;
    }

    private static T[] Sentinel<T>(int n)
    {
        T[] a = new T[n];
        System.Array.Fill(a, typeof(T) == typeof(float) ? (T)(object)-7777.25f : (T)(object)-7777.25);
        return a;
    }
}
