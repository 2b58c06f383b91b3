using System;
using System.Numerics;

namespace Numerics.Gemm;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous k-major micro-panels the micro-kernels read, padding the
/// last panel with zeros so that edge tiles run the same kernel (their extra rows/columns are discarded).
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>
    /// Packs rows <paramref name="i0"/> … +<paramref name="mc"/> and depth <paramref name="p0"/> … +<paramref name="kc"/>
    /// of op(A) into ⌈mc/mr⌉ panels; panel r holds, for each p, the <paramref name="mr"/> values of rows r·mr … r·mr+mr−1.
    /// </summary>
    public static void PackA<T>(in GemmArgs<T> g, int i0, int mc, int p0, int kc, int mr, T* destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* panel = destination + (nint)ir * kc;
            if (g.TransA == Transpose.None)
            {
                // Rows of A are contiguous along p: gather one value from each of the panel's rows per step.
                T* row = g.A + (nint)(i0 + ir) * g.Lda + p0;
                for (int p = 0; p < kc; p++)
                {
                    T* dst = panel + (nint)p * mr;
                    T* src = row + p;
                    int i = 0;
                    for (; i < rows; i++)
                    {
                        dst[i] = src[i * g.Lda];
                    }

                    for (; i < mr; i++)
                    {
                        dst[i] = T.Zero;
                    }
                }
            }
            else
            {
                // op(A)[i, p] = A[p, i]: the panel's values for one p are contiguous in A.
                T* src = g.A + (nint)p0 * g.Lda + i0 + ir;
                for (int p = 0; p < kc; p++)
                {
                    T* dst = panel + (nint)p * mr;
                    new ReadOnlySpan<T>(src + p * g.Lda, rows).CopyTo(new Span<T>(dst, rows));
                    new Span<T>(dst + rows, mr - rows).Clear();
                }
            }
        }
    }

    /// <summary>
    /// Packs NR-column panels <paramref name="firstPanel"/> … <paramref name="endPanel"/>−1 of the block of op(B)
    /// at depth <paramref name="p0"/> … +<paramref name="kc"/>, columns <paramref name="j0"/> … +<paramref name="nc"/>;
    /// panel q holds, for each p, the <paramref name="nr"/> values of columns q·nr … q·nr+nr−1.
    /// </summary>
    public static void PackB<T>(in GemmArgs<T> g, int p0, int kc, int j0, int nc, int nr, int firstPanel, int endPanel, T* destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int q = firstPanel; q < endPanel; q++)
        {
            int jr = q * nr;
            int cols = Math.Min(nr, nc - jr);
            T* panel = destination + (nint)jr * kc;
            if (g.TransB == Transpose.None)
            {
                // Rows of B are contiguous along j: one copy per step.
                T* src = g.B + (nint)p0 * g.Ldb + j0 + jr;
                for (int p = 0; p < kc; p++)
                {
                    T* dst = panel + (nint)p * nr;
                    new ReadOnlySpan<T>(src + p * g.Ldb, cols).CopyTo(new Span<T>(dst, cols));
                    new Span<T>(dst + cols, nr - cols).Clear();
                }
            }
            else
            {
                // op(B)[p, j] = B[j, p]: gather one value from each of the panel's columns per step.
                T* column = g.B + (nint)(j0 + jr) * g.Ldb + p0;
                for (int p = 0; p < kc; p++)
                {
                    T* dst = panel + (nint)p * nr;
                    T* src = column + p;
                    int j = 0;
                    for (; j < cols; j++)
                    {
                        dst[j] = src[j * g.Ldb];
                    }

                    for (; j < nr; j++)
                    {
                        dst[j] = T.Zero;
                    }
                }
            }
        }
    }
}
