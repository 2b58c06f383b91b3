using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Xunit;

namespace Numerics.Generators.Tests.Infrastructure;

/// <summary>One run of the generator over source text: the driver (for incremental reruns), its result and the compilation it produced.</summary>
internal sealed record GeneratorRun(
    GeneratorDriver Driver,
    CSharpCompilation Input,
    Compilation Output,
    GeneratorDriverRunResult Result)
{
    /// <summary>The single generator's result.</summary>
    public GeneratorRunResult Generator => Result.Results.Single();

    /// <summary>Generated sources by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Generator.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Diagnostics the generator reported.</summary>
    public ImmutableArray<Diagnostic> GeneratorDiagnostics => Generator.Diagnostics;

    /// <summary>Warnings and errors of the compilation after generation (definition + generated code).</summary>
    public IReadOnlyList<Diagnostic> CompilationProblems =>
        Output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
}

/// <summary>
/// Builds a net10.0 compilation from source text, runs one generator over it (<see cref="ElementwiseKernelGenerator"/>
/// unless a test names another, e.g. <see cref="GemmMicroKernelGenerator"/>) and offers
/// the pieces tests look at: generated text, generator diagnostics, compiler diagnostics, and an in-memory assembly.
/// </summary>
internal static class GeneratorHarness
{
    /// <summary>Parse options of every tree, generated ones included: latest language, XML docs diagnosed (CS1591, CS1570, ...).</summary>
    public static readonly CSharpParseOptions ParseOptions =
        new(LanguageVersion.Latest, DocumentationMode.Diagnose);

    private static readonly ImmutableArray<MetadataReference> s_references =
        Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(Numerics.Kernels.Elementwise).Assembly.Location))
            .ToImmutableArray();

    private static readonly CSharpCompilationOptions s_options = new(
        OutputKind.DynamicallyLinkedLibrary,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: true,
        warningLevel: 9999,
        optimizationLevel: OptimizationLevel.Release,
        deterministic: true);

    public static SyntaxTree Parse(string source, string path = "Kernels.cs") =>
        CSharpSyntaxTree.ParseText(SourceText.From(source, System.Text.Encoding.UTF8), ParseOptions, path);

    public static CSharpCompilation CreateCompilation(params SyntaxTree[] trees) =>
        CSharpCompilation.Create("Numerics.Generated.Tests." + Guid.NewGuid().ToString("N"), trees, s_references, s_options);

    /// <summary>A driver for <see cref="ElementwiseKernelGenerator"/>.</summary>
    public static GeneratorDriver CreateDriver() => CreateDriver(new ElementwiseKernelGenerator());

    /// <summary>A driver for <paramref name="generator"/> alone, with incremental steps tracked.</summary>
    public static GeneratorDriver CreateDriver(IIncrementalGenerator generator) =>
        CSharpGeneratorDriver.Create(
            new[] { generator.AsSourceGenerator() },
            additionalTexts: null,
            parseOptions: ParseOptions,
            optionsProvider: null,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Runs <see cref="ElementwiseKernelGenerator"/> on the sources (each its own file) and fails if it threw.</summary>
    public static GeneratorRun Run(params string[] sources) => Run(new ElementwiseKernelGenerator(), sources);

    /// <summary>Runs <paramref name="generator"/> on the sources (each its own file, <c>Kernels0.cs</c>, …) and fails if it threw.</summary>
    public static GeneratorRun Run(IIncrementalGenerator generator, params string[] sources) =>
        Run(CreateDriver(generator), CreateCompilation(sources.Select((s, i) => Parse(s, $"Kernels{i}.cs")).ToArray()));

    /// <summary>Runs (or reruns) a driver on a compilation and fails if the generator threw.</summary>
    public static GeneratorRun Run(GeneratorDriver driver, CSharpCompilation compilation)
    {
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out _);
        GeneratorDriverRunResult result = driver.GetRunResult();
        Exception? exception = result.Results.Single().Exception;
        Assert.True(exception is null, $"The generator threw: {exception}");
        return new GeneratorRun(driver, compilation, output, result);
    }

    /// <summary>Fails with every problem listed unless definition + generated code compile with no warning or error.</summary>
    public static void AssertCompilesCleanly(GeneratorRun run)
    {
        Assert.Empty(run.GeneratorDiagnostics);
        IReadOnlyList<Diagnostic> problems = run.CompilationProblems;
        Assert.True(problems.Count == 0, "The output does not compile cleanly:\n" + string.Join("\n", problems.Take(20)));
    }

    /// <summary>
    /// Fails if any generated file has a compile error: whatever the input, the generator either reports a
    /// diagnostic or writes code that compiles (errors in the definition itself are the user's).
    /// </summary>
    public static void AssertGeneratedCodeCompiles(GeneratorRun run)
    {
        var generated = run.Generator.GeneratedSources.Select(s => s.SyntaxTree.FilePath).ToHashSet(StringComparer.Ordinal);
        List<Diagnostic> errors = run.Output.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && generated.Contains(tree.FilePath))
            .ToList();
        Assert.True(errors.Count == 0, "The generator wrote code that does not compile:\n" + string.Join("\n", errors.Take(10)));
    }

    /// <summary>
    /// Emits definition + generated code to memory and loads it in a collectible context; the kernels runtime
    /// resolves to the test process's copy, so delegates and <c>ElementwiseKernelInfo</c> share its types.
    /// </summary>
    public static LoadedAssembly Load(GeneratorRun run)
    {
        AssertCompilesCleanly(run);
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult emitted = run.Output.Emit(stream);
        Assert.True(emitted.Success, "Emit failed:\n" + string.Join("\n", emitted.Diagnostics.Take(20)));
        stream.Position = 0;
        var context = new AssemblyLoadContext("generated-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        return new LoadedAssembly(context, context.LoadFromStream(stream));
    }
}

