using System.Collections.Generic;
using System.Linq;
using Numerics.Generators.Emit.Cpu;
using Numerics.Generators.Model;

namespace Numerics.Generators.Emit.OpenCL;

/// <summary>
/// Writes the typed device launcher of an entry point: the same name and parameter order as the span entry point,
/// with a leading <c>IElementwiseDeviceQueue</c> and device buffers instead of spans. It checks for null and hands
/// the kernel's OpenCL sources, buffers and scalars to the queue in the OpenCL argument order (inputs with the
/// gradient or tangents, scalars, outputs), whatever the C# parameter order.
/// </summary>
/// <remarks>
/// Every type is written <c>global::</c>-qualified: the launcher sits in the user's class and namespace, where a
/// user type could shadow a simple name. The buffer and scalar lists are collection expressions converted to
/// <c>ReadOnlySpan&lt;T&gt;</c>, which the compiler builds in a stack inline array (no allocation per call).
/// </remarks>
internal static class LauncherEmitter
{
    private const string Queue = GlobalNames.Kernels + ".IElementwiseDeviceQueue";

    public static void Write(IndentedWriter w, KernelVariant v, bool isDouble)
    {
        string element = isDouble ? "double" : "float";
        string buffer = $"{GlobalNames.Kernels}.IDeviceBuffer<{element}>";
        string sources = Qualified(v.Model) + ".OpenCL." + v.Name;
        WriteDocs(w, v, isDouble, sources);

        var parameters = new List<string> { $"{Queue} queue" };
        parameters.AddRange(v.Signature.Select(p => p.Role == StreamRole.Scalar ? $"{element} @{p.Stream.Name}" : $"{buffer} @{p.Stream.Name}"));
        using (w.Block($"public static void {v.Name}({string.Join(", ", parameters)})"))
        {
            w.Line($"{GlobalNames.ArgumentNullException}.ThrowIfNull(queue, nameof(queue));");
            foreach (SignatureParameter p in v.Signature.Where(p => p.Role != StreamRole.Scalar))
            {
                w.Line($"{GlobalNames.ArgumentNullException}.ThrowIfNull(@{p.Stream.Name}, nameof(@{p.Stream.Name}));");
            }

            string List(IEnumerable<Stream> streams) => "[" + string.Join(", ", streams.Select(s => "@" + s.Name)) + "]";
            w.Line($"queue.Launch<{element}>({sources}, {List(v.Inputs)}, {List(v.Scalars)}, {List(v.Outputs)});");
        }

        w.Line();
    }

    private static void WriteDocs(IndentedWriter w, KernelVariant v, bool isDouble, string sources)
    {
        string element = isDouble ? "double" : "float";
        w.Line("/// <summary>");
        w.Line($"/// Enqueues <c>{v.Name}</c> ({element}) on the device of <paramref name=\"queue\"/>, over device buffers:");
        w.Lines(CpuEmitter.Summary(v), "/// ");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"queue\">The device queue that runs the kernel.</param>");
        foreach (SignatureParameter p in v.Signature)
        {
            string doc = p.Stream.Documentation.Length > 0
                ? p.Stream.Documentation
                : p.Role == StreamRole.Scalar ? "Per-call scalar." : "Input.";
            if (p.Role == StreamRole.Output)
            {
                // One work-item per element reads every input before it writes: exact in-place use is safe on any device.
                doc += " It may be the same buffer as one of the inputs (exact in-place use).";
            }

            w.Lines($"<param name=\"{p.Stream.Name}\">{doc}</param>", "/// ");
        }

        w.Line("/// <remarks>");
        w.Line("/// <para>");
        w.Line("/// The device counterpart of the span overload with the same parameters. Only null arguments are checked here;");
        w.Line($"/// the queue checks the buffer lengths, compiles <see cref=\"{sources}\"/> once per device and enqueues it");
        string inputs = v.Kind switch
        {
            VariantKind.Backward => "the inputs and then the gradient",
            VariantKind.Jvp => "the inputs and then the tangents",
            _ => "the inputs",
        };
        w.Line($"/// with the buffers and scalars in the OpenCL argument order: {inputs}, the scalars, the outputs.");
        w.Line("/// </para>");
        w.Line("/// </remarks>");
        w.Line($"/// <exception cref=\"{GlobalNames.ArgumentNullException}\"><paramref name=\"queue\"/> or a buffer is null.</exception>");
        w.Line($"/// <exception cref=\"{GlobalNames.ArgumentException}\">Thrown by the queue: inputs differ in length, or a destination is shorter than the inputs.</exception>");
        if (v.Scalars.Count > 0)
        {
            w.Line($"/// <exception cref=\"{GlobalNames.ArgumentOutOfRangeException}\">Thrown by the queue: a scalar is NaN (as the span overload).</exception>");
        }

        if (isDouble)
        {
            w.Line($"/// <exception cref=\"{GlobalNames.NotSupportedException}\">Thrown by the queue: its device does not support <see cref=\"double\"/> (no <c>cl_khr_fp64</c>).</exception>");
        }
    }

    private static string Qualified(KernelModel model) =>
        "global::" + (model.Namespace.Length > 0 ? model.Namespace + "." : string.Empty) + model.TypeName;
}
