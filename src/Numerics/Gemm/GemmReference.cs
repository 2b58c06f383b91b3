using System;
using System.Numerics;

namespace Numerics.Gemm;

/// <summary>
/// The arithmetic contract of <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>,
/// written as plainly as possible: slow, and the oracle the tests hold every fast path to.
/// </summary>
/// <remarks>
/// For each element, <c>acc</c> is a chain of fused multiply-adds over p, restarted every
/// KC (<see cref="GemmBlockSizes.Kc{T}"/>) steps; the first block stores <c>alpha·acc</c> (beta = 0, C not read) or
/// <c>fma(beta, c, alpha·acc)</c>, later blocks <c>fma(1, c, alpha·acc)</c>. k = 0 or alpha = 0 scales C by beta.
/// </remarks>
internal static class GemmReference
{
    public static void Gemm<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                ref T cij = ref c[i * ldc + j];
                if (k == 0 || alpha == T.Zero)
                {
                    cij = beta == T.Zero ? T.Zero : beta * cij;
                    continue;
                }

                for (int p0 = 0; p0 < k; p0 += GemmBlockSizes.Kc<T>())
                {
                    T acc = T.Zero;
                    for (int p = p0; p < Math.Min(k, p0 + GemmBlockSizes.Kc<T>()); p++)
                    {
                        T aip = transA == Transpose.None ? a[i * lda + p] : a[p * lda + i];
                        T bpj = transB == Transpose.None ? b[p * ldb + j] : b[j * ldb + p];
                        acc = T.FusedMultiplyAdd(aip, bpj, acc);
                    }

                    T scale = p0 == 0 ? beta : T.One;
                    cij = scale == T.Zero ? alpha * acc : T.FusedMultiplyAdd(scale, cij, alpha * acc);
                }
            }
        }
    }
}