/// <summary>An assembly compiled by a test; disposing unloads it.</summary>
internal sealed class LoadedAssembly(AssemblyLoadContext context, Assembly assembly) : IDisposable
{
    public Assembly Assembly { get; } = assembly;

    /// <summary>The public static method <paramref name="name"/> of <paramref name="typeName"/> as a delegate of exactly the expected signature.</summary>
    public TDelegate Method<TDelegate>(string typeName, string name)
        where TDelegate : Delegate
    {
        Type type = Assembly.GetType(typeName, throwOnError: true)!;
        MethodInfo? method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static, typeof(TDelegate).GetMethod("Invoke")!.GetParameters().Select(p => p.ParameterType).ToArray());
        Assert.True(method is not null, $"{typeName}.{name} with the signature of {typeof(TDelegate).Name} was not generated.");
        return method!.CreateDelegate<TDelegate>();
    }

    public void Dispose() => context.Unload();
}

/// <summary>
/// Test source with marked spans: <c>{|NUM0004:a % b|}</c> marks where diagnostic NUM0004 must be reported.
/// <see cref="Source"/> is the text without the markers.
/// </summary>
internal sealed class MarkedSource
{
    private MarkedSource(string source, IReadOnlyList<(string Id, TextSpan Span)> spans)
    {
        Source = source;
        Spans = spans;
    }

    public string Source { get; }

    public IReadOnlyList<(string Id, TextSpan Span)> Spans { get; }

    public static MarkedSource Parse(string marked)
    {
        var text = new System.Text.StringBuilder();
        var open = new Stack<(string Id, int Start)>();
        var spans = new List<(string Id, TextSpan Span)>();
        int i = 0;
        while (i < marked.Length)
        {
            if (marked[i] == '{' && i + 1 < marked.Length && marked[i + 1] == '|')
            {
                int colon = marked.IndexOf(':', i + 2);
                open.Push((marked.Substring(i + 2, colon - i - 2), text.Length));
                i = colon + 1;
            }
            else if (marked[i] == '|' && i + 1 < marked.Length && marked[i + 1] == '}' && open.Count > 0)
            {
                (string id, int start) = open.Pop();
                spans.Add((id, TextSpan.FromBounds(start, text.Length)));
                i += 2;
            }
            else
            {
                text.Append(marked[i]);
                i++;
            }
        }

        Assert.True(open.Count == 0, "Unclosed {| marker in test source.");
        return new MarkedSource(text.ToString(), spans);
    }
}
