using System;
using System.Linq;
using System.Runtime.InteropServices;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

// The streaming loop (non-temporal stores, inputs prefetched a page ahead) that element-wise kernels take for outputs
// of KernelThreading.ElementwiseStreamingBytes and more. The threshold is lowered to 1 byte so every length streams;
// results must be the bits of the ordinary loop at every destination alignment (aligned, misaligned by whole
// elements, a second destination aligned differently from the first), in place, on one and two threads, and no
// load or store may leave the spans (guard pages; the prefetches run past the end, which must not fault).
[Collection("KernelThreading")]
public sealed unsafe class ActivationStreamingTests : IDisposable
{
    private static readonly int[] Lengths = [1, 7, 15, 16, 17, 31, 33, 100, 1000, 1001, 4097];

    // Element offsets of destination 0 and destination 1 from a 64-byte boundary (float, then double).
    private static readonly (int, int)[] SingleOffsets = [(0, 0), (1, 1), (5, 5), (15, 15), (0, 3), (7, 0)];
    private static readonly (int, int)[] DoubleOffsets = [(0, 0), (1, 1), (7, 7), (0, 3)];

    private readonly long _savedStreamingBytes = KernelThreading.ElementwiseStreamingBytes;
    private readonly int _savedThreshold = KernelThreading.ElementwiseThreshold;
    private readonly int _savedMaxThreads = KernelThreading.MaxThreads;

