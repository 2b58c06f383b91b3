using System;
using System.Linq;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

/// <summary>
/// Tests that change <see cref="KernelThreading"/>'s process-wide settings run alone: no other test runs while they do.
/// </summary>
[CollectionDefinition("KernelThreading", DisableParallelization = true)]
public sealed class KernelThreadingCollection
{
}

// Multi-threaded runs are bit-identical to single-threaded ones, and repeatable: with a threshold of 1000 and 2, 3 or
// 7 threads, lengths around chunk boundaries (multiples of the 64-byte line and of the threshold) split into several
// chunks whose joins land inside vectors of the single-threaded walk.
[Collection("KernelThreading")]
public sealed class ActivationThreadingTests : IDisposable
{
    private static readonly int[] Lengths = [1000, 1999, 2000, 2001, 4097, 65537];

    private readonly int _savedThreshold = KernelThreading.ElementwiseThreshold;
    private readonly int _savedMaxThreads = KernelThreading.MaxThreads;

    public void Dispose()
    {
        KernelThreading.ElementwiseThreshold = _savedThreshold;
        KernelThreading.MaxThreads = _savedMaxThreads;
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void ThreadedRunsMatchSingleThreadBitForBit(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        double[] scalars = ActivationCases.DefaultScalars(info);
        float[] singleScalars = scalars.Select(v => (float)v).ToArray();
        foreach (int n in Lengths)
        {
            Random random = new(ActivationHarness.Seed(name, n, 6));
            float[][] fin = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedSingle(random, n)).ToArray();
            double[][] din = Enumerable.Range(0, info.Inputs.Count).Select(_ => ActivationHarness.MixedDouble(random, n)).ToArray();

            KernelThreading.MaxThreads = 1;
            float[][] fserial = ActivationHarness.Run(info, fin, singleScalars);
            double[][] dserial = ActivationHarness.Run(info, din, scalars);

            KernelThreading.ElementwiseThreshold = 1000;
            foreach (int threads in new[] { 2, 3, 7 })
            {
                KernelThreading.MaxThreads = threads;
                for (int repeat = 0; repeat < 2; repeat++)
                {
                    float[][] f = ActivationHarness.Run(info, fin, singleScalars);
                    double[][] d = ActivationHarness.Run(info, din, scalars);
                    for (int k = 0; k < f.Length; k++)
                    {
                        string what = $"{name} n = {n}, {threads} threads, run {repeat + 1}: {info.Outputs[k]}";
                        ActivationHarness.AssertBitEqual(fserial[k], f[k], what + " (float)");
                        ActivationHarness.AssertBitEqual(dserial[k], d[k], what + " (double)");
                    }
                }
            }

            KernelThreading.ElementwiseThreshold = _savedThreshold;
        }
    }

    [Fact]
    public void SettingsRejectValuesBelowOne()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreading.MaxThreads = 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreading.ElementwiseThreshold = 0);
        Assert.Equal(_savedThreshold, KernelThreading.ElementwiseThreshold);
        Assert.Equal(_savedMaxThreads, KernelThreading.MaxThreads);
    }
}
