using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Numerics.Kernels;

/// <summary>
/// A register-blocked GEMM micro-kernel, generated from <see cref="GemmMicroKernelAttribute"/>: computes one
/// <see cref="Mr"/> × <see cref="Nr"/> tile of <c>C = alpha·A·B + beta·C</c> from packed panels.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IGemmMicroKernel<T>
    where T : unmanaged
{
    /// <summary>Rows of the tile; packed A holds <see cref="Mr"/> values per k step.</summary>
    static abstract int Mr { get; }

    /// <summary>Columns of the tile; packed B holds <see cref="Nr"/> values per k step.</summary>
    static abstract int Nr { get; }

    /// <summary>Whether this machine runs the kernel's registers and fused multiply-add in hardware.</summary>
    static abstract bool IsSupported { get; }

    /// <summary>
    /// <c>acc[i, j] = Σₚ a[p·Mr + i] · b[p·Nr + j]</c> for p = 0 … <paramref name="kc"/> − 1, each step one fused
    /// multiply-add in order; then <c>c[i·ldc + j] = alpha·acc</c> when <paramref name="beta"/> is 0 (C is not
    /// read) and <c>fma(beta, c[i·ldc + j], alpha·acc)</c> otherwise.
    /// </summary>
    /// <param name="kc">Length of the k loop (≥ 0).</param>
    /// <param name="a">Packed A panel: <c>kc × Mr</c> values, k-major.</param>
    /// <param name="b">Packed B panel: <c>kc × Nr</c> values, k-major.</param>
    /// <param name="c">Top-left element of the tile of C.</param>
    /// <param name="ldc">Distance between rows of C, in elements.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the existing C.</param>
    static abstract unsafe void Run(nint kc, T* a, T* b, T* c, nint ldc, T alpha, T beta);

    /// <summary>
    /// As <see cref="Run"/>, with A read in place from a row-major matrix instead of a packed panel:
    /// <c>acc[i, j] = Σₚ a[i·lda + p] · b[p·Nr + j]</c>, the same fused multiply-adds in the same order, so the tile
    /// is bit-identical to <see cref="Run"/> over the packed copy of those rows. For products where packing A would
    /// cost more than it saves: A's rows feed only a few tiles (small n).
    /// </summary>
    /// <param name="kc">Length of the k loop (≥ 0).</param>
    /// <param name="a">First element of the tile's rows of A: <see cref="Mr"/> rows of <paramref name="kc"/> values.</param>
    /// <param name="lda">Distance between rows of A, in elements.</param>
    /// <param name="b">Packed B panel: <c>kc × Nr</c> values, k-major.</param>
    /// <param name="c">Top-left element of the tile of C.</param>
    /// <param name="ldc">Distance between rows of C, in elements.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the existing C.</param>
    static abstract unsafe void RunRowMajorA(nint kc, T* a, nint lda, T* b, T* c, nint ldc, T alpha, T beta);

    /// <summary>
    /// As <see cref="Run"/>, with A's k steps <paramref name="lda"/> apart instead of <see cref="Mr"/>:
    /// <c>acc[i, j] = Σₚ a[p·lda + i] · b[p·Nr + j]</c>, the same fused multiply-adds in the same order. This is a
    /// transposed A read in place (op(A) = Aᵀ: op(A)[i, p] = A[p, i], so one step's Mr values are contiguous in a row
    /// of A), bit-identical to <see cref="Run"/> over the packed copy.
    /// </summary>
    /// <param name="kc">Length of the k loop (≥ 0).</param>
    /// <param name="a">The tile's first value of A at the first step: <see cref="Mr"/> contiguous values per step.</param>
    /// <param name="lda">Distance between steps (rows of the stored A), in elements.</param>
    /// <param name="b">Packed B panel: <c>kc × Nr</c> values, k-major.</param>
    /// <param name="c">Top-left element of the tile of C.</param>
    /// <param name="ldc">Distance between rows of C, in elements.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="beta">Scale of the existing C.</param>
    static abstract unsafe void RunStridedA(nint kc, T* a, nint lda, T* b, T* c, nint ldc, T alpha, T beta);
}

/// <summary>Hardware facts the generated micro-kernels share.</summary>
public static class GemmMicroKernelSupport
{
    /// <summary>
    /// Whether vector fused multiply-add is an instruction here (x86 FMA3 or Arm AdvSimd); without it the vector
    /// kernels would fall back to a software fused multiply-add and the scalar kernel is used instead.
    /// </summary>
    public static bool HasFusedMultiplyAdd => Fma.IsSupported || AdvSimd.IsSupported;
}