    public void Dispose()
    {
        KernelThreading.ElementwiseStreamingBytes = _savedStreamingBytes;
        KernelThreading.ElementwiseThreshold = _savedThreshold;
        KernelThreading.MaxThreads = _savedMaxThreads;
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void StreamedRunsMatchTheOrdinaryLoopBitForBit(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        double[] scalars = ActivationCases.DefaultScalars(info);
        float[] singleScalars = scalars.Select(v => (float)v).ToArray();
        foreach (int n in Lengths)
        {
            Random random = new(ActivationHarness.Seed(name, n, 7));
            float[][] fin = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedSingle(random, n)).ToArray();
            double[][] din = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedDouble(random, n)).ToArray();

            KernelThreading.ElementwiseStreamingBytes = long.MaxValue;
            KernelThreading.MaxThreads = 1;
            float[][] fexpected = ActivationHarness.Run(info, fin, singleScalars);
            double[][] dexpected = ActivationHarness.Run(info, din, scalars);

            KernelThreading.ElementwiseStreamingBytes = 1;
            KernelThreading.ElementwiseThreshold = 1000;
            foreach (int threads in new[] { 1, 2 })
            {
                KernelThreading.MaxThreads = threads;
                foreach ((int o0, int o1) in SingleOffsets)
                {
                    CheckAt(info, fin, singleScalars, fexpected, o0, o1, ActivationHarness.SentinelSingle,
                        static (e, a, w) => ActivationHarness.AssertBitEqual(e, a, w), $"{name} (float) n = {n}, {threads} thread(s), offsets {o0}/{o1}");
                }

                foreach ((int o0, int o1) in DoubleOffsets)
                {
                    CheckAt(info, din, scalars, dexpected, o0, o1, ActivationHarness.SentinelDouble,
                        static (e, a, w) => ActivationHarness.AssertBitEqual(e, a, w), $"{name} (double) n = {n}, {threads} thread(s), offsets {o0}/{o1}");
                }

                // Exact in place: destination 0 is input 0.
                float[][] fcopy = ActivationHarness.Clone(fin);
                float[][] fout = Enumerable.Range(0, info.Outputs.Count).Select(k => k == 0 ? fcopy[0] : new float[n]).ToArray();
                ActivationHarness.Invoke(info, fcopy, singleScalars, fout);
                double[][] dcopy = ActivationHarness.Clone(din);
                double[][] dout = Enumerable.Range(0, info.Outputs.Count).Select(k => k == 0 ? dcopy[0] : new double[n]).ToArray();
                ActivationHarness.Invoke(info, dcopy, scalars, dout);
                for (int k = 0; k < fout.Length; k++)
                {
                    ActivationHarness.AssertBitEqual(fexpected[k], fout[k], $"{name} (float) n = {n}, {threads} thread(s), in place: {info.Outputs[k]}");
                    ActivationHarness.AssertBitEqual(dexpected[k], dout[k], $"{name} (double) n = {n}, {threads} thread(s), in place: {info.Outputs[k]}");
                }
            }

            KernelThreading.ElementwiseThreshold = _savedThreshold;
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void StreamedRunsStayInsideTheirSpans(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        double[] scalars = ActivationCases.DefaultScalars(info);
        float[] singleScalars = scalars.Select(v => (float)v).ToArray();
        foreach (int n in new[] { 16, 17, 100, 1024, 1025 })
        {
            Random random = new(ActivationHarness.Seed(name, n, 8));
            float[][] fin = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedSingle(random, n)).ToArray();
            double[][] din = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedDouble(random, n)).ToArray();
            KernelThreading.ElementwiseStreamingBytes = long.MaxValue;
            float[][] fexpected = ActivationHarness.Run(info, fin, singleScalars);
            double[][] dexpected = ActivationHarness.Run(info, din, scalars);

            KernelThreading.ElementwiseStreamingBytes = 1;
            foreach (GuardPosition guard in new[] { GuardPosition.After, GuardPosition.Before })
            {
                ActivationMemoryTests.RunBounded(info, fin, singleScalars, fexpected, guard, $"{name} (float) n = {n}, streamed, guard {guard}");
                ActivationMemoryTests.RunBounded(info, din, scalars, dexpected, guard, $"{name} (double) n = {n}, streamed, guard {guard}");
            }
        }
    }

    [Fact]
    public void StreamingThresholdRejectsValuesBelowOne()
    {
        ArgumentOutOfRangeException e = Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreading.ElementwiseStreamingBytes = 0);
        Assert.Equal("value", e.ParamName);
        Assert.Equal(_savedStreamingBytes, KernelThreading.ElementwiseStreamingBytes);
    }

    private delegate void BitCheck<T>(T[] expected, T[] actual, string what);

    // Runs the entry point with destinations placed o0 and o1 elements past a 64-byte boundary, sentinels on both
    // sides, and compares them with the expected outputs; the sentinels must survive.
    private static void CheckAt<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars, T[][] expected, int o0, int o1, T sentinel, BitCheck<T> check, string what)
        where T : unmanaged
    {
        int n = inputs[0].Length;
        int pad = 64 / sizeof(T);
        int[] offsets = [o0, o1];
        T*[] blocks = new T*[info.Outputs.Count];
        try
        {
            for (int k = 0; k < blocks.Length; k++)
            {
                blocks[k] = (T*)NativeMemory.AlignedAlloc((nuint)((n + 2 * pad) * sizeof(T)), 64);
                new Span<T>(blocks[k], n + 2 * pad).Fill(sentinel);
            }

            Span<T> Out(int k) => k < blocks.Length ? new Span<T>(blocks[k] + pad + offsets[k], n) : default;
            ReadOnlySpan<T> In(int j) => j < inputs.Length ? inputs[j] : default;
            if (typeof(T) == typeof(float))
            {
                info.Single(Cast<T, float>(In(0)), Cast<T, float>(In(1)), Cast<T, float>(In(2)), Cast<T, float>(In(3)), Cast<T, float>(scalars), CastW<T, float>(Out(0)), CastW<T, float>(Out(1)));
            }
            else
            {
                info.Double(Cast<T, double>(In(0)), Cast<T, double>(In(1)), Cast<T, double>(In(2)), Cast<T, double>(In(3)), Cast<T, double>(scalars), CastW<T, double>(Out(0)), CastW<T, double>(Out(1)));
            }

            for (int k = 0; k < blocks.Length; k++)
            {
                check(expected[k], Out(k).ToArray(), $"{what}: {info.Outputs[k]}");
                Span<T> whole = new(blocks[k], n + 2 * pad);
                int start = pad + offsets[k];
                T[] outside = [.. whole[..start], .. whole[(start + n)..]];
                check(Enumerable.Repeat(sentinel, outside.Length).ToArray(), outside, $"{what}: {info.Outputs[k]} written outside its span");
            }
        }
        finally
        {
            foreach (T* block in blocks)
            {
                NativeMemory.AlignedFree(block);
            }
        }
    }

    private static ReadOnlySpan<TTo> Cast<TFrom, TTo>(ReadOnlySpan<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(span);

    private static Span<TTo> CastW<TFrom, TTo>(Span<TFrom> span)
        where TFrom : unmanaged
        where TTo : unmanaged => MemoryMarshal.Cast<TFrom, TTo>(span);
}
