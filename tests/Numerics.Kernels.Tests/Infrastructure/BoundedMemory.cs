using System;
using System.Runtime.InteropServices;

namespace Numerics.Kernels.Tests.Infrastructure;

/// <summary>Which side of the span the inaccessible guard page sits on.</summary>
public enum GuardPosition
{
    /// <summary>The span ends exactly where the guard page begins: reading one element past the end faults.</summary>
    After,

    /// <summary>The span begins exactly where the guard page ends: reading one element before the start faults.</summary>
    Before,
}

/// <summary>
/// Test memory with an inaccessible (<c>PROT_NONE</c>) page directly after (or before) the
/// span, so a kernel that reads or writes one element out of bounds dies with SIGSEGV
/// instead of passing silently. Linux and macOS (mmap/mprotect).
/// </summary>
public static class BoundedMemory
{
    /// <summary>Allocates <paramref name="length"/> zeroed elements ending at a guard page.</summary>
    public static BoundedMemory<T> Allocate<T>(int length)
        where T : unmanaged => new(length, GuardPosition.After);

    /// <summary>Allocates <paramref name="length"/> zeroed elements next to a guard page on the given side.</summary>
    public static BoundedMemory<T> Allocate<T>(int length, GuardPosition guard)
        where T : unmanaged => new(length, guard);

    /// <summary>Allocates a copy of <paramref name="source"/> ending at a guard page.</summary>
    public static BoundedMemory<T> AllocateFrom<T>(ReadOnlySpan<T> source, GuardPosition guard = GuardPosition.After)
        where T : unmanaged
    {
        BoundedMemory<T> memory = new(source.Length, guard);
        source.CopyTo(memory.Span);
        return memory;
    }
}

