using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Numerics.Kernels;

namespace Numerics.Gemm;

/// <summary>
/// Products that skip packing: a row of coefficients times a matrix (<see cref="RowCombination{T}"/>, the m = 1
/// and small cases) and rows of a matrix dotted with a vector (<see cref="RowDots{T}"/>, the matrix-vector case).
/// </summary>
internal static unsafe class GemmDirect
{
    /// <summary>
    /// Bytes of one accumulator strip of <see cref="RowCombination{T}"/>: a third of L1d, so each row of the matrix is
    /// read in runs of 16 KiB (4096 floats), long enough for the hardware prefetcher to stream it from memory.
    /// </summary>
    private const int StripBytes = 16 * 1024;

    private const int CacheLine = 64;

    /// <summary>
    /// <c>y[j] = alpha · Σₚ s[p·sInc] · mat[p·ldm + j] + beta · y[j]</c> for j &lt; n, as the blocked product computes
    /// it: per element a chain of fused multiply-adds over p restarted every KC steps
    /// (<see cref="GemmBlockSizes.Kc{T}"/>), so results are bit-identical to it. Reads <paramref name="mat"/> row by row (contiguous streams).
    /// </summary>
    public static void RowCombination<T>(int k, T* s, nint sInc, T* mat, nint ldm, int n, T alpha, T beta, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Combine(k, s, sInc, mat, ldm, n, 0, (k + GemmBlockSizes.Kc<T>() - 1) / GemmBlockSizes.Kc<T>(), null, alpha, beta, y);

    /// <summary>
    /// <c>y[i·incY] = alpha · Σₚ mat[i·ldm + p] · x[p] + beta · y[i·incY]</c> for i &lt; m (x contiguous). Each dot
    /// product sums in vector lanes, so its last bits depend on the instruction set.
    /// </summary>
    public static void RowDots<T>(int m, int k, T* mat, nint ldm, T* x, T alpha, T beta, T* y, nint incY)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new RowDotsBody<T>(m, k, mat, ldm, x, alpha, beta, y, incY);
        AtWidestWidth<T, RowDotsBody<T>>(ref body);
    }

    /// <summary>
    /// The raw sums of depth blocks <paramref name="firstBlock"/> … <paramref name="endBlock"/>−1 (KC steps each) of
    /// <see cref="RowCombination{T}"/>, block b's <paramref name="n"/> values at <c>blocks + (b − firstBlock)·n</c>;
    /// alpha and beta not applied. <see cref="FinishBlocks{T}"/> then gives exactly what RowCombination gives: each
    /// block's sums are the same chains, and it applies them to y in the same order. Two threads each take half the
    /// blocks, so each streams whole rows of the matrix rather than half of every row.
    /// </summary>
    public static void RowCombinationBlocks<T>(int k, T* s, nint sInc, T* mat, nint ldm, int n, int firstBlock, int endBlock, T* blocks)
        where T : unmanaged, IFloatingPointIeee754<T>
        => Combine(k, s, sInc, mat, ldm, n, firstBlock, endBlock, blocks, T.One, T.Zero, null);

    /// <summary>
    /// <c>y = alpha·block 0 + beta·y</c>, then <c>y = fma(1, y, alpha·block b)</c> for b = 1 … <paramref name="blockCount"/>−1:
    /// the finishing steps of <see cref="RowCombination{T}"/> in its order, over sums from <see cref="RowCombinationBlocks{T}"/>.
    /// </summary>
    public static void FinishBlocks<T>(T* blocks, int blockCount, int n, T alpha, T beta, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new FinishBlocksBody<T>(blocks, blockCount, n, alpha, beta, y);
        AtWidestWidth<T, FinishBlocksBody<T>>(ref body);
    }

    private static void FinishBlocks<T, TV, TOps>(T* blocks, int blockCount, int n, T alpha, T beta, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
    {
        for (int b = 0; b < blockCount; b++)
        {
            Finish<T, TV, TOps>(blocks + (nint)b * n, y, n, alpha, b == 0 ? beta : T.One);
        }
    }

    /// <summary>
    /// The row combination over depth blocks <paramref name="firstBlock"/> … <paramref name="endBlock"/>−1 at the widest
    /// vector width: with <paramref name="blocks"/> null, each block's sums go straight onto y (alpha, beta as
    /// <see cref="RowCombination{T}"/>); otherwise they are stored there, one row of n per block.
    /// </summary>
    private static void Combine<T>(int k, T* s, nint sInc, T* mat, nint ldm, int n, int firstBlock, int endBlock, T* blocks, T alpha, T beta, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var body = new CombineBody<T>(k, s, sInc, mat, ldm, n, firstBlock, endBlock, blocks, alpha, beta, y);
        AtWidestWidth<T, CombineBody<T>>(ref body);
    }

    /// <summary>A body generic over the vector type (<typeparamref name="T"/> itself for scalar code), for <see cref="AtWidestWidth{T, TBody}"/>.</summary>
    private interface IWidthBody<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        void Run<TV, TOps>()
            where TV : unmanaged
            where TOps : struct, IVectorOps<T, TV>;
    }

