using System;
using System.Buffers;
using System.Numerics;
using Numerics.Kernels;
using Numerics.Kernels.Gemm;

namespace Numerics.Gemm;

/// <summary>
/// Chooses how to compute one validated product: scale only (k = 0 or alpha = 0), a direct path without packing
/// (m = 1 or n = 1), a small path (every dimension ≤ <see cref="SmallLimit"/>: <see cref="GemmSmall"/>, on the
/// calling thread, A and B read in place, no pooled buffers), or the blocked product with the widest micro-kernel
/// this machine runs, on as many threads as the size earns.
/// </summary>
internal static unsafe class GemmCore
{
    /// <summary>Largest m, n and k of the small path.</summary>
    public const int SmallLimit = 32;

    /// <summary>Threads for <paramref name="flops"/> floating-point operations (<see cref="KernelThreading.GemmThreshold"/>).</summary>
    public static int ThreadsFor(double flops) =>
        flops < KernelThreading.GemmThreshold ? 1 : Math.Max(1, KernelThreading.MaxThreads);

    /// <summary>Name of the micro-kernel the blocked product uses for <typeparamref name="T"/> on this machine.</summary>
    public static string MicroKernelName<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return SgemmKernel_V512_12x32.IsSupported ? nameof(SgemmKernel_V512_12x32)
                : SgemmKernel_V256_6x16.IsSupported ? nameof(SgemmKernel_V256_6x16)
                : SgemmKernel_V128_6x8.IsSupported ? nameof(SgemmKernel_V128_6x8)
                : nameof(SgemmKernel_Scalar_2x4);
        }

        return DgemmKernel_V512_6x32.IsSupported ? nameof(DgemmKernel_V512_6x32)
            : DgemmKernel_V256_6x8.IsSupported ? nameof(DgemmKernel_V256_6x8)
            : DgemmKernel_V128_6x4.IsSupported ? nameof(DgemmKernel_V128_6x4)
            : nameof(DgemmKernel_Scalar_2x4);
    }

    /// <summary>The block sizes the blocked product uses for <typeparamref name="T"/> on this machine.</summary>
    public static GemmBlocking BlockingOf<T>()
        where T : unmanaged
    {
        if (typeof(T) == typeof(float))
        {
            return SgemmKernel_V512_12x32.IsSupported ? GemmBlockSizes.Single512
                : SgemmKernel_V256_6x16.IsSupported ? GemmBlockSizes.Single256
                : SgemmKernel_V128_6x8.IsSupported ? GemmBlockSizes.Single128
                : GemmBlockSizes.SingleScalar;
        }

        return DgemmKernel_V512_6x32.IsSupported ? GemmBlockSizes.Double512
            : DgemmKernel_V256_6x8.IsSupported ? GemmBlockSizes.Double256
            : DgemmKernel_V128_6x4.IsSupported ? GemmBlockSizes.Double128
            : GemmBlockSizes.DoubleScalar;
    }

    public static void Run<T>(in GemmArgs<T> g, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.M == 0 || g.N == 0)
        {
            return;
        }

        if (g.K == 0 || g.Alpha == T.Zero)
        {
            ScaleC(g);
            return;
        }

        if (g.M == 1 || g.N == 1)
        {
            RunVectorCase(g, threads);
        }
        else if (g.M <= SmallLimit && g.N <= SmallLimit && g.K <= SmallLimit)
        {
            GemmSmall.Run(g);
        }
        else
        {
            RunBlocked(g, threads);
        }
    }

    /// <summary>C = beta·C (beta = 0: C = 0, never read), as BLAS does when there is nothing to multiply.</summary>
    private static void ScaleC<T>(in GemmArgs<T> g)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int i = 0; i < g.M; i++)
        {
            var row = new Span<T>(g.C + i * g.Ldc, g.N);
            if (g.Beta == T.Zero)
            {
                row.Clear();
            }
            else if (g.Beta != T.One)
            {
                for (int j = 0; j < row.Length; j++)
                {
                    row[j] *= g.Beta;
                }
            }
        }
    }

    private static void RunVectorCase<T>(in GemmArgs<T> g, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (g.M == 1 && g.TransB == Transpose.None)
        {
            // c = op(A) row · B: a combination of B's rows.
            Combination(g.K, g.OpA(0, 0), g.TransA == Transpose.None ? 1 : g.Lda, g.B, g.Ldb, g.N, g.Alpha, g.Beta, g.C, 1, threads);
        }
        else if (g.M == 1)
        {
            // c[j] = B row j · op(A) row.
            Dots(g.N, g.K, g.B, g.Ldb, g.A, g.TransA == Transpose.None ? 1 : g.Lda, g.Alpha, g.Beta, g.C, 1, threads);
        }
        else if (g.TransA == Transpose.None)
        {
            // n = 1: c[i] = A row i · op(B) column.
            Dots(g.M, g.K, g.A, g.Lda, g.B, g.TransB == Transpose.None ? g.Ldb : 1, g.Alpha, g.Beta, g.C, g.Ldc, threads);
        }
        else
        {
            // n = 1, op(A) = Aᵀ: c = op(B) column · A, a combination of A's rows.
            Combination(g.K, g.B, g.TransB == Transpose.None ? g.Ldb : 1, g.A, g.Lda, g.M, g.Alpha, g.Beta, g.C, g.Ldc, threads);
        }
    }

    /// <summary><c>y = alpha · s·mat + beta · y</c> (y of length n with stride incY), split by columns across threads.</summary>
    public static void Combination<T>(int k, T* s, nint sInc, T* mat, nint ldm, int n, T alpha, T beta, T* y, nint incY, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (incY == 1)
        {
            CombinationSplit(k, s, sInc, mat, ldm, n, alpha, beta, y, threads);
            return;
        }

        // Strided output: compute into a contiguous copy, then write back.
        T[] rented = ArrayPool<T>.Shared.Rent(n);
        fixed (T* copy = rented)
        {
            if (beta != T.Zero)
            {
                for (int j = 0; j < n; j++)
                {
                    copy[j] = y[j * incY];
                }
            }

            CombinationSplit(k, s, sInc, mat, ldm, n, alpha, beta, copy, threads);
            for (int j = 0; j < n; j++)
            {
                y[j * incY] = copy[j];
            }
        }

        ArrayPool<T>.Shared.Return(rented);
    }

    private static void CombinationSplit<T>(int k, T* s, nint sInc, T* mat, nint ldm, int n, T alpha, T beta, T* y, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int blocks = (k + GemmBlockSizes.Kc<T>() - 1) / GemmBlockSizes.Kc<T>();
        if (threads > 1 && blocks >= 2 * threads && (long)blocks * n * sizeof(T) <= DepthSplitBytes)
        {
            // Split the depth: each thread sums whole rows of the matrix for its share of the KC blocks (one
            // front-to-back stream), then the calling thread applies the blocks to y in order, exactly as one thread
            // would. Splitting the columns instead, each thread read half of every row. Paired, two threads, float:
            // 1×4096×4096 1.17–1.23 of the column split in five runs of seven, 1.04–1.33 on other shapes (docs/gemm.md).
            T[] rented = ArrayPool<T>.Shared.Rent(blocks * n);
            try
            {
                fixed (T* sums = rented)
                {
                    var depth = new DepthBody<T> { K = k, S = s, SInc = sInc, Mat = mat, Ldm = ldm, N = n, Blocks = blocks, Sums = sums, Chunks = threads };
                    ParallelChunks<DepthBody<T>>.Run(depth, threads, threads);
                    GemmDirect.FinishBlocks(sums, blocks, n, alpha, beta, y);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(rented);
            }

            return;
        }

        threads = Math.Min(threads, n / 256);
        if (threads <= 1)
        {
            GemmDirect.RowCombination(k, s, sInc, mat, ldm, n, alpha, beta, y);
            return;
        }

        var body = new CombinationBody<T> { K = k, S = s, SInc = sInc, Mat = mat, Ldm = ldm, N = n, Alpha = alpha, Beta = beta, Y = y, Chunks = threads };
        ParallelChunks<CombinationBody<T>>.Run(body, threads, threads);
    }

    /// <summary>Most bytes of per-block sums the depth split of <see cref="CombinationSplit{T}"/> holds (16 KiB per KC block of a 4096-float row: 256 KiB at 1×4096×4096).</summary>
    private const long DepthSplitBytes = 4 << 20;

    /// <summary><c>y[i·incY] = alpha · mat row i · x + beta · y[i·incY]</c> for i &lt; m, split by rows across threads.</summary>
    public static void Dots<T>(int m, int k, T* mat, nint ldm, T* x, nint incX, T alpha, T beta, T* y, nint incY, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[]? rented = null;
        if (incX != 1)
        {
            // Strided vector: gather it once so the dot products stream contiguous memory.
            rented = ArrayPool<T>.Shared.Rent(k);
            for (int p = 0; p < k; p++)
            {
                rented[p] = x[p * incX];
            }
        }

        fixed (T* gathered = rented)
        {
            T* xs = rented is null ? x : gathered;
            threads = Math.Min(threads, m / 16);
            if (threads <= 1)
            {
                GemmDirect.RowDots(m, k, mat, ldm, xs, alpha, beta, y, incY);
            }
            else
            {
                var body = new DotsBody<T> { M = m, K = k, Mat = mat, Ldm = ldm, X = xs, Alpha = alpha, Beta = beta, Y = y, IncY = incY, Chunks = threads };
                ParallelChunks<DotsBody<T>>.Run(body, threads, threads);
            }
        }

        if (rented is not null)
        {
            ArrayPool<T>.Shared.Return(rented);
        }
    }

    /// <summary>The blocked product with the widest supported micro-kernel.</summary>
    private static void RunBlocked<T>(in GemmArgs<T> g, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            ref readonly GemmArgs<float> f = ref System.Runtime.CompilerServices.Unsafe.As<GemmArgs<T>, GemmArgs<float>>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in g));
            if (SgemmKernel_V512_12x32.IsSupported)
            {
                RunWith<float, SgemmKernel_V512_12x32>(f, GemmBlockSizes.Single512, threads);
            }
            else if (SgemmKernel_V256_6x16.IsSupported)
            {
                RunWith<float, SgemmKernel_V256_6x16>(f, GemmBlockSizes.Single256, threads);
            }
            else if (SgemmKernel_V128_6x8.IsSupported)
            {
                RunWith<float, SgemmKernel_V128_6x8>(f, GemmBlockSizes.Single128, threads);
            }
            else
            {
                RunWith<float, SgemmKernel_Scalar_2x4>(f, GemmBlockSizes.SingleScalar, threads);
            }
        }
        else
        {
            ref readonly GemmArgs<double> d = ref System.Runtime.CompilerServices.Unsafe.As<GemmArgs<T>, GemmArgs<double>>(ref System.Runtime.CompilerServices.Unsafe.AsRef(in g));
            if (DgemmKernel_V512_6x32.IsSupported)
            {
                RunWith<double, DgemmKernel_V512_6x32>(d, GemmBlockSizes.Double512, threads);
            }
            else if (DgemmKernel_V256_6x8.IsSupported)
            {
                RunWith<double, DgemmKernel_V256_6x8>(d, GemmBlockSizes.Double256, threads);
            }
            else if (DgemmKernel_V128_6x4.IsSupported)
            {
                RunWith<double, DgemmKernel_V128_6x4>(d, GemmBlockSizes.Double128, threads);
            }
            else
            {
                RunWith<double, DgemmKernel_Scalar_2x4>(d, GemmBlockSizes.DoubleScalar, threads);
            }
        }
    }

    private static void RunWith<T, TKernel>(in GemmArgs<T> g, GemmBlocking blocking, int threads)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TKernel : struct, IGemmMicroKernel<T>
    {
        GemmBlocked<T, TKernel>.Run(g, blocking, threads);
    }

    private struct CombinationBody<T> : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int K, N, Chunks;
        public T* S, Mat, Y;
        public nint SInc, Ldm;
        public T Alpha, Beta;

        public readonly void Run(int chunk)
        {
            // Chunk edges on 64-byte lines so neighbours never share a cache line of y.
            int line = 64 / sizeof(T);
            int per = ((N + Chunks - 1) / Chunks + line - 1) / line * line;
            int start = Math.Min(chunk * per, N), end = Math.Min(start + per, N);
            if (end > start)
            {
                GemmDirect.RowCombination(K, S, SInc, Mat + start, Ldm, end - start, Alpha, Beta, Y + start);
            }
        }
    }

    private struct DepthBody<T> : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int K, N, Blocks, Chunks;
        public T* S, Mat, Sums;
        public nint SInc, Ldm;

        public readonly void Run(int chunk)
        {
            int first = (int)((long)Blocks * chunk / Chunks), end = (int)((long)Blocks * (chunk + 1) / Chunks);
            if (end > first)
            {
                GemmDirect.RowCombinationBlocks(K, S, SInc, Mat, Ldm, N, first, end, Sums + (nint)first * N);
            }
        }
    }

    private struct DotsBody<T> : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public int M, K, Chunks;
        public T* Mat, X, Y;
        public nint Ldm, IncY;
        public T Alpha, Beta;

        public readonly void Run(int chunk)
        {
            int per = (M + Chunks - 1) / Chunks;
            int start = Math.Min(chunk * per, M), end = Math.Min(start + per, M);
            if (end > start)
            {
                GemmDirect.RowDots(end - start, K, Mat + start * Ldm, Ldm, X, Alpha, Beta, Y + start * IncY, IncY);
            }
        }
    }
}
