using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Xunit;

namespace Numerics.Kernels.Tests.Infrastructure;

// The guard is checked without crashing the test host: write(2)/read(2) on a pipe report
// EFAULT for an address the process may not read/write, where touching it would raise SIGSEGV.
public sealed class BoundedMemoryTests
{
    private static readonly int PageSize = Environment.SystemPageSize;

    public static TheoryData<int, GuardPosition> Shapes()
    {
        TheoryData<int, GuardPosition> data = [];
        foreach (int length in new[] { 0, 1, 2, 3, 7, 255, 1023, 1024, 1025, 4096 })
        {
            data.Add(length, GuardPosition.After);
            data.Add(length, GuardPosition.Before);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FloatSpanTouchesTheGuardPage(int length, GuardPosition guard) => AssertLayout<float>(length, guard);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void DoubleSpanTouchesTheGuardPage(int length, GuardPosition guard) => AssertLayout<double>(length, guard);

    [Theory]
    [MemberData(nameof(Shapes))]
    public void ByteSpanTouchesTheGuardPage(int length, GuardPosition guard) => AssertLayout<byte>(length, guard);

    [Fact]
    public void EveryElementInBoundsIsReadableAndWritable()
    {
        using BoundedMemory<float> after = BoundedMemory.Allocate<float>(1025);
        using BoundedMemory<double> before = BoundedMemory.Allocate<double>(1025, GuardPosition.Before);
        Span<float> a = after.Span;
        Span<double> b = before.Span;
        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(0f, a[i]);
            a[i] = i;
            b[i] = -i;
        }

        for (int i = 0; i < a.Length; i++)
        {
            Assert.Equal(i, a[i]);
            Assert.Equal(-i, b[i]);
        }
    }

    [Fact]
    public void GuardPageIsMappedWithNoAccess()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc/self/maps is Linux-only; the EFAULT probes cover macOS.
        }

        using BoundedMemory<float> memory = BoundedMemory.Allocate<float>(100);
        Assert.Equal("---p", PermissionsAt(memory.GuardPage));
        Assert.Equal("rw-p", PermissionsAt(memory.Address));

        memory.MakeReadOnly();
        Assert.Equal("r--p", PermissionsAt(memory.Address));
        Assert.Equal("---p", PermissionsAt(memory.GuardPage));
    }

    [Fact]
    public void ReadOnlyMemoryRejectsWritesButNotReads()
    {
        using BoundedMemory<float> memory = BoundedMemory.AllocateFrom<float>([1, 2, 3, 4, 5]);
        memory.MakeReadOnly();
        Assert.False(LibC.CanWrite(memory.Address, sizeof(float)));
        Assert.True(LibC.CanRead(memory.Address, 5 * sizeof(float)));
        Assert.Equal([1f, 2, 3, 4, 5], memory.ReadOnlySpan.ToArray());

        memory.MakeWritable();
        Assert.True(LibC.CanWrite(memory.Address, sizeof(float)));
        memory.Span[4] = 6;
        Assert.Equal(6f, memory.Span[4]);
    }

    [Fact]
    public void DisposeUnmapsOnceAndForbidsFurtherUse()
    {
        BoundedMemory<int> memory = BoundedMemory.Allocate<int>(16);
        memory.Dispose();
        memory.Dispose();
        Assert.Throws<ObjectDisposedException>(() => memory.Span.Length);
        Assert.Throws<ObjectDisposedException>(memory.MakeReadOnly);
    }

    [Fact]
    public void NegativeLengthIsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>("length", () => BoundedMemory.Allocate<float>(-1));

    private static unsafe void AssertLayout<T>(int length, GuardPosition guard)
        where T : unmanaged
    {
        using BoundedMemory<T> memory = BoundedMemory.Allocate<T>(length, guard);
        Assert.Equal(length, memory.Span.Length);
        Assert.Equal(0, memory.GuardPage % PageSize);
        int bytes = length * sizeof(T);

        Assert.False(LibC.CanRead(memory.GuardPage, 1));
        Assert.False(LibC.CanRead(memory.GuardPage + PageSize - 1, 1));
        if (guard == GuardPosition.After)
        {
            Assert.Equal(memory.GuardPage, memory.Address + bytes);
            Assert.False(LibC.CanRead(memory.Address + bytes, sizeof(T)));
            Assert.False(LibC.CanWrite(memory.Address + bytes, sizeof(T)));
        }
        else
        {
            Assert.Equal(memory.GuardPage + PageSize, memory.Address);
            Assert.False(LibC.CanRead(memory.Address - sizeof(T), sizeof(T)));
            Assert.False(LibC.CanWrite(memory.Address - sizeof(T), sizeof(T)));
        }

        if (length > 0)
        {
            Assert.True(LibC.CanRead(memory.Address, bytes));
            Assert.True(LibC.CanWrite(memory.Address + bytes - sizeof(T), sizeof(T)));
            Assert.True(LibC.CanWrite(memory.Address, sizeof(T)));
        }
    }

    // The permission column of the /proc/self/maps line whose range holds the address.
    private static string PermissionsAt(nint address)
    {
        ulong target = (ulong)address;
        foreach (string line in File.ReadLines("/proc/self/maps"))
        {
            string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string[] range = fields[0].Split('-');
            ulong start = ulong.Parse(range[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            ulong end = ulong.Parse(range[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (start <= target && target < end)
            {
                return fields[1];
            }
        }

        Assert.Fail($"0x{target:X} is not mapped.");
        return string.Empty;
    }
}
