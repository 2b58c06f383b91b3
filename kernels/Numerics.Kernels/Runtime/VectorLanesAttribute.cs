using System;

namespace Numerics.Kernels;

/// <summary>
/// Marks a <see langword="readonly partial struct"/> as the <see cref="double"/> lanes of one vector width for the
/// vectorised math (<c>ILanes&lt;TSelf, TF&gt;</c>). The Numerics source generator writes the whole struct: the wrapped
/// <c>Vector{bits}&lt;double&gt;</c>, its conversions and every <c>ILanes</c> member, the same at every width but for
/// the vector type and the AVX-512 instruction it scales with.
/// </summary>
/// <param name="bits">128, 256 or 512: the width of <c>Vector128/256/512</c>.</param>
/// <remarks>
/// The struct must be a top-level, non-generic <see langword="readonly partial struct"/> (<c>NUM0020</c>,
/// <c>NUM0021</c>) not named after one of its generated members (<c>NUM0022</c>), and the width one of the three
/// (<c>NUM0019</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
internal sealed class VectorLanesAttribute(int bits) : Attribute
{
    /// <summary>Vector width in bits.</summary>
    public int Bits { get; } = bits;
}
