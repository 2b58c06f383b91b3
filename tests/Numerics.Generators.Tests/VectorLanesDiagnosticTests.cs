using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Diagnostics and output of <see cref="VectorLanesGenerator"/>: each case is a minimal lanes declaration whose source
/// marks, with <c>{|NUMxxxx:…|}</c>, exactly where each diagnostic must be reported. NUM0019 (width) goes on the
/// attribute, NUM0020 (not a readonly partial struct), NUM0021 (nested, generic, file-local) and NUM0022 (named after
/// a generated member) on the struct's identifier, each one that applies. A rejected struct gets no code. Each case compiles against the library's own
/// <c>ILanes</c> (<see cref="LibrarySources"/>).
/// </summary>
public sealed class VectorLanesDiagnosticTests
{
    private const string Header = """
        using Numerics.Kernels;

        namespace Demo;

        """;

    private static readonly Dictionary<string, string> s_cases = new()
    {
        // NUM0019: the width.
        ["NUM0019_Width64"] = Header + """
            [{|NUM0019:VectorLanes(64)|}]
            internal readonly partial struct Lanes64;
            """,
        ["NUM0019_Width1024"] = Header + """
            [{|NUM0019:VectorLanes(1024)|}]
            internal readonly partial struct Lanes1024;
            """,
        ["NUM0019_WidthZero"] = Header + """
            [{|NUM0019:VectorLanes(0)|}]
            internal readonly partial struct LanesScalar;
            """,
        ["NUM0019_WidthNegative"] = Header + """
            [{|NUM0019:VectorLanes(-128)|}]
            internal readonly partial struct Lanes128;
            """,

        // NUM0020: not a readonly partial struct.
        ["NUM0020_Class"] = Header + """
            [VectorLanes(128)]
            internal sealed partial class {|NUM0020:Lanes128|};
            """,
        ["NUM0020_NotPartial"] = Header + """
            [VectorLanes(128)]
            internal readonly struct {|NUM0020:Lanes128|};
            """,
        ["NUM0020_NotReadOnly"] = Header + """
            [VectorLanes(256)]
            internal partial struct {|NUM0020:Lanes256|};
            """,
        ["NUM0020_RefStruct"] = Header + """
            [VectorLanes(256)]
            internal readonly ref partial struct {|NUM0020:Lanes256|};
            """,
        ["NUM0020_RecordStruct"] = Header + """
            [VectorLanes(512)]
            internal readonly partial record struct {|NUM0020:Lanes512|};
            """,

        // NUM0021: nested, generic or file-local.
        ["NUM0021_Nested"] = Header + """
            internal static partial class Outer
            {
                [VectorLanes(256)]
                internal readonly partial struct {|NUM0021:Lanes256|};
            }
            """,
        ["NUM0021_Generic"] = Header + """
            [VectorLanes(256)]
            internal readonly partial struct {|NUM0021:Lanes256|}<T>;
            """,
        ["NUM0021_FileLocal"] = Header + """
            [VectorLanes(512)]
            file readonly partial struct {|NUM0021:Lanes512|};
            """,

        // NUM0022: named after a generated member.
        ["NUM0022_Narrow"] = Header + """
            [VectorLanes(256)]
            internal readonly partial struct {|NUM0022:Narrow|};
            """,
        ["NUM0022_Value"] = Header + """
            [VectorLanes(128)]
            internal readonly partial struct {|NUM0022:Value|};
            """,

        // Every problem at once: each is reported.
        ["NUM0019_NUM0020_NUM0021_All"] = Header + """
            internal static partial class Outer
            {
                [{|NUM0019:VectorLanes(96)|}]
                internal partial struct {|NUM0020:{|NUM0021:{|NUM0022:Widen|}|}|};
            }
            """,
    };

    public static TheoryData<string> Cases() => [.. s_cases.Keys];

