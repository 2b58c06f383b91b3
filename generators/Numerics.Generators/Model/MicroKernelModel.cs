namespace Numerics.Generators.Model;

/// <summary>One GEMM micro-kernel to generate: an <c>Mr × Nr</c> tile of C held in registers.</summary>
/// <param name="Namespace">Namespace of the declaring struct (empty for the global namespace).</param>
/// <param name="TypeName">Struct name.</param>
/// <param name="Accessibility">The struct's declared accessibility keyword(s), e.g. <c>internal</c>.</param>
/// <param name="ElementType"><c>float</c> or <c>double</c>.</param>
/// <param name="VectorBits">512, 256 or 128 for <c>Vector512/256/128</c>; 0 for scalar registers.</param>
/// <param name="Mr">Rows of the tile (one broadcast of packed A each).</param>
/// <param name="Nr">Columns of the tile, a multiple of the lane count.</param>
internal sealed record MicroKernelModel(
    string Namespace,
    string TypeName,
    string Accessibility,
    string ElementType,
    int VectorBits,
    int Mr,
    int Nr)
{
    /// <summary>Elements per register.</summary>
    public int Lanes => VectorBits == 0 ? 1 : VectorBits / 8 / ElementSize;

    /// <summary>Registers of B per k step.</summary>
    public int VectorsPerRow => Nr / Lanes;

    public int ElementSize => ElementType == "double" ? 8 : 4;

    /// <summary>The name that carries the tile: <c>SgemmKernel_V512_12x32</c>, <c>DgemmKernel_Scalar_2x4</c>.</summary>
    public string ConventionalName =>
        $"{(ElementType == "double" ? "D" : "S")}gemmKernel_{(VectorBits == 0 ? "Scalar" : "V" + VectorBits)}_{Mr}x{Nr}";
}
