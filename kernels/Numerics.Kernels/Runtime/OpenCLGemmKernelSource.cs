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
    public string ScaleEntryPoint => EntryPointPrefix + "_scale";

    /// <summary>The GEMM entry point for one transpose combination.</summary>
    /// <param name="transposeA">Whether op(A) = Aᵀ (A is stored k × m).</param>
    /// <param name="transposeB">Whether op(B) = Bᵀ (B is stored n × k).</param>
    /// <returns><c>&lt;prefix&gt;_nn</c>, <c>_nt</c>, <c>_tn</c> or <c>_tt</c>.</returns>
    public string EntryPoint(bool transposeA, bool transposeB) =>
        EntryPointPrefix + "_" + (transposeA ? "t" : "n") + (transposeB ? "t" : "n");
}
