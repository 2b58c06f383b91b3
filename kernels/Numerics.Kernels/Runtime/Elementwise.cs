using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Numerics.Kernels;

/// <summary>
/// Drivers for element-wise operators: they validate nothing (the generated entry points do), choose the
/// widest accelerated vector width, walk memory with one tail policy and split large inputs across threads.
/// </summary>
/// <remarks>
/// <para>Tail policy (also in <c>docs/kernels.md</c>):</para>
/// <list type="bullet">
/// <item>Fewer elements than the narrowest accelerated vector: a scalar loop.</item>
/// <item>Otherwise the widest width W with W ≤ n runs. The first and the last full vectors
/// (<c>[0, W)</c> and <c>[n − W, n)</c>) are loaded and computed before anything is stored; the main loop
/// then starts at the first index where destination 0 is aligned to W elements and stores whole aligned
/// vectors; finally the first and last results are stored, overlapping the main loop's stores with equal
/// values. Every element is therefore computed by the same width, exact in-place use
/// (a destination that is one of the inputs) is safe, and nothing outside the spans is touched.</item>
/// <item>At or above <see cref="KernelThreading.ElementwiseThreshold"/> elements the range is cut into
/// contiguous chunks of whole cache lines, claimed by the calling thread and thread-pool workers (no allocation once
/// warm). Results are bit-identical whatever the chunking,
/// because each element is still computed by the same width.</item>
/// <item>From <see cref="KernelThreading.ElementwiseStreamingBytes"/> bytes of destination 0 the main loop writes with
/// non-temporal stores and prefetches its inputs a page ahead (same vectors, same order, same bits; a store fence
/// before the end vectors are stored).</item>
/// </list>
/// </remarks>
public static class Elementwise
{
    /// <summary>
    /// Runs <typeparamref name="TOperator"/> over <paramref name="y0"/>.Length elements. Inputs and outputs past
    /// the operator's arity are ignored and may be empty; used ones must hold at least that many elements.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <typeparam name="TOperator">The generated operator.</typeparam>
    /// <param name="op">Operator state (per-call scalars).</param>
    /// <param name="x0">Input 0.</param>
    /// <param name="x1">Input 1.</param>
    /// <param name="x2">Input 2.</param>
    /// <param name="x3">Input 3.</param>
    /// <param name="y0">Output 0; its length is the element count.</param>
    /// <param name="y1">Output 1.</param>
    public static unsafe void Run<T, TOperator>(
        TOperator op,
        ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3,
        Span<T> y0, Span<T> y1)
        where T : unmanaged
        where TOperator : struct, IElementwiseOperator<T>, IElementwiseOperator<Vector128<T>>,
            IElementwiseOperator<Vector256<T>>, IElementwiseOperator<Vector512<T>>
    {
        int n = y0.Length;
        if (n == 0)
        {
            return;
        }

        int threads = KernelThreading.ThreadsFor(n, KernelThreading.ElementwiseThreshold);
        bool stream = (long)n * sizeof(T) >= KernelThreading.ElementwiseStreamingBytes;
        if (threads <= 1 && !stream)
        {
            RunSerial<T, TOperator>(op,
                ref MemoryMarshal.GetReference(x0), ref MemoryMarshal.GetReference(x1),
                ref MemoryMarshal.GetReference(x2), ref MemoryMarshal.GetReference(x3),
                ref MemoryMarshal.GetReference(y0), ref MemoryMarshal.GetReference(y1), (nuint)n, stream: false);
            return;
        }

        // Pinned from here on: streaming stores and prefetches take addresses.
        fixed (T* p0 = x0, p1 = x1, p2 = x2, p3 = x3)
        fixed (T* q0 = y0, q1 = y1)
        {
            var body = new ChunkBody<T, TOperator> { Op = op, X0 = p0, X1 = p1, X2 = p2, X3 = p3, Y0 = q0, Y1 = q1, Length = n, Chunks = threads, Stream = stream };
            ParallelChunks<ChunkBody<T, TOperator>>.Run(body, threads, threads);
        }
    }

