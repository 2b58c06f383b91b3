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
/// Diagnostics of <see cref="GemmMicroKernelGenerator"/>: each case is a minimal micro-kernel declaration whose
/// source marks, with <c>{|NUMxxxx:…|}</c>, exactly where each diagnostic must be reported. NUM0014 (shape) and
/// NUM0016 (name) go on the struct's identifier, NUM0015 (tile) on the attribute. A rejected struct gets no code; a
/// misnamed one (NUM0016 is a warning) is still generated.
/// </summary>
public sealed class GemmMicroKernelDiagnosticTests
{
    private const string Header = """
        using System;
        using Numerics.Kernels;

        namespace Demo;

        """;

    /// <summary>Cases by name: the marked source, and whether the struct must still be generated.</summary>
    private static readonly Dictionary<string, (string Source, bool Generated)> s_cases = new()
    {
        // NUM0014: the declaration's shape.
        ["NUM0014_Class"] = (Header + """
            [GemmMicroKernel(typeof(float), 0, 2, 4)]
            internal partial class {|NUM0014:SgemmKernel_Scalar_2x4|};
            """, false),
        ["NUM0014_NotPartial"] = (Header + """
            [GemmMicroKernel(typeof(float), 0, 2, 4)]
            internal readonly struct {|NUM0014:SgemmKernel_Scalar_2x4|};
            """, false),
        ["NUM0014_Nested"] = (Header + """
            internal static partial class Outer
            {
                [GemmMicroKernel(typeof(float), 0, 2, 4)]
                internal readonly partial struct {|NUM0014:SgemmKernel_Scalar_2x4|};
            }
            """, false),
        ["NUM0014_Generic"] = (Header + """
            [GemmMicroKernel(typeof(float), 0, 2, 4)]
            internal readonly partial struct {|NUM0014:SgemmKernel_Scalar_2x4|}<T>;
            """, false),

        // NUM0015: the tile.
        ["NUM0015_IntElement"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(int), 512, 4, 32)|}]
            internal readonly partial struct SgemmKernel_V512_4x32;
            """, false),
        ["NUM0015_ArrayElement"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(float[]), 0, 2, 4)|}]
            internal readonly partial struct SgemmKernel_Scalar_2x4;
            """, false),
        ["NUM0015_VectorBits64"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(float), 64, 4, 2)|}]
            internal readonly partial struct SgemmKernel_V64_4x2;
            """, false),
        ["NUM0015_VectorBits1024"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(double), 1024, 2, 16)|}]
            internal readonly partial struct DgemmKernel_V1024_2x16;
            """, false),
        ["NUM0015_MrZero"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(float), 256, 0, 16)|}]
            internal readonly partial struct SgemmKernel_V256_0x16;
            """, false),
        ["NUM0015_NrNegative"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(double), 0, 2, -4)|}]
            internal readonly partial struct DgemmKernel_Scalar_2xMinus4;
            """, false),
        ["NUM0015_NrNotMultipleOfLanes"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(float), 512, 4, 24)|}]
            internal readonly partial struct SgemmKernel_V512_4x24;
            """, false),
        ["NUM0015_DoubleNrNotMultipleOfLanes"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(double), 256, 4, 6)|}]
            internal readonly partial struct DgemmKernel_V256_4x6;
            """, false),
        ["NUM0015_TooManyRegisters512"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(float), 512, 16, 48)|}]
            internal readonly partial struct SgemmKernel_V512_16x48;
            """, false),
        ["NUM0015_TooManyRegisters256"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(float), 256, 8, 16)|}]
            internal readonly partial struct SgemmKernel_V256_8x16;
            """, false),
        ["NUM0015_TooManyRegistersScalar"] = (Header + """
            [{|NUM0015:GemmMicroKernel(typeof(double), 0, 3, 4)|}]
            internal readonly partial struct DgemmKernel_Scalar_3x4;
            """, false),

        // NUM0016: the name (a warning; the kernel is generated under the name it has).
        ["NUM0016_Misnamed"] = (Header + """
            [GemmMicroKernel(typeof(float), 512, 4, 32)]
            internal readonly partial struct {|NUM0016:Tile|};
            """, true),
        ["NUM0016_WrongTileInName"] = (Header + """
            [GemmMicroKernel(typeof(float), 256, 6, 16)]
            internal readonly partial struct {|NUM0016:SgemmKernel_V256_8x16|};
            """, true),
        ["NUM0016_WrongElementInName"] = (Header + """
            [GemmMicroKernel(typeof(double), 0, 2, 4)]
            internal readonly partial struct {|NUM0016:SgemmKernel_Scalar_2x4|};
            """, true),
    };

    public static TheoryData<string> Cases() => [.. s_cases.Keys];

    [Fact]
    public void EveryMicroKernelDescriptorHasACase()
    {
        var ids = s_cases.Keys.Select(k => k.Substring(0, 7)).ToHashSet();
        Assert.All(new[] { "NUM0014", "NUM0015", "NUM0016" }, id => Assert.Contains(id, ids));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsExactlyTheMarkedDiagnostics(string name)
    {
        (string source, bool generated) = s_cases[name];
        GeneratorRun run = AssertMarkedDiagnostics(source);
        if (generated)
        {
            Assert.Single(run.Sources);
            Assert.Empty(run.CompilationProblems);
        }
        else
        {
            Assert.Empty(run.Sources);
        }
    }

    /// <summary>The eight tiles the library declares: no diagnostic, eight files, and everything compiles with no warning.</summary>
    [Fact]
    public void ValidDeclarationsReportNothing()
    {
        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), Header + """
            [GemmMicroKernel(typeof(float), 512, 12, 32)]
            internal readonly partial struct SgemmKernel_V512_12x32;

            [GemmMicroKernel(typeof(float), 256, 6, 16)]
            internal readonly partial struct SgemmKernel_V256_6x16;

            [GemmMicroKernel(typeof(float), 128, 6, 8)]
            internal readonly partial struct SgemmKernel_V128_6x8;

            [GemmMicroKernel(typeof(float), 0, 2, 4)]
            internal readonly partial struct SgemmKernel_Scalar_2x4;

            [GemmMicroKernel(typeof(double), 512, 12, 16)]
            internal readonly partial struct DgemmKernel_V512_12x16;

            [GemmMicroKernel(typeof(double), 256, 6, 8)]
            internal readonly partial struct DgemmKernel_V256_6x8;

            [GemmMicroKernel(typeof(double), 128, 6, 4)]
            internal readonly partial struct DgemmKernel_V128_6x4;

            [GemmMicroKernel(typeof(double), 0, 2, 4)]
            internal readonly partial struct DgemmKernel_Scalar_2x4;
            """);
        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal(
            new[]
            {
                "Demo.DgemmKernel_Scalar_2x4.g.cs", "Demo.DgemmKernel_V128_6x4.g.cs", "Demo.DgemmKernel_V256_6x8.g.cs", "Demo.DgemmKernel_V512_12x16.g.cs",
                "Demo.SgemmKernel_Scalar_2x4.g.cs", "Demo.SgemmKernel_V128_6x8.g.cs", "Demo.SgemmKernel_V256_6x16.g.cs", "Demo.SgemmKernel_V512_12x32.g.cs",
            },
            run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// The register budget at its edge: accumulators + one register per vector of B + one broadcast of A, at most
    /// 32 with 512-bit registers and 16 otherwise. Each pair is the largest Mr that fits and the next one.
    /// </summary>
    [Theory]
    [InlineData("float", 512, 30, 16, true)]   // 30 + 1 + 1 = 32
    [InlineData("float", 512, 31, 16, false)]  // 33
    [InlineData("float", 512, 14, 32, true)]   // 28 + 2 + 1 = 31
    [InlineData("float", 512, 15, 32, false)]  // 33
    [InlineData("double", 256, 14, 4, true)]   // 14 + 1 + 1 = 16
    [InlineData("double", 256, 15, 4, false)]  // 17
    [InlineData("float", 128, 6, 8, true)]     // 12 + 2 + 1 = 15
    [InlineData("float", 128, 7, 8, false)]    // 17
    [InlineData("double", 0, 3, 3, true)]      // 9 + 3 + 1 = 13
    [InlineData("double", 0, 3, 4, false)]     // 12 + 4 + 1 = 17
    [InlineData("float", 0, 1, 7, true)]       // 7 + 7 + 1 = 15
    [InlineData("float", 0, 1, 8, false)]      // 17
    public void RegisterBudgetEdge(string element, int bits, int mr, int nr, bool fits)
    {
        int lanes = bits == 0 ? 1 : bits / 8 / (element == "double" ? 8 : 4);
        int needed = mr * (nr / lanes) + nr / lanes + 1;
        string name = $"{(element == "double" ? "D" : "S")}gemmKernel_{(bits == 0 ? "Scalar" : "V" + bits)}_{mr}x{nr}";
        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), Header + $$"""
            [GemmMicroKernel(typeof({{element}}), {{bits}}, {{mr}}, {{nr}})]
            internal readonly partial struct {{name}};
            """);
        if (fits)
        {
            GeneratorHarness.AssertCompilesCleanly(run);
            Assert.Equal([$"Demo.{name}.g.cs"], run.Sources.Keys);
        }
        else
        {
            Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
            Assert.Equal("NUM0015", d.Id);
            Assert.Contains($"it needs {needed} registers", d.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            Assert.Empty(run.Sources);
        }
    }

    /// <summary>Each reason for NUM0015 has its own message, and the messages name the struct.</summary>
    [Theory]
    [InlineData("NUM0015_IntElement", "Micro-kernel 'SgemmKernel_V512_4x32' has an invalid tile: the element type must be float or double")]
    [InlineData("NUM0015_VectorBits64", "Micro-kernel 'SgemmKernel_V64_4x2' has an invalid tile: vector width 64 is not 0 (scalar), 128, 256 or 512 bits")]
    [InlineData("NUM0015_MrZero", "Micro-kernel 'SgemmKernel_V256_0x16' has an invalid tile: Mr and Nr must be positive (got 0x16)")]
    [InlineData("NUM0015_NrNegative", "Micro-kernel 'DgemmKernel_Scalar_2xMinus4' has an invalid tile: Mr and Nr must be positive (got 2x-4)")]
    [InlineData("NUM0015_NrNotMultipleOfLanes", "Micro-kernel 'SgemmKernel_V512_4x24' has an invalid tile: Nr = 24 is not a multiple of the 16 lanes of a 512-bit register")]
    [InlineData("NUM0015_TooManyRegisters512", "Micro-kernel 'SgemmKernel_V512_16x48' has an invalid tile: it needs 52 registers (48 accumulators, 3 for B, 1 for A) but 32 exist")]
    [InlineData("NUM0015_TooManyRegisters256", "Micro-kernel 'SgemmKernel_V256_8x16' has an invalid tile: it needs 19 registers (16 accumulators, 2 for B, 1 for A) but 16 exist")]
    [InlineData("NUM0014_Nested", "Micro-kernel 'SgemmKernel_Scalar_2x4' must be declared as a top-level, non-generic, non-file-local partial struct")]
    [InlineData("NUM0016_Misnamed", "Micro-kernel 'Tile' should be named 'SgemmKernel_V512_4x32' so that its name carries its tile")]
    public void MessagesNameTheStructAndTheProblem(string name, string message)
    {
        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), MarkedSource.Parse(s_cases[name].Source).Source);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal(message, d.GetMessage(CultureInfo.InvariantCulture));
    }

    /// <summary>A rejected micro-kernel beside valid ones: only it is left out.</summary>
    [Fact]
    public void ValidKernelsBesideARejectedOneAreStillGenerated()
    {
        GeneratorRun run = AssertMarkedDiagnostics(Header + """
            [GemmMicroKernel(typeof(float), 0, 2, 4)]
            internal readonly partial struct SgemmKernel_Scalar_2x4;

            [{|NUM0015:GemmMicroKernel(typeof(float), 256, 8, 16)|}]
            internal readonly partial struct SgemmKernel_V256_8x16;

            [GemmMicroKernel(typeof(double), 128, 2, 4)]
            internal readonly partial struct {|NUM0016:Small|};
            """);
        Assert.Equal(["Demo.SgemmKernel_Scalar_2x4.g.cs", "Demo.Small.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// Runs the micro-kernel generator on a marked source and checks: exactly the marked diagnostics (id, file, span),
    /// NUM0014 and NUM0015 as errors and NUM0016 as a warning; whatever was generated compiles.
    /// </summary>
    private static GeneratorRun AssertMarkedDiagnostics(string source)
    {
        MarkedSource marked = MarkedSource.Parse(source);
        Assert.NotEmpty(marked.Spans);

        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), marked.Source);

        var actual = run.GeneratorDiagnostics
            .Select(d => (d.Id, d.Location.SourceSpan, d.Location.GetLineSpan().Path, Text: Text(marked.Source, d.Location.SourceSpan)))
            .OrderBy(d => d.SourceSpan.Start)
            .ToList();
        var expected = marked.Spans
            .Select(s => (s.Id, SourceSpan: s.Span, Path: "Kernels0.cs", Text: Text(marked.Source, s.Span)))
            .OrderBy(d => d.SourceSpan.Start)
            .ToList();
        Assert.Equal(expected, actual);
        Assert.All(run.GeneratorDiagnostics, d =>
            Assert.Equal(d.Id == "NUM0016" ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error, d.Severity));

        GeneratorHarness.AssertGeneratedCodeCompiles(run);
        return run;
    }

    private static string Text(string source, TextSpan span) =>
        span.End <= source.Length ? source.Substring(span.Start, span.Length) : "<out of range>";
}
