using System;
using System.Collections.Generic;
using System.Linq;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Numerics.Kernels.Tests.Math (a namespace) would shadow System.Math here.
using Math = System.Math;

// How every entry point walks memory: exact in-place use, guard pages on both sides of every input and output, and
// destinations longer than the inputs. Results are compared bit for bit with an ordinary out-of-place run.
public sealed class ActivationMemoryTests
{
    private static readonly int[] InPlaceLengths = [1, 2, 3, 5, 7, 8, 9, 15, 16, 17, 31, 33, 63, 65, 127, 129, 1023, 1025];

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void InPlaceEqualsOutOfPlace(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        double[] scalars = ActivationCases.DefaultScalars(info);
        float[] singleScalars = scalars.Select(v => (float)v).ToArray();
        foreach (int n in InPlaceLengths)
        {
            Random random = new(ActivationHarness.Seed(name, n, 3));
            float[][] fin = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedSingle(random, n)).ToArray();
            double[][] din = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedDouble(random, n)).ToArray();
            float[][] fexpected = ActivationHarness.Run(info, ActivationHarness.Clone(fin), singleScalars);
            double[][] dexpected = ActivationHarness.Run(info, ActivationHarness.Clone(din), scalars);

            foreach (int[] aliases in AliasPatterns(info.Inputs.Count, info.Outputs.Count))
            {
                // aliases[k] = the input that output k writes into, or −1 for a separate array.
                float[][] fcopy = ActivationHarness.Clone(fin);
                float[][] fout = aliases.Select(j => j >= 0 ? fcopy[j] : new float[n]).ToArray();
                ActivationHarness.Invoke(info, fcopy, singleScalars, fout);
                double[][] dcopy = ActivationHarness.Clone(din);
                double[][] dout = aliases.Select(j => j >= 0 ? dcopy[j] : new double[n]).ToArray();
                ActivationHarness.Invoke(info, dcopy, scalars, dout);
                for (int k = 0; k < aliases.Length; k++)
                {
                    string what = $"{name} n = {n}, {string.Join(", ", aliases.Select((j, kk) => $"{info.Outputs[kk]} = {(j >= 0 ? info.Inputs[j] : "separate")}"))}: {info.Outputs[k]}";
                    ActivationHarness.AssertBitEqual(fexpected[k], fout[k], what + " (float)");
                    ActivationHarness.AssertBitEqual(dexpected[k], dout[k], what + " (double)");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void GuardPagesAroundInputsAndOutputs(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        double[] scalars = ActivationCases.DefaultScalars(info);
        float[] singleScalars = scalars.Select(v => (float)v).ToArray();
        foreach (int n in TestLengths.Small)
        {
            Random random = new(ActivationHarness.Seed(name, n, 4));
            float[][] fin = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedSingle(random, n)).ToArray();
            double[][] din = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedDouble(random, n)).ToArray();
            float[][] fexpected = ActivationHarness.Run(info, fin, singleScalars);
            double[][] dexpected = ActivationHarness.Run(info, din, scalars);
            foreach (GuardPosition guard in new[] { GuardPosition.After, GuardPosition.Before })
            {
                RunBounded(info, fin, singleScalars, fexpected, guard, $"{name} (float) n = {n}, guard {guard}");
                RunBounded(info, din, scalars, dexpected, guard, $"{name} (double) n = {n}, guard {guard}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void LongerDestinationKeepsItsTail(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        double[] scalars = ActivationCases.DefaultScalars(info);
        float[] singleScalars = scalars.Select(v => (float)v).ToArray();
        foreach (int n in new[] { 0, 1, 5, 16, 17, 100 })
        {
            Random random = new(ActivationHarness.Seed(name, n, 5));
            float[][] fin = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedSingle(random, n)).ToArray();
            float[][] expected = ActivationHarness.Run(info, fin, singleScalars);
            float[][] outputs = Enumerable.Range(0, info.Outputs.Count).Select(_ => Enumerable.Repeat(ActivationHarness.SentinelSingle, n + 19).ToArray()).ToArray();
            ActivationHarness.Invoke(info, fin, singleScalars, outputs);
            for (int k = 0; k < outputs.Length; k++)
            {
                ActivationHarness.AssertBitEqual(expected[k], outputs[k].AsSpan(0, n), $"{name} n = {n}: {info.Outputs[k]}");
                Assert.All(outputs[k].Skip(n), v => Assert.Equal(ActivationHarness.SentinelSingle, v));
            }
        }
    }

    internal static void RunBounded<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars, T[][] expected, GuardPosition guard, string what)
        where T : unmanaged
    {
        List<BoundedMemory<T>> memories = [];
        try
        {
            BoundedMemory<T>[] input = inputs.Select(a => BoundedMemory.AllocateFrom<T>(a, guard)).ToArray();
            memories.AddRange(input);
            foreach (BoundedMemory<T> m in input)
            {
                m.MakeReadOnly();
            }

            BoundedMemory<T>[] output = expected.Select(_ => BoundedMemory.Allocate<T>(expected[0].Length, guard)).ToArray();
            memories.AddRange(output);
            Invoke(info, input, scalars, output);
            for (int k = 0; k < output.Length; k++)
            {
                if (typeof(T) == typeof(float))
                {
                    ActivationHarness.AssertBitEqual((float[])(object)expected[k], System.Runtime.InteropServices.MemoryMarshal.Cast<T, float>(output[k].Span), $"{what}: {info.Outputs[k]}");
                }
                else
                {
                    ActivationHarness.AssertBitEqual((double[])(object)expected[k], System.Runtime.InteropServices.MemoryMarshal.Cast<T, double>(output[k].Span), $"{what}: {info.Outputs[k]}");
                }
            }
        }
        finally
        {
            foreach (BoundedMemory<T> m in memories)
            {
                m.Dispose();
            }
        }
    }

    private static void Invoke<T>(ElementwiseKernelInfo info, BoundedMemory<T>[] input, T[] scalars, BoundedMemory<T>[] output)
        where T : unmanaged
    {
        ReadOnlySpan<T> In(int j) => j < input.Length ? input[j].ReadOnlySpan : default;
        Span<T> Out(int k) => k < output.Length ? output[k].Span : default;
        if (typeof(T) == typeof(float))
        {
            ElementwiseInvoker<float> f = info.Single;
            f(Cast<T, float>(In(0)), Cast<T, float>(In(1)), Cast<T, float>(In(2)), Cast<T, float>(In(3)), Cast<T, float>(scalars), CastW<T, float>(Out(0)), CastW<T, float>(Out(1)));
        }
        else
        {
            ElementwiseInvoker<double> d = info.Double;
            d(Cast<T, double>(In(0)), Cast<T, double>(In(1)), Cast<T, double>(In(2)), Cast<T, double>(In(3)), Cast<T, double>(scalars), CastW<T, double>(Out(0)), CastW<T, double>(Out(1)));
        }
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(span);

    private static Span<TTo> CastW<TFrom, TTo>(Span<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => System.Runtime.InteropServices.MemoryMarshal.Cast<TFrom, TTo>(span);

    // Every way to alias outputs with inputs: each output separate or exactly one input; two outputs never share an input.
    private static IEnumerable<int[]> AliasPatterns(int inputs, int outputs)
    {
        IEnumerable<int> choices = Enumerable.Range(-1, inputs + 1);
        if (outputs == 1)
        {
            return choices.Where(j => j >= 0).Select(j => new[] { j });
        }

        return from a in choices
               from b in choices
               where (a >= 0 || b >= 0) && (a < 0 || a != b)
               select new[] { a, b };
    }
}
