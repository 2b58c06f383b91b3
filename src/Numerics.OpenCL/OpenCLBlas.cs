using System;
using System.Numerics;
using Numerics.Kernels;
using Numerics.Kernels.OpenCL;

namespace Numerics.OpenCL;

/// <summary>
/// BLAS on an OpenCL device: <see cref="Gemm(OpenCLQueue, Transpose, Transpose, int, int, int, float, DeviceBuffer{float}, int, DeviceBuffer{float}, int, float, DeviceBuffer{float}, int)"/>,
/// with the semantics and validation of <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>.
/// </summary>
/// <remarks>
/// The kernels are generated from tile parameters (<see cref="OpenCLGemmKernelAttribute"/>); <see cref="KernelFor"/>
/// picks the GPU variant on GPUs and the CPU variant elsewhere. Each queue compiles a program once and keeps one kernel
/// object per entry point, whose arguments are set and enqueued under its lock, so calls from several threads are safe.
/// </remarks>
public static class OpenCLBlas
{
    /// <summary>
    /// C = alpha·op(A)·op(B) + beta·C on row-major matrices in device memory: op(A) is m × k, op(B) is k × n, C is m × n.
    /// Enqueues the work and returns without waiting (read C with <see cref="DeviceBuffer{T}.CopyTo(Span{T})"/>).
    /// </summary>
    /// <param name="queue">The queue the buffers belong to.</param>
    /// <param name="transA">Whether op(A) = A or Aᵀ (A stored k × m).</param>
    /// <param name="transB">Whether op(B) = B or Bᵀ (B stored n × k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Elements between rows of A as stored; at least its column count (k, or m when transposed), and 1.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Elements between rows of B as stored; at least n (k when transposed), and 1.</param>
    /// <param name="beta">Scale of C before the product is added; when 0, C is written and never read (NaN in C does not propagate).</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/>; must not be <paramref name="a"/> or <paramref name="b"/>.</param>
    /// <param name="ldc">Elements between rows of C; at least n, and 1.</param>
    /// <remarks>
    /// m = 0 or n = 0 does nothing. k = 0 or alpha = 0 sets C = beta·C without reading A or B. Sums run in a different
    /// order than on the CPU (k in steps of the tile depth, one fused multiply-add per step), so results agree with
    /// <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
    /// to rounding, not bit for bit.
    /// </remarks>
    /// <exception cref="ArgumentNullException">The queue or a buffer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a transpose is not a defined value.</exception>
    /// <exception cref="ArgumentException">A leading dimension is too small, a buffer too short or of another queue's context, or C is A or B.</exception>
    /// <exception cref="ObjectDisposedException">The queue or a buffer has been disposed.</exception>
    public static void Gemm(OpenCLQueue queue, Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        DeviceBuffer<float> a, int lda, DeviceBuffer<float> b, int ldb, float beta, DeviceBuffer<float> c, int ldc) =>
        GemmChecked(queue, null, null, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>C = alpha·op(A)·op(B) + beta·C in double; see the <see cref="float"/> overload.</summary>
    /// <param name="queue">The queue the buffers belong to.</param>
    /// <param name="transA">Whether op(A) = A or Aᵀ (A stored k × m).</param>
    /// <param name="transB">Whether op(B) = B or Bᵀ (B stored n × k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Elements between rows of A as stored.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Elements between rows of B as stored.</param>
    /// <param name="beta">Scale of C; when 0, C is written and never read.</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/>.</param>
    /// <param name="ldc">Elements between rows of C.</param>
    /// <exception cref="NotSupportedException">The device lacks <c>cl_khr_fp64</c>.</exception>
    /// <exception cref="ArgumentNullException">The queue or a buffer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a transpose is not a defined value.</exception>
    /// <exception cref="ArgumentException">A leading dimension is too small, a buffer too short or of another queue's context, or C is A or B.</exception>
    /// <exception cref="ObjectDisposedException">The queue or a buffer has been disposed.</exception>
    public static void Gemm(OpenCLQueue queue, Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        DeviceBuffer<double> a, int lda, DeviceBuffer<double> b, int ldb, double beta, DeviceBuffer<double> c, int ldc) =>
        GemmChecked(queue, null, null, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>
    /// The generated kernel <see cref="Gemm(OpenCLQueue, Transpose, Transpose, int, int, int, float, DeviceBuffer{float}, int, DeviceBuffer{float}, int, float, DeviceBuffer{float}, int)"/>
    /// runs on <paramref name="device"/>: the GPU variant (<see cref="SgemmGpu"/>, <see cref="DgemmGpu"/>) on a GPU whose
    /// work-groups and local memory fit it, the CPU variant (<see cref="SgemmCpu"/>, <see cref="DgemmCpu"/>) otherwise.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <param name="isDouble">Whether the element type is <see cref="double"/>.</param>
    /// <returns>The kernel's descriptor.</returns>
    public static OpenCLGemmKernelSource KernelFor(OpenCLDevice device, bool isDouble)
    {
        ArgumentNullException.ThrowIfNull(device);
        OpenCLGemmKernelSource gpu = isDouble ? DgemmGpu.Kernel : SgemmGpu.Kernel;
        return device.Type == OpenCLDeviceType.Gpu && Fits(device, gpu) ? gpu : isDouble ? DgemmCpu.Kernel : SgemmCpu.Kernel;
    }

    /// <summary>
    /// The GEMM with an explicit kernel variant and form (tests run every variant on whatever device there is, and the
    /// CPU variants both direct and packed); null chooses as the public entry points do.
    /// </summary>
    internal static void GemmChecked<T>(OpenCLQueue queue, OpenCLGemmKernelSource? kernel, bool? packed, Transpose transA, Transpose transB,
        int m, int n, int k, T alpha, DeviceBuffer<T> a, int lda, DeviceBuffer<T> b, int ldb, T beta, DeviceBuffer<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ArgumentNullException.ThrowIfNull(queue);
        CheckTranspose(transA, nameof(transA));
        CheckTranspose(transB, nameof(transB));
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        CheckBuffer(queue, a, nameof(a));
        CheckBuffer(queue, b, nameof(b));
        CheckBuffer(queue, c, nameof(c));
        bool isDouble = typeof(T) == typeof(double);
        if (isDouble && !queue.Device.SupportsFp64)
        {
            throw new NotSupportedException(
                $"GEMM in double needs the cl_khr_fp64 extension, which device '{queue.Device.Name}' ({queue.Device.Platform.Name}) does not have. Use float, or Blas.Gemm on the CPU.");
        }

        Extent(transA == Transpose.None ? m : k, transA == Transpose.None ? k : m, lda, a.Length, nameof(a), nameof(lda));
        Extent(transB == Transpose.None ? k : n, transB == Transpose.None ? n : k, ldb, b.Length, nameof(b), nameof(ldb));
        Extent(m, n, ldc, c.Length, nameof(c), nameof(ldc));
        if (m == 0 || n == 0)
        {
            return;
        }

        bool productUsed = k > 0 && alpha != T.Zero;
        if (productUsed && (ReferenceEquals(c, a) || ReferenceEquals(c, b)))
        {
            string input = ReferenceEquals(c, a) ? nameof(a) : nameof(b);
            throw new ArgumentException($"c is the same buffer as {input}; the result cannot be written over an input.", nameof(c));
        }

        kernel ??= KernelFor(queue.Device, isDouble);
        if (!productUsed)
        {
            OpenCLKernel scale = OpenCLKernelCache.Get(queue, kernel.Source, kernel.ScaleEntryPoint);
            lock (scale.Sync)
            {
                scale.SetArgument(0, m);
                scale.SetArgument(1, n);
                scale.SetValue(2, beta);
                scale.SetArgument(3, c);
                scale.SetArgument(4, ldc);
                scale.Enqueue2D(n, m);
            }

            return;
        }

        if (kernel.HasPackedForm && (packed ?? UsePacked(kernel, m, n, k, isDouble ? sizeof(double) : sizeof(float))))
        {
            GemmPacked(queue, kernel, transA == Transpose.Transpose, transB == Transpose.Transpose, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
            return;
        }

        OpenCLKernel gemm = OpenCLKernelCache.Get(queue, kernel.Source, kernel.EntryPoint(transA == Transpose.Transpose, transB == Transpose.Transpose));
        if (gemm.MaxWorkGroupSize < kernel.WorkGroupSize)
        {
            throw new NotSupportedException(
                $"GEMM kernel {kernel.Name} needs work-groups of {kernel.WorkGroupSize} work-items; device '{queue.Device.Name}' runs it with at most {gemm.MaxWorkGroupSize}.");
        }

        (long globalX, long globalY) = kernel.GlobalSize(m, n);
        lock (gemm.Sync)
        {
            gemm.SetArgument(0, m);
            gemm.SetArgument(1, n);
            gemm.SetArgument(2, k);
            gemm.SetValue(3, alpha);
            gemm.SetArgument(4, a);
            gemm.SetArgument(5, lda);
            gemm.SetArgument(6, b);
            gemm.SetArgument(7, ldb);
            gemm.SetValue(8, beta);
            gemm.SetArgument(9, c);
            gemm.SetArgument(10, ldc);
            gemm.Enqueue2D(globalX, globalY, kernel.LocalSizeX, kernel.LocalSizeY);
        }
    }

    /// <summary>
    /// op(B) larger than this (bytes) goes through the packed form. The direct kernel reads op(B) in place, a row of B
    /// ldb elements from the last at every k step; once op(B) outgrows the L2 cache those rows compete for a few cache
    /// sets (at n = 2048 the direct kernel ran at 34 GFLOP/s on PoCL, the packed one at 207). Below, the direct kernel
    /// is faster: packing costs two launches and two buffers, ~25 µs on PoCL (n = 64: 14 µs direct, 40 µs packed;
    /// n = 640: 4.0 ms against 4.4; n = 768 even; n = 1024: 31 ms against 18).
    /// </summary>
    internal const long PackedFromBytes = 2L << 20;

    /// <summary>Whether the CPU form multiplies packed panels: op(B) above <see cref="PackedFromBytes"/>, and both packed operands fit one buffer.</summary>
    private static bool UsePacked(OpenCLGemmKernelSource kernel, int m, int n, int k, int elementSize) =>
        (long)k * n * elementSize > PackedFromBytes
        && kernel.PackedALength(m, k) <= int.MaxValue && kernel.PackedBLength(k, n) <= int.MaxValue;

    /// <summary>
    /// Packs op(A) and op(B) into device buffers made for this call, then runs the packed GEMM. The in-order queue runs
    /// the three kernels one after the other; the buffers are released here and freed by the driver once the commands
    /// using them have completed.
    /// </summary>
    private static void GemmPacked<T>(OpenCLQueue queue, OpenCLGemmKernelSource kernel, bool transA, bool transB,
        int m, int n, int k, T alpha, DeviceBuffer<T> a, int lda, DeviceBuffer<T> b, int ldb, T beta, DeviceBuffer<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var packedA = new DeviceBuffer<T>(queue, (int)kernel.PackedALength(m, k));
        using var packedB = new DeviceBuffer<T>(queue, (int)kernel.PackedBLength(k, n));
        long panelsM = ((long)m + kernel.WorkPerThreadM - 1) / kernel.WorkPerThreadM;
        long panelsN = ((long)n + kernel.WorkPerThreadN - 1) / kernel.WorkPerThreadN;

        Pack(OpenCLKernelCache.Get(queue, kernel.Source, kernel.PackAEntryPoint(transA)), m, k, a, lda, packedA, panelsM);
        Pack(OpenCLKernelCache.Get(queue, kernel.Source, kernel.PackBEntryPoint(transB)), n, k, b, ldb, packedB, panelsN);

        OpenCLKernel gemm = OpenCLKernelCache.Get(queue, kernel.Source, kernel.PackedEntryPoint);
        (long globalX, long globalY) = kernel.GlobalSize(m, n);
        lock (gemm.Sync)
        {
            gemm.SetArgument(0, m);
            gemm.SetArgument(1, n);
            gemm.SetArgument(2, k);
            gemm.SetValue(3, alpha);
            gemm.SetArgument(4, packedA);
            gemm.SetArgument(5, packedB);
            gemm.SetValue(6, beta);
            gemm.SetArgument(7, c);
            gemm.SetArgument(8, ldc);
            gemm.Enqueue2D(globalX, globalY, kernel.LocalSizeX, kernel.LocalSizeY);
        }
    }

    /// <summary>Enqueues a packing kernel: arguments (rows or columns of the operand, k, operand, its ld, packed), range (k, panels).</summary>
    private static void Pack<T>(OpenCLKernel pack, int extent, int k, DeviceBuffer<T> operand, int ld, DeviceBuffer<T> packed, long panels)
        where T : unmanaged
    {
        lock (pack.Sync)
        {
            pack.SetArgument(0, extent);
            pack.SetArgument(1, k);
            pack.SetArgument(2, operand);
            pack.SetArgument(3, ld);
            pack.SetArgument(4, packed);
            pack.Enqueue2D(k, panels);
        }
    }

    private static bool Fits(OpenCLDevice device, OpenCLGemmKernelSource kernel) =>
        kernel.WorkGroupSize <= device.MaxWorkGroupSize && kernel.LocalMemoryBytes <= device.LocalMemoryBytes;

    private static void CheckBuffer<T>(OpenCLQueue queue, DeviceBuffer<T> buffer, string name)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer, name);
        ObjectDisposedException.ThrowIf(buffer.IsDisposed, buffer);
        if (!queue.SharesContextWith(buffer))
        {
            throw new ArgumentException(
                $"{name} belongs to another OpenCL context ({buffer.Queue}); buffers can only be used with the queue that created them.", name);
        }
    }

    /// <summary>Validates a rows×cols matrix with leading dimension ld against a buffer's length (messages as <see cref="Blas"/>).</summary>
    private static void Extent(int rows, int cols, int ld, int length, string name, string ldName)
    {
        if (ld < Math.Max(1, cols))
        {
            throw new ArgumentException($"{ldName} is {ld}, but the rows of {name} hold {cols} elements: it must be at least {Math.Max(1, cols)}.", ldName);
        }

        long extent = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < extent)
        {
            throw new ArgumentException($"{name} has {length} elements, but a {rows}×{cols} matrix with leading dimension {ld} needs {extent}.", name);
        }
    }

    private static void CheckTranspose(Transpose value, string name)
    {
        if (value is not (Transpose.None or Transpose.Transpose))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be Transpose.None or Transpose.Transpose.");
        }
    }
}
