using Microsoft.CodeAnalysis;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Emit.Lanes;
using Numerics.Generators.Model;
using Numerics.Generators.Parsing;

namespace Numerics.Generators;

/// <summary>
/// Turns each struct marked <c>[VectorLanes(bits)]</c> into the <see cref="double"/> lanes of that width for the
/// vectorised math: a wrapper over <c>Vector{bits}&lt;double&gt;</c> implementing <c>ILanes&lt;TSelf, TF&gt;</c>.
/// Pipeline: <see cref="VectorLanesParser"/> (syntax → model + diagnostics), <see cref="VectorLanesEmitter"/> (model → text).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class VectorLanesGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<VectorLanesParseResult> results = context.SyntaxProvider.ForAttributeWithMetadataName(
            VectorLanesParser.AttributeName,
            predicate: static (node, _) => node is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax,
            transform: static (ctx, ct) => VectorLanesParser.Parse(ctx, ct));

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

        IncrementalValuesProvider<VectorLanesModel> models = results
            .Select(static (r, _) => r.Model)
            .Where(static m => m is not null)
            .Select(static (m, _) => m!);
        context.RegisterSourceOutput(models, static (spc, model) =>
            spc.AddSource($"{(model.Namespace.Length == 0 ? "" : model.Namespace + ".")}{model.TypeName}.g.cs", VectorLanesEmitter.Emit(model)));
    }
}