    /// <summary>
    /// Runs <paramref name="body"/> at the widest vector width this machine accelerates, or as scalar code where there
    /// is no fused multiply-add (the vector forms would not round as the micro-kernels do).
    /// </summary>
    private static void AtWidestWidth<T, TBody>(ref TBody body)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TBody : struct, IWidthBody<T>
    {
        if (!GemmMicroKernelSupport.HasFusedMultiplyAdd)
        {
            body.Run<T, OpsScalar<T>>();
        }
        else if (Vector512.IsHardwareAccelerated)
        {
            body.Run<Vector512<T>, Ops512<T>>();
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            body.Run<Vector256<T>, Ops256<T>>();
        }
        else if (Vector128.IsHardwareAccelerated)
        {
            body.Run<Vector128<T>, Ops128<T>>();
        }
        else
        {
            body.Run<T, OpsScalar<T>>();
        }
    }

    private readonly struct RowDotsBody<T>(int m, int k, T* mat, nint ldm, T* x, T alpha, T beta, T* y, nint incY) : IWidthBody<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run<TV, TOps>()
            where TV : unmanaged
            where TOps : struct, IVectorOps<T, TV>
            => RowDots<T, TV, TOps>(m, k, mat, ldm, x, alpha, beta, y, incY);
    }

    private readonly struct CombineBody<T>(int k, T* s, nint sInc, T* mat, nint ldm, int n, int firstBlock, int endBlock, T* blocks, T alpha, T beta, T* y) : IWidthBody<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run<TV, TOps>()
            where TV : unmanaged
            where TOps : struct, IVectorOps<T, TV>
            => Combine<T, TV, TOps>(k, s, sInc, mat, ldm, n, firstBlock, endBlock, blocks, alpha, beta, y);
    }

    private readonly struct FinishBlocksBody<T>(T* blocks, int blockCount, int n, T alpha, T beta, T* y) : IWidthBody<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public void Run<TV, TOps>()
            where TV : unmanaged
            where TOps : struct, IVectorOps<T, TV>
            => FinishBlocks<T, TV, TOps>(blocks, blockCount, n, alpha, beta, y);
    }

    // The strip is cleared per block before use: no zeroing of 16 KiB of stack per call.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void Combine<T, TV, TOps>(int k, T* s, nint sInc, T* mat, nint ldm, int n, int firstBlock, int endBlock, T* blocks, T alpha, T beta, T* y)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
    {
        int stripColumns = StripBytes / sizeof(T);
        int kc = GemmBlockSizes.Kc<T>();

        // The strip sits at the same offset within a cache line as the matrix, so that where AddRows aligns its loads
        // of a row, the accumulator's loads and stores are aligned too.
        T* strip = stackalloc T[Math.Min(n, stripColumns) + 2 * CacheLine / sizeof(T)];
        strip = (T*)((((nint)strip + CacheLine - 1) & ~(nint)(CacheLine - 1)) + ((nint)mat & (CacheLine - sizeof(T))));
        for (int j0 = 0; j0 < n; j0 += stripColumns)
        {
            int width = Math.Min(stripColumns, n - j0);
            for (int b = firstBlock; b < endBlock; b++)
            {
                int p0 = b * kc;
                AccumulateBlock<T, TV, TOps>(strip, width, s, sInc, mat + j0, ldm, p0, Math.Min(kc, k - p0));
                if (blocks == null)
                {
                    // The first depth block applies beta; later ones add onto it, as the blocked product does.
                    Finish<T, TV, TOps>(strip, y + j0, width, alpha, b == 0 ? beta : T.One);
                }
                else
                {
                    new ReadOnlySpan<T>(strip, width).CopyTo(new Span<T>(blocks + (nint)(b - firstBlock) * n + j0, width));
                }
            }
        }
    }

    /// <summary>
    /// <c>acc[j] = Σₚ s[p·sInc]·mat[p·ldm + j]</c> for j &lt; width over the depth block p0 … p0+kb−1: one chain of fused
    /// multiply-adds per element, in p order, from 0.
    /// </summary>
    // Not inlined: inside Combine the JIT kept acc and width on the stack and reloaded both every iteration of the row
    // loop (about 10% of the one-thread 1×4096×4096 rate, paired).
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void AccumulateBlock<T, TV, TOps>(T* acc, int width, T* s, nint sInc, T* mat, nint ldm, int p0, int kb)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
    {
        int lanes = TOps.Count;
        new Span<T>(acc, width).Clear();
        int p = p0;

        // Four rows per pass: each accumulator is loaded and stored once per four fused multiply-adds, which still run
        // in p order, so every element's chain is the same as one row at a time. (One row per pass read 0.54–0.79 of
        // this, eight rows 0.96–1.04: docs/benchmarks.md.)
        for (; p + 4 <= p0 + kb; p += 4)
        {
            T* r0 = mat + p * ldm;

            // Elements up to the first cache-line boundary of the row go one by one, so that the vector loads of the
            // row never straddle two lines: a matrix 16 or more bytes off a line (a managed array's usual place) read
            // 0.75–0.81 of a copy's rate against 0.99 aligned, one thread, 1×4096×4096 float (session 13).
            int head = Math.Min(width, (int)((CacheLine - ((nint)r0 & (CacheLine - 1))) & (CacheLine - 1)) / sizeof(T));
            AddRows<T, TV, TOps>(acc, width, head, s[p * sInc], r0, s[(p + 1) * sInc], r0 + ldm, s[(p + 2) * sInc], r0 + 2 * ldm, s[(p + 3) * sInc], r0 + 3 * ldm);
        }

        for (; p < p0 + kb; p++)
        {
            T coefficient = s[p * sInc];
            TV broadcast = TOps.Broadcast(coefficient);
            T* row = mat + p * ldm;
            int j = 0;
            for (; j + lanes <= width; j += lanes)
            {
                TOps.Store(TOps.FusedMultiplyAdd(broadcast, TOps.Load(row + j), TOps.Load(acc + j)), acc + j);
            }

            for (; j < width; j++)
            {
                acc[j] = T.FusedMultiplyAdd(coefficient, row[j], acc[j]);
            }
        }
    }

    /// <summary><c>acc[j] = fma(c3, r3[j], fma(c2, r2[j], fma(c1, r1[j], fma(c0, r0[j], acc[j]))))</c> for j &lt; width.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRows<T, TV, TOps>(T* acc, int width, int head, T c0, T* r0, T c1, T* r1, T c2, T* r2, T c3, T* r3)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
    {
        int lanes = TOps.Count;
        nint j = 0;
        for (; j < head; j++)
        {
            acc[j] = T.FusedMultiplyAdd(c3, r3[j], T.FusedMultiplyAdd(c2, r2[j], T.FusedMultiplyAdd(c1, r1[j], T.FusedMultiplyAdd(c0, r0[j], acc[j]))));
        }

        TV b0 = TOps.Broadcast(c0), b1 = TOps.Broadcast(c1), b2 = TOps.Broadcast(c2), b3 = TOps.Broadcast(c3);

        // Two vectors per iteration: two independent chains of four fused multiply-adds in flight.
        for (; j + 2 * lanes <= width; j += 2 * lanes)
        {
            TV sum = TOps.FusedMultiplyAdd(b0, TOps.Load(r0 + j), TOps.Load(acc + j));
            TV next = TOps.FusedMultiplyAdd(b0, TOps.Load(r0 + j + lanes), TOps.Load(acc + j + lanes));
            sum = TOps.FusedMultiplyAdd(b1, TOps.Load(r1 + j), sum);
            next = TOps.FusedMultiplyAdd(b1, TOps.Load(r1 + j + lanes), next);
            sum = TOps.FusedMultiplyAdd(b2, TOps.Load(r2 + j), sum);
            next = TOps.FusedMultiplyAdd(b2, TOps.Load(r2 + j + lanes), next);
            TOps.Store(TOps.FusedMultiplyAdd(b3, TOps.Load(r3 + j), sum), acc + j);
            TOps.Store(TOps.FusedMultiplyAdd(b3, TOps.Load(r3 + j + lanes), next), acc + j + lanes);
        }

        for (; j + lanes <= width; j += lanes)
        {
            TV sum = TOps.FusedMultiplyAdd(b0, TOps.Load(r0 + j), TOps.Load(acc + j));
            sum = TOps.FusedMultiplyAdd(b1, TOps.Load(r1 + j), sum);
            sum = TOps.FusedMultiplyAdd(b2, TOps.Load(r2 + j), sum);
            TOps.Store(TOps.FusedMultiplyAdd(b3, TOps.Load(r3 + j), sum), acc + j);
        }

        for (; j < width; j++)
        {
            acc[j] = T.FusedMultiplyAdd(c3, r3[j], T.FusedMultiplyAdd(c2, r2[j], T.FusedMultiplyAdd(c1, r1[j], T.FusedMultiplyAdd(c0, r0[j], acc[j]))));
        }
    }

    /// <summary>
    /// <c>y = alpha·acc</c> (beta = 0: y not read) or <c>fma(beta, y, alpha·acc)</c>, element by element: the
    /// micro-kernel's rounding in every lane, so the vector width does not change a bit.
    /// </summary>
    // In vectors since session 13: the scalar form (one fused multiply-add per element, alpha reloaded from the stack in
    // the loop) cost 20k cycles per KC block of a 4096-column row vector, 2.5× the whole product at k = 32.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Finish<T, TV, TOps>(T* acc, T* y, int width, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
    {
        int lanes = TOps.Count;
        TV alphas = TOps.Broadcast(alpha), betas = TOps.Broadcast(beta);
        int j = 0;
        if (beta == T.Zero)
        {
            for (; j + lanes <= width; j += lanes)
            {
                TOps.Store(TOps.Multiply(alphas, TOps.Load(acc + j)), y + j);
            }

            for (; j < width; j++)
            {
                y[j] = alpha * acc[j];
            }
        }
        else
        {
            for (; j + lanes <= width; j += lanes)
            {
                TOps.Store(TOps.FusedMultiplyAdd(betas, TOps.Load(y + j), TOps.Multiply(alphas, TOps.Load(acc + j))), y + j);
            }

            for (; j < width; j++)
            {
                y[j] = T.FusedMultiplyAdd(beta, y[j], alpha * acc[j]);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RowDots<T, TV, TOps>(int m, int k, T* mat, nint ldm, T* x, T alpha, T beta, T* y, nint incY)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TV : unmanaged
        where TOps : struct, IVectorOps<T, TV>
    {
        int lanes = TOps.Count;
        int pairEnd = k - k % (2 * lanes);
        int vectorEnd = k - k % lanes;
        bool realign = typeof(TV) == typeof(Vector512<T>) && Avx512F.IsSupported && ((nint)mat & (sizeof(T) - 1)) == 0;
        int i = 0;
        for (; i + 4 <= m; i += 4)
        {
            T* r0 = mat + i * ldm, r1 = r0 + ldm, r2 = r1 + ldm, r3 = r2 + ldm;
            TV a0 = TOps.Zero, a1 = TOps.Zero, a2 = TOps.Zero, a3 = TOps.Zero;
            TV b0 = TOps.Zero, b1 = TOps.Zero, b2 = TOps.Zero, b3 = TOps.Zero;
            int p = 0;
            if (realign && (((nint)r0 | (nint)r1 | (nint)r2 | (nint)r3) & (CacheLine - 1)) != 0)
            {
                // Rows off their cache lines (a managed array's usual place): the same paired sums from aligned loads.
                FourRowSums<Vector512<T>> sums = PairsAligned512(pairEnd, r0, r1, r2, r3, x);
                a0 = Unsafe.As<Vector512<T>, TV>(ref sums.A0);
                a1 = Unsafe.As<Vector512<T>, TV>(ref sums.A1);
                a2 = Unsafe.As<Vector512<T>, TV>(ref sums.A2);
                a3 = Unsafe.As<Vector512<T>, TV>(ref sums.A3);
                b0 = Unsafe.As<Vector512<T>, TV>(ref sums.B0);
                b1 = Unsafe.As<Vector512<T>, TV>(ref sums.B1);
                b2 = Unsafe.As<Vector512<T>, TV>(ref sums.B2);
                b3 = Unsafe.As<Vector512<T>, TV>(ref sums.B3);
                p = pairEnd;
            }

            for (; p < pairEnd; p += 2 * lanes)
            {
                TV x0 = TOps.Load(x + p), x1 = TOps.Load(x + p + lanes);
                a0 = TOps.FusedMultiplyAdd(TOps.Load(r0 + p), x0, a0);
                a1 = TOps.FusedMultiplyAdd(TOps.Load(r1 + p), x0, a1);
                a2 = TOps.FusedMultiplyAdd(TOps.Load(r2 + p), x0, a2);
                a3 = TOps.FusedMultiplyAdd(TOps.Load(r3 + p), x0, a3);
                b0 = TOps.FusedMultiplyAdd(TOps.Load(r0 + p + lanes), x1, b0);
                b1 = TOps.FusedMultiplyAdd(TOps.Load(r1 + p + lanes), x1, b1);
                b2 = TOps.FusedMultiplyAdd(TOps.Load(r2 + p + lanes), x1, b2);
                b3 = TOps.FusedMultiplyAdd(TOps.Load(r3 + p + lanes), x1, b3);
            }

            for (; p < vectorEnd; p += lanes)
            {
                TV x0 = TOps.Load(x + p);
                a0 = TOps.FusedMultiplyAdd(TOps.Load(r0 + p), x0, a0);
                a1 = TOps.FusedMultiplyAdd(TOps.Load(r1 + p), x0, a1);
                a2 = TOps.FusedMultiplyAdd(TOps.Load(r2 + p), x0, a2);
                a3 = TOps.FusedMultiplyAdd(TOps.Load(r3 + p), x0, a3);
            }

            T d0 = TOps.Sum(a0) + TOps.Sum(b0), d1 = TOps.Sum(a1) + TOps.Sum(b1);
            T d2 = TOps.Sum(a2) + TOps.Sum(b2), d3 = TOps.Sum(a3) + TOps.Sum(b3);
            for (; p < k; p++)
            {
                d0 = T.FusedMultiplyAdd(r0[p], x[p], d0);
                d1 = T.FusedMultiplyAdd(r1[p], x[p], d1);
                d2 = T.FusedMultiplyAdd(r2[p], x[p], d2);
                d3 = T.FusedMultiplyAdd(r3[p], x[p], d3);
            }

            Store(y + i * incY, d0, alpha, beta);
            Store(y + (i + 1) * incY, d1, alpha, beta);
            Store(y + (i + 2) * incY, d2, alpha, beta);
            Store(y + (i + 3) * incY, d3, alpha, beta);
        }

        for (; i < m; i++)
        {
            T* r0 = mat + i * ldm;
            TV a0 = TOps.Zero, b0 = TOps.Zero;
            int p = 0;
            for (; p < pairEnd; p += 2 * lanes)
            {
                a0 = TOps.FusedMultiplyAdd(TOps.Load(r0 + p), TOps.Load(x + p), a0);
                b0 = TOps.FusedMultiplyAdd(TOps.Load(r0 + p + lanes), TOps.Load(x + p + lanes), b0);
            }

            for (; p < vectorEnd; p += lanes)
            {
                a0 = TOps.FusedMultiplyAdd(TOps.Load(r0 + p), TOps.Load(x + p), a0);
            }

            T d0 = TOps.Sum(a0) + TOps.Sum(b0);
            for (; p < k; p++)
            {
                d0 = T.FusedMultiplyAdd(r0[p], x[p], d0);
            }

            Store(y + i * incY, d0, alpha, beta);
        }
    }

    /// <summary>The eight accumulators of one four-row step of <see cref="RowDots{T, TV, TOps}"/>.</summary>
    private struct FourRowSums<TV>
    {
        public TV A0, A1, A2, A3, B0, B1, B2, B3;
    }

    /// <summary>
    /// The paired steps (p &lt; <paramref name="pairEnd"/>) of one four-row step of <see cref="RowDots{T, TV, TOps}"/> at
    /// 512 bits, computed exactly as there (the same lanes and chains, so the same bits) but with every load of a row
    /// aligned to a cache line: each vector of a row is cut from the two aligned lines it straddles by a two-source
    /// permute. The aligned loads stay within the lines that hold the row's own elements, so they never touch another
    /// page.
    /// </summary>
    /// <remarks>
    /// One thread, 4096×4096×1 float, old and new builds in alternating processes, each paired with a copy of the
    /// matrix (session 13): rows 16 or 56 bytes off a line 0.78–0.83 of the copy's rate with unaligned loads, 0.87–0.91
    /// with these. Rows on their lines read 0.94–1.01 with plain loads and 0.83–0.84 through the permutes, so aligned
    /// rows keep the plain loads.
    /// </remarks>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static FourRowSums<Vector512<T>> PairsAligned512<T>(int pairEnd, T* r0, T* r1, T* r2, T* r3, T* x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;

        // Per row: q, the line of its first element; c, the line a pair's last element falls in less one vector (one
        // line further only when the row is off a boundary); w, the permute that takes a vector out of two lines.
        nint o0 = ((nint)r0 & (CacheLine - 1)) / sizeof(T), o1 = ((nint)r1 & (CacheLine - 1)) / sizeof(T);
        nint o2 = ((nint)r2 & (CacheLine - 1)) / sizeof(T), o3 = ((nint)r3 & (CacheLine - 1)) / sizeof(T);
        T* q0 = r0 - o0, q1 = r1 - o1, q2 = r2 - o2, q3 = r3 - o3;
        T* c0 = o0 == 0 ? q0 : q0 + lanes, c1 = o1 == 0 ? q1 : q1 + lanes;
        T* c2 = o2 == 0 ? q2 : q2 + lanes, c3 = o3 == 0 ? q3 : q3 + lanes;
        Vector512<T> w0 = WindowOf<T>(o0), w1 = WindowOf<T>(o1), w2 = WindowOf<T>(o2), w3 = WindowOf<T>(o3);
        Vector512<T> a0 = default, a1 = default, a2 = default, a3 = default;
        Vector512<T> b0 = default, b1 = default, b2 = default, b3 = default;
        for (nint p = 0; p < pairEnd; p += 2 * lanes)
        {
            Vector512<T> x0 = Vector512.Load(x + p), x1 = Vector512.Load(x + p + lanes);
            Vector512<T> m0 = Vector512.Load(q0 + p + lanes), m1 = Vector512.Load(q1 + p + lanes);
            Vector512<T> m2 = Vector512.Load(q2 + p + lanes), m3 = Vector512.Load(q3 + p + lanes);
            a0 = Ops512<T>.FusedMultiplyAdd(Window(Vector512.Load(q0 + p), m0, w0), x0, a0);
            a1 = Ops512<T>.FusedMultiplyAdd(Window(Vector512.Load(q1 + p), m1, w1), x0, a1);
            a2 = Ops512<T>.FusedMultiplyAdd(Window(Vector512.Load(q2 + p), m2, w2), x0, a2);
            a3 = Ops512<T>.FusedMultiplyAdd(Window(Vector512.Load(q3 + p), m3, w3), x0, a3);
            b0 = Ops512<T>.FusedMultiplyAdd(Window(m0, Vector512.Load(c0 + p + lanes), w0), x1, b0);
            b1 = Ops512<T>.FusedMultiplyAdd(Window(m1, Vector512.Load(c1 + p + lanes), w1), x1, b1);
            b2 = Ops512<T>.FusedMultiplyAdd(Window(m2, Vector512.Load(c2 + p + lanes), w2), x1, b2);
            b3 = Ops512<T>.FusedMultiplyAdd(Window(m3, Vector512.Load(c3 + p + lanes), w3), x1, b3);
        }

        return new FourRowSums<Vector512<T>> { A0 = a0, A1 = a1, A2 = a2, A3 = a3, B0 = b0, B1 = b1, B2 = b2, B3 = b3 };
    }

    /// <summary>The permute indices offset, offset + 1, … that cut a vector starting <paramref name="offset"/> elements into a line.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> WindowOf<T>(nint offset)
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? (Vector512<int>.Indices + Vector512.Create((int)offset)).As<int, T>()
            : (Vector512<long>.Indices + Vector512.Create((long)offset)).As<long, T>();

    /// <summary>Lanes <c>window[i]</c> of the 2·lanes values <paramref name="lower"/>, <paramref name="upper"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Window<T>(Vector512<T> lower, Vector512<T> upper, Vector512<T> window)
        where T : unmanaged, IFloatingPointIeee754<T>
        => typeof(T) == typeof(float)
            ? Avx512F.PermuteVar16x32x2(lower.AsSingle(), window.AsInt32(), upper.AsSingle()).As<float, T>()
            : Avx512F.PermuteVar8x64x2(lower.AsDouble(), window.AsInt64(), upper.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<T>(T* y, T dot, T alpha, T beta)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        *y = beta == T.Zero ? alpha * dot : T.FusedMultiplyAdd(beta, *y, alpha * dot);
}
