using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Incrementality: the driver is run once, the compilation edited, and the same driver run again; the tracked
/// source-output steps then say, per generated file, whether it was produced anew (<c>New</c>, <c>Modified</c>)
/// or served from the cache (<c>Cached</c>, <c>Unchanged</c>). Edits that do not change a kernel must not
/// regenerate it; edits that do must.
/// </summary>
public sealed class IncrementalityTests
{
    private const string Kernels = """
        using Numerics.Kernels;
        using static Numerics.KernelMath;

        namespace Demo;

        internal static partial class K
        {
            [ElementwiseKernel(Differentiable = true)]
            private static float F(float x) => x * Shared.Bump(x) + 0.5f;

            [ElementwiseKernel]
            private static float G(float x, [Scalar] float a) => Max(a * x, 0);
        }
        """;

    private const string Helpers = """
        namespace Demo;

        internal static class Shared
        {
            public static float Bump(float x) => x + 1;
        }
        """;

    [Fact]
    public void CommentInsideTheKernelClassLeavesEveryOutputCached()
    {
        (GeneratorRun first, GeneratorRun second) = RunTwice(Kernels.Replace(
            "    [ElementwiseKernel]\n    private static float G",
            "    // G is the scaled ramp.\n    [ElementwiseKernel]\n    private static float G",
            StringComparison.Ordinal));

        AssertAll(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void BodyEditModifiesOnlyThatKernelsOutput()
    {
        (_, GeneratorRun second) = RunTwice(Kernels.Replace("+ 0.5f", "+ 0.25f", StringComparison.Ordinal));

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Demo.K.F.g.cs"]);
        Assert.Contains(reasons["Demo.K.G.g.cs"], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains(reasons["Demo.K.Kernels.g.cs"], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains("0.25f", second.Sources["Demo.K.F.g.cs"], StringComparison.Ordinal);
    }

    [Fact]
    public void UnrelatedNewFileLeavesEveryOutputCached()
    {
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), Compilation());
        CSharpCompilation edited = first.Input.AddSyntaxTrees(GeneratorHarness.Parse("""
            namespace Elsewhere;

            internal static class Unrelated
            {
                public static int Answer() => 42;
            }
            """, "Unrelated.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertAll(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void EditOfAHelperInAnotherFileRegeneratesTheKernelThatInlinesIt()
    {
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), Compilation());
        SyntaxTree helpers = first.Input.SyntaxTrees.Single(t => t.FilePath == "Helpers.cs");
        CSharpCompilation edited = first.Input.ReplaceSyntaxTree(helpers, GeneratorHarness.Parse(Helpers.Replace("x + 1", "x + 3", StringComparison.Ordinal), "Helpers.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Demo.K.F.g.cs"]);
        Assert.Contains(reasons["Demo.K.G.g.cs"], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
    }

    [Fact]
    public void DocumentationEditModifiesTheKernelsOutput()
    {
        (_, GeneratorRun second) = RunTwice(Kernels.Replace(
            "    [ElementwiseKernel]\n    private static float G",
            "    /// <summary>Scaled ramp.</summary>\n    /// <param name=\"x\">Input.</param>\n    /// <param name=\"a\">Scale.</param>\n    [ElementwiseKernel]\n    private static float G",
            StringComparison.Ordinal));

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons["Demo.K.G.g.cs"]);
        Assert.Contains(reasons["Demo.K.F.g.cs"], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains("Scaled ramp.", second.Sources["Demo.K.G.g.cs"], StringComparison.Ordinal);
    }

    private static CSharpCompilation Compilation(string kernels = Kernels) =>
        GeneratorHarness.CreateCompilation(GeneratorHarness.Parse(kernels, "Kernels.cs"), GeneratorHarness.Parse(Helpers, "Helpers.cs"));

    /// <summary>Runs on the original sources, then the same driver on the compilation with Kernels.cs replaced by <paramref name="editedKernels"/>.</summary>
    private static (GeneratorRun First, GeneratorRun Second) RunTwice(string editedKernels)
    {
        Assert.NotEqual(Kernels, editedKernels);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(), Compilation());
        GeneratorHarness.AssertCompilesCleanly(first);
        AssertAll(first, IncrementalStepRunReason.New);

        SyntaxTree old = first.Input.SyntaxTrees.Single(t => t.FilePath == "Kernels.cs");
        GeneratorRun second = GeneratorHarness.Run(first.Driver, first.Input.ReplaceSyntaxTree(old, GeneratorHarness.Parse(editedKernels, "Kernels.cs")));
        return (first, second);
    }

    /// <summary>
    /// Each generated file of a run, by hint name, with the reason its source-output step gave. The file is named
    /// from the step's input, the generator's model: a kernel (<c>TypeName</c>, <c>Name</c>: <c>Type.Kernel.g.cs</c>)
    /// or a class registry (<c>TypeName</c>, <c>Names</c>: <c>Type.Kernels.g.cs</c>); steps that carry only
    /// diagnostics are left out.
    /// </summary>
    private static Dictionary<string, IncrementalStepRunReason> Reasons(GeneratorRun run)
    {
        var reasons = new Dictionary<string, IncrementalStepRunReason>(StringComparer.Ordinal);
        foreach (IncrementalGeneratorRunStep step in run.Generator.TrackedOutputSteps.SelectMany(pair => pair.Value))
        {
            (IncrementalGeneratorRunStep source, int index) = step.Inputs.Single();
            object model = source.Outputs[index].Value;
            string? Property(string name) => model.GetType().GetProperty(name)?.GetValue(model)?.ToString();
            string? ns = Property("Namespace");
            string? type = Property("TypeName") is { } name ? (string.IsNullOrEmpty(ns) ? name : ns + "." + name) : null;
            string? hint = type is null ? null
                : model.GetType().GetProperty("Names") is not null ? type + ".Kernels.g.cs"
                : Property("Name") is { } kernel ? $"{type}.{kernel}.g.cs"
                : null;
            if (hint is not null)
            {
                reasons.Add(hint, step.Outputs.Single().Reason);
            }
        }

        Assert.Equal(run.Sources.Keys.Order(StringComparer.Ordinal), reasons.Keys.Order(StringComparer.Ordinal));
        return reasons;
    }

    private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> OutputSteps(GeneratorRun run) =>
        run.Generator.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs);

    private static void AssertAll(GeneratorRun run, params IncrementalStepRunReason[] allowed)
    {
        var outputs = OutputSteps(run).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }
}
