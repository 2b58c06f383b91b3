using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Incrementality of <see cref="VectorLanesGenerator"/>, as in <see cref="GemmMicroKernelIncrementalityTests"/>: the
/// driver runs once, the compilation is edited, the same driver runs again, and the tracked source-output steps say
/// per generated file whether it was produced anew (<c>New</c>, <c>Modified</c>) or served from the cache
/// (<c>Cached</c>, <c>Unchanged</c>).
/// </summary>
public sealed class VectorLanesIncrementalityTests
{
    private const string Declarations = """
        using Numerics.Kernels;

        namespace Demo;

        // The widths of this test.
        [VectorLanes(128)]
        internal readonly partial struct Xmm;

        [VectorLanes(512)]
        internal readonly partial struct Zmm;
        """;

    private const string First = "Demo.Xmm.g.cs";

    private const string Second = "Demo.Zmm.g.cs";

    [Fact]
    public void CommentEditLeavesEveryOutputCached()
    {
        (GeneratorRun first, GeneratorRun second) = RunTwice(Declarations
            .Replace("// The widths of this test.", "// The widths of this test, the narrowest and the widest.", StringComparison.Ordinal)
            .Replace("internal readonly partial struct Zmm", "// AVX-512.\ninternal readonly partial struct Zmm", StringComparison.Ordinal));

        AssertAll(second, IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged);
        Assert.Equal(first.Sources, second.Sources);
    }

    [Fact]
    public void UnrelatedNewFileLeavesEveryOutputCached()
    {
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new VectorLanesGenerator()), Compilation(Declarations));
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

    /// <summary>128 → 256 bits under the same name: that struct's file is regenerated, the other is cached.</summary>
    [Fact]
    public void WidthEditModifiesOnlyThatStructsOutput()
    {
        (_, GeneratorRun second) = RunTwice(Declarations.Replace("VectorLanes(128)", "VectorLanes(256)", StringComparison.Ordinal));

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons[First]);
        Assert.Contains(reasons[Second], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains("public readonly global::System.Runtime.Intrinsics.Vector256<double> Value;", second.Sources[First], StringComparison.Ordinal);
        GeneratorHarness.AssertCompilesCleanly(second);
    }

    /// <summary>Accessibility is part of the output: internal → public regenerates.</summary>
    [Fact]
    public void AccessibilityEditModifiesTheOutput()
    {
        (_, GeneratorRun second) = RunTwice(Declarations.Replace("internal readonly partial struct Zmm", "public readonly partial struct Zmm", StringComparison.Ordinal));

        Dictionary<string, IncrementalStepRunReason> reasons = Reasons(second);
        Assert.Equal(IncrementalStepRunReason.Modified, reasons[Second]);
        Assert.Contains(reasons[First], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Contains("public readonly partial struct Zmm", second.Sources[Second], StringComparison.Ordinal);
    }

    /// <summary>An edit that makes a declaration invalid removes its file and reports; the other stays cached.</summary>
    [Fact]
    public void BreakingEditRemovesOnlyThatStructsOutput()
    {
        (_, GeneratorRun second) = RunTwice(Declarations.Replace("VectorLanes(512)", "VectorLanes(1024)", StringComparison.Ordinal));

        Assert.Equal([First], second.Sources.Keys);
        Assert.Contains(Reasons(second)[First], new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged });
        Assert.Equal("NUM0019", Assert.Single(second.GeneratorDiagnostics).Id);
    }

    private static CSharpCompilation Compilation(string declarations) =>
        GeneratorHarness.CreateCompilation(
            [GeneratorHarness.Parse(declarations, "Kernels.cs"), .. LibrarySources.ForLanes.Select((s, i) => GeneratorHarness.Parse(s, $"Library{i}.cs"))]);

    /// <summary>Runs on the original sources, then the same driver on the compilation with Kernels.cs replaced by <paramref name="edited"/>.</summary>
    private static (GeneratorRun First, GeneratorRun Second) RunTwice(string edited)
    {
        Assert.NotEqual(Declarations, edited);
        GeneratorRun first = GeneratorHarness.Run(GeneratorHarness.CreateDriver(new VectorLanesGenerator()), Compilation(Declarations));
        GeneratorHarness.AssertCompilesCleanly(first);
        AssertAll(first, IncrementalStepRunReason.New);
        Assert.Equal(new[] { First, Second }, Reasons(first).Keys.Order(StringComparer.Ordinal));

        SyntaxTree old = first.Input.SyntaxTrees.Single(t => t.FilePath == "Kernels.cs");
        GeneratorRun second = GeneratorHarness.Run(first.Driver, first.Input.ReplaceSyntaxTree(old, GeneratorHarness.Parse(edited, "Kernels.cs")));
        return (first, second);
    }

    /// <summary>
    /// Each generated file of a run, by hint name (<c>Namespace.TypeName.g.cs</c>, from the model the source-output
    /// step received), with the reason that step gave; steps that carry only diagnostics, and outputs removed by the
    /// edit, are left out.
    /// </summary>
    private static Dictionary<string, IncrementalStepRunReason> Reasons(GeneratorRun run)
    {
        var reasons = new Dictionary<string, IncrementalStepRunReason>(StringComparer.Ordinal);
        foreach (IncrementalGeneratorRunStep step in run.Generator.TrackedOutputSteps.SelectMany(pair => pair.Value))
        {
            (IncrementalGeneratorRunStep source, int index) = step.Inputs.Single();
            object model = source.Outputs[index].Value;
            string? Property(string name) => model.GetType().GetProperty(name)?.GetValue(model)?.ToString();
            IncrementalStepRunReason reason = step.Outputs.Single().Reason;
            if (Property("TypeName") is { } type && Property("Bits") is not null && reason != IncrementalStepRunReason.Removed)
            {
                string? ns = Property("Namespace");
                reasons.Add($"{(string.IsNullOrEmpty(ns) ? "" : ns + ".")}{type}.g.cs", reason);
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
