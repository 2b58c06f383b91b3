using System;
using System.Runtime.CompilerServices;
using System.Threading;
using Numerics.Kernels;
using Silk.NET.OpenCL;

namespace Numerics.OpenCL;

/// <summary>
/// Device memory of one <see cref="OpenCLQueue"/>'s context. Dispose it when done: the memory is released at once
/// (or, if it never is, by the finaliser). <see cref="LiveCount"/> counts the buffers not yet released, so tests can
/// check that nothing leaks.
/// </summary>
public abstract class DeviceBuffer : IDisposable
{
    private static long s_live;

    private protected DeviceBuffer(OpenCLQueue queue, int length, int elementSize)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        Queue = queue;
        Length = length;
        ElementSize = elementSize;
    }

    /// <summary>Number of device buffers created and not yet released, process-wide.</summary>
    public static long LiveCount => Interlocked.Read(ref s_live);

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Size of one element in bytes (4 for <see cref="float"/>, 8 for <see cref="double"/>).</summary>
    public int ElementSize { get; }

    /// <summary>Size in bytes of the elements (<see cref="Length"/> × <see cref="ElementSize"/>).</summary>
    public long SizeInBytes => (long)Length * ElementSize;

    /// <summary>The queue the buffer was created on; it can be used with that queue's context only.</summary>
    public OpenCLQueue Queue { get; }

    /// <summary>Whether <see cref="Dispose()"/> has been called.</summary>
    public bool IsDisposed => Handle.IsClosed;

    internal ClHandle Handle { get; private protected set; } = null!;

    /// <summary>Releases the device memory. Commands already enqueued that use the buffer still complete.</summary>
    public void Dispose()
    {
        Handle.Dispose();
        GC.SuppressFinalize(this);
    }

    internal static void OnCreated() => Interlocked.Increment(ref s_live);

    internal static void OnReleased() => Interlocked.Decrement(ref s_live);

    /// <summary>Holds the memory object for a call, or throws <see cref="ObjectDisposedException"/>.</summary>
    internal ClHandle.Lease Acquire()
    {
        ObjectDisposedException.ThrowIf(Handle.IsClosed, this);
        return Handle.Acquire();
    }
}

