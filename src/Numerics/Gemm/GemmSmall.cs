using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Numerics.Kernels;

namespace Numerics.Gemm;

/// <summary>
/// The direct path for small products (every dimension at most <see cref="GemmCore.SmallLimit"/>): A and B are read
/// where they are (op(B) = Bᵀ is first transposed into a stack buffer, at most 32×32 values, since its columns are
/// strided), no buffer is rented, and it runs on the calling thread. Eight rows of C by two vectors are held in
/// registers at a time (16 accumulators: two FMA pipes of four cycles' latency need eight chains in flight); per depth
/// step one load of each B vector serves eight broadcasts of A. The last partial vector of a row uses masked loads and
/// stores (AVX), so nothing past the matrices' extents is touched.
/// </summary>
/// <remarks>
/// Every element is the micro-kernel's chain: fused multiply-adds over p in order, starting from zero, then
/// <c>alpha·acc</c> (beta = 0: C is not read) or <c>fma(beta, c, alpha·acc)</c>. With k ≤ KC that is the blocked
/// product's single chain, so the results are bit-identical to it at every width.
/// </remarks>
internal static unsafe class GemmSmall
{
    [SkipLocalsInit]
    public static void Run<T>(in GemmArgs<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.TransB == Transpose.None)
        {
            Dispatch(g);
            return;
        }

        // op(B) = Bᵀ: the columns of op(B) are B's rows; transpose them once into a row-major k×n stack buffer (at most
        // 32×32 values) with the packing's 8×8 / 4×4 register transposes.
        int k = g.K, n = g.N;
        T* transposed = stackalloc T[k * n];
        GemmPacking.PackTransposed(g.B, g.Ldb, n, k, n, transposed);

