using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Model;

namespace Numerics.Generators.Parsing;

/// <summary>The result of parsing one OpenCL GEMM declaration: a model when it is valid, and diagnostics.</summary>
internal sealed record OpenCLGemmParseResult(OpenCLGemmModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>A type marked <c>[OpenCLGemmKernel]</c> → <see cref="OpenCLGemmModel"/> with diagnostics.</summary>
internal static class OpenCLGemmParser
{
    public const string AttributeName = "Numerics.Kernels.OpenCLGemmKernelAttribute";

    /// <summary>Most work-items in one group the generator accepts (common GPU limit).</summary>
    public const int MaxWorkGroupSize = 1024;

    /// <summary>Local memory every OpenCL 1.2 device of the full profile has (<c>CL_DEVICE_LOCAL_MEM_SIZE</c> ≥ 32 KB).</summary>
    public const int MaxLocalMemoryBytes = 32768;

    /// <summary>Most accumulators per work-item the generator accepts.</summary>
    public const int MaxAccumulators = 256;

    public static OpenCLGemmParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var type = (INamedTypeSymbol)context.TargetSymbol;
        var syntax = (TypeDeclarationSyntax)context.TargetNode;
        Location location = syntax.Identifier.GetLocation();
        cancellationToken.ThrowIfCancellationRequested();

        bool shapeOk = syntax is ClassDeclarationSyntax or StructDeclarationSyntax
            && syntax.Modifiers.Any(SyntaxKind.PartialKeyword)
            && type.ContainingType is null
            && type.TypeParameters.Length == 0
            && !type.IsFileLocal;
        if (!shapeOk)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.OpenCLGemmNotPartialType, location, type.Name));
            return new OpenCLGemmParseResult(null, diagnostics.ToEquatableArray());
        }

        AttributeData attribute = context.Attributes[0];
        if (attribute.ConstructorArguments.Length != 7
            || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error || a.Value is null))
        {
            // The compiler reports the malformed attribute itself.
            return new OpenCLGemmParseResult(null, diagnostics.ToEquatableArray());
        }

        var elementType = attribute.ConstructorArguments[0].Value as ITypeSymbol;
        if (elementType is null || elementType.TypeKind == TypeKind.Error)
        {
            return new OpenCLGemmParseResult(null, diagnostics.ToEquatableArray());
        }

        Location attributeLocation = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken).GetLocation() ?? location;
        int[] p = attribute.ConstructorArguments.Skip(1).Select(a => (int)a.Value!).ToArray();
        string? element = elementType.SpecialType switch
        {
            SpecialType.System_Single => "float",
            SpecialType.System_Double => "double",
            _ => null,
        };

        string ns = type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString();
        string keyword = syntax is StructDeclarationSyntax ? "struct" : "class";
        bool localMemory = true;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == "LocalMemory" && named.Value.Value is bool value)
            {
                localMemory = value;
            }
        }

        var model = new OpenCLGemmModel(ns, type.Name, keyword, element ?? "", p[0], p[1], p[2], p[3], p[4], p[5], localMemory);
        string? problem = element is null ? "the element type must be float or double" : Validate(model);
        if (problem is not null)
        {
            diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.InvalidOpenCLGemmParameters, attributeLocation, type.Name, problem));
            return new OpenCLGemmParseResult(null, diagnostics.ToEquatableArray());
        }

        return new OpenCLGemmParseResult(model, diagnostics.ToEquatableArray());
    }

    /// <summary>Why the kernel cannot be generated, or <see langword="null"/>.</summary>
    internal static string? Validate(OpenCLGemmModel m)
    {
        if (m.TileM < 1 || m.TileN < 1 || m.TileK < 1 || m.WorkPerThreadM < 1 || m.WorkPerThreadN < 1)
        {
            return $"tile sizes and work per thread must be positive (got tile {m.TileM}×{m.TileN}×{m.TileK}, {m.WorkPerThreadM}×{m.WorkPerThreadN} per work-item)";
        }

        if (m.VectorWidth is not (1 or 2 or 4 or 8 or 16))
        {
            return $"vectorWidth {m.VectorWidth} is not 1, 2, 4, 8 or 16";
        }

        if (m.TileM % m.WorkPerThreadM != 0 || m.TileN % m.WorkPerThreadN != 0)
        {
            return $"workPerThreadM ({m.WorkPerThreadM}) must divide tileM ({m.TileM}) and workPerThreadN ({m.WorkPerThreadN}) must divide tileN ({m.TileN})";
        }

        if (!m.LocalMemory && m.WorkPerThreadN % m.VectorWidth != 0)
        {
            return $"without local memory each work-item loads its {m.WorkPerThreadN} columns as vectors of {m.VectorWidth}, so vectorWidth must divide workPerThreadN";
        }

        if (m.LocalMemory && (m.TileM % m.VectorWidth != 0 || m.TileN % m.VectorWidth != 0 || m.TileK % m.VectorWidth != 0))
        {
            return $"vectorWidth {m.VectorWidth} must divide tileM ({m.TileM}), tileN ({m.TileN}) and tileK ({m.TileK}): every transpose loads vectors along one of them";
        }

        long accumulators = (long)m.WorkPerThreadM * m.WorkPerThreadN;
        if (accumulators > MaxAccumulators)
        {
            return $"{accumulators} accumulators per work-item exceed the {MaxAccumulators} that can stay in registers";
        }

        long group = (long)m.LocalX * m.LocalY;
        if (group > MaxWorkGroupSize)
        {
            return $"the work-group would have {m.LocalX}×{m.LocalY} = {group} work-items; at most {MaxWorkGroupSize} are supported";
        }

        if (!m.LocalMemory)
        {
            return null;
        }

        long vectorsA = (long)m.TileM * m.TileK / m.VectorWidth, vectorsB = (long)m.TileK * m.TileN / m.VectorWidth;
        if (vectorsA % group != 0 || vectorsB % group != 0)
        {
            return $"the {group} work-items cannot share the loads evenly: the A tile holds {vectorsA} and the B tile {vectorsB} vectors of {m.VectorWidth}, and both must be multiples of {group}";
        }

        long local = (long)m.TileK * (m.TileM + 1 + m.TileN + 1) * (m.IsDouble ? 8 : 4);
        if (local > MaxLocalMemoryBytes)
        {
            return $"the local tiles need {local} bytes; OpenCL 1.2 guarantees {MaxLocalMemoryBytes}";
        }

        return null;
    }
}
