using System;
using System.Collections.Generic;
using System.Linq;
using Numerics.Kernels;

namespace Numerics.Cli.Accuracy;

/// <summary>
/// One measured quantity: one output of one entry point as a function of its first input, with every other
/// input and scalar held at a fixed value (gradient or the swept input's tangent 1, other tangents 0, <c>up</c> 1,
/// PReLU's slope 0.25, scalars at PyTorch's defaults).
/// </summary>
internal sealed class AccuracyCase
{
    private static readonly Dictionary<string, float> s_scalarDefaults = new(StringComparer.Ordinal)
    {
        ["negativeSlope"] = 0.01f,
        ["alpha"] = 1f,
        ["beta"] = 1f,
        ["threshold"] = 20f,
        ["minValue"] = -1f,
        ["maxValue"] = 1f,
    };

    private AccuracyCase(ElementwiseKernelInfo kernel, int output, int tangentInput, string label)
    {
        Kernel = kernel;
        Output = output;
        TangentInput = tangentInput;
        Label = label;
        Scalars = kernel.Scalars.Select(s => s_scalarDefaults.TryGetValue(s, out float v) ? v : 1f).ToArray();
    }

    public ElementwiseKernelInfo Kernel { get; }

    /// <summary>Which output stream is measured.</summary>
    public int Output { get; }

    /// <summary>For a JVP: which tensor input's tangent is 1 (the others are 0).</summary>
    public int TangentInput { get; }

    public string Label { get; }

    public float[] Scalars { get; }

    /// <summary>Every case for a kernel: one per output, and for a two-input JVP one per tangent direction.</summary>
    public static IEnumerable<AccuracyCase> For(ElementwiseKernelInfo kernel)
    {
        if (kernel.Kind == ElementwiseKernelKind.Jvp)
        {
            int tangents = kernel.Inputs.Count(n => n.EndsWith("angent", StringComparison.Ordinal));
            for (int t = 0; t < tangents; t++)
            {
                string suffix = tangents > 1 ? $" (∂/∂{kernel.Inputs[t]})" : string.Empty;
                yield return new AccuracyCase(kernel, 0, t, kernel.Name + suffix);
            }

            yield break;
        }

        for (int o = 0; o < kernel.Outputs.Count; o++)
        {
            string suffix = kernel.Outputs.Count > 1 ? $" → {kernel.Outputs[o]}" : string.Empty;
            yield return new AccuracyCase(kernel, o, 0, kernel.Name + suffix);
        }
    }

    /// <summary>The fixed value of input <paramref name="index"/> (index 0 is the swept input).</summary>
    public float FixedInput(int index)
    {
        string name = Kernel.Inputs[index];
        if (name == "gradient")
        {
            return 1f;
        }

        if (name.EndsWith("angent", StringComparison.Ordinal))
        {
            int tangentIndex = index - (Kernel.Inputs.Count - Kernel.Inputs.Count(n => n.EndsWith("angent", StringComparison.Ordinal)));
            return tangentIndex == TangentInput ? 1f : 0f;
        }

        return name == "slope" ? 0.25f : 1f;
    }
}
