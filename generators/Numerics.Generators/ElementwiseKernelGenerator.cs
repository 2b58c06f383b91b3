using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Emit;
using Numerics.Generators.Emit.Cpu;
using Numerics.Generators.Model;
using Numerics.Generators.Parsing;

namespace Numerics.Generators;

/// <summary>
/// Turns each method marked <c>[ElementwiseKernel]</c> into span entry points with SIMD bodies, derivative
/// kernels, OpenCL C source and typed device launchers. Pipeline: <see cref="KernelParser"/> (syntax → equatable
/// model + diagnostics), <c>Derivatives</c> (symbolic differentiation, run by the parser), <see cref="CpuEmitter"/>,
/// <c>OpenCLEmitter</c> and <c>LauncherEmitter</c> (model → text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class ElementwiseKernelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<ParseResult> results = context.SyntaxProvider.ForAttributeWithMetadataName(
            KernelParser.AttributeName,
            predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax,
            transform: static (ctx, ct) => KernelParser.Parse(ctx, ct));

        IncrementalValuesProvider<EquatableArray<DiagnosticInfo>> diagnostics = results
            .Select(static (r, _) => r.Diagnostics)
            .Where(static d => d.Length > 0);
        context.RegisterSourceOutput(diagnostics, static (spc, list) =>
        {
            foreach (DiagnosticInfo info in list)
            {
                spc.ReportDiagnostic(info.ToDiagnostic());
            }
        });

        IncrementalValuesProvider<KernelModel> models = results
            .Select(static (r, _) => r.Model)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource($"{Qualified(model.Namespace, model.TypeName)}.{model.Name}.g.cs", CpuEmitter.Emit(model)));

        // One list of kernels per class, for tools (accuracy reports, info).
        IncrementalValuesProvider<ClassKernels> classes = models
            .Select(static (m, _) => new KernelName(m.Namespace, m.TypeName, m.Name))
            .Collect()
            .SelectMany(static (names, _) => names
                .GroupBy(n => (n.Namespace, n.TypeName))
                .Select(g => new ClassKernels(g.Key.Namespace, g.Key.TypeName, g.Select(n => n.Name).OrderBy(n => n, System.StringComparer.Ordinal).ToEquatableArray())));
        context.RegisterSourceOutput(classes, static (spc, c) =>
            spc.AddSource($"{Qualified(c.Namespace, c.TypeName)}.Kernels.g.cs", RegistryEmitter.Emit(c)));
    }

    // Hint names carry the namespace: two classes of the same name in different namespaces must not collide.
    private static string Qualified(string ns, string typeName) => ns.Length == 0 ? typeName : ns + "." + typeName;
}
