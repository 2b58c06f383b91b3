using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Numerics.Generators.Tests.Infrastructure;
using Numerics.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.Generators.Tests;

/// <summary>
/// <see cref="OpenCLGemmKernelGenerator"/>: golden output for one local-memory (GPU form) and one streaming (CPU form)
/// kernel, diagnostics NUM0017/NUM0018 where they belong, incrementality, the descriptor's shape, and the OpenCL C of
/// many parameter combinations accepted by clang as OpenCL C 1.2 (-Werror).
/// </summary>
public sealed class OpenCLGemmKernelGeneratorTests(ITestOutputHelper output)
{
    private const string Header = """
        using Numerics.Kernels;

        namespace Demo;

        """;

    private static readonly Dictionary<string, string> s_golden = new()
    {
        ["OpenCLGemmLocal"] = Header + """
            /// <summary>Golden-test kernel.</summary>
            [OpenCLGemmKernel(typeof(float), tileM: 16, tileN: 16, tileK: 8, workPerThreadM: 2, workPerThreadN: 2, vectorWidth: 2)]
            public static partial class SmallTiles;
            """,
        ["OpenCLGemmDirect"] = Header + """
            [OpenCLGemmKernel(typeof(double), tileM: 2, tileN: 8, tileK: 2, workPerThreadM: 2, workPerThreadN: 8, vectorWidth: 4, LocalMemory = false)]
            internal partial struct Streaming;
            """,
    };

    public static TheoryData<string> GoldenCases() => [.. s_golden.Keys];

    [Theory]
    [MemberData(nameof(GoldenCases))]
    public void GeneratedSourceMatchesGoldenFile(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(new OpenCLGemmKernelGenerator(), s_golden[name]);
        GeneratorHarness.AssertCompilesCleanly(run);
        (string hint, string text) = Assert.Single(run.Sources);
        string directory = Path.Combine(SourceDirectory(), "Golden", name);
        string file = Path.Combine(Directory.Exists(directory) ? directory : Path.Combine(AppContext.BaseDirectory, "Golden", name), hint + ".txt");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(directory);
            File.WriteAllText(Path.Combine(directory, hint + ".txt"), text);
            return;
        }

        Assert.True(File.Exists(file), $"{file} is missing (run with UPDATE_GOLDEN=1 to create it).");
        string[] expected = File.ReadAllText(file).ReplaceLineEndings("\n").Split('\n');
        string[] actual = text.ReplaceLineEndings("\n").Split('\n');
        int line = 0;
        while (line < expected.Length && line < actual.Length && expected[line] == actual[line])
        {
            line++;
        }

