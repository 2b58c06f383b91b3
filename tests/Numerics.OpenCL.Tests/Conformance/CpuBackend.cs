using System;
using System.Collections.Generic;
using System.Linq;
using Numerics.Kernels;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>The CPU span entry points, called through the registry's uniform invokers (<see cref="ElementwiseKernelInfo.Single"/>, <see cref="ElementwiseKernelInfo.Double"/>).</summary>
public sealed class CpuBackend : IElementwiseBackend
{
    public static CpuBackend Instance { get; } = new();

    public string Name => "CPU";

    public bool SupportsDouble => true;

    public ConformanceBound Bound => ConformanceBound.Cpu;

    public T[][] Run<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars)
        where T : unmanaged
    {
        int n = inputs[0].Length;
        T[][] outputs = info.Outputs.Select(_ => Sentinel<T>(n)).ToArray();
        Invoke(info, inputs, scalars, outputs);
        return outputs;
    }

    public T[][] RunInPlace<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars, IReadOnlyList<int> aliases)
        where T : unmanaged
    {
        int n = inputs[0].Length;
        T[][] outputs = info.Outputs.Select((_, k) => aliases[k] >= 0 ? inputs[aliases[k]] : Sentinel<T>(n)).ToArray();
        Invoke(info, inputs, scalars, outputs);
        return outputs;
    }

    private static void Invoke<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars, T[][] outputs)
    {
        if (typeof(T) == typeof(float))
        {
            float[][] x = (float[][])(object)inputs, y = (float[][])(object)outputs;
            info.Single(At(x, 0), At(x, 1), At(x, 2), At(x, 3), (float[])(object)scalars, At(y, 0), At(y, 1));
        }
        else
        {
            double[][] x = (double[][])(object)inputs, y = (double[][])(object)outputs;
            info.Double(At(x, 0), At(x, 1), At(x, 2), At(x, 3), (double[])(object)scalars, At(y, 0), At(y, 1));
        }
    }

    private static Span<T> At<T>(T[][] arrays, int index) => index < arrays.Length ? arrays[index] : default;

    private static T[] Sentinel<T>(int n)
    {
        T[] a = new T[n];
        a.AsSpan().Fill(typeof(T) == typeof(float) ? (T)(object)-7777.25f : (T)(object)-7777.25);
        return a;
    }
}