    /// <summary>
    /// One chunk of a parallel call (<see cref="ParallelChunks{TBody}"/>). Chunk boundaries fall on whole 64-byte
    /// lines of the index space, so every chunk but the last holds a multiple of any vector width and neighbouring
    /// chunks never share a destination cache line.
    /// </summary>
    private unsafe struct ChunkBody<T, TOperator> : IChunkBody
        where T : unmanaged
        where TOperator : struct, IElementwiseOperator<T>, IElementwiseOperator<Vector128<T>>,
            IElementwiseOperator<Vector256<T>>, IElementwiseOperator<Vector512<T>>
    {
        public TOperator Op;
        public T* X0, X1, X2, X3, Y0, Y1;
        public int Length, Chunks;
        public bool Stream;

        public readonly void Run(int chunk)
        {
            int line = 64 / Unsafe.SizeOf<T>();
            int perChunk = ((Length + Chunks - 1) / Chunks + line - 1) / line * line;
            int start = Math.Min(chunk * perChunk, Length);
            int end = Math.Min(start + perChunk, Length);
            if (end <= start)
            {
                return;
            }

            RunSerial<T, TOperator>(Op,
                ref Offset(X0, start), ref Offset(X1, start), ref Offset(X2, start), ref Offset(X3, start),
                ref Offset(Y0, start), ref Offset(Y1, start), (nuint)(end - start), Stream);
        }

        // Absent streams are null pointers; they are never dereferenced, so leave them null rather than offset them.
        private static ref T Offset(T* p, int start) => ref p == null ? ref Unsafe.NullRef<T>() : ref Unsafe.AsRef<T>(p + start);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RunSerial<T, TOperator>(
        TOperator op, ref T x0, ref T x1, ref T x2, ref T x3, ref T y0, ref T y1, nuint n, bool stream)
        where T : unmanaged
        where TOperator : struct, IElementwiseOperator<T>, IElementwiseOperator<Vector128<T>>,
            IElementwiseOperator<Vector256<T>>, IElementwiseOperator<Vector512<T>>
    {
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported && n >= (nuint)Vector512<T>.Count)
        {
            if (stream)
            {
                RunStreamed<T, Vector512<T>, Width512<T>, TOperator>(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
            }
            else
            {
                RunVectorized<T, Vector512<T>, Width512<T>, TOperator>(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
            }
        }
        else if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported && n >= (nuint)Vector256<T>.Count)
        {
            if (stream)
            {
                RunStreamed<T, Vector256<T>, Width256<T>, TOperator>(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
            }
            else
            {
                RunVectorized<T, Vector256<T>, Width256<T>, TOperator>(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
            }
        }
        else if (Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported && n >= (nuint)Vector128<T>.Count)
        {
            if (stream)
            {
                RunStreamed<T, Vector128<T>, Width128<T>, TOperator>(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
            }
            else
            {
                RunVectorized<T, Vector128<T>, Width128<T>, TOperator>(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
            }
        }
        else
        {
            RunScalar(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void RunScalar<T, TOperator>(
        TOperator op, ref T x0, ref T x1, ref T x2, ref T x3, ref T y0, ref T y1, nuint n)
        where T : unmanaged
        where TOperator : struct, IElementwiseOperator<T>
    {
        for (nuint i = 0; i < n; i++)
        {
            T a = Unsafe.Add(ref x0, i);
            T b = TOperator.InputCount > 1 ? Unsafe.Add(ref x1, i) : default;
            T c = TOperator.InputCount > 2 ? Unsafe.Add(ref x2, i) : default;
            T d = TOperator.InputCount > 3 ? Unsafe.Add(ref x3, i) : default;
            op.Invoke(a, b, c, d, out T r0, out T r1);
            Unsafe.Add(ref y0, i) = r0;
            if (TOperator.OutputCount > 1)
            {
                Unsafe.Add(ref y1, i) = r1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Compute<T, TVector, TWidth, TOperator>(
        ref TOperator op, ref T x0, ref T x1, ref T x2, ref T x3, nuint i, out TVector r0, out TVector r1)
        where T : unmanaged
        where TVector : struct
        where TWidth : struct, ISimdWidth<T, TVector>
        where TOperator : struct, IElementwiseOperator<TVector>
    {
        TVector a = TWidth.Load(in x0, i);
        TVector b = TOperator.InputCount > 1 ? TWidth.Load(in x1, i) : default;
        TVector c = TOperator.InputCount > 2 ? TWidth.Load(in x2, i) : default;
        TVector d = TOperator.InputCount > 3 ? TWidth.Load(in x3, i) : default;
        op.Invoke(a, b, c, d, out r0, out r1);
    }

    // Never inlined: the loop must be compiled on its own, with the JIT's whole inlining budget for the operator's
    // body. Tier-1 with PGO inlined it into the public entry point, where the budget ran out half-way through the
    // math (Fma, Select, ScaleByPow2 left as calls): the double-lane kernels (Mish, GeluTanh, QuickGelu, Swish,
    // Softplus, …) ran 5–10× slower than this loop compiled alone.
    // Optimised from the first call: Tier-0 code makes every vector operation a call, and ran the loop 25–100× slower
    // (13–75 ns per element at 4K floats) for the first few hundred calls of a process, often longer, since tier-up
    // waits while the application keeps compiling other methods.
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunVectorized<T, TVector, TWidth, TOperator>(
        TOperator op, ref T x0, ref T x1, ref T x2, ref T x3, ref T y0, ref T y1, nuint n)
        where T : unmanaged
        where TVector : struct
        where TWidth : struct, ISimdWidth<T, TVector>
        where TOperator : struct, IElementwiseOperator<TVector>
    {
        nuint width = (nuint)TWidth.Count;
        nuint lastIndex = n - width;

        // First and last vectors are computed before any store: exact in-place use stays correct.
        ComputeEnds<T, TVector, TWidth, TOperator>(ref op, ref x0, ref x1, ref x2, ref x3, lastIndex,
            out TVector first0, out TVector first1, out TVector last0, out TVector last1);

        // Start the main loop where destination 0 is aligned to the vector size (when elements are aligned at all).
        nuint vectorBytes = width * (nuint)sizeof(T);
        nuint misalignment = (nuint)Unsafe.AsPointer(ref y0) % vectorBytes;
        nuint i = misalignment % (nuint)sizeof(T) == 0 && misalignment != 0
            ? width - misalignment / (nuint)sizeof(T)
            : width;

        // One call site for the operator: a kernel body can be large (transcendental functions inlined), and every
        // extra copy spends the JIT's inlining budget, after which even trivial calls stay calls.
        for (; i + width <= n; i += width)
        {
            Compute<T, TVector, TWidth, TOperator>(ref op, ref x0, ref x1, ref x2, ref x3, i, out TVector a0, out TVector a1);
            TWidth.Store(a0, ref y0, i);
            if (TOperator.OutputCount > 1)
            {
                TWidth.Store(a1, ref y1, i);
            }
        }

        StoreEnds<T, TVector, TWidth, TOperator>(first0, first1, last0, last1, ref y0, ref y1, lastIndex);
    }

    /// <summary>
    /// <see cref="RunVectorized{T, TVector, TWidth, TOperator}"/> for outputs too large to stay in cache (pinned
    /// memory only): the main loop prefetches every input <see cref="PrefetchBytes"/> ahead and stores with
    /// non-temporal (cache-bypassing) stores, so a destination line is written without first being read, and the
    /// hardware prefetcher's stop at each 4 KiB page no longer stalls the loads. The same vectors are computed and
    /// stored, in the same order; a store fence closes the loop before the end vectors are stored normally.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static unsafe void RunStreamed<T, TVector, TWidth, TOperator>(
        TOperator op, ref T x0, ref T x1, ref T x2, ref T x3, ref T y0, ref T y1, nuint n)
        where T : unmanaged
        where TVector : struct
        where TWidth : struct, ISimdWidth<T, TVector>
        where TOperator : struct, IElementwiseOperator<TVector>
    {
        nuint width = (nuint)TWidth.Count;
        nuint vectorBytes = width * (nuint)sizeof(T);
        nuint misalignment = (nuint)Unsafe.AsPointer(ref y0) % vectorBytes;

        // Non-temporal stores need aligned vectors in every destination: elements off their natural alignment, or a
        // second destination aligned differently from the first, take the ordinary loop.
        if (misalignment % (nuint)sizeof(T) != 0
            || (TOperator.OutputCount > 1 && (nuint)Unsafe.AsPointer(ref y1) % vectorBytes != misalignment))
        {
            RunVectorized<T, TVector, TWidth, TOperator>(op, ref x0, ref x1, ref x2, ref x3, ref y0, ref y1, n);
            return;
        }

        nuint lastIndex = n - width;
        ComputeEnds<T, TVector, TWidth, TOperator>(ref op, ref x0, ref x1, ref x2, ref x3, lastIndex,
            out TVector first0, out TVector first1, out TVector last0, out TVector last1);

        nuint i = misalignment != 0 ? width - misalignment / (nuint)sizeof(T) : width;
        nuint ahead = PrefetchBytes / (nuint)sizeof(T);
        for (; i + width <= n; i += width)
        {
            Streaming.Prefetch(in x0, i + ahead);
            if (TOperator.InputCount > 1)
            {
                Streaming.Prefetch(in x1, i + ahead);
            }

            if (TOperator.InputCount > 2)
            {
                Streaming.Prefetch(in x2, i + ahead);
            }

            if (TOperator.InputCount > 3)
            {
                Streaming.Prefetch(in x3, i + ahead);
            }

            Compute<T, TVector, TWidth, TOperator>(ref op, ref x0, ref x1, ref x2, ref x3, i, out TVector a0, out TVector a1);
            TWidth.StoreNonTemporal(a0, ref y0, i);
            if (TOperator.OutputCount > 1)
            {
                TWidth.StoreNonTemporal(a1, ref y1, i);
            }
        }

        Streaming.Fence();
        StoreEnds<T, TVector, TWidth, TOperator>(first0, first1, last0, last1, ref y0, ref y1, lastIndex);
    }

    /// <summary>How far ahead of the loop <see cref="RunStreamed{T, TVector, TWidth, TOperator}"/> prefetches its inputs.</summary>
    internal const nuint PrefetchBytes = 4096;

    /// <summary>Stores the first and last vectors of <see cref="ComputeEnds{T, TVector, TWidth, TOperator}"/> (ordinary stores).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreEnds<T, TVector, TWidth, TOperator>(
        TVector first0, TVector first1, TVector last0, TVector last1, ref T y0, ref T y1, nuint lastIndex)
        where T : unmanaged
        where TVector : struct
        where TWidth : struct, ISimdWidth<T, TVector>
        where TOperator : struct, IElementwiseOperator<TVector>
    {
        TWidth.Store(first0, ref y0, 0);
        TWidth.Store(last0, ref y0, lastIndex);
        if (TOperator.OutputCount > 1)
        {
            TWidth.Store(first1, ref y1, 0);
            TWidth.Store(last1, ref y1, lastIndex);
        }
    }

    /// <summary>The first and last vectors, compiled apart from the main loop so the loop keeps its inlining budget.</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void ComputeEnds<T, TVector, TWidth, TOperator>(
        ref TOperator op, ref T x0, ref T x1, ref T x2, ref T x3, nuint lastIndex,
        out TVector first0, out TVector first1, out TVector last0, out TVector last1)
        where T : unmanaged
        where TVector : struct
        where TWidth : struct, ISimdWidth<T, TVector>
        where TOperator : struct, IElementwiseOperator<TVector>
    {
        Compute<T, TVector, TWidth, TOperator>(ref op, ref x0, ref x1, ref x2, ref x3, 0, out first0, out first1);
        Compute<T, TVector, TWidth, TOperator>(ref op, ref x0, ref x1, ref x2, ref x3, lastIndex, out last0, out last1);
    }
}
