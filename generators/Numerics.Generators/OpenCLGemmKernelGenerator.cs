using Microsoft.CodeAnalysis;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Emit.OpenCL;
using Numerics.Generators.Model;
using Numerics.Generators.Parsing;

namespace Numerics.Generators;

/// <summary>
/// Turns each type marked <c>[OpenCLGemmKernel(elementType, tileM, tileN, tileK, workPerThreadM, workPerThreadN, vectorWidth)]</c>
/// into the OpenCL C source of a tiled GEMM specialised to those constants, exposed as a static <c>Kernel</c>
/// descriptor. Pipeline: <see cref="OpenCLGemmParser"/> (syntax → model + diagnostics), <see cref="OpenCLGemmEmitter"/> (model → text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OpenCLGemmKernelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<OpenCLGemmParseResult> results = context.SyntaxProvider.ForAttributeWithMetadataName(
            OpenCLGemmParser.AttributeName,
            predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
            transform: static (ctx, ct) => OpenCLGemmParser.Parse(ctx, ct));

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

        IncrementalValuesProvider<OpenCLGemmModel> models = results
            .Select(static (r, _) => r.Model)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource($"{(model.Namespace.Length == 0 ? "" : model.Namespace + ".")}{model.TypeName}.g.cs", OpenCLGemmEmitter.Emit(model)));
    }
}
