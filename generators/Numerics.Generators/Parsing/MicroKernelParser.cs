using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Model;

namespace Numerics.Generators.Parsing;

/// <summary>The result of parsing one micro-kernel declaration: a model when it is valid, and diagnostics.</summary>
internal sealed record MicroKernelParseResult(MicroKernelModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A struct marked <c>[GemmMicroKernel]</c> → <see cref="MicroKernelModel"/> with diagnostics.</summary>
internal static class MicroKernelParser
{
    public const string AttributeName = "Numerics.Kernels.GemmMicroKernelAttribute";

    public static MicroKernelParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        Location location = syntax.Identifier.GetLocation();
        cancellationToken.ThrowIfCancellationRequested();

        bool shapeOk = syntax is StructDeclarationSyntax
            && syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
            && type.ContainingType is null
            && type.TypeParameters.Length == 0
            && !type.IsFileLocal;
        if (!shapeOk)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MicroKernelNotPartialStruct, location, type.Name));
            return new MicroKernelParseResult(null, diagnostics.ToEquatableArray());
        }

        AttributeData attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 4
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error || a.Value is null))
        {
            // The compiler reports the malformed attribute itself.
            return new MicroKernelParseResult(null, diagnostics.ToEquatableArray());
        }

        Location attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? location;
        var elementType = attribute.ConstructorArguments[0].Value as ITypeSymbol;
        if (elementType is null || elementType.TypeKind == TypeKind.Error)
        {
            // typeof(UnknownType): the compiler reports it.
            return new MicroKernelParseResult(null, diagnostics.ToEquatableArray());
        }

        int vectorBits = (int)attribute.ConstructorArguments[1].Value!;
        int mr = (int)attribute.ConstructorArguments[2].Value!;
        int nr = (int)attribute.ConstructorArguments[3].Value!;

        string? element = elementType?.SpecialType switch
        {
            SpecialType.System_Single => "float",
            SpecialType.System_Double => "double",
            _ => null,
        };
        string? problem = Validate(element, vectorBits, mr, nr);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidMicroKernelTile, attributeLocation, type.Name, problem));
            return new MicroKernelParseResult(null, diagnostics.ToEquatableArray());
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string accessibility = type.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
        var model = new MicroKernelModel(ns, type.Name, accessibility, element!, vectorBits, mr, nr);
        if (model.ConventionalName != type.Name)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.MicroKernelName, location, type.Name, model.ConventionalName));
        }

        return new MicroKernelParseResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>Why a tile cannot be generated, or <see langword="null"/>.</summary>
    private static string? Validate(string? element, int vectorBits, int mr, int nr)
    {
        if (element is null)
        {
            return "the element type must be float or double";
        }

        if (vectorBits is not (0 or 128 or 256 or 512))
        {
            return $"vector width {vectorBits} is not 0 (scalar), 128, 256 or 512 bits";
        }

        int lanes = vectorBits == 0 ? 1 : vectorBits / 8 / (element == "double" ? 8 : 4);
        if (mr < 1 || nr < 1)
        {
            return $"Mr and Nr must be positive (got {mr}x{nr})";
        }

        if (nr % lanes != 0)
        {
            return $"Nr = {nr} is not a multiple of the {lanes} lanes of a {vectorBits}-bit register";
        }

        // Accumulators, one register per vector of a B row, and one broadcast of A must fit in the register file:
        // 32 with AVX-512, 16 for narrower code (AVX2 has 16 ymm registers, x64 has 16 xmm for scalars).
        int available = vectorBits == 512 ? 32 : 16;
        long needed = (long)mr * (nr / lanes) + nr / lanes + 1; // long: a huge tile must not wrap around into range
        if (needed > available)
        {
            return $"it needs {needed} registers ({(long)mr * (nr / lanes)} accumulators, {nr / lanes} for B, 1 for A) but {available} exist";
        }

        return null;
    }
}
