using System;
using System.Linq;
using System.Runtime.CompilerServices;
using FsCheck;
using FsCheck.Fluent;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests;

public sealed class BufferTests(QueueFixture fixture) : OpenCLTest(fixture)
{
    [OpenCLTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void FloatsRoundTripBitForBit(int length)
    {
        float[] data = Enumerable.Range(0, length).Select(i => i % 5 == 4 ? float.NaN : (i - 3.25f) * 1.5e-3f).ToArray();
        using var buffer = new DeviceBuffer<float>(Queue, data);
        Assert.Equal(length, buffer.Length);
        Assert.Equal(4L * length, buffer.SizeInBytes);
        Assert.Equal(data.Select(BitConverter.SingleToInt32Bits), buffer.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [OpenCLTheory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1000)]
    public void DoublesRoundTripBitForBit(int length)
    {
        double[] data = Enumerable.Range(0, length).Select(i => i % 7 == 6 ? double.NegativeInfinity : Math.ScaleB(i + 0.1, i % 40 - 20)).ToArray();
        using var buffer = new DeviceBuffer<double>(Queue, length);
        buffer.CopyFrom(data);
        var back = new double[length + 3];
        back.AsSpan().Fill(-1);
        buffer.CopyTo(back);
        Assert.Equal(data, back.Take(length));
        Assert.All(back.Skip(length), v => Assert.Equal(-1, v));
    }

    [OpenCLProperty(MaxTest = 60, Replay = "(20261129,1)")]
    public void AnyFloatArrayRoundTrips(float[] data)
    {
        using var buffer = new DeviceBuffer<float>(Queue, data);
        Assert.Equal(data.Select(BitConverter.SingleToInt32Bits), buffer.ToArray().Select(BitConverter.SingleToInt32Bits));
    }

    [OpenCLFact]
    public void PartialCopiesUseTheirOffsets()
    {
        using var buffer = new DeviceBuffer<float>(Queue, new float[10]);
        buffer.CopyFrom([1, 2, 3], 4);
        buffer.CopyFrom([9], 9);
        buffer.CopyFrom([], 10);
        Assert.Equal([0, 0, 0, 0, 1, 2, 3, 0, 0, 9], buffer.ToArray());

        var part = new float[5];
        buffer.CopyTo(part, 3, 4);
        Assert.Equal([0, 1, 2, 3, 0], part);
        buffer.CopyTo(part, 10, 0);
    }

    [OpenCLFact]
    public void CopiesValidateSizesAndNameTheParameter()
    {
        using var buffer = new DeviceBuffer<float>(Queue, 12);

        var e = Assert.Throws<ArgumentException>(() => buffer.CopyTo(new float[10]));
        Assert.Equal("destination", e.ParamName);
        Assert.StartsWith("destination has 10 elements, expected at least 12.", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => buffer.CopyFrom(new float[13]));
        Assert.Equal("source", e.ParamName);
        Assert.StartsWith("source has 13 elements, but the buffer holds only 12.", e.Message, StringComparison.Ordinal);

        e = Assert.Throws<ArgumentException>(() => buffer.CopyFrom(new float[5], 8));
        Assert.Equal("source", e.ParamName);
        Assert.Contains("holds only 4 from offset 8", e.Message, StringComparison.Ordinal);

        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.CopyFrom(new float[1], -1)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.CopyFrom(new float[0], 13)).ParamName);
        Assert.Equal("offset", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.CopyTo(new float[12], -1, 1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.CopyTo(new float[12], 0, -1)).ParamName);
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => buffer.CopyTo(new float[12], 10, 3)).ParamName);

        e = Assert.Throws<ArgumentException>(() => buffer.CopyTo(new float[2], 0, 3));
        Assert.Equal("destination", e.ParamName);
        Assert.StartsWith("destination has 2 elements, expected at least 3.", e.Message, StringComparison.Ordinal);

        Assert.Equal("length", Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceBuffer<float>(Queue, -1)).ParamName);
    }

    [OpenCLFact]
    public void ABufferLargerThanTheDeviceAllowsIsRejectedUpFront()
    {
        long tooMany = Device.MaxAllocationBytes / sizeof(double) + 1;
        if (tooMany > int.MaxValue)
        {
            return; // this device allocates more than an int-length buffer can ask for
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new DeviceBuffer<double>(Queue, (int)tooMany));
        Assert.Equal("length", e.ParamName);
        Assert.Contains(Device.MaxAllocationBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), e.Message, StringComparison.Ordinal);
    }

    [OpenCLFact]
    public void OnlyFloatAndDoubleBuffersExist()
    {
        long live = DeviceBuffer.LiveCount;
        var e = Assert.Throws<NotSupportedException>(() => new DeviceBuffer<int>(Queue, 4));
        Assert.Contains("DeviceBuffer<Int32>", e.Message, StringComparison.Ordinal);
        Assert.Contains("float or double", e.Message, StringComparison.Ordinal);
        Assert.Throws<NotSupportedException>(() => new DeviceBuffer<Half>(Queue, [(Half)1]));
        Assert.Equal(live, DeviceBuffer.LiveCount);
    }

    [OpenCLFact]
    public void UseAfterDisposeThrowsObjectDisposed()
    {
        var buffer = new DeviceBuffer<double>(Queue, [1.0, 2.0]);
        Assert.False(buffer.IsDisposed);
        buffer.Dispose();
        buffer.Dispose(); // twice is fine
        Assert.True(buffer.IsDisposed);
        Assert.Throws<ObjectDisposedException>(() => buffer.CopyTo(new double[2]));
        Assert.Throws<ObjectDisposedException>(() => buffer.CopyTo(new double[2], 0, 1));
        Assert.Throws<ObjectDisposedException>(() => buffer.CopyFrom([3.0]));
        Assert.Throws<ObjectDisposedException>(() => buffer.ToArray());
    }

    [OpenCLFact]
    public void LiveCountFollowsCreateAndDispose()
    {
        long start = DeviceBuffer.LiveCount;
        var a = new DeviceBuffer<float>(Queue, 3);
        var b = new DeviceBuffer<double>(Queue, 0);
        Assert.Equal(start + 2, DeviceBuffer.LiveCount);
        a.Dispose();
        Assert.Equal(start + 1, DeviceBuffer.LiveCount);
        b.Dispose();
        b.Dispose();
        Assert.Equal(start, DeviceBuffer.LiveCount);
    }

    [OpenCLFact]
    public void AnUndisposedBufferIsReleasedByTheFinaliser()
    {
        long start = DeviceBuffer.LiveCount;
        Abandon(Queue);
        Assert.Equal(start + 1, DeviceBuffer.LiveCount);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.Equal(start, DeviceBuffer.LiveCount);

        [MethodImpl(MethodImplOptions.NoInlining)]
        static void Abandon(OpenCLQueue queue) => _ = new DeviceBuffer<float>(queue, 16);
    }

    [OpenCLFact]
    public void BuffersOutliveTheirQueueButCannotCopyThroughIt()
    {
        var queue = new OpenCLQueue(Device);
        var buffer = new DeviceBuffer<float>(queue, [1, 2, 3]);
        Assert.Equal([1, 2, 3], buffer.ToArray());
        queue.Dispose();
        queue.Dispose();
        Assert.Throws<ObjectDisposedException>(() => buffer.ToArray());
        Assert.Throws<ObjectDisposedException>(() => new DeviceBuffer<float>(queue, 1));
        Assert.Throws<ObjectDisposedException>(() => queue.Finish());
        buffer.Dispose();
    }
}
