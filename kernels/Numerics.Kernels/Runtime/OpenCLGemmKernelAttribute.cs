using System;

namespace Numerics.Kernels;

/// <summary>
/// Marks a <see langword="partial"/> class or struct as a tiled OpenCL GEMM kernel to generate: C = alpha·op(A)·op(B) + beta·C
/// (row-major), where each work-group computes a <paramref name="tileM"/> × <paramref name="tileN"/> tile of C through
/// local-memory tiles of A (<paramref name="tileM"/> × <paramref name="tileK"/>) and B (<paramref name="tileK"/> ×
/// <paramref name="tileN"/>), and each work-item holds <paramref name="workPerThreadM"/> × <paramref name="workPerThreadN"/>
/// accumulators in registers. The Numerics source generator writes the OpenCL C source (one entry point per transpose
/// combination, plus a beta-scaling entry point) and a static <c>Kernel</c> property of type
/// <see cref="OpenCLGemmKernelSource"/> on the declaring type.
/// </summary>
/// <param name="elementType"><see cref="float"/> or <see cref="double"/>.</param>
/// <param name="tileM">Rows of C per work-group.</param>
/// <param name="tileN">Columns of C per work-group.</param>
/// <param name="tileK">Depth of one local-memory step.</param>
/// <param name="workPerThreadM">Rows of C per work-item; divides <paramref name="tileM"/>.</param>
/// <param name="workPerThreadN">Columns of C per work-item; divides <paramref name="tileN"/>.</param>
/// <param name="vectorWidth">Elements per global-memory load (1, 2, 4, 8 or 16); divides every tile size.</param>
/// <remarks>
/// The work-group is (<paramref name="tileN"/> / <paramref name="workPerThreadN"/>) × (<paramref name="tileM"/> /
/// <paramref name="workPerThreadM"/>) work-items. Invalid combinations are compile-time errors (<c>NUM0018</c>); see
/// docs/opencl.md for how the variants are designed and chosen.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class OpenCLGemmKernelAttribute(
    Type elementType, int tileM, int tileN, int tileK, int workPerThreadM, int workPerThreadN, int vectorWidth) : Attribute
{
    /// <summary>Element type of A, B and C.</summary>
    public Type ElementType { get; } = elementType;

    /// <summary>Rows of C per work-group.</summary>
    public int TileM { get; } = tileM;

    /// <summary>Columns of C per work-group.</summary>
    public int TileN { get; } = tileN;

    /// <summary>Depth of one local-memory step.</summary>
    public int TileK { get; } = tileK;

    /// <summary>Rows of C per work-item.</summary>
    public int WorkPerThreadM { get; } = workPerThreadM;

    /// <summary>Columns of C per work-item.</summary>
    public int WorkPerThreadN { get; } = workPerThreadN;

    /// <summary>Elements per global-memory vector load.</summary>
    public int VectorWidth { get; } = vectorWidth;

    /// <summary>
    /// Whether work-groups stage tiles of A and B in local memory (the default, for GPUs). When
    /// <see langword="false"/>, the kernel has no local memory and no barriers: each work-item streams its rows of op(A)
    /// and its <see cref="WorkPerThreadN"/> contiguous columns of op(B) (vectors of <see cref="VectorWidth"/>, which must
    /// divide <see cref="WorkPerThreadN"/>) straight from global memory, <see cref="TileK"/> is the unroll depth of the k
    /// loop, and the CPU caches do the staging: the form that runs well on CPU devices such as PoCL, which execute the
    /// work-items of a group one after another and pay for every barrier.
    /// </summary>
    public bool LocalMemory { get; init; } = true;
}
