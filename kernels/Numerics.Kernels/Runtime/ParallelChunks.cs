using System;
using System.Threading;

namespace Numerics.Kernels;

/// <summary>One unit of a chunked parallel loop; a struct, so that a call carries its state without allocating.</summary>
internal interface IChunkBody
{
    /// <summary>Runs chunk <paramref name="chunk"/> (0 ≤ chunk &lt; chunk count). Chunks must be independent.</summary>
    void Run(int chunk);
}

/// <summary>
/// Runs the chunks of a loop on the calling thread and thread-pool workers: each claims the next chunk until none
/// is left, and the caller returns when every chunk is done. The caller works too, so a slow pool only makes the
/// call serial, never stuck. One instance per body type is kept and reused, so a call allocates nothing once warm.
/// </summary>
internal sealed class ParallelChunks<TBody> : IThreadPoolWorkItem
    where TBody : struct, IChunkBody
{
    private static ParallelChunks<TBody>? s_cached;

    private TBody _body;
    private int _chunks, _nextChunk, _pendingChunks, _queuedItems;

    /// <summary>Runs <paramref name="chunks"/> chunks of <paramref name="body"/> on up to <paramref name="threads"/> threads.</summary>
    public static void Run(in TBody body, int chunks, int threads)
    {
        threads = Math.Min(threads, chunks);
        if (threads <= 1)
        {
            TBody local = body;
            for (int i = 0; i < chunks; i++)
            {
                local.Run(i);
            }

            return;
        }

        ParallelChunks<TBody> work = Interlocked.Exchange(ref s_cached, null) ?? new ParallelChunks<TBody>();

        // A work item of the previous call may not have run yet (it finds no chunk left when it does): let it finish
        // before the fields change under it. It only has to be scheduled; it never waits for anything.
        if (Volatile.Read(ref work._queuedItems) != 0)
        {
            SpinWait straggler = default;
            while (Volatile.Read(ref work._queuedItems) != 0)
            {
                straggler.SpinOnce();
            }
        }

        work._body = body;
        work._chunks = chunks;
        work._pendingChunks = chunks;
        Volatile.Write(ref work._nextChunk, 0);
        Volatile.Write(ref work._queuedItems, threads - 1);
        for (int i = 1; i < threads; i++)
        {
            ThreadPool.UnsafeQueueUserWorkItem(work, preferLocal: false);
        }

        work.Drain();

        // The chunks are about equal, so the other threads finish about when this one does: spin (yielding, never
        // sleeping) rather than block on an event.
        if (Volatile.Read(ref work._pendingChunks) != 0)
        {
            SpinWait spinner = default;
            while (Volatile.Read(ref work._pendingChunks) != 0)
            {
                spinner.SpinOnce(sleep1Threshold: -1);
            }
        }

        // Cached even while a late work item still holds it (the next call waits for that item): a warm call
        // allocates nothing, whatever the pool's timing.
        work._body = default;
        Volatile.Write(ref s_cached, work);
    }

    public void Execute()
    {
        Drain();
        Interlocked.Decrement(ref _queuedItems);
    }

    private void Drain()
    {
        TBody body = _body;
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < _chunks)
        {
            body.Run(chunk);
            Interlocked.Decrement(ref _pendingChunks);
        }
    }
}
