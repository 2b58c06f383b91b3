using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Micro-kernel declarations at the edge of what <see cref="GemmMicroKernelGenerator"/> accepts. The rule, as in
/// <see cref="GeneratorRobustnessTests"/>: the generator never throws, and either reports a diagnostic or writes code
/// that compiles and gives the declared struct the kernel.
/// </summary>
public sealed class GemmMicroKernelRobustnessTests
{
    private const string Header = """
        using Numerics.Kernels;

        namespace Demo;

        """;

    /// <summary>
    /// An element type that does not bind (a typo): the compiler reports it (CS0246); the generator, as it already does
    /// for attribute arguments of kind Error, stays silent and writes nothing. In the first version, <c>typeof(Missing)</c>
    /// is a constant of kind Type holding an error type, passes that guard, and NUM0015 "the element type must be float or
    /// double" is reported on top of CS0246.
    /// </summary>
    [Fact]
    public void UnresolvedElementTypeIsLeftToTheCompiler()
    {
        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), Header + """
            [GemmMicroKernel(typeof(Missing), 0, 2, 4)]
            internal readonly partial struct SgemmKernel_Scalar_2x4;
            """);
        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Empty(run.Sources);
        Assert.Contains(run.CompilationProblems, d => d.Id == "CS0246");
    }

    /// <summary>Two kernels of one name in two namespaces: their files do not collide and both compile.</summary>
    [Fact]
    public void SameStructNameInTwoNamespacesDoesNotCollide()
    {
        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), """
            using Numerics.Kernels;

            namespace A
            {
                [GemmMicroKernel(typeof(float), 0, 2, 4)]
                internal readonly partial struct SgemmKernel_Scalar_2x4;
            }

            namespace B.C
            {
                [GemmMicroKernel(typeof(float), 0, 2, 4)]
                internal readonly partial struct SgemmKernel_Scalar_2x4;
            }
            """);
        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Equal(["A.SgemmKernel_Scalar_2x4.g.cs", "B.C.SgemmKernel_Scalar_2x4.g.cs"], run.Sources.Keys.Order(StringComparer.Ordinal));
    }

    /// <summary>A struct in several parts, the attribute on one of them, with members of its own: the kernel joins them.</summary>
    [Fact]
    public void StructInSeveralPartsGetsTheKernel()
    {
        GeneratorRun run = GeneratorHarness.Run(
            new GemmMicroKernelGenerator(),
            Header + """
            [GemmMicroKernel(typeof(double), 128, 2, 4)]
            internal readonly partial struct DgemmKernel_V128_2x4;
            """,
            """
            namespace Demo;

            internal readonly partial struct DgemmKernel_V128_2x4
            {
                public static int Registers => Mr * Nr / 2;
            }
            """);
        GeneratorHarness.AssertCompilesCleanly(run);
        Assert.Single(run.Sources);
    }

    /// <summary>
    /// A <c>file</c>-local struct is top-level and partial, but its other parts cannot be in another file: the
    /// generated <c>internal partial struct</c> in its own file is a second, unrelated type, and the declared struct
    /// does not implement the interface. The generator must reject it (NUM0014) or make the declared struct the kernel.
    /// In the first version, it is accepted: the output compiles, with no diagnostic, and the declared struct has no <c>Run</c>.
    /// </summary>
    [Fact]
    public void FileLocalStructIsRejectedOrGetsTheKernel()
    {
        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), Header + """
            [GemmMicroKernel(typeof(float), 0, 2, 4)]
            file readonly partial struct SgemmKernel_Scalar_2x4;
            """);
        if (run.GeneratorDiagnostics.Any(d => d.Id == "NUM0014"))
        {
            Assert.Empty(run.Sources);
            return;
        }

        GeneratorHarness.AssertGeneratedCodeCompiles(run);
        SyntaxTree tree = run.Output.SyntaxTrees.Single(t => t.FilePath == "Kernels0.cs");
        StructDeclarationSyntax declaration = tree.GetRoot().DescendantNodes().OfType<StructDeclarationSyntax>().Single();
        var declared = (INamedTypeSymbol)run.Output.GetSemanticModel(tree).GetDeclaredSymbol(declaration)!;
        Assert.True(
            declared.AllInterfaces.Any(i => i.Name == "IGemmMicroKernel"),
            $"The declared file-local struct does not implement IGemmMicroKernel<float>; the generated file declares another type:\n{run.Sources.Values.Single()}");
    }

    /// <summary>
    /// Tiles whose register count overflows <see cref="int"/>: <c>Mr · (Nr / lanes) + Nr / lanes + 1</c> wraps to a
    /// small or negative number, the budget check passes, and the emitter would be asked to unroll 2³² accumulators
    /// (gigabytes of text: the compiler hangs, then runs out of memory). They must be rejected with NUM0015 like any
    /// other tile over budget; in the first version, they are accepted (with only NUM0016). The parser alone is run here (through reflection, on the generator's own pipeline), so
    /// that a failure of this test cannot hang the test run.
    /// </summary>
    [Theory]
    [InlineData("float", 0, 1 << 30, 4)]          // 2³² accumulators: needed wraps to 0 + 4 + 1 = 5
    [InlineData("float", 0, 1, int.MaxValue)]     // 2³¹ − 1 accumulators + 2³¹ − 1 for B + 1 wraps to −1
    [InlineData("float", 512, 1 << 28, 256)]      // 2²⁸ rows × 16 registers = 2³² accumulators: needed wraps to 17
    [InlineData("double", 256, 1 << 29, 32)]      // 2²⁹ rows × 8 registers: needed wraps to 9
    public void RegisterCountOverflowIsRejected(string element, int bits, int mr, int nr)
    {
        var parser = new ParseOnlyGenerator();
        _ = GeneratorHarness.Run(parser, Header + $$"""
            [GemmMicroKernel(typeof({{element}}), {{bits}}, {{mr}}, {{nr}})]
            internal readonly partial struct Tile;
            """);
        object result = Assert.Single(parser.Results);
        object? model = result.GetType().GetProperty("Model")!.GetValue(result);
        var ids = ((IEnumerable)result.GetType().GetProperty("Diagnostics")!.GetValue(result)!)
            .Cast<object>()
            .Select(d => (string)d.GetType().GetProperty("Id")!.GetValue(d)!)
            .ToList();
        Assert.True(
            model is null && ids.Contains("NUM0015"),
            $"[GemmMicroKernel(typeof({element}), {bits}, {mr}, {nr})] was accepted (model: {model}; diagnostics: {string.Join(", ", ids)}); " +
            "generating it would unroll billions of registers.");
    }

    /// <summary>
    /// The micro-kernel generator's first stage only: the same <c>ForAttributeWithMetadataName</c> and
    /// <c>MicroKernelParser.Parse</c> (internal, called through reflection), with the parse results collected
    /// instead of emitted.
    /// </summary>
    private sealed class ParseOnlyGenerator : IIncrementalGenerator
    {
        private static readonly MethodInfo s_parse = typeof(GemmMicroKernelGenerator).Assembly
            .GetType("Numerics.Generators.Parsing.MicroKernelParser", throwOnError: true)!
            .GetMethod("Parse", BindingFlags.Public | BindingFlags.Static)!;

        private static readonly string s_attribute = (string)s_parse.DeclaringType!
            .GetField("AttributeName", BindingFlags.Public | BindingFlags.Static)!.GetRawConstantValue()!;

        public List<object> Results { get; } = [];

        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            IncrementalValuesProvider<object> results = context.SyntaxProvider.ForAttributeWithMetadataName(
                s_attribute,
                predicate: static (node, _) => node is TypeDeclarationSyntax,
                transform: static (ctx, ct) => s_parse.Invoke(null, [ctx, ct])!);
            context.RegisterSourceOutput(results, (_, result) => Results.Add(result));
        }
    }
}