/// <summary>
/// A buffer of <see cref="float"/> or <see cref="double"/> elements in device memory. Copies to and from the host
/// are blocking and go through the owning <see cref="DeviceBuffer.Queue"/>, after the commands enqueued before them.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>; any other type throws <see cref="NotSupportedException"/>.</typeparam>
public sealed class DeviceBuffer<T> : DeviceBuffer, IDeviceBuffer<T>
    where T : unmanaged
{
    /// <summary>Allocates <paramref name="length"/> uninitialised elements on <paramref name="queue"/>'s device.</summary>
    /// <param name="queue">The queue whose context owns the memory.</param>
    /// <param name="length">Number of elements; 0 is allowed.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not <see cref="float"/> or <see cref="double"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="length"/> is negative or larger than the device's largest allocation.</exception>
    /// <exception cref="OpenCLException">The device could not allocate the memory.</exception>
    public DeviceBuffer(OpenCLQueue queue, int length)
        : base(queue, length, CheckedElementSize())
    {
        Allocate(ReadOnlySpan<T>.Empty);
    }

    /// <summary>Allocates a buffer holding a copy of <paramref name="source"/>.</summary>
    /// <param name="queue">The queue whose context owns the memory.</param>
    /// <param name="source">The initial contents; the buffer's length is its length.</param>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not <see cref="float"/> or <see cref="double"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="source"/> is larger than the device's largest allocation.</exception>
    /// <exception cref="OpenCLException">The device could not allocate the memory.</exception>
    public DeviceBuffer(OpenCLQueue queue, ReadOnlySpan<T> source)
        : base(queue, source.Length, CheckedElementSize())
    {
        Allocate(source);
    }

    /// <summary>Copies <paramref name="source"/> into the buffer from element 0 (blocking).</summary>
    /// <param name="source">Elements to write; at most <see cref="DeviceBuffer.Length"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="source"/> is longer than the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The buffer or its queue has been disposed.</exception>
    public void CopyFrom(ReadOnlySpan<T> source) => CopyFrom(source, 0);

    /// <summary>Copies <paramref name="source"/> into elements [<paramref name="offset"/>, offset + source.Length) (blocking).</summary>
    /// <param name="source">Elements to write.</param>
    /// <param name="offset">First element of the buffer to write.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative or past the end.</exception>
    /// <exception cref="ArgumentException">The elements do not fit in the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The buffer or its queue has been disposed.</exception>
    public unsafe void CopyFrom(ReadOnlySpan<T> source, int offset)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset, Length);
        if (source.Length > Length - offset)
        {
            throw new ArgumentException(
                offset == 0
                    ? $"source has {source.Length} elements, but the buffer holds only {Length}."
                    : $"source has {source.Length} elements, but the buffer holds only {Length - offset} from offset {offset} (length {Length}).",
                nameof(source));
        }

        if (source.IsEmpty)
        {
            return;
        }

        fixed (T* p = source)
        {
            Queue.Write(this, (nuint)offset * (nuint)sizeof(T), (nuint)source.Length * (nuint)sizeof(T), p);
        }
    }

    /// <summary>Copies the whole buffer into <paramref name="destination"/> (blocking).</summary>
    /// <param name="destination">Receives <see cref="DeviceBuffer.Length"/> elements; may be longer.</param>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the buffer.</exception>
    /// <exception cref="ObjectDisposedException">The buffer or its queue has been disposed.</exception>
    public void CopyTo(Span<T> destination)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        if (destination.Length < Length)
        {
            throw new ArgumentException($"destination has {destination.Length} elements, expected at least {Length}.", nameof(destination));
        }

        CopyTo(destination, 0, Length);
    }

    /// <summary>Copies elements [<paramref name="offset"/>, offset + <paramref name="count"/>) into the start of <paramref name="destination"/> (blocking).</summary>
    /// <param name="destination">Receives <paramref name="count"/> elements.</param>
    /// <param name="offset">First element of the buffer to read.</param>
    /// <param name="count">Number of elements to read.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> or <paramref name="count"/> is negative, or the range runs past the end of the buffer.</exception>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="count"/>.</exception>
    /// <exception cref="ObjectDisposedException">The buffer or its queue has been disposed.</exception>
    public unsafe void CopyTo(Span<T> destination, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(IsDisposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (offset > Length || count > Length - offset)
        {
            throw new ArgumentOutOfRangeException(
                nameof(count), $"Elements [{offset}, {(long)offset + count}) run past the end of the buffer (length {Length}).");
        }

        if (destination.Length < count)
        {
            throw new ArgumentException($"destination has {destination.Length} elements, expected at least {count}.", nameof(destination));
        }

        if (count == 0)
        {
            return;
        }

        fixed (T* p = destination)
        {
            Queue.Read(this, (nuint)offset * (nuint)sizeof(T), (nuint)count * (nuint)sizeof(T), p);
        }
    }

    /// <summary>Copies the buffer into a new array (blocking).</summary>
    /// <returns>The <see cref="DeviceBuffer.Length"/> elements.</returns>
    /// <exception cref="ObjectDisposedException">The buffer or its queue has been disposed.</exception>
    public T[] ToArray()
    {
        var result = new T[Length];
        CopyTo(result);
        return result;
    }

    /// <inheritdoc/>
    public override string ToString() => $"DeviceBuffer<{typeof(T).Name}>[{Length}] on {Queue.Device.Name}";

    private static int CheckedElementSize()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"DeviceBuffer<{typeof(T).Name}> is not supported: device buffers hold float or double elements.");
        }

        return Unsafe.SizeOf<T>();
    }

    private unsafe void Allocate(ReadOnlySpan<T> source)
    {
        long bytes = SizeInBytes;
        if (bytes > Queue.Device.MaxAllocationBytes)
        {
            throw new ArgumentOutOfRangeException(
                source.IsEmpty ? "length" : nameof(source),
                $"{Length} elements of {typeof(T).Name} are {bytes} bytes; the largest buffer {Queue.Device.Name} allocates is {Queue.Device.MaxAllocationBytes} bytes.");
        }

        // OpenCL rejects empty buffers (CL_INVALID_BUFFER_SIZE), so an empty buffer holds one element nobody reads.
        nuint size = (nuint)Math.Max(bytes, sizeof(T));
        fixed (T* p = source)
        {
            MemFlags flags = source.IsEmpty ? MemFlags.ReadWrite : MemFlags.ReadWrite | MemFlags.CopyHostPtr;
            Handle = Queue.CreateMemObject(flags, size, source.IsEmpty ? null : p);
        }
    }
}
