using System;

namespace Numerics.Kernels;

/// <summary>
/// The OpenCL C 1.2 source of one generated tiled GEMM kernel (<see cref="OpenCLGemmKernelAttribute"/>) and the shape an
/// OpenCL backend launches it with. The source is compiled at run time, not at build time.
/// </summary>
/// <remarks>
/// <para>Each GEMM entry point (<see cref="EntryPoint"/>) takes, in order:
/// <c>const int m, const int n, const int k, const T alpha, __global const T* a, const int lda, __global const T* b,
/// const int ldb, const T beta, __global T* c, const int ldc</c>, and computes C = alpha·op(A)·op(B) + beta·C on row-major
/// matrices (beta == 0: C is written, never read). With local memory, launch it over a 2-D range of
/// (⌈n / <see cref="TileN"/>⌉·<see cref="LocalSizeX"/>) × (⌈m / <see cref="TileM"/>⌉·<see cref="LocalSizeY"/>) work-items in
/// work-groups of exactly <see cref="LocalSizeX"/> × <see cref="LocalSizeY"/> (<see cref="GlobalSize"/>); edge tiles are
/// bounds-checked and zero-filled, so any m, n, k ≥ 1 work. Without local memory (<see cref="UsesLocalMemory"/> false)
/// dimension 0 runs along the rows of C and dimension 1 along the columns, so that consecutive work-groups share a
/// panel of B in the cache.</para>
/// <para><see cref="ScaleEntryPoint"/> takes <c>const int m, const int n, const T beta, __global T* c, const int ldc</c>
/// and sets C = beta·C (C = 0 without reading it when beta == 0) over an n × m range (one work-item per element): the
/// BLAS result when alpha == 0 or k == 0.</para>
/// </remarks>
/// <param name="Name">The declaring type's name.</param>
/// <param name="ElementType"><c>float</c> or <c>double</c>; <c>double</c> needs <c>cl_khr_fp64</c>.</param>
/// <param name="Source">Complete program source: the four GEMM entry points and the scaling entry point.</param>
/// <param name="EntryPointPrefix">The entry points are <c>&lt;prefix&gt;_nn</c>, <c>_nt</c>, <c>_tn</c>, <c>_tt</c> and <c>_scale</c>.</param>
/// <param name="TileM">Rows of C per work-group.</param>
/// <param name="TileN">Columns of C per work-group.</param>
/// <param name="TileK">Depth of one local-memory step.</param>
/// <param name="WorkPerThreadM">Rows of C per work-item.</param>
/// <param name="WorkPerThreadN">Columns of C per work-item.</param>
/// <param name="VectorWidth">Elements per global-memory vector load.</param>
/// <param name="UsesLocalMemory">Whether work-groups stage tiles in local memory (GPU form) or work-items stream from global memory (CPU form).</param>
public sealed record OpenCLGemmKernelSource(
    string Name,
    string ElementType,
    string Source,
    string EntryPointPrefix,
    int TileM,
    int TileN,
    int TileK,
    int WorkPerThreadM,
    int WorkPerThreadN,
    int VectorWidth,
    bool UsesLocalMemory)
{
    /// <summary>Work-items per group in dimension 0: <see cref="TileN"/> / <see cref="WorkPerThreadN"/> (columns of C), or <see cref="TileM"/> / <see cref="WorkPerThreadM"/> (rows) without local memory.</summary>
    public int LocalSizeX => UsesLocalMemory ? TileN / WorkPerThreadN : TileM / WorkPerThreadM;

    /// <summary>Work-items per group in dimension 1: the other of the two.</summary>
    public int LocalSizeY => UsesLocalMemory ? TileM / WorkPerThreadM : TileN / WorkPerThreadN;

    /// <summary>Work-items per group.</summary>
    public int WorkGroupSize => LocalSizeX * LocalSizeY;

    /// <summary>Local memory one work-group uses, in bytes: the A and B tiles, each row padded by one element (0 without local memory).</summary>
    public int LocalMemoryBytes => UsesLocalMemory ? TileK * (TileM + 1 + TileN + 1) * (RequiresFp64 ? sizeof(double) : sizeof(float)) : 0;

    /// <summary>The global range of a GEMM entry point for an m × n matrix C: whole work-groups covering every tile.</summary>
    /// <param name="m">Rows of C (at least 1).</param>
    /// <param name="n">Columns of C (at least 1).</param>
    /// <returns>Work-items in dimensions 0 and 1, multiples of <see cref="LocalSizeX"/> and <see cref="LocalSizeY"/>.</returns>
    public (long X, long Y) GlobalSize(int m, int n)
    {
        long tilesM = ((long)m + TileM - 1) / TileM, tilesN = ((long)n + TileN - 1) / TileN;
        return UsesLocalMemory ? (tilesN * LocalSizeX, tilesM * LocalSizeY) : (tilesM * LocalSizeX, tilesN * LocalSizeY);
    }

    /// <summary>Whether the kernel needs the <c>cl_khr_fp64</c> extension.</summary>
    public bool RequiresFp64 => string.Equals(ElementType, "double", StringComparison.Ordinal);

    /// <summary>The scaling entry point (C = beta·C).</summary>
    public string ScaleEntryPoint { get; } = EntryPointPrefix + "_scale";

    /// <summary>The GEMM entry point for one transpose combination.</summary>
    /// <param name="transposeA">Whether op(A) = Aᵀ (A is stored k × m).</param>
    /// <param name="transposeB">Whether op(B) = Bᵀ (B is stored n × k).</param>
    /// <returns><c>&lt;prefix&gt;_nn</c>, <c>_nt</c>, <c>_tn</c> or <c>_tt</c>.</returns>
    public string EntryPoint(bool transposeA, bool transposeB) =>
        transposeA ? (transposeB ? _tt : _tn) : (transposeB ? _nt : _nn);

    // Entry point names made once, so that a launch builds no strings (strings: the record's equality is unchanged).
    private readonly string _nn = EntryPointPrefix + "_nn", _nt = EntryPointPrefix + "_nt", _tn = EntryPointPrefix + "_tn", _tt = EntryPointPrefix + "_tt";
    private readonly string _packAn = EntryPointPrefix + "_pack_a_n", _packAt = EntryPointPrefix + "_pack_a_t";
    private readonly string _packBn = EntryPointPrefix + "_pack_b_n", _packBt = EntryPointPrefix + "_pack_b_t";

    /// <summary>
    /// Whether the program also has the packed form (CPU variants): <see cref="PackAEntryPoint"/> and
    /// <see cref="PackBEntryPoint"/> copy op(A) and op(B) into k-major panels of <see cref="WorkPerThreadM"/> rows and
    /// <see cref="WorkPerThreadN"/> columns, and <see cref="PackedEntryPoint"/> multiplies the panels.
    /// </summary>
    public bool HasPackedForm => !UsesLocalMemory;

    /// <summary>The entry point packing op(A): arguments (m, k, a, lda, packed), global range (k, ⌈m / WorkPerThreadM⌉).</summary>
    /// <param name="transpose">Whether op(A) = Aᵀ.</param>
    /// <returns><c>&lt;prefix&gt;_pack_a_n</c> or <c>_pack_a_t</c>.</returns>
    public string PackAEntryPoint(bool transpose) => transpose ? _packAt : _packAn;

    /// <summary>The entry point packing op(B): arguments (n, k, b, ldb, packed), global range (k, ⌈n / WorkPerThreadN⌉).</summary>
    /// <param name="transpose">Whether op(B) = Bᵀ.</param>
    /// <returns><c>&lt;prefix&gt;_pack_b_n</c> or <c>_pack_b_t</c>.</returns>
    public string PackBEntryPoint(bool transpose) => transpose ? _packBt : _packBn;

    /// <summary>
    /// The GEMM entry point over packed panels: arguments (m, n, k, alpha, packedA, packedB, beta, c, ldc), global range
    /// <see cref="GlobalSize"/>.
    /// </summary>
    public string PackedEntryPoint { get; } = EntryPointPrefix + "_packed";

    /// <summary>Elements of the packed op(A) of an m × k product: ⌈m / WorkPerThreadM⌉ panels of k × WorkPerThreadM.</summary>
    /// <param name="m">Rows of op(A).</param>
    /// <param name="k">Columns of op(A).</param>
    /// <returns>The length, which may exceed <see cref="int.MaxValue"/>.</returns>
    public long PackedALength(int m, int k) => ((long)m + WorkPerThreadM - 1) / WorkPerThreadM * WorkPerThreadM * k;

    /// <summary>Elements of the packed op(B) of a k × n product: ⌈n / WorkPerThreadN⌉ panels of k × WorkPerThreadN.</summary>
    /// <param name="k">Rows of op(B).</param>
    /// <param name="n">Columns of op(B).</param>
    /// <returns>The length, which may exceed <see cref="int.MaxValue"/>.</returns>
    public long PackedBLength(int k, int n) => ((long)n + WorkPerThreadN - 1) / WorkPerThreadN * WorkPerThreadN * k;
}
