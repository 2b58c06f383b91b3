using System.Collections.Generic;

namespace Numerics.Generators.Model;

/// <summary>One width of <see cref="double"/> lanes to generate: a wrapper over <c>Vector{Bits}&lt;double&gt;</c> implementing <c>ILanes</c>.</summary>
/// <param name="Namespace">Namespace of the declaring struct (empty for the global namespace).</param>
/// <param name="TypeName">Struct name.</param>
/// <param name="Accessibility">The struct's declared accessibility keyword, <c>internal</c> or <c>public</c>.</param>
/// <param name="Bits">128, 256 or 512.</param>
internal sealed record VectorLanesModel(
    string Namespace,
    string TypeName,
    string Accessibility,
    int Bits)
{
    /// <summary>
    /// The names of the members generated into every lanes struct, operators by their metadata names (what
    /// <c>VectorLanesEmitter</c> writes): a struct named after one of them cannot hold it (CS0542).
    /// </summary>
    public static readonly HashSet<string> MemberNames =
    [
        "Value", "ToScalar", "op_Implicit", "op_Addition", "op_Subtraction", "op_Multiply", "op_Division", "op_UnaryNegation",
        "op_BitwiseAnd", "op_ExclusiveOr", "Create", "Fma", "SelectLessThan", "SelectEqual", "Min", "Max", "Abs", "CopySign",
        "ShiftIntoExponent", "Frexp", "Widen", "Narrow", "CreateSingle", "AddSingle", "SubtractSingle", "MultiplySingle",
        "DivideSingle", "FmaSingle", "AbsSingle", "CopySignSingle", "SelectLessThanSingle", "ClampSingle",
        "ShiftIntoExponentSingle", "ScaleByPow2Single", "FrexpSingle",
    ];
}