/// <summary>
/// A block of <typeparamref name="T"/> beside a guard page; see <see cref="BoundedMemory"/>.
/// Not thread-safe; dispose to unmap.
/// </summary>
public sealed unsafe class BoundedMemory<T> : IDisposable
    where T : unmanaged
{
    private readonly byte* _mapping;
    private readonly nuint _mappingBytes;
    private readonly byte* _dataPages;
    private readonly nuint _dataBytes;
    private readonly T* _first;
    private bool _disposed;

    internal BoundedMemory(int length, GuardPosition guard)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("BoundedMemory needs mmap/mprotect (Linux or macOS).");
        }

        nuint page = (nuint)Environment.SystemPageSize;
        nuint bytes = (nuint)length * (nuint)sizeof(T);
        nuint dataPages = Math.Max(1, (bytes + page - 1) / page);
        _dataBytes = dataPages * page;
        _mappingBytes = _dataBytes + page;

        void* mapping = LibC.mmap(null, _mappingBytes, LibC.ProtRead | LibC.ProtWrite, LibC.MapPrivate | LibC.MapAnonymous, -1, 0);
        if (mapping == LibC.MapFailed)
        {
            throw new OutOfMemoryException($"mmap of {_mappingBytes} bytes failed (errno {Marshal.GetLastPInvokeError()}).");
        }

        _mapping = (byte*)mapping;
        Length = length;
        Guard = guard;
        if (guard == GuardPosition.After)
        {
            _dataPages = _mapping;
            GuardPage = (nint)(_mapping + _dataBytes);
            _first = (T*)(_mapping + _dataBytes - bytes);
        }
        else
        {
            _dataPages = _mapping + page;
            GuardPage = (nint)_mapping;
            _first = (T*)_dataPages;
        }

        Protect((byte*)GuardPage, page, LibC.ProtNone);
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>Which side the guard page is on.</summary>
    public GuardPosition Guard { get; }

    /// <summary>Address of the first byte of the guard page.</summary>
    public nint GuardPage { get; }

    /// <summary>Address of the first element (for length 0, the page boundary).</summary>
    public nint Address
    {
        get
        {
            ThrowIfDisposed();
            return (nint)_first;
        }
    }

    /// <summary>The elements; the byte after the last one (or before the first) is in the guard page.</summary>
    public Span<T> Span
    {
        get
        {
            ThrowIfDisposed();
            return new Span<T>(_first, Length);
        }
    }

    /// <summary>Read-only view of <see cref="Span"/>.</summary>
    public ReadOnlySpan<T> ReadOnlySpan => Span;

    /// <summary>Makes the data pages read-only, so a write into the span faults too.</summary>
    public void MakeReadOnly()
    {
        ThrowIfDisposed();
        Protect(_dataPages, _dataBytes, LibC.ProtRead);
    }

    /// <summary>Makes the data pages writable again.</summary>
    public void MakeWritable()
    {
        ThrowIfDisposed();
        Protect(_dataPages, _dataBytes, LibC.ProtRead | LibC.ProtWrite);
    }

    /// <summary>Unmaps the memory; spans taken earlier must not be used afterwards.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (LibC.munmap(_mapping, _mappingBytes) != 0)
        {
            throw new InvalidOperationException($"munmap failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    private static void Protect(byte* start, nuint bytes, int protection)
    {
        if (LibC.mprotect(start, bytes, protection) != 0)
        {
            throw new InvalidOperationException($"mprotect failed (errno {Marshal.GetLastPInvokeError()}).");
        }
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(_disposed, this);
}

/// <summary>The few libc calls the test infrastructure needs.</summary>
internal static unsafe class LibC
{
    internal const int ProtNone = 0;
    internal const int ProtRead = 1;
    internal const int ProtWrite = 2;
    internal const int MapPrivate = 0x02;

    /// <summary>EFAULT: a system call was handed an address it may not touch.</summary>
    internal const int Efault = 14;

    internal static readonly void* MapFailed = (void*)-1;

    internal static int MapAnonymous => OperatingSystem.IsMacOS() ? 0x1000 : 0x20;

    [DllImport("libc", SetLastError = true)]
    internal static extern void* mmap(void* address, nuint length, int protection, int flags, int fd, nint offset);

    [DllImport("libc", SetLastError = true)]
    internal static extern int mprotect(void* address, nuint length, int protection);

    [DllImport("libc", SetLastError = true)]
    internal static extern int munmap(void* address, nuint length);

    [DllImport("libc", SetLastError = true)]
    internal static extern int pipe(int* fds);

    [DllImport("libc", SetLastError = true)]
    internal static extern nint write(int fd, void* buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    internal static extern nint read(int fd, void* buffer, nuint count);

    [DllImport("libc", SetLastError = true)]
    internal static extern int close(int fd);

    /// <summary>
    /// Whether the kernel may read <paramref name="count"/> bytes at <paramref name="address"/>,
    /// asked without touching them from this process: write(2) of that range into a pipe fails
    /// with EFAULT instead of faulting.
    /// </summary>
    internal static bool CanRead(nint address, int count)
    {
        int* fds = stackalloc int[2];
        Check(pipe(fds) == 0, "pipe");
        try
        {
            nint written = write(fds[1], (void*)address, (nuint)count);
            if (written == count)
            {
                return true;
            }

            int errno = Marshal.GetLastPInvokeError();
            Check(written == -1 && errno == Efault, $"write returned {written}, errno {errno}");
            return false;
        }
        finally
        {
            close(fds[0]);
            close(fds[1]);
        }
    }

    /// <summary>Whether the kernel may write <paramref name="count"/> bytes at <paramref name="address"/>, asked through read(2) from a pipe.</summary>
    internal static bool CanWrite(nint address, int count)
    {
        int* fds = stackalloc int[2];
        Check(pipe(fds) == 0, "pipe");
        try
        {
            byte* source = stackalloc byte[count];
            Check(write(fds[1], source, (nuint)count) == count, "write");
            nint got = read(fds[0], (void*)address, (nuint)count);
            if (got == count)
            {
                return true;
            }

            int errno = Marshal.GetLastPInvokeError();
            Check(got == -1 && errno == Efault, $"read returned {got}, errno {errno}");
            return false;
        }
        finally
        {
            close(fds[0]);
            close(fds[1]);
        }
    }

    private static void Check(bool condition, string what)
    {
        if (!condition)
        {
            throw new InvalidOperationException($"libc probe failed: {what} (errno {Marshal.GetLastPInvokeError()}).");
        }
    }
}