        Assert.True(line == expected.Length && line == actual.Length,
            $"{hint} differs from its golden file at line {line + 1} (UPDATE_GOLDEN=1 accepts it):\nexpected: {(line < expected.Length ? expected[line] : "<end>")}\nactual:   {(line < actual.Length ? actual[line] : "<end>")}");
    }

    /// <summary>The descriptor as the backend sees it: entry points, shape, global range.</summary>
    [Fact]
    public void DescriptorExposesSourceEntryPointsAndShape()
    {
        OpenCLGemmKernelSource local = Load(s_golden["OpenCLGemmLocal"], "Demo.SmallTiles");
        Assert.Equal("SmallTiles", local.Name);
        Assert.Equal("float", local.ElementType);
        Assert.Equal((16, 16, 8, 2, 2, 2, true), (local.TileM, local.TileN, local.TileK, local.WorkPerThreadM, local.WorkPerThreadN, local.VectorWidth, local.UsesLocalMemory));
        Assert.Equal((8, 8, 64), (local.LocalSizeX, local.LocalSizeY, local.WorkGroupSize));
        Assert.Equal(8 * (17 + 17) * 4, local.LocalMemoryBytes);
        Assert.Equal("numerics_gemm_smalltiles_tn", local.EntryPoint(true, false));
        Assert.Equal((24L, 8L), local.GlobalSize(m: 5, n: 33)); // 3 tiles across n, 1 down m
        foreach (string entry in new[] { "_nn", "_nt", "_tn", "_tt", "_scale" })
        {
            Assert.Contains("void numerics_gemm_smalltiles" + entry + "(", local.Source, StringComparison.Ordinal);
        }

        Assert.Contains("__attribute__((reqd_work_group_size(8, 8, 1)))", local.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("double", local.Source, StringComparison.Ordinal);

        OpenCLGemmKernelSource direct = Load(s_golden["OpenCLGemmDirect"], "Demo.Streaming");
        Assert.True(direct.RequiresFp64);
        Assert.False(direct.UsesLocalMemory);
        Assert.Equal(0, direct.LocalMemoryBytes);
        Assert.Equal((1, 1), (direct.LocalSizeX, direct.LocalSizeY));
        Assert.Equal((3L, 5L), direct.GlobalSize(m: 5, n: 33)); // dimension 0 along rows: 3 pairs of rows, 5 blocks of 8 columns
        Assert.Contains("#pragma OPENCL EXTENSION cl_khr_fp64 : enable", direct.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("__local", direct.Source, StringComparison.Ordinal);
        Assert.DoesNotContain("barrier", direct.Source, StringComparison.Ordinal);
    }

    private static readonly Dictionary<string, (string Source, string? Message)> s_diagnostics = new()
    {
        ["NUM0017_NotPartial"] = (Header + """
            [OpenCLGemmKernel(typeof(float), 16, 16, 8, 2, 2, 2)]
            public static class {|NUM0017:K|};
            """, "OpenCL GEMM kernel 'K' must be declared as a top-level, non-generic, non-file-local partial class or struct"),
        ["NUM0017_Nested"] = (Header + """
            public static partial class Outer
            {
                [OpenCLGemmKernel(typeof(float), 16, 16, 8, 2, 2, 2)]
                public static partial class {|NUM0017:K|};
            }
            """, null),
        ["NUM0017_Generic"] = (Header + """
            [OpenCLGemmKernel(typeof(float), 16, 16, 8, 2, 2, 2)]
            public partial class {|NUM0017:K|}<T>;
            """, null),
        ["NUM0017_Record"] = (Header + """
            [OpenCLGemmKernel(typeof(float), 16, 16, 8, 2, 2, 2)]
            public partial record {|NUM0017:K|};
            """, null),
        ["NUM0018_Element"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(int), 16, 16, 8, 2, 2, 2)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: the element type must be float or double"),
        ["NUM0018_NotPositive"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 16, 0, 8, 2, 2, 2)|}]
            public static partial class K;
            """, null),
        ["NUM0018_VectorWidth"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 16, 16, 8, 2, 2, 3)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: vectorWidth 3 is not 1, 2, 4, 8 or 16"),
        ["NUM0018_WorkDoesNotDivideTile"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 16, 16, 8, 3, 2, 2)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: workPerThreadM (3) must divide tileM (16) and workPerThreadN (2) must divide tileN (16)"),
        ["NUM0018_VectorDoesNotDivideTile"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 16, 16, 2, 2, 2, 4)|}]
            public static partial class K;
            """, null),
        ["NUM0018_TooManyAccumulators"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 128, 128, 16, 32, 16, 4)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: 512 accumulators per work-item exceed the 256 that can stay in registers"),
        ["NUM0018_WorkGroupTooLarge"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 64, 64, 16, 1, 2, 1)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: the work-group would have 32×64 = 2048 work-items; at most 1024 are supported"),
        ["NUM0018_UnevenLoads"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 16, 16, 4, 1, 1, 4)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: the 256 work-items cannot share the loads evenly: the A tile holds 16 and the B tile 16 vectors of 4, and both must be multiples of 256"),
        ["NUM0018_LocalMemory"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(double), 128, 128, 16, 8, 8, 2)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: the local tiles need 33024 bytes; OpenCL 1.2 guarantees 32768"),
        ["NUM0018_StreamingVectorWidth"] = (Header + """
            [{|NUM0018:OpenCLGemmKernel(typeof(float), 8, 24, 4, 8, 24, 16, LocalMemory = false)|}]
            public static partial class K;
            """, "OpenCL GEMM kernel 'K' has invalid parameters: without local memory each work-item loads its 24 columns as vectors of 16, so vectorWidth must divide workPerThreadN"),
    };

    public static TheoryData<string> DiagnosticCases() => [.. s_diagnostics.Keys];

    [Theory]
    [MemberData(nameof(DiagnosticCases))]
    public void ReportsExactlyTheMarkedDiagnostic(string name)
    {
        (string source, string? message) = s_diagnostics[name];
        MarkedSource marked = MarkedSource.Parse(source);
        GeneratorRun run = GeneratorHarness.Run(new OpenCLGemmKernelGenerator(), marked.Source);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        (string id, TextSpan span) = Assert.Single(marked.Spans);
        Assert.Equal(id, d.Id);
        Assert.Equal(span, d.Location.SourceSpan);
        Assert.Equal(DiagnosticSeverity.Error, d.Severity);
        if (message is not null)
        {
            Assert.Equal(message, d.GetMessage(CultureInfo.InvariantCulture));
        }

        Assert.Empty(run.Sources);
    }

    [Fact]
    public void ACommentEditIsServedFromTheCache()
    {
        string source = s_golden["OpenCLGemmLocal"];
        GeneratorRun first = GeneratorHarness.Run(new OpenCLGemmKernelGenerator(), source);
        SyntaxTree old = first.Input.SyntaxTrees.Single();
        CSharpCompilation edited = first.Input.ReplaceSyntaxTree(old, GeneratorHarness.Parse(source + "\n// a comment\n", old.FilePath));
        GeneratorRun second = GeneratorHarness.Run(first.Driver, edited);
        Assert.All(second.Generator.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Contains(o.Reason, new[] { IncrementalStepRunReason.Cached, IncrementalStepRunReason.Unchanged }));

        CSharpCompilation changed = first.Input.ReplaceSyntaxTree(old, GeneratorHarness.Parse(source.Replace("vectorWidth: 2", "vectorWidth: 1", StringComparison.Ordinal), old.FilePath));
        GeneratorRun third = GeneratorHarness.Run(first.Driver, changed);
        Assert.Contains(third.Generator.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => o.Reason == IncrementalStepRunReason.Modified);
    }

    /// <summary>Every combination below (both forms, both element types, every vector width) is valid OpenCL C 1.2 to clang.</summary>
    [Fact]
    public void GeneratedSourcesAreValidOpenCL12()
    {
        string[] declarations =
        [
            "typeof(float), 128, 128, 16, 8, 8, 4",
            "typeof(double), 64, 64, 16, 4, 4, 2",
            "typeof(float), 64, 64, 16, 8, 4, 4",
            "typeof(float), 32, 32, 8, 4, 4, 1",
            "typeof(float), 64, 64, 32, 4, 4, 8",
            "typeof(float), 32, 64, 32, 4, 8, 16",
            "typeof(float), 8, 32, 4, 8, 32, 16, LocalMemory = false",
            "typeof(double), 8, 16, 4, 8, 16, 8, LocalMemory = false",
            "typeof(float), 12, 8, 1, 3, 4, 2, LocalMemory = false",
            "typeof(double), 4, 3, 2, 2, 3, 1, LocalMemory = false",
        ];
        string source = Header + string.Join("\n", declarations.Select((d, i) => $"/// <summary>Kernel {i}.</summary>\n[OpenCLGemmKernel({d})] public static partial class K{i};"));
        using LoadedAssembly loaded = GeneratorHarness.Load(GeneratorHarness.Run(new OpenCLGemmKernelGenerator(), source));
        var programs = Enumerable.Range(0, declarations.Length).Select(i => KernelOf(loaded.Assembly, "Demo.K" + i).Source).ToList();
        Assert.True(Clang.Check(programs, output), "clang rejected generated OpenCL C (see the output).");
    }

    private static OpenCLGemmKernelSource Load(string source, string typeName)
    {
        using LoadedAssembly loaded = GeneratorHarness.Load(GeneratorHarness.Run(new OpenCLGemmKernelGenerator(), source));
        return KernelOf(loaded.Assembly, typeName);
    }

    private static OpenCLGemmKernelSource KernelOf(Assembly assembly, string typeName) =>
        (OpenCLGemmKernelSource)assembly.GetType(typeName, throwOnError: true)!
            .GetProperty("Kernel", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}

