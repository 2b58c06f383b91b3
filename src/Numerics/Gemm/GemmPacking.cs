using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Numerics.Gemm;

/// <summary>
/// Copies blocks of op(A) and op(B) into the contiguous k-major micro-panels the micro-kernels read, padding the
/// last panel with zeros so that edge tiles run the same kernel (their extra rows/columns are discarded).
/// </summary>
internal static unsafe class GemmPacking
{
    /// <summary>How many steps ahead <see cref="PackRowsOfB"/> prefetches the row it will read.</summary>
    private const int PrefetchRows = 4;

    /// <summary>
    /// Packs rows <paramref name="i0"/> … +<paramref name="mc"/> and depth <paramref name="p0"/> … +<paramref name="kc"/>
    /// of op(A) into ⌈mc/mr⌉ panels; panel r holds, for each p, the <paramref name="mr"/> values of rows r·mr … r·mr+mr−1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackA<T>(in GemmArgs<T> g, int i0, int mc, int p0, int kc, int mr, T* destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* panel = destination + (nint)ir * kc;
            if (g.TransA == Transpose.None)
            {
                // Rows of A are contiguous along p: the panel is the transpose of a rows×kc block.
                PackTransposed(g.A + (nint)(i0 + ir) * g.Lda + p0, g.Lda, rows, kc, mr, panel);
            }
            else
            {
                // op(A)[i, p] = A[p, i]: the panel's values for one p are contiguous in A.
                T* src = g.A + (nint)p0 * g.Lda + i0 + ir;
                for (int p = 0; p < kc; p++)
                {
                    CopyPadded((byte*)(src + p * g.Lda), (byte*)(panel + (nint)p * mr), rows * sizeof(T), mr * sizeof(T));
                }
            }
        }
    }

    /// <summary>
    /// Packs NR-column panels <paramref name="firstPanel"/> … <paramref name="endPanel"/>−1 of the block of op(B)
    /// at depth <paramref name="p0"/> … +<paramref name="kc"/>, columns <paramref name="j0"/> … +<paramref name="nc"/>;
    /// panel q holds, for each p, the <paramref name="nr"/> values of columns q·nr … q·nr+nr−1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void PackB<T>(in GemmArgs<T> g, int p0, int kc, int j0, int nc, int nr, int firstPanel, int endPanel, T* destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.TransB == Transpose.None)
        {
            PackRowsOfB(g.B + (nint)p0 * g.Ldb + j0, g.Ldb, kc, nc, nr, firstPanel, endPanel, destination);
            return;
        }

        for (int q = firstPanel; q < endPanel; q++)
        {
            // op(B)[p, j] = B[j, p]: the panel is the transpose of a cols×kc block of B.
            int jr = q * nr;
            PackTransposed(g.B + (nint)(j0 + jr) * g.Ldb + p0, g.Ldb, Math.Min(nr, nc - jr), kc, nr, destination + (nint)jr * kc);
        }
    }

    /// <summary>
    /// Panels <paramref name="firstPanel"/> … <paramref name="endPanel"/>−1 of a row-major kc×nc block of B
    /// (<paramref name="source"/>, rows <paramref name="ldb"/> apart): step by step, each row read once from front to
    /// back and its NR-column pieces written to their panels.
    /// </summary>
    /// <remarks>
    /// Panel by panel instead, each panel reads NR values from each of kc rows a row apart (a page apart at n = 1024):
    /// a stride the hardware prefetchers do not follow, so most lines were demand misses. Step by step, the reads are
    /// one front-to-back stream per row, and each piece of the row <see cref="PrefetchRows"/> steps ahead is
    /// prefetched (a new row is a new page, where the prefetchers start over). perf, one thread, float 1024³: B
    /// packing 5.9% of the product's samples panel by panel, 2.8% now (docs/gemm.md).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackRowsOfB<T>(T* source, nint ldb, int kc, int nc, int nr, int firstPanel, int endPanel, T* destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (firstPanel >= endPanel)
        {
            return;
        }

        // Panels with all nr columns, then at most one partial panel (the block's last), padded with zeros.
        int fullEnd = Math.Min(endPanel, nc / nr);
        int lastColumns = nc - fullEnd * nr;
        nint panelSize = (nint)nr * kc;
        for (int p = 0; p < kc; p++)
        {
            T* row = source + p * ldb;
            T* dst = destination + (nint)p * nr;
            byte* ahead = (byte*)(row + (p + PrefetchRows < kc ? PrefetchRows * ldb : 0));
            for (int q = firstPanel; q < fullEnd; q++)
            {
                if (Sse.IsSupported)
                {
                    for (int line = 0; line < nr * sizeof(T); line += 64)
                    {
                        Sse.Prefetch0(ahead + (nint)q * nr * sizeof(T) + line);
                    }
                }

                CopyPadded((byte*)(row + (nint)q * nr), (byte*)(dst + q * panelSize), nr * sizeof(T), nr * sizeof(T));
            }

            if (fullEnd < endPanel)
            {
                CopyPadded((byte*)(row + (nint)fullEnd * nr), (byte*)(dst + fullEnd * panelSize), lastColumns * sizeof(T), nr * sizeof(T));
            }
        }
    }

    /// <summary>
    /// Copies <paramref name="bytes"/> (a multiple of 4) from <paramref name="src"/> to <paramref name="dst"/> and
    /// zeroes the rest up to <paramref name="width"/> bytes: one row of a packed panel (12 floats of A, 32 of B), in
    /// vector moves rather than a call to the general memory copy per row (which cost ~2% of a 1024³ product in B
    /// packing alone and made transposed-A packing the bulk of a 2048×64×64 product).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyPadded(byte* src, byte* dst, int bytes, int width)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i + 64 <= bytes; i += 64)
            {
                Vector512.Store(Vector512.Load(src + i), dst + i);
            }
        }

        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 32 <= bytes; i += 32)
            {
                Vector256.Store(Vector256.Load(src + i), dst + i);
            }
        }

        if (Vector128.IsHardwareAccelerated)
        {
            for (; i + 16 <= bytes; i += 16)
            {
                Vector128.Store(Vector128.Load(src + i), dst + i);
            }
        }

        for (; i < bytes; i += 4)
        {
            *(int*)(dst + i) = *(int*)(src + i);
        }

        for (; i < width; i += 4)
        {
            *(int*)(dst + i) = 0;
        }
    }

    /// <summary>
    /// Writes <c>panel[p·width + i] = source[i·ld + p]</c> for <c>i &lt; rows</c>, <c>p &lt; kc</c>, and zeros for
    /// <c>rows ≤ i &lt; width</c>: the transpose of a rows×kc block into a k-major panel. Full blocks are moved with
    /// in-register transposes: 8×8 for float where AVX runs (eight loads, 24 shuffles, eight stores for 64 values),
    /// 4×4 for the rest of the rows and depths (SSE for float, AVX for double); what is left element by element.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void PackTransposed<T>(T* source, nint ld, int rows, int kc, int width, T* panel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int fullRows = 0;
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            fullRows = rows & ~3;
            int depth8 = 0, rows8 = 0;
            if (Avx.IsSupported)
            {
                depth8 = kc & ~7;
                rows8 = rows & ~7;
                TransposeBlocks8x8((float*)source, ld, rows8, depth8, width, (float*)panel);
            }

            // The 8-row groups' last depths (below a multiple of 4), then the other 4-row groups from depth 0.
            TransposeBlocks4x4((float*)source, ld, 0, rows8, depth8, kc & ~3, width, (float*)panel);
            TransposeBlocks4x4((float*)source, ld, rows8, fullRows, 0, kc & ~3, width, (float*)panel);
        }
        else if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            // The 6-row double panels: rows 0–3 in 4×4 blocks, rows 4 and 5 in 2×2 blocks (element by element they
            // were half of the packing time of a two-thread 1024³ product, perf).
            fullRows = rows & ~1;
            TransposeBlocks4x4((double*)source, ld, rows & ~3, kc & ~3, width, (double*)panel);
            TransposeBlocks2x2((double*)source, ld, rows & ~3, fullRows, kc & ~3, width, (double*)panel);
        }

        // What the blocks left: rows fullRows … rows−1 and the padding up to width at the depths they covered (nothing
        // for a full panel, the common case: a scalar pass over every depth cost a tenth of a k = 64 product), then
        // every row at the remaining depths.
        int vectorDepth = fullRows > 0 ? kc & ~3 : 0;
        if (fullRows < width)
        {
            for (int p = 0; p < vectorDepth; p++)
            {
                CopyColumn(source + p, ld, fullRows, rows, width, panel + (nint)p * width);
            }
        }

        for (int p = vectorDepth; p < kc; p++)
        {
            CopyColumn(source + p, ld, 0, rows, width, panel + (nint)p * width);
        }
    }

    /// <summary><c>dst[i] = src[i·ld]</c> for <c>first ≤ i &lt; rows</c>, then zeros up to <paramref name="width"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyColumn<T>(T* src, nint ld, int first, int rows, int width, T* dst)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int i = first;
        for (; i < rows; i++)
        {
            dst[i] = src[i * ld];
        }

        for (; i < width; i++)
        {
            dst[i] = T.Zero;
        }
    }

    /// <summary>Rows 0 … <paramref name="rows"/>−1 (a multiple of 8) and depths 0 … <paramref name="depth"/>−1 (a multiple of 8), in 8×8 blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeBlocks8x8(float* source, nint ld, int rows, int depth, int width, float* panel)
    {
        for (int i = 0; i < rows; i += 8)
        {
            float* s0 = source + i * ld;
            for (int p = 0; p < depth; p += 8)
            {
                float* s = s0 + p;
                Vector256<float> r0 = Avx.LoadVector256(s), r1 = Avx.LoadVector256(s + ld);
                Vector256<float> r2 = Avx.LoadVector256(s + 2 * ld), r3 = Avx.LoadVector256(s + 3 * ld);
                Vector256<float> r4 = Avx.LoadVector256(s + 4 * ld), r5 = Avx.LoadVector256(s + 5 * ld);
                Vector256<float> r6 = Avx.LoadVector256(s + 6 * ld), r7 = Avx.LoadVector256(s + 7 * ld);

                // Pairs of rows interleaved (per 128-bit half: depths 0,1 | 2,3 of that half)…
                Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1);
                Vector256<float> t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
                Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5);
                Vector256<float> t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);

                // …then four rows of one depth per half (depth d in the low half, d + 4 in the high half)…
                Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE);
                Vector256<float> u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
                Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE);
                Vector256<float> u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);

                // …and the halves of rows 0–3 and 4–7 joined: all eight rows of one depth.
                float* dst = panel + (nint)p * width + i;
                nint w = width;
                Avx.Store(dst, Avx.Permute2x128(u0, u4, 0x20));
                Avx.Store(dst + w, Avx.Permute2x128(u1, u5, 0x20));
                Avx.Store(dst + 2 * w, Avx.Permute2x128(u2, u6, 0x20));
                Avx.Store(dst + 3 * w, Avx.Permute2x128(u3, u7, 0x20));
                Avx.Store(dst + 4 * w, Avx.Permute2x128(u0, u4, 0x31));
                Avx.Store(dst + 5 * w, Avx.Permute2x128(u1, u5, 0x31));
                Avx.Store(dst + 6 * w, Avx.Permute2x128(u2, u6, 0x31));
                Avx.Store(dst + 7 * w, Avx.Permute2x128(u3, u7, 0x31));
            }
        }
    }

    /// <summary>Rows <paramref name="firstRow"/> … <paramref name="endRow"/>−1 and depths <paramref name="firstDepth"/> … <paramref name="endDepth"/>−1 (all multiples of 4), in 4×4 blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeBlocks4x4(float* source, nint ld, int firstRow, int endRow, int firstDepth, int endDepth, int width, float* panel)
    {
        for (int i = firstRow; i < endRow; i += 4)
        {
            float* s0 = source + i * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            for (int p = firstDepth; p < endDepth; p += 4)
            {
                // Rows a, b, c, d of four depths each → four depths of (a, b, c, d).
                Vector128<float> ab01 = Sse.UnpackLow(Sse.LoadVector128(s0 + p), Sse.LoadVector128(s1 + p));
                Vector128<float> ab23 = Sse.UnpackHigh(Sse.LoadVector128(s0 + p), Sse.LoadVector128(s1 + p));
                Vector128<float> cd01 = Sse.UnpackLow(Sse.LoadVector128(s2 + p), Sse.LoadVector128(s3 + p));
                Vector128<float> cd23 = Sse.UnpackHigh(Sse.LoadVector128(s2 + p), Sse.LoadVector128(s3 + p));
                float* dst = panel + (nint)p * width + i;
                Sse.Store(dst, Sse.MoveLowToHigh(ab01, cd01));
                Sse.Store(dst + width, Sse.MoveHighToLow(cd01, ab01));
                Sse.Store(dst + 2 * width, Sse.MoveLowToHigh(ab23, cd23));
                Sse.Store(dst + 3 * width, Sse.MoveHighToLow(cd23, ab23));
            }
        }
    }

    /// <summary>Rows <paramref name="firstRow"/> … <paramref name="endRow"/>−1 (an even count) and depths 0 … <paramref name="depth"/>−1 (even), in 2×2 blocks.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeBlocks2x2(double* source, nint ld, int firstRow, int endRow, int depth, int width, double* panel)
    {
        for (int i = firstRow; i < endRow; i += 2)
        {
            double* s0 = source + i * ld, s1 = s0 + ld;
            for (int p = 0; p < depth; p += 2)
            {
                Vector128<double> r0 = Sse2.LoadVector128(s0 + p), r1 = Sse2.LoadVector128(s1 + p);
                double* dst = panel + (nint)p * width + i;
                Sse2.Store(dst, Sse2.UnpackLow(r0, r1));
                Sse2.Store(dst + width, Sse2.UnpackHigh(r0, r1));
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void TransposeBlocks4x4(double* source, nint ld, int rows, int depth, int width, double* panel)
    {
        for (int i = 0; i < rows; i += 4)
        {
            double* s0 = source + i * ld, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld;
            for (int p = 0; p < depth; p += 4)
            {
                Vector256<double> r0 = Avx.LoadVector256(s0 + p), r1 = Avx.LoadVector256(s1 + p);
                Vector256<double> r2 = Avx.LoadVector256(s2 + p), r3 = Avx.LoadVector256(s3 + p);
                Vector256<double> ab02 = Avx.UnpackLow(r0, r1), ab13 = Avx.UnpackHigh(r0, r1);
                Vector256<double> cd02 = Avx.UnpackLow(r2, r3), cd13 = Avx.UnpackHigh(r2, r3);
                double* dst = panel + (nint)p * width + i;
                Avx.Store(dst, Avx.Permute2x128(ab02, cd02, 0x20));
                Avx.Store(dst + width, Avx.Permute2x128(ab13, cd13, 0x20));
                Avx.Store(dst + 2 * width, Avx.Permute2x128(ab02, cd02, 0x31));
                Avx.Store(dst + 3 * width, Avx.Permute2x128(ab13, cd13, 0x31));
            }
        }
    }
}
