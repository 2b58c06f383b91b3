using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Model;

namespace Numerics.Generators.Parsing;

/// <summary>The result of parsing one lanes declaration: a model when it is valid, and diagnostics.</summary>
internal sealed record VectorLanesParseResult(VectorLanesModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A struct marked <c>[VectorLanes(bits)]</c> → <see cref="VectorLanesModel"/> with diagnostics.</summary>
internal static class VectorLanesParser
{
    public const string AttributeName = "Numerics.Kernels.VectorLanesAttribute";

    public static VectorLanesParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        Location location = syntax.Identifier.GetLocation();
        cancellationToken.ThrowIfCancellationRequested();

        // Independent problems of the declaration, each reported on the struct's name.
        if (syntax is not StructDeclarationSyntax
            || !syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
            || !syntax.Modifiers.Any(SyntaxKind.ReadOnlyKeyword)
            || syntax.Modifiers.Any(SyntaxKind.RefKeyword))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanesNotReadOnlyPartialStruct, location, type.Name));
        }

        if (type.ContainingType is not null || type.TypeParameters.Length > 0 || type.IsFileLocal)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanesNotTopLevel, location, type.Name));
        }

        if (VectorLanesModel.MemberNames.Contains(type.Name))
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.LanesNamedAfterMember, location, type.Name));
        }

        AttributeData attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int bits)
        {
            // The compiler reports the malformed attribute itself.
            return new VectorLanesParseResult(null, diagnostics.ToEquatableArray());
        }

        if (bits is not (128 or 256 or 512))
        {
            Location attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? location;
            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidLanesWidth, attributeLocation, type.Name, bits.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (diagnostics.Count > 0)
        {
            return new VectorLanesParseResult(null, diagnostics.ToEquatableArray());
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
        return new VectorLanesParseResult(new VectorLanesModel(ns, type.Name, accessibility, bits), diagnostics.ToEquatableArray());
    }
}
