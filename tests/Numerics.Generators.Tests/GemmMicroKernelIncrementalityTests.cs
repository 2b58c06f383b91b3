using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Incrementality of <see cref="GemmMicroKernelGenerator"/>, as in <see cref="IncrementalityTests"/>: the driver runs
/// once, the compilation is edited, the same driver runs again, and the tracked source-output steps say per generated
/// file whether it was produced anew (<c>New</c>, <c>Modified</c>) or served from the cache (<c>Cached</c>,
/// <c>Unchanged</c>). The generator names none of its steps (no <c>WithTrackingName</c>); the output steps are
/// tracked anyway, and the model each one received (its single input) names the file.
/// </summary>
public sealed class GemmMicroKernelIncrementalityTests
{
    private const string Kernels = """
        using Numerics.Kernels;

        namespace Demo;

        // The tiles of this test.
        [GemmMicroKernel(typeof(float), 256, 4, 8)]
        internal readonly partial struct SgemmKernel_V256_4x8;

        [GemmMicroKernel(typeof(double), 0, 2, 4)]
        internal readonly partial struct DgemmKernel_Scalar_2x4;
        """;

    private const string First = "Demo.SgemmKernel_V256_4x8.g.cs";

    private const string Second = "Demo.DgemmKernel_Scalar_2x4.g.cs";

    [Fact]
    public void CommentEditLeavesEveryOutputCached()
    {
        (GeneratorRun first, GeneratorRun second) = RunTwice(Kernels
            .Replace("// The tiles of this test.", "// The tiles of this test, one vector and one scalar.", StringComparison.Ordinal)
            .Replace("internal readonly partial struct DgemmKernel", "// Doubles.\ninternal readonly partial struct DgemmKernel", StringComparison.Ordinal));

        AssertAll(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void UnrelatedNewFileLeavesEveryOutputCached()
    {
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new GemmMicroKernelGenerator()), Compilation(Kernels));
        CSharpCompilation edited = first.Input.AddSyntaxTrees(GeneratorHarness.Parse("""
            namespace Elsewhere;

            internal struct Unrelated
            {
                public int Answer;
            }
            """, "Unrelated.cs"));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);

        AssertAll(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(first.Sources, second.Sources);
    }

    /// <summary>Mr 4 → 2 under the same name: that kernel's file is regenerated (and NUM0016 now warns), the other is cached.</summary>
    [Fact]
    public void TileEditModifiesOnlyThatKernelsOutput()
    {
        (_, GeneratorRun second) = RunTwice(Kernels.Replace("256, 4, 8", "256, 2, 8", StringComparison.Ordinal));

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons[First]);
        Assert.Contains(reasons[Second], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains("public static int Mr => 2;", second.Sources[First], StringComparison.Ordinal);
        Assert.Equal("NUM0016", Assert.Single(second.GeneratorDiagnostics).Id);
    }

    /// <summary>Only the element type changes (float → double, lanes 8 → 4): the output is regenerated.</summary>
    [Fact]
    public void ElementTypeEditModifiesTheOutput()
    {
        (_, GeneratorRun second) = RunTwice(Kernels.Replace("typeof(float), 256, 4, 8", "typeof(double), 256, 4, 8", StringComparison.Ordinal));

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons[First]);
        Assert.Contains(reasons[Second], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains("IGemmMicroKernel<double>", second.Sources[First], StringComparison.Ordinal);
    }

    /// <summary>Accessibility is part of the output: internal → public regenerates.</summary>
    [Fact]
    public void AccessibilityEditModifiesTheOutput()
    {
        (_, GeneratorRun second) = RunTwice(Kernels.Replace("internal readonly partial struct DgemmKernel", "public readonly partial struct DgemmKernel", StringComparison.Ordinal));

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons[Second]);
        Assert.Contains(reasons[First], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains("public partial struct DgemmKernel_Scalar_2x4", second.Sources[Second], StringComparison.Ordinal);
    }

    private static CSharpCompilation Compilation(string kernels) =>
        GeneratorHarness.CreateCompilation(GeneratorHarness.Parse(kernels, "Kernels.cs"));

    /// <summary>Runs on the original sources, then the same driver on the compilation with Kernels.cs replaced by <paramref name="editedKernels"/>.</summary>
    private static (GeneratorRun First, GeneratorRun Second) RunTwice(string editedKernels)
    {
        Assert.NotEqual(Kernels, editedKernels);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new GemmMicroKernelGenerator()), Compilation(Kernels));
        GeneratorHarness.AssertCompilesCleanly(first);
        AssertAll(first, IncrementalStepRunReason.New);
        Assert.Equal(new[] { Second, First }, Reasons(first).Keys.Order(StringComparer.Ordinal));

        SyntaxTree old = first.Input.SyntaxTrees.Single(t => t.FilePath == "Kernels.cs");
        GeneratorRun second = GeneratorHarness.Run(first.Driver, first.Input.ReplaceSyntaxTree(old, GeneratorHarness.Parse(editedKernels, "Kernels.cs")));
        return (first, second);
    }

    /// <summary>
    /// Each generated file of a run, by hint name (<c>Namespace.TypeName.g.cs</c>, from the model the source-output
    /// step received), with the reason that step gave; steps that carry only diagnostics are left out.
    /// </summary>
    private static Dictionary<string, IncrementalStepRunReason> Reasons(GeneratorRun run)
    {
        var reasons = new Dictionary<string, IncrementalStepRunReason>(StringComparer.Ordinal);
        foreach (IncrementalGeneratorRunStep step in run.Generator.TrackedOutputSteps.SelectMany(pair => pair.Value))
        {
            (IncrementalGeneratorRunStep source, int index) = step.Inputs.Single();
            object model = source.Outputs[index].Value;
            string? Property(string name) => model.GetType().GetProperty(name)?.GetValue(model)?.ToString();
            if (Property("TypeName") is { } type && Property("Mr") is not null)
            {
                string? ns = Property("Namespace");
                reasons.Add($"{(string.IsNullOrEmpty(ns) ? "" : ns + ".")}{type}.g.cs", step.Outputs.Single().Reason);
            }
        }

        Assert.Equal(run.Sources.Keys.Order(StringComparer.Ordinal), reasons.Keys.Order(StringComparer.Ordinal));
        return reasons;
    }

    private static void AssertAll(GeneratorRun run, params IncrementalStepRunReason[] allowed)
    {
        var outputs = run.Generator.TrackedOutputSteps.SelectMany(pair => pair.Value).SelectMany(step => step.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Contains(o.Reason, allowed));
    }
}
