using System;
using System.Linq;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Argument validation of every entry point (float and double): the exception type, its ParamName, and that nothing
// was written before the throw.
public sealed class ActivationValidationTests
{
    private const int N = 9;

    [Fact]
    public void KernelListCoversEveryCaseAndEveryCaseIsListed()
    {
        string[] definitions = Activations.Kernels.Select(k => k.Definition).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(definitions, ActivationCases.Defaults.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach (string d in definitions)
        {
            ElementwiseKernelInfo forward = ActivationCases.Entry(d);
            Assert.Equal(ElementwiseKernelKind.Forward, forward.Kind);
            Assert.Equal(ElementwiseKernelKind.Backward, ActivationCases.Entry(d + "Backward").Kind);
            Assert.Equal(ElementwiseKernelKind.Jvp, ActivationCases.Entry(d + "Jvp").Kind);
            Assert.Equal(ActivationCases.Defaults[d].Arity, forward.Inputs.Count);
        }

        Assert.Equal(3 * definitions.Length, Activations.Kernels.Count);
    }

    [Fact]
    public void InvokersCallTheNamedEntryPoints()
    {
        // A few direct calls against the table's invokers, so a mix-up in the table cannot hide behind it.
        float[] x = [-2.5f, -0.5f, 0, 0.75f, 3];
        float[] up = [1.5f, -1, 2, 0.5f, -3];
        float[] direct = new float[5];
        Activations.Gelu(x, direct);
        Assert.Equal(direct, ActivationHarness.Run(ActivationCases.Entry("Gelu"), [x], [])[0]);
        Activations.LeakyRelu(x, 0.2f, direct);
        Assert.Equal(direct, ActivationHarness.Run(ActivationCases.Entry("LeakyRelu"), [x], [0.2f])[0]);
        Activations.Softplus(x, 2, 10, direct);
        Assert.Equal(direct, ActivationHarness.Run(ActivationCases.Entry("Softplus"), [x], [2, 10])[0]);
        // Scalars come right after the tensor inputs, before the gradient or tangent; the table keeps the
        // gradient or tangent among its inputs (the OpenCL order).
        Activations.LeakyReluBackward(x, 0.2f, up, direct);
        Assert.Equal(direct, ActivationHarness.Run(ActivationCases.Entry("LeakyReluBackward"), [x, up], [0.2f])[0]);
        Assert.Equal(0.2f * up[1], direct[1]); // x[1] < 0: gradient · negativeSlope
        Activations.SoftplusJvp(x, 2, 10, up, direct);
        Assert.Equal(direct, ActivationHarness.Run(ActivationCases.Entry("SoftplusJvp"), [x, up], [2, 10])[0]);
        Activations.SwiGluJvp(x, up, up, x, direct);
        Assert.Equal(direct, ActivationHarness.Run(ActivationCases.Entry("SwiGluJvp"), [x, up, up, x], [])[0]);
        float[] second = new float[5];
        Activations.PReluBackward(x, up, x, direct, second);
        float[][] viaTable = ActivationHarness.Run(ActivationCases.Entry("PReluBackward"), [x, up, x], []);
        Assert.Equal(direct, viaTable[0]);
        Assert.Equal(second, viaTable[1]);
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void MismatchedInputLengthNamesTheLaterInput(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        for (int j = 1; j < info.Inputs.Count; j++)
        {
            foreach (int length in new[] { N - 1, N + 1, 0 })
            {
                int[] lengths = Enumerable.Repeat(N, info.Inputs.Count).ToArray();
                lengths[j] = length;
                Call<ArgumentException>(info, lengths, info.Inputs[j], $"{info.Inputs[j]} of length {length}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void ShortDestinationIsNamed(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        for (int k = 0; k < info.Outputs.Count; k++)
        {
            int[] outputs = Enumerable.Repeat(N, info.Outputs.Count).ToArray();
            outputs[k] = N - 1;
            Call<ArgumentException>(info, Enumerable.Repeat(N, info.Inputs.Count).ToArray(), info.Outputs[k], $"{info.Outputs[k]} one short", outputLengths: outputs);
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void PartialOverlapWithAnyInputIsRejected(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        int[] lengths = Enumerable.Repeat(N, info.Inputs.Count).ToArray();
        for (int k = 0; k < info.Outputs.Count; k++)
        {
            for (int j = 0; j < info.Inputs.Count; j++)
            {
                foreach (int shift in new[] { 1, 2, 3, 4, 5, N - 1, -1, -2, -(N - 1) })
                {
                    Call<ArgumentException>(info, lengths, info.Outputs[k], $"{info.Outputs[k]} = {info.Inputs[j]} shifted by {shift}", overlap: (k, j, shift));
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void NaNScalarIsNamed(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        for (int s = 0; s < info.Scalars.Count; s++)
        {
            Call<ArgumentOutOfRangeException>(info, Enumerable.Repeat(N, info.Inputs.Count).ToArray(), info.Scalars[s], $"{info.Scalars[s]} = NaN", nanScalar: s);
        }
    }

    [Theory]
    [MemberData(nameof(ActivationCases.EntryPoints), MemberType = typeof(ActivationCases))]
    public void OverlappingDestinationsAreRejected(string name)
    {
        ElementwiseKernelInfo info = ActivationCases.Entry(name);
        if (info.Outputs.Count < 2)
        {
            return;
        }

        foreach (int shift in new[] { 0, 1, 3, N - 1, -1, -(N - 1) })
        {
            Call<ArgumentException>(info, Enumerable.Repeat(N, info.Inputs.Count).ToArray(), info.Outputs[1], $"{info.Outputs[1]} = {info.Outputs[0]} shifted by {shift}", destinationShift: shift);
        }
    }

    [Fact]
    public void ValidInputsAtLengthZeroAndOneDoNotThrow()
    {
        foreach (ElementwiseKernelInfo info in Activations.Kernels)
        {
            foreach (int n in new[] { 0, 1 })
            {
                float[][] inputs = Enumerable.Range(0, info.Inputs.Count).Select(_ => new float[n]).ToArray();
                float[][] outputs = ActivationHarness.Run(info, inputs, ActivationCases.DefaultScalars(info).Select(v => (float)v).ToArray());
                Assert.All(outputs, o => Assert.Equal(n, o.Length));
            }
        }
    }

    /// <summary>
    /// Calls the float and the double entry point with the described arguments and asserts the exception type
    /// (exactly), its ParamName, and that no destination was written.
    /// </summary>
    private static void Call<TException>(
        ElementwiseKernelInfo info,
        int[] inputLengths,
        string paramName,
        string what,
        int[]? outputLengths = null,
        (int Output, int Input, int Shift)? overlap = null,
        int nanScalar = -1,
        int destinationShift = int.MinValue)
        where TException : ArgumentException
    {
        foreach (bool single in new[] { true, false })
        {
            const int Pad = N + 2;
            int count = info.Inputs.Count + info.Outputs.Count;

            // Every span lives at offset Pad of its own buffer, so shifts in both directions stay inside it.
            double[][] buffers = Enumerable.Range(0, count).Select(_ => Enumerable.Repeat(ActivationHarness.SentinelDouble, 3 * Pad + N).ToArray()).ToArray();
            (int Buffer, int Start, int Length)[] spans = new (int, int, int)[count];
            for (int j = 0; j < info.Inputs.Count; j++)
            {
                spans[j] = (j, Pad, inputLengths[j]);
                for (int i = 0; i < inputLengths[j]; i++)
                {
                    buffers[j][Pad + i] = 0.5 + i;
                }
            }

            for (int k = 0; k < info.Outputs.Count; k++)
            {
                spans[info.Inputs.Count + k] = (info.Inputs.Count + k, Pad, outputLengths?[k] ?? N);
            }

            if (overlap is { } o)
            {
                spans[info.Inputs.Count + o.Output] = (o.Input, Pad + o.Shift, N);
            }

            if (destinationShift != int.MinValue)
            {
                spans[info.Inputs.Count + 1] = (info.Inputs.Count, Pad + destinationShift, N);
            }

            double[] scalars = ActivationCases.DefaultScalars(info).ToArray();
            if (nanScalar >= 0)
            {
                scalars[nanScalar] = double.NaN;
            }

            TException e;
            if (single)
            {
                float[][] fb = buffers.Select(b => b.Select(v => (float)v).ToArray()).ToArray();
                float[] fs = scalars.Select(v => (float)v).ToArray();
                e = Assert.Throws<TException>(() =>
                {
                    ReadOnlySpan<float> In(int j) => j < info.Inputs.Count ? fb[spans[j].Buffer].AsSpan(spans[j].Start, spans[j].Length) : default;
                    Span<float> Out(int k) => k < info.Outputs.Count ? fb[spans[info.Inputs.Count + k].Buffer].AsSpan(spans[info.Inputs.Count + k].Start, spans[info.Inputs.Count + k].Length) : default;
                    info.Single(In(0), In(1), In(2), In(3), fs, Out(0), Out(1));
                });
                for (int b = 0; b < fb.Length; b++)
                {
                    Assert.True(fb[b].Select(v => (double)v).SequenceEqual(buffers[b]), $"{info.Name} (float), {what}: memory was written before the throw");
                }
            }
            else
            {
                double[][] db = buffers.Select(b => (double[])b.Clone()).ToArray();
                e = Assert.Throws<TException>(() =>
                {
                    ReadOnlySpan<double> In(int j) => j < info.Inputs.Count ? db[spans[j].Buffer].AsSpan(spans[j].Start, spans[j].Length) : default;
                    Span<double> Out(int k) => k < info.Outputs.Count ? db[spans[info.Inputs.Count + k].Buffer].AsSpan(spans[info.Inputs.Count + k].Start, spans[info.Inputs.Count + k].Length) : default;
                    info.Double(In(0), In(1), In(2), In(3), scalars, Out(0), Out(1));
                });
                for (int b = 0; b < db.Length; b++)
                {
                    Assert.True(db[b].SequenceEqual(buffers[b]), $"{info.Name} (double), {what}: memory was written before the throw");
                }
            }

            Assert.True(e.ParamName == paramName, $"{info.Name} ({(single ? "float" : "double")}), {what}: ParamName is '{e.ParamName}', expected '{paramName}'");
        }
    }
}