        GemmArgs<T> direct = g;
        direct.TransB = Transpose.None;
        direct.B = transposed;
        direct.Ldb = n;
        Dispatch(direct);
    }

    // Its own width chain rather than GemmDirect's IWidthBody dispatch: routed through a body struct holding the
    // arguments, a 4³ product took 37–45 ns a call against 28–34 (8³: 50–60 against 38–46; session 14, old and new
    // builds alternating), and at these sizes the call is the cost.
    private static void Dispatch<T>(in GemmArgs<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!GemmMicroKernelSupport.HasFusedMultiplyAdd)
        {
            Run<T, T, OpsScalar<T>>(g);
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            Run<T, Vector512<T>, Ops512<T>>(g);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            Run<T, Vector256<T>, Ops256<T>>(g);
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            Run<T, Vector128<T>, Ops128<T>>(g);
        }
        else
        {
            Run<T, T, OpsScalar<T>>(g);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<T, TV, TOps>(in GemmArgs<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
    {
        // op(A)[i, p] at a + i·rowStride + p·stepStride.
        nint rowStride = g.TransA == Transpose.None ? g.Lda : 1;
        nint stepStride = g.TransA == Transpose.None ? 1 : g.Lda;
        int i = 0;
        for (; i + 8 <= g.M; i += 8)
        {
            Columns<T, TV, TOps, EightRows>(g, i, rowStride, stepStride);
        }

        for (; i + 4 <= g.M; i += 4)
        {
            Columns<T, TV, TOps, FourRows>(g, i, rowStride, stepStride);
        }

        for (; i < g.M; i++)
        {
            Columns<T, TV, TOps, OneRow>(g, i, rowStride, stepStride);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Columns<T, TV, TOps, TRows>(in GemmArgs<T> g, int i, nint rowStride, nint stepStride)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
        where TRows : struct, IRows
    {
        int lanes = TOps.Count;
        int j = 0;
        for (; j + 2 * lanes <= g.N; j += 2 * lanes)
        {
            Tile<T, TV, TOps, TRows, TwoVectors>(g, i, j, rowStride, stepStride, lanes);
        }

        // The rest of the row in one more pass over A: one or two vectors, the last of them partial.
        int rest = g.N - j;
        if (rest > lanes)
        {
            Tile<T, TV, TOps, TRows, TwoVectorsLastPartial>(g, i, j, rowStride, stepStride, rest - lanes);
        }
        else if (rest == lanes)
        {
            Tile<T, TV, TOps, TRows, OneVector>(g, i, j, rowStride, stepStride, lanes);
        }
        else if (rest > 0)
        {
            Tile<T, TV, TOps, TRows, PartialVector>(g, i, j, rowStride, stepStride, rest);
        }
    }

    /// <summary>Rows i … i + TRows − 1 of C from column j: one or two vectors, the last with <paramref name="count"/> lanes in the matrix.</summary>
    // Too large to inline (twelve instantiations per width): compiled on its own, fully optimised from the first call.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T, TV, TOps, TRows, TColumns>(in GemmArgs<T> g, int i, int j, nint rowStride, nint stepStride, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
        where TRows : struct, IRows
        where TColumns : struct, IColumns
    {
        bool four = TRows.Count >= 4;
        bool eight = TRows.Count == 8;
        bool two = TColumns.Vectors == 2;
        TV c00 = TOps.Zero, c01 = TOps.Zero, c10 = TOps.Zero, c11 = TOps.Zero;
        TV c20 = TOps.Zero, c21 = TOps.Zero, c30 = TOps.Zero, c31 = TOps.Zero;
        TV c40 = TOps.Zero, c41 = TOps.Zero, c50 = TOps.Zero, c51 = TOps.Zero;
        TV c60 = TOps.Zero, c61 = TOps.Zero, c70 = TOps.Zero, c71 = TOps.Zero;
        T* a = g.A + i * rowStride;
        T* b = g.B + j;
        nint ldb = g.Ldb;
        int lanes = TOps.Count;
        for (int p = 0; p < g.K; p++)
        {
            TV b0 = !two && TColumns.LastPartial ? TOps.LoadFirst(b, count) : TOps.Load(b);
            TV b1 = !two ? default : TColumns.LastPartial ? TOps.LoadFirst(b + lanes, count) : TOps.Load(b + lanes);
            TV a0 = TOps.Broadcast(a[0]);
            c00 = TOps.FusedMultiplyAdd(a0, b0, c00);
            if (two)
            {
                c01 = TOps.FusedMultiplyAdd(a0, b1, c01);
            }

            if (four)
            {
                TV a1 = TOps.Broadcast(a[rowStride]);
                c10 = TOps.FusedMultiplyAdd(a1, b0, c10);
                TV a2 = TOps.Broadcast(a[2 * rowStride]);
                c20 = TOps.FusedMultiplyAdd(a2, b0, c20);
                TV a3 = TOps.Broadcast(a[3 * rowStride]);
                c30 = TOps.FusedMultiplyAdd(a3, b0, c30);
                if (two)
                {
                    c11 = TOps.FusedMultiplyAdd(a1, b1, c11);
                    c21 = TOps.FusedMultiplyAdd(a2, b1, c21);
                    c31 = TOps.FusedMultiplyAdd(a3, b1, c31);
                }
            }

            if (eight)
            {
                TV a4 = TOps.Broadcast(a[4 * rowStride]);
                c40 = TOps.FusedMultiplyAdd(a4, b0, c40);
                TV a5 = TOps.Broadcast(a[5 * rowStride]);
                c50 = TOps.FusedMultiplyAdd(a5, b0, c50);
                TV a6 = TOps.Broadcast(a[6 * rowStride]);
                c60 = TOps.FusedMultiplyAdd(a6, b0, c60);
                TV a7 = TOps.Broadcast(a[7 * rowStride]);
                c70 = TOps.FusedMultiplyAdd(a7, b0, c70);
                if (two)
                {
                    c41 = TOps.FusedMultiplyAdd(a4, b1, c41);
                    c51 = TOps.FusedMultiplyAdd(a5, b1, c51);
                    c61 = TOps.FusedMultiplyAdd(a6, b1, c61);
                    c71 = TOps.FusedMultiplyAdd(a7, b1, c71);
                }
            }

            a += stepStride;
            b += ldb;
        }

        T* c = g.C + i * g.Ldc + j;
        Finish<T, TV, TOps, TColumns>(c, c00, c01, g.Alpha, g.Beta, count);
        if (four)
        {
            Finish<T, TV, TOps, TColumns>(c + g.Ldc, c10, c11, g.Alpha, g.Beta, count);
            Finish<T, TV, TOps, TColumns>(c + 2 * g.Ldc, c20, c21, g.Alpha, g.Beta, count);
            Finish<T, TV, TOps, TColumns>(c + 3 * g.Ldc, c30, c31, g.Alpha, g.Beta, count);
        }

        if (eight)
        {
            Finish<T, TV, TOps, TColumns>(c + 4 * g.Ldc, c40, c41, g.Alpha, g.Beta, count);
            Finish<T, TV, TOps, TColumns>(c + 5 * g.Ldc, c50, c51, g.Alpha, g.Beta, count);
            Finish<T, TV, TOps, TColumns>(c + 6 * g.Ldc, c60, c61, g.Alpha, g.Beta, count);
            Finish<T, TV, TOps, TColumns>(c + 7 * g.Ldc, c70, c71, g.Alpha, g.Beta, count);
        }
    }

    /// <summary>One row of the tile: <c>alpha·acc</c> (beta = 0: C not read) or <c>fma(beta, c, alpha·acc)</c>, as the micro-kernels store.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T, TV, TOps, TColumns>(T* c, TV acc0, TV acc1, T alpha, T beta, int count)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
        where TColumns : struct, IColumns
    {
        bool two = TColumns.Vectors == 2;
        bool partial0 = !two && TColumns.LastPartial;
        bool partial1 = two && TColumns.LastPartial;
        T* c1 = c + TOps.Count;
        TV alphaV = TOps.Broadcast(alpha);
        TV y0 = TOps.Multiply(alphaV, acc0);
        TV y1 = TOps.Multiply(alphaV, acc1);
        if (beta != T.Zero)
        {
            TV betaV = TOps.Broadcast(beta);
            y0 = TOps.FusedMultiplyAdd(betaV, partial0 ? TOps.LoadFirst(c, count) : TOps.Load(c), y0);
            if (two)
            {
                y1 = TOps.FusedMultiplyAdd(betaV, partial1 ? TOps.LoadFirst(c1, count) : TOps.Load(c1), y1);
            }
        }

        if (partial0)
        {
            TOps.StoreFirst(y0, c, count);
        }
        else
        {
            TOps.Store(y0, c);
        }

        if (partial1)
        {
            TOps.StoreFirst(y1, c1, count);
        }
        else if (two)
        {
            TOps.Store(y1, c1);
        }
    }

    private interface IRows
    {
        /// <summary>Rows of the tile: 8, 4 or 1.</summary>
        static abstract int Count { get; }
    }

    private readonly struct EightRows : IRows
    {
        public static int Count => 8;
    }

    private readonly struct FourRows : IRows
    {
        public static int Count => 4;
    }

    private readonly struct OneRow : IRows
    {
        public static int Count => 1;
    }

    private interface IColumns
    {
        /// <summary>Vectors of the tile: 1 or 2.</summary>
        static abstract int Vectors { get; }

        /// <summary>Whether only the first <c>count</c> lanes of the last vector are in the matrix.</summary>
        static abstract bool LastPartial { get; }
    }

    private readonly struct TwoVectors : IColumns
    {
        public static int Vectors => 2;

        public static bool LastPartial => false;
    }

    private readonly struct TwoVectorsLastPartial : IColumns
    {
        public static int Vectors => 2;

        public static bool LastPartial => true;
    }

    private readonly struct OneVector : IColumns
    {
        public static int Vectors => 1;

        public static bool LastPartial => false;
    }

    private readonly struct PartialVector : IColumns
    {
        public static int Vectors => 1;

        public static bool LastPartial => true;
    }
}
