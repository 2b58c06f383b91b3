using System;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Threading;
using Numerics.Kernels;

namespace Numerics.Gemm;

/// <summary>
/// The BLIS-structured product: five loops (jc over NC columns, pc over KC depth, ic over MC rows, ir over MR
/// rows, jr over NR columns) around a generated micro-kernel, with op(B) packed once per (jc, pc) block and shared
/// by every thread, and op(A) packed per row block by the thread that uses it.
/// </summary>
/// <remarks>
/// <para>
/// Work is a fixed sequence of tasks: for each (jc, pc) step, a few "pack this part of B" tasks, then the row
/// blocks of C. Threads claim tasks in order. Packed B is double-buffered (steps alternate between two buffers), so a
/// B task waits only until the step two back has finished with its buffer, and a row task waits until its step's B
/// is packed and the same rows of the previous step are done (they update the same block of C). Nothing waits for a
/// whole step, so a thread that finishes its share early packs the next B instead of spinning. A task only ever waits
/// for tasks with smaller numbers, which have all been claimed by running threads, so the scheme cannot deadlock,
/// and the caller takes part, so a slow thread pool only makes the call serial.
/// </para>
/// <para>
/// Every element of C is a chain of fused multiply-adds over p restarted every KC steps, whatever the thread count,
/// row blocking or instruction set: results are bit-identical across all of them (<see cref="GemmBlockSizes.Kc{T}"/>).
/// </para>
/// </remarks>
internal sealed unsafe class GemmBlocked<T, TKernel> : IThreadPoolWorkItem
    where T : unmanaged, IFloatingPointIeee754<T>
    where TKernel : struct, IGemmMicroKernel<T>
{
    private const int Alignment = 64;
    private static GemmBlocked<T, TKernel>? s_cached;

    // Buffers persist with the instance (pinned, 64-byte aligned views): a warm call allocates nothing.
    private readonly T[]?[] _bArrays = new T[]?[2];
    private readonly nint[] _bPacks = new nint[2];
    private int _bCapacity;
    private T[]?[] _aArrays = [];
    private nint[] _aPacks = [];
    private int _aCapacity;

    private GemmArgs<T> _g;
    private GemmBlocking _blocking;
    private int _threads, _stepsK, _bTasks, _rowTasks, _rowsPerTask, _tasksPerStep, _totalTasks, _inPlaceAColumns;
    private int _nextTask, _doneTasks, _participants, _queuedItems;

    // Progress per step: B parts packed, row tasks finished, and a done flag per row task (step · rowTasks + row).
    private int[] _bPacked = [];
    private int[] _rowsFinished = [];
    private int[] _rowDone = [];

    public static void Run(in GemmArgs<T> g, GemmBlocking blocking, int threads)
    {
        GemmBlocked<T, TKernel> job = Interlocked.Exchange(ref s_cached, null) ?? new GemmBlocked<T, TKernel>();

        // A work item of the previous call may not have run yet (it finds no task left when it does): let it finish
        // before the fields change under it. It only has to be scheduled; it never waits for anything.
        if (Volatile.Read(ref job._queuedItems) != 0)
        {
            SpinWait straggler = default;
            while (Volatile.Read(ref job._queuedItems) != 0)
            {
                straggler.SpinOnce();
            }
        }

        job.Prepare(g, blocking, threads);
        Volatile.Write(ref job._queuedItems, job._threads - 1);
        for (int i = 1; i < job._threads; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(job, preferLocal: false);
        }

        job.Participate();
        WaitUntil(ref job._doneTasks, job._totalTasks);

        // Cached even while a late work item still holds it (the next call waits for that item): a warm call
        // allocates nothing, whatever the pool's timing.
        job._g = default;
        Volatile.Write(ref s_cached, job);
    }

    public void Execute()
    {
        Participate();
        Interlocked.Decrement(ref _queuedItems);
    }

    private void Prepare(in GemmArgs<T> g, GemmBlocking blocking, int threads)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        _g = g;
        _blocking = blocking;
        int nc = Math.Min(blocking.Nc, g.N);
        int stepsN = (g.N + blocking.Nc - 1) / blocking.Nc;
        _stepsK = (g.K + blocking.Kc - 1) / blocking.Kc;

        // Row blocks: at most MC rows each, and a multiple of the thread count of them so both cores stay busy.
        int rowTasks = (g.M + blocking.Mc - 1) / blocking.Mc;
        int mPanels = (g.M + mr - 1) / mr;
        rowTasks = Math.Min(mPanels, (rowTasks + threads - 1) / threads * threads);
        int panelsPerTask = (mPanels + rowTasks - 1) / rowTasks;
        _rowsPerTask = panelsPerTask * mr;
        _rowTasks = (g.M + _rowsPerTask - 1) / _rowsPerTask;
        _threads = Math.Max(1, Math.Min(threads, _rowTasks));

        // One thread reads a row-major A in place at any width of B: skipping the packing pass gained 0–3% (float)
        // and 1–5% (double) at 512³…2048³, paired. With two threads, both cores' first tiles of each row panel then
        // read A from L3 at once, and packed A measured 1–9% faster (docs/gemm.md).
        _inPlaceAColumns = _threads == 1 && g.TransA == Transpose.None ? int.MaxValue : blocking.InPlaceAColumns;
        _bTasks = _threads;
        _tasksPerStep = _bTasks + _rowTasks;
        _totalTasks = stepsN * _stepsK * _tasksPerStep;
        _nextTask = 0;
        _doneTasks = 0;
        _participants = 0;

        int steps = stepsN * _stepsK;
        if (_bPacked.Length < steps)
        {
            _bPacked = new int[steps];
            _rowsFinished = new int[steps];
        }

        if (_rowDone.Length < steps * _rowTasks)
        {
            _rowDone = new int[steps * _rowTasks];
        }

        Array.Clear(_bPacked, 0, steps);
        Array.Clear(_rowsFinished, 0, steps);
        Array.Clear(_rowDone, 0, steps * _rowTasks);

        int kc = Math.Min(blocking.Kc, g.K);
        EnsureB(kc * ((nc + nr - 1) / nr * nr), buffers: _threads > 1 && steps > 1 ? 2 : 1);
        EnsureA(_threads, kc * _rowsPerTask);
    }

    private void Participate()
    {
        int me = Interlocked.Increment(ref _participants) - 1;
        if (me >= _threads)
        {
            return;
        }

        T* aPack = (T*)_aPacks[me];
        int task;
        while ((task = Interlocked.Increment(ref _nextTask) - 1) < _totalTasks)
        {
            int step = task / _tasksPerStep;
            int index = task - step * _tasksPerStep;
            if (index < _bTasks)
            {
                // The buffer this step packs into was last read by the row tasks two steps back.
                if (step >= 2)
                {
                    WaitUntil(ref _rowsFinished[step - 2], _rowTasks);
                }

                PackB(step, index);
                Interlocked.Increment(ref _bPacked[step]);
            }
            else
            {
                int row = index - _bTasks;
                WaitUntil(ref _bPacked[step], _bTasks);
                if (step >= 1)
                {
                    // The same rows of the previous step update the same block of C (or, across a jc boundary,
                    // another block: waiting then costs nothing, since that task was claimed long before).
                    WaitUntil(ref _rowDone[(step - 1) * _rowTasks + row], 1);
                }

                ComputeRows(step, row, aPack);
                Volatile.Write(ref _rowDone[step * _rowTasks + row], 1);
                Interlocked.Increment(ref _rowsFinished[step]);
            }

            Interlocked.Increment(ref _doneTasks);
        }
    }

    /// <summary>Spins until <paramref name="counter"/> reaches <paramref name="target"/>.</summary>
    private static void WaitUntil(ref int counter, int target)
    {
        if (Volatile.Read(ref counter) >= target)
        {
            return;
        }

        SpinWait spinner = default;
        while (Volatile.Read(ref counter) < target)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Step(int step, out int j0, out int nc, out int p0, out int kc)
    {
        int jStep = step / _stepsK;
        int pStep = step - jStep * _stepsK;
        j0 = jStep * _blocking.Nc;
        nc = Math.Min(_blocking.Nc, _g.N - j0);
        p0 = pStep * _blocking.Kc;
        kc = Math.Min(_blocking.Kc, _g.K - p0);
    }

    private void PackB(int step, int part)
    {
        Step(step, out int j0, out int nc, out int p0, out int kc);
        int panels = (nc + TKernel.Nr - 1) / TKernel.Nr;
        int first = (int)((long)panels * part / _bTasks);
        int end = (int)((long)panels * (part + 1) / _bTasks);
        GemmPacking.PackB(_g, p0, kc, j0, nc, TKernel.Nr, first, end, BufferOf(step));
    }

    private void ComputeRows(int step, int rowTask, T* aPack)
    {
        Step(step, out int j0, out int nc, out int p0, out int kc);
        int i0 = rowTask * _rowsPerTask;
        int mc = Math.Min(_rowsPerTask, _g.M - i0);

        // Later depth blocks add onto what the first wrote.
        T beta = p0 == 0 ? _g.Beta : T.One;
        T* b = BufferOf(step);
        T* c = _g.C + (nint)i0 * _g.Ldc + j0;
        int inPlaceRows = 0;
        if (nc <= _inPlaceAColumns)
        {
            // Few tiles per row panel: packing A would cost about as much as it saves. Whole panels read A in place
            // (its rows, or for op(A) = Aᵀ its k steps); a last partial panel is packed (its padding must not come
            // from A).
            inPlaceRows = mc / TKernel.Mr * TKernel.Mr;
            Macro(kc, inPlaceRows, nc, _g.OpA(i0, p0), _g.Lda, InPlaceLayout(_g), b, c, _g.Ldc, _g.Alpha, beta);
        }

        if (inPlaceRows < mc)
        {
            GemmPacking.PackA(_g, i0 + inPlaceRows, mc - inPlaceRows, p0, kc, TKernel.Mr, aPack);
            Macro(kc, mc - inPlaceRows, nc, aPack, 0, ALayout.Packed, b, c + (nint)inPlaceRows * _g.Ldc, _g.Ldc, _g.Alpha, beta);
        }
    }

    /// <summary>How A is read in place: along its rows (op(A) = A) or by k steps (op(A) = Aᵀ).</summary>
    private static ALayout InPlaceLayout(in GemmArgs<T> g) => g.TransA == Transpose.None ? ALayout.Rows : ALayout.Steps;

    /// <summary>Where the macro loop reads A: packed panels, or A in place (<see cref="IGemmMicroKernel{T}.RunRowMajorA"/>, <see cref="IGemmMicroKernel{T}.RunStridedA"/>).</summary>
    private enum ALayout
    {
        Packed,
        Rows,
        Steps,
    }

    /// <summary>
    /// The ir and jr loops over one block of A and one packed block of B: each A micro-panel stays in L1 while the row
    /// of tiles it feeds streams the B micro-panels from L2, so the C tiles of one call run along rows of C (the same
    /// few pages, not a new page per row of every tile). A is packed (panels of <c>kc × MR</c>) or read in place
    /// (whole panels only): rows <paramref name="lda"/> apart, or for op(A) = Aᵀ k steps <paramref name="lda"/> apart.
    /// </summary>
    // The edge tile is written in full by the kernel (beta = 0) before it is read: no zeroing on entry.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private static void Macro(int kc, int mc, int nc, T* aBlock, nint lda, ALayout layout, T* bPack, T* c, nint ldc, T alpha, T beta)
    {
        int mr = TKernel.Mr, nr = TKernel.Nr;
        T* edge = stackalloc T[mr * nr];
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            T* a = aBlock + ir * (layout == ALayout.Packed ? kc : layout == ALayout.Rows ? lda : 1);
            for (int jr = 0; jr < nc; jr += nr)
            {
                int cols = Math.Min(nr, nc - jr);
                T* b = bPack + (nint)jr * kc;
                T* tile = c + ir * ldc + jr;
                if (rows == mr && cols == nr)
                {
                    Tile(layout, kc, a, lda, b, tile, ldc, alpha, beta);
                }
                else
                {
                    // Edge tile: the same kernel into a scratch tile, then the same final fused multiply-add.
                    Tile(layout, kc, a, lda, b, edge, nr, alpha, T.Zero);
                    for (int i = 0; i < rows; i++)
                    {
                        T* dst = tile + i * ldc;
                        T* src = edge + i * nr;
                        if (beta == T.Zero)
                        {
                            new ReadOnlySpan<T>(src, cols).CopyTo(new Span<T>(dst, cols));
                        }
                        else
                        {
                            for (int j = 0; j < cols; j++)
                            {
                                dst[j] = T.FusedMultiplyAdd(beta, dst[j], src[j]);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>One micro-kernel call, through the entry point that reads A as <paramref name="layout"/> says.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Tile(ALayout layout, int kc, T* a, nint lda, T* b, T* c, nint ldc, T alpha, T beta)
    {
        if (layout == ALayout.Packed)
        {
            TKernel.Run(kc, a, b, c, ldc, alpha, beta);
        }
        else if (layout == ALayout.Rows)
        {
            TKernel.RunRowMajorA(kc, a, lda, b, c, ldc, alpha, beta);
        }
        else
        {
            TKernel.RunStridedA(kc, a, lda, b, c, ldc, alpha, beta);
        }
    }

    /// <summary>The packed-B buffer of a step: steps alternate between two when several threads share the work.</summary>
    private T* BufferOf(int step) => (T*)_bPacks[_bArrays[1] is not null && _threads > 1 ? step & 1 : 0];

    private void EnsureB(int elements, int buffers)
    {
        if (_bCapacity < elements)
        {
            _bArrays[0] = _bArrays[1] = null;
            _bCapacity = elements;
        }

        for (int i = 0; i < buffers; i++)
        {
            if (_bArrays[i] is null)
            {
                _bArrays[i] = AllocateAligned(_bCapacity, out T* pack);
                _bPacks[i] = (nint)pack;
            }
        }
    }

    private void EnsureA(int count, int elements)
    {
        if (_aArrays.Length < count || _aCapacity < elements)
        {
            int capacity = Math.Max(_aCapacity, elements);
            int slots = Math.Max(_aArrays.Length, count);
            var arrays = new T[]?[slots];
            var packs = new nint[slots];
            for (int i = 0; i < slots; i++)
            {
                arrays[i] = AllocateAligned(capacity, out T* pack);
                packs[i] = (nint)pack;
            }

            _aArrays = arrays;
            _aPacks = packs;
            _aCapacity = capacity;
        }
    }

    private static T[] AllocateAligned(int elements, out T* aligned)
    {
        T[] array = GC.AllocateUninitializedArray<T>(elements + Alignment / sizeof(T), pinned: true);
        nint address = (nint)Unsafe.AsPointer(ref array[0]);
        aligned = (T*)((address + Alignment - 1) & ~(nint)(Alignment - 1));
        return array;
    }
}