/// <summary>Syntax-checks OpenCL C programs with clang-14 as OpenCL C 1.2 (warnings as errors); skipped, with a note, without clang outside CI.</summary>
internal static class Clang
{
    private static readonly string[] s_names = ["clang-14", "clang"];

    public static bool Check(IReadOnlyList<string> programs, ITestOutputHelper output)
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string? clang = s_names.SelectMany(n => path.Select(d => Path.Combine(d, n))).FirstOrDefault(File.Exists);
        if (clang is null)
        {
            string message = "clang-14 is not on PATH, so the OpenCL sources were not compiled. Install clang-14.";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message);
            output.WriteLine(message);
            return true;
        }

        string directory = Path.Combine(Path.GetTempPath(), "numerics-gemm-cl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            var files = programs.Select((p, i) =>
            {
                string file = Path.Combine(directory, $"program{i}.cl");
                File.WriteAllText(file, p);
                return file;
            }).ToList();
            var start = new ProcessStartInfo(clang) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { "-x", "cl", "-cl-std=CL1.2", "-fsyntax-only", "-Xclang", "-finclude-default-header", "-Werror" }.Concat(files))
            {
                start.ArgumentList.Add(argument);
            }

            using Process process = Process.Start(start)!;
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            string stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            output.WriteLine($"{Path.GetFileName(clang)} checked {files.Count} programs: exit code {process.ExitCode}\n{stdout.Result}{stderr}");
            return process.ExitCode == 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