    [Fact]
    public void EveryLanesDescriptorHasACase()
    {
        var ids = s_cases.Keys.Select(k => k.Substring(0, 7)).ToHashSet();
        Assert.All(new[] { "NUM0019", "NUM0020", "NUM0021", "NUM0022" }, id => Assert.Contains(id, ids));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsExactlyTheMarkedDiagnostics(string name)
    {
        GeneratorRun run = AssertMarkedDiagnostics(s_cases[name]);
        Assert.Empty(run.Sources);
    }

    [Theory]
    [InlineData("NUM0019_Width64", "Lanes 'Lanes64' are 64 bits wide; the width must be 128, 256 or 512")]
    [InlineData("NUM0019_WidthNegative", "Lanes 'Lanes128' are -128 bits wide; the width must be 128, 256 or 512")]
    [InlineData("NUM0020_NotReadOnly", "Lanes 'Lanes256' must be declared as a readonly partial struct (not a class, record or ref struct)")]
    [InlineData("NUM0021_Generic", "Lanes 'Lanes256' must be a top-level, non-generic, non-file-local type")]
    public void MessagesNameTheStructAndTheProblem(string name, string message)
    {
        GeneratorRun run = GeneratorHarness.Run(new VectorLanesGenerator(), [MarkedSource.Parse(s_cases[name]).Source, .. LibrarySources.ForLanes]);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(message, d.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// A struct named after any member the generator writes into it (CS0542 otherwise) is rejected with NUM0022: the
    /// generator's list of names covers its output. A name that is no member's is accepted.
    /// </summary>
    [Fact]
    public void EveryGeneratedMemberNameIsRejectedAsTheStructsName()
    {
        GeneratorRun run = Run(Header + "[VectorLanes(256)]\ninternal readonly partial struct Lanes256;");
        INamedTypeSymbol type = run.Output.GetTypeByMetadataName("Demo.Lanes256")!;
        string[] members = type.GetMembers()
            .Where(m => !m.IsImplicitlyDeclared && m is not IMethodSymbol { MethodKind: MethodKind.Constructor })
            .Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        Assert.Contains("ScaleByPow2Single", members);
        Assert.Contains("op_Addition", members);

        Assert.All(members, name =>
        {
            GeneratorRun rejected = Run(Header + $"[VectorLanes(256)]\ninternal readonly partial struct {name};");
            Assert.Equal("NUM0022", Assert.Single(rejected.GeneratorDiagnostics).Id);
            Assert.Empty(rejected.Sources);
        });
        Assert.Empty(Run(Header + "[VectorLanes(256)]\ninternal readonly partial struct Scale;").GeneratorDiagnostics);
    }

    /// <summary>The library's three declarations (KernelMath.Lanes.Widths.cs): no diagnostic, three files, and everything compiles with no warning.</summary>
    [Fact]
    public void LibraryDeclarationsReportNothing()
    {
        GeneratorRun run = Run(Widths);
        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal(["Numerics.Lanes128.g.cs", "Numerics.Lanes256.g.cs", "Numerics.Lanes512.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The three widths are one text: with the width written as 128 and <c>vscalefps</c> taken from AVX-512VL, the
    /// 256- and 512-bit structs read exactly as the 128-bit one. So the only width-specific choice is the AVX-512
    /// class: VL below 512 bits, F at 512.
    /// </summary>
    [Fact]
    public void WidthsDifferOnlyInVectorTypeAndScaleClass()
    {
        IReadOnlyDictionary<string, string> sources = Run(Widths).Sources;
        string lanes128 = sources["Numerics.Lanes128.g.cs"];
        string lanes256 = sources["Numerics.Lanes256.g.cs"];
        string lanes512 = sources["Numerics.Lanes512.g.cs"];

        Assert.Contains("global::System.Runtime.Intrinsics.X86.Avx512F.VL.Scale(p, k)", lanes128, StringComparison.Ordinal);
        Assert.Contains("global::System.Runtime.Intrinsics.X86.Avx512F.VL.Scale(p, k)", lanes256, StringComparison.Ordinal);
        Assert.Contains("global::System.Runtime.Intrinsics.X86.Avx512F.Scale(p, k)", lanes512, StringComparison.Ordinal);
        Assert.DoesNotContain("Avx512F.VL", lanes512, StringComparison.Ordinal);

        Assert.Equal(lanes128, lanes256.Replace("256", "128", StringComparison.Ordinal));
        Assert.Equal(lanes128, lanes512
            .Replace("Avx512F", "SCALE_CLASS", StringComparison.Ordinal)
            .Replace("512", "128", StringComparison.Ordinal)
            .Replace("SCALE_CLASS", "Avx512F.VL", StringComparison.Ordinal));
    }

    /// <summary>Public lanes in the global namespace: the accessibility is kept and no namespace is written.</summary>
    [Fact]
    public void PublicLanesInTheGlobalNamespace()
    {
        GeneratorRun run = Run("""
            using Numerics.Kernels;

            [VectorLanes(256)]
            public readonly partial struct Wide;
            """);
        GeneratorHarness.AssertCompilesCleanly(run);
        string text = Assert.Single(run.Sources).Value;
        Assert.DoesNotContain("namespace", text, StringComparison.Ordinal);
        Assert.Contains("public readonly partial struct Wide : global::Numerics.ILanes<Wide, global::System.Runtime.Intrinsics.Vector256<float>>", text, StringComparison.Ordinal);
    }

    /// <summary>A rejected declaration beside valid ones: only it is left out.</summary>
    [Fact]
    public void ValidLanesBesideARejectedOneAreStillGenerated()
    {
        GeneratorRun run = AssertMarkedDiagnostics(Header + """
            [VectorLanes(128)]
            internal readonly partial struct Lanes128;

            [{|NUM0019:VectorLanes(32)|}]
            internal readonly partial struct Lanes32;

            [VectorLanes(512)]
            internal readonly partial struct Lanes512;
            """);
        Assert.Equal(["Demo.Lanes128.g.cs", "Demo.Lanes512.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
        GeneratorHarness.AssertCompilesCleanly(Run(Header + """
            [VectorLanes(128)]
            internal readonly partial struct Lanes128;

            [VectorLanes(512)]
            internal readonly partial struct Lanes512;
            """));
    }

    /// <summary>The declarations of <c>kernels/Numerics.Kernels/Math/KernelMath.Lanes.Widths.cs</c>.</summary>
    private const string Widths = """
        using Numerics.Kernels;

        namespace Numerics;

        [VectorLanes(128)]
        internal readonly partial struct Lanes128;

        [VectorLanes(256)]
        internal readonly partial struct Lanes256;

        [VectorLanes(512)]
        internal readonly partial struct Lanes512;
        """;

    private static GeneratorRun Run(string source) => GeneratorHarness.Run(new VectorLanesGenerator(), [source, .. LibrarySources.ForLanes]);

    /// <summary>
    /// Runs the generator on a marked source (with the library files) and checks: exactly the marked diagnostics
    /// (id, file, span), all errors; whatever was generated compiles.
    /// </summary>
    private static GeneratorRun AssertMarkedDiagnostics(string source)
    {
        MarkedSource marked = MarkedSource.Parse(source);
        Assert.NotEmpty(marked.Spans);

        GeneratorRun run = Run(marked.Source);

        var actual = run.GeneratorDiagnostics
            .Select(d => (d.Id, d.Location.SourceSpan, d.Location.GetLineSpan().Path, Text: Text(marked.Source, d.Location.SourceSpan)))
            .OrderBy(d => d.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        var expected = marked.Spans
            .Select(s => (s.Id, SourceSpan: s.Span, Path: "Kernels0.cs", Text: Text(marked.Source, s.Span)))
            .OrderBy(d => d.SourceSpan.Start).ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToList();
        Assert.Equal(expected, actual);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));

        GeneratorHarness.AssertGeneratedCodeCompiles(run);
        return run;
    }

    private static string Text(string source, TextSpan span) =>
        span.End <= source.Length ? source.Substring(span.Start, span.Length) : "<out of range>";
}
