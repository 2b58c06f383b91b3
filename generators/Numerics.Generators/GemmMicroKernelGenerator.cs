using Microsoft.CodeAnalysis;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Emit.Gemm;
using Numerics.Generators.Model;
using Numerics.Generators.Parsing;

namespace Numerics.Generators;

/// <summary>
/// Turns each struct marked <c>[GemmMicroKernel(elementType, vectorBits, mr, nr)]</c> into a fully unrolled
/// register-blocked GEMM micro-kernel implementing <c>IGemmMicroKernel&lt;T&gt;</c>. Pipeline:
/// <see cref="MicroKernelParser"/> (syntax → model + diagnostics), <see cref="MicroKernelEmitter"/> (model → text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GemmMicroKernelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<MicroKernelParseResult> results = context.SyntaxProvider.ForAttributeWithMetadataName(
            MicroKernelParser.AttributeName,
            predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
            transform: static (ctx, ct) => MicroKernelParser.Parse(ctx, ct));

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

        IncrementalValuesProvider<MicroKernelModel> models = results
            .Select(static (r, _) => r.Model)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource($"{(model.Namespace.Length == 0 ? "" : model.Namespace + ".")}{model.TypeName}.g.cs", MicroKernelEmitter.Emit(model)));
    }
}
