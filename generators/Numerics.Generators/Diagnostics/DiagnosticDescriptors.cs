using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Numerics.Generators.Diagnostics;

/// <summary>Every diagnostic the Numerics generator reports.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "Numerics.Generators";

    /// <summary>NUM0001: "Kernel '{0}' must be declared in a top-level static partial class".</summary>
    public static readonly DiagnosticDescriptor ContainingTypeNotStaticPartial = new(
        "NUM0001", "Kernel must be in a top-level static partial class",
        "Kernel '{0}' must be declared in a top-level static partial class", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0002: "Kernel '{0}' has an unsupported signature: {1}".</summary>
    public static readonly DiagnosticDescriptor UnsupportedSignature = new(
        "NUM0002", "Unsupported kernel signature",
        "Kernel '{0}' has an unsupported signature: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0003: "Statement '{0}' cannot be translated; a kernel body holds local declarations and one final return".</summary>
    public static readonly DiagnosticDescriptor UnsupportedStatement = new(
        "NUM0003", "Unsupported statement in a kernel",
        "Statement '{0}' cannot be translated; a kernel body holds local declarations and one final return", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0004: "Expression '{0}' cannot be translated in a kernel".</summary>
    public static readonly DiagnosticDescriptor UnsupportedExpression = new(
        "NUM0004", "Unsupported expression in a kernel",
        "Expression '{0}' cannot be translated in a kernel", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0005: "Call to '{0}' cannot be translated: only KernelMath/MathF functions of the math set and other kernels can be called".</summary>
    public static readonly DiagnosticDescriptor UnsupportedCall = new(
        "NUM0005", "Unsupported call in a kernel",
        "Call to '{0}' cannot be translated: only KernelMath/MathF functions of the math set and other kernels can be called", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0006: "'{0}' has type '{1}'; kernels compute in float only".</summary>
    public static readonly DiagnosticDescriptor NonFloatType = new(
        "NUM0006", "Non-float value in a kernel",
        "'{0}' has type '{1}'; kernels compute in float only", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0007: "Derivative '{0}' of kernel '{1}' is invalid: {2}".</summary>
    public static readonly DiagnosticDescriptor InvalidDerivative = new(
        "NUM0007", "Invalid custom derivative",
        "Derivative '{0}' of kernel '{1}' is invalid: {2}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0008: "Kernel '{0}' has {1} tensor inputs; at most {2} are supported{3}".</summary>
    public static readonly DiagnosticDescriptor TooManyInputs = new(
        "NUM0008", "Too many tensor inputs",
        "Kernel '{0}' has {1} tensor inputs; at most {2} are supported{3}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0009: "Kernel '{0}' cannot be differentiated: {1}".</summary>
    public static readonly DiagnosticDescriptor NotDifferentiable = new(
        "NUM0009", "Kernel cannot be differentiated",
        "Kernel '{0}' cannot be differentiated: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0010: "Kernel '{0}' calls itself through '{1}'; recursion cannot be translated".</summary>
    public static readonly DiagnosticDescriptor RecursiveCall = new(
        "NUM0010", "Recursive kernel call",
        "Kernel '{0}' calls itself through '{1}'; recursion cannot be translated", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0011: "Kernel '{0}' has no tensor input; at least one parameter must not be [Scalar]".</summary>
    public static readonly DiagnosticDescriptor NoTensorInput = new(
        "NUM0011", "Kernel without tensor input",
        "Kernel '{0}' has no tensor input; at least one parameter must not be [Scalar]", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0012: "Kernel '{0}' uses the reserved name '{1}'".</summary>
    public static readonly DiagnosticDescriptor ReservedName = new(
        "NUM0012", "Reserved name in a kernel",
        "Kernel '{0}' uses the reserved name '{1}'", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0013: "Kernel '{0}' calls kernel '{1}', which cannot be generated (see its own errors)".</summary>
    public static readonly DiagnosticDescriptor CalleeHasErrors = new(
        "NUM0013", "Call to a kernel that cannot be generated",
        "Kernel '{0}' calls kernel '{1}', which cannot be generated (see its own errors)", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0014: "Micro-kernel '{0}' must be declared as a top-level, non-generic, non-file-local partial struct".</summary>
    public static readonly DiagnosticDescriptor MicroKernelNotPartialStruct = new(
        "NUM0014", "Micro-kernel must be a top-level partial struct",
        "Micro-kernel '{0}' must be declared as a top-level, non-generic, non-file-local partial struct", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0015: "Micro-kernel '{0}' has an invalid tile: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidMicroKernelTile = new(
        "NUM0015", "Invalid micro-kernel tile",
        "Micro-kernel '{0}' has an invalid tile: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0016: "Micro-kernel '{0}' should be named '{1}' so that its name carries its tile".</summary>
    public static readonly DiagnosticDescriptor MicroKernelName = new(
        "NUM0016", "Micro-kernel name does not carry its tile",
        "Micro-kernel '{0}' should be named '{1}' so that its name carries its tile", Category, DiagnosticSeverity.Warning, isEnabledByDefault: true);

    /// <summary>NUM0017: "OpenCL GEMM kernel '{0}' must be declared as a top-level, non-generic, non-file-local partial class or struct".</summary>
    public static readonly DiagnosticDescriptor OpenCLGemmNotPartialType = new(
        "NUM0017", "OpenCL GEMM kernel must be a top-level partial class or struct",
        "OpenCL GEMM kernel '{0}' must be declared as a top-level, non-generic, non-file-local partial class or struct", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0018: "OpenCL GEMM kernel '{0}' has invalid parameters: {1}".</summary>
    public static readonly DiagnosticDescriptor InvalidOpenCLGemmParameters = new(
        "NUM0018", "Invalid OpenCL GEMM kernel parameters",
        "OpenCL GEMM kernel '{0}' has invalid parameters: {1}", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
    /// <summary>NUM0019: "Lanes '{0}' are {1} bits wide; the width must be 128, 256 or 512".</summary>
    public static readonly DiagnosticDescriptor InvalidLanesWidth = new(
        "NUM0019", "Invalid lanes width",
        "Lanes '{0}' are {1} bits wide; the width must be 128, 256 or 512", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0020: "Lanes '{0}' must be declared as a readonly partial struct (not a class, record or ref struct)".</summary>
    public static readonly DiagnosticDescriptor LanesNotReadOnlyPartialStruct = new(
        "NUM0020", "Lanes must be a readonly partial struct",
        "Lanes '{0}' must be declared as a readonly partial struct (not a class, record or ref struct)", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0021: "Lanes '{0}' must be a top-level, non-generic, non-file-local type".</summary>
    public static readonly DiagnosticDescriptor LanesNotTopLevel = new(
        "NUM0021", "Lanes must be a top-level non-generic type",
        "Lanes '{0}' must be a top-level, non-generic, non-file-local type", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    /// <summary>NUM0022: "Lanes '{0}' cannot be named after one of the members generated into it".</summary>
    public static readonly DiagnosticDescriptor LanesNamedAfterMember = new(
        "NUM0022", "Lanes named after a generated member",
        "Lanes '{0}' cannot be named after one of the members generated into it", Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    private static readonly Dictionary<string, DiagnosticDescriptor> s_byId = new[]
    {
        ContainingTypeNotStaticPartial, UnsupportedSignature, UnsupportedStatement, UnsupportedExpression,
        UnsupportedCall, NonFloatType, InvalidDerivative, TooManyInputs, NotDifferentiable, RecursiveCall,
        NoTensorInput, ReservedName, CalleeHasErrors, MicroKernelNotPartialStruct, InvalidMicroKernelTile, MicroKernelName,
        OpenCLGemmNotPartialType, InvalidOpenCLGemmParameters,
        InvalidLanesWidth, LanesNotReadOnlyPartialStruct, LanesNotTopLevel, LanesNamedAfterMember,
    }.ToDictionary(d => d.Id);

    public static DiagnosticDescriptor ById(string id) => s_byId[id];
}
