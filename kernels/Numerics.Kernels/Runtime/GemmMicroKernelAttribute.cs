using System;

namespace Numerics.Kernels;

/// <summary>
/// Marks a <see langword="partial struct"/> as a GEMM micro-kernel to generate: an <c>mr × nr</c> tile of C held
/// in registers of <paramref name="vectorBits"/> bits, accumulated over packed panels of A and B. The Numerics
/// source generator writes the fully unrolled body and implements <see cref="IGemmMicroKernel{T}"/>.
/// </summary>
/// <param name="elementType"><see cref="float"/> or <see cref="double"/>.</param>
/// <param name="vectorBits">512, 256 or 128 for <c>Vector512/256/128</c> registers; 0 for scalar registers.</param>
/// <param name="mr">Rows of the tile.</param>
/// <param name="nr">Columns of the tile: a multiple of the lanes of one register.</param>
/// <remarks>
/// The struct's name should carry the tile (<c>SgemmKernel_V512_12x32</c>); the generator warns otherwise
/// (<c>NUM0016</c>) and rejects tiles whose accumulators do not fit in the register file (<c>NUM0015</c>).
/// </remarks>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class GemmMicroKernelAttribute(Type elementType, int vectorBits, int mr, int nr) : Attribute
{
    /// <summary>Element type of A, B and C.</summary>
    public Type ElementType { get; } = elementType;

    /// <summary>Register width in bits (0: scalar).</summary>
    public int VectorBits { get; } = vectorBits;

    /// <summary>Rows of the register tile.</summary>
    public int Mr { get; } = mr;

    /// <summary>Columns of the register tile.</summary>
    public int Nr { get; } = nr;
}
