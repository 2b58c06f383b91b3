using System;
using System.Collections.Generic;

namespace Numerics.OpenCL;

/// <summary>
/// Row-wise softmax and log-softmax on an OpenCL device, with the formulas, special values and validation of
/// <see cref="Softmax"/> and <see cref="LogSoftmax"/>: one work-group per row, three passes over the row (maximum, sum of
/// exp(x − max), output) with the maximum and the sum reduced in local memory.
/// </summary>
/// <remarks>
/// <para>Special values as on the CPU: −∞ entries give 0 (log: −∞); NaN anywhere in a row makes it NaN (the maximum
/// propagates NaN, unlike OpenCL's <c>fmax</c>); +∞ in a row or an all −∞ row gives NaN.</para>
/// <para>Error: the device's <c>exp</c> and <c>log</c> (≤ 3–4 ulp in OpenCL 1.2 without fast-math) and a tree-ordered
/// sum, so results agree with the CPU to a few ulp, not bit for bit. Work-groups are 256 work-items on GPUs and 16 on
/// other devices (PoCL runs a group's work-items one after another on one core, so small groups spread rows over the cores),
/// capped by the kernel's largest group and rounded down to a power of two.</para>
/// <para><c>x</c> and <c>destination</c> may be the same buffer (in place). The call enqueues and returns without waiting.</para>
/// </remarks>
public static class OpenCLSoftmax
{
    private static readonly Dictionary<bool, string> s_sources = new() { [false] = Source("float"), [true] = Source("double") };

    /// <summary>Softmax of each row of <paramref name="x"/> into <paramref name="destination"/>.</summary>
    /// <param name="queue">The queue the buffers belong to.</param>
    /// <param name="x">The input, row-major, at least <c>rows × columns</c> elements.</param>
    /// <param name="destination">The output, at least <c>rows × columns</c> elements; may be <paramref name="x"/>.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Elements per row.</param>
    /// <exception cref="ArgumentNullException">The queue or a buffer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException">A buffer is too short or belongs to another context.</exception>
    /// <exception cref="ObjectDisposedException">The queue or a buffer has been disposed.</exception>
    public static void Rows(OpenCLQueue queue, DeviceBuffer<float> x, DeviceBuffer<float> destination, int rows, int columns) =>
        Run(queue, x, destination, rows, columns, log: false);

    /// <inheritdoc cref="Rows(OpenCLQueue, DeviceBuffer{float}, DeviceBuffer{float}, int, int)"/>
    /// <exception cref="NotSupportedException">The device lacks <c>cl_khr_fp64</c>.</exception>
    public static void Rows(OpenCLQueue queue, DeviceBuffer<double> x, DeviceBuffer<double> destination, int rows, int columns) =>
        Run(queue, x, destination, rows, columns, log: false);

    /// <summary>Log-softmax of each row of <paramref name="x"/> into <paramref name="destination"/>.</summary>
    /// <param name="queue">The queue the buffers belong to.</param>
    /// <param name="x">The input, row-major, at least <c>rows × columns</c> elements.</param>
    /// <param name="destination">The output, at least <c>rows × columns</c> elements; may be <paramref name="x"/>.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Elements per row.</param>
    /// <exception cref="ArgumentNullException">The queue or a buffer is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException">A buffer is too short or belongs to another context.</exception>
    /// <exception cref="ObjectDisposedException">The queue or a buffer has been disposed.</exception>
    public static void LogRows(OpenCLQueue queue, DeviceBuffer<float> x, DeviceBuffer<float> destination, int rows, int columns) =>
        Run(queue, x, destination, rows, columns, log: true);

    /// <inheritdoc cref="LogRows(OpenCLQueue, DeviceBuffer{float}, DeviceBuffer{float}, int, int)"/>
    /// <exception cref="NotSupportedException">The device lacks <c>cl_khr_fp64</c>.</exception>
    public static void LogRows(OpenCLQueue queue, DeviceBuffer<double> x, DeviceBuffer<double> destination, int rows, int columns) =>
        Run(queue, x, destination, rows, columns, log: true);

    private static void Run<T>(OpenCLQueue queue, DeviceBuffer<T> x, DeviceBuffer<T> destination, int rows, int columns, bool log)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(destination);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        ObjectDisposedException.ThrowIf(x.IsDisposed, x);
        ObjectDisposedException.ThrowIf(destination.IsDisposed, destination);
        foreach ((DeviceBuffer<T> buffer, string name) in new[] { (x, nameof(x)), (destination, nameof(destination)) })
        {
            if (!queue.SharesContextWith(buffer))
            {
                throw new ArgumentException($"{name} belongs to another OpenCL context ({buffer.Queue}); buffers can only be used with the queue that created them.", name);
            }
        }

        bool isDouble = typeof(T) == typeof(double);
        if (isDouble && !queue.Device.SupportsFp64)
        {
            throw new NotSupportedException(
                $"Softmax in double needs the cl_khr_fp64 extension, which device '{queue.Device.Name}' ({queue.Device.Platform.Name}) does not have. Use float, or the CPU.");
        }

        long total = (long)rows * columns;
        if (x.Length < total)
        {
            throw new ArgumentException($"x has {x.Length} elements, expected at least {total} ({rows}×{columns}).", nameof(x));
        }

        if (destination.Length < total)
        {
            throw new ArgumentException($"destination has {destination.Length} elements, expected at least {total} ({rows}×{columns}).", nameof(destination));
        }

        if (total == 0)
        {
            return;
        }

        string type = isDouble ? "f64" : "f32";
        OpenCLKernel kernel = OpenCLKernelCache.Get(queue, s_sources[isDouble], $"numerics_{(log ? "log_softmax" : "softmax")}_rows_{type}");
        int local = Math.Min(queue.Device.Type == OpenCLDeviceType.Gpu ? 256 : 16, kernel.MaxWorkGroupSize);
        local = 1 << (31 - int.LeadingZeroCount(local)); // the tree reduction halves the group: a power of two
        lock (kernel.Sync)
        {
            kernel.SetArgument(0, x);
            kernel.SetArgument(1, destination);
            kernel.SetArgument(2, columns);
            kernel.SetLocalMemory(3, local * (isDouble ? sizeof(double) : sizeof(float)));
            kernel.Enqueue1D((long)rows * local, local);
        }
    }

    /// <summary>The program for one element type: softmax and log-softmax entry points sharing the row reductions.</summary>
    private static string Source(string t)
    {
        string suffix = t == "double" ? "f64" : "f32";
        string zero = t == "double" ? "0.0" : "0.0f";
        string pragma = t == "double" ? "#pragma OPENCL EXTENSION cl_khr_fp64 : enable\n" : "";
        string Kernel(bool log) => $$"""
            __kernel void numerics_{{(log ? "log_softmax" : "softmax")}}_rows_{{suffix}}(__global const {{t}}* x, __global {{t}}* y, const int columns, __local {{t}}* scratch)
            {
                const int l = get_local_id(0), size = get_local_size(0);
                __global const {{t}}* xr = x + get_group_id(0) * columns;
                __global {{t}}* yr = y + get_group_id(0) * columns;
                const {{t}} max = row_max_{{suffix}}(xr, columns, scratch);
                const {{t}} sum = row_sum_exp_{{suffix}}(xr, columns, max, scratch);
            {{(log
                ? $"    const {t} lse = log(sum);\n    for (int j = l; j < columns; j += size) yr[j] = (xr[j] - max) - lse;"
                : $"    for (int j = l; j < columns; j += size) yr[j] = exp(xr[j] - max) / sum;")}}
            }
            """;

        return $$"""
            // Row-wise softmax / log-softmax ({{t}}): one work-group per row; the maximum and the sum of exp(x - max) are
            // reduced in local memory by a tree over the (power-of-two) group. The maximum propagates NaN.
            {{pragma}}
            static {{t}} row_max_{{suffix}}(__global const {{t}}* xr, const int columns, __local {{t}}* scratch)
            {
                const int l = get_local_id(0), size = get_local_size(0);
                {{t}} m = -INFINITY;
                for (int j = l; j < columns; j += size) { const {{t}} v = xr[j]; m = (v > m || isnan(v)) ? v : m; }
                scratch[l] = m;
                barrier(CLK_LOCAL_MEM_FENCE);
                for (int s = size / 2; s > 0; s >>= 1)
                {
                    if (l < s) { const {{t}} o = scratch[l + s], a = scratch[l]; scratch[l] = (o > a || isnan(o)) ? o : a; }
                    barrier(CLK_LOCAL_MEM_FENCE);
                }
                const {{t}} result = scratch[0];
                barrier(CLK_LOCAL_MEM_FENCE);
                return result;
            }

            static {{t}} row_sum_exp_{{suffix}}(__global const {{t}}* xr, const int columns, const {{t}} max, __local {{t}}* scratch)
            {
                const int l = get_local_id(0), size = get_local_size(0);
                {{t}} s = {{zero}};
                for (int j = l; j < columns; j += size) s += exp(xr[j] - max);
                scratch[l] = s;
                barrier(CLK_LOCAL_MEM_FENCE);
                for (int h = size / 2; h > 0; h >>= 1)
                {
                    if (l < h) scratch[l] += scratch[l + h];
                    barrier(CLK_LOCAL_MEM_FENCE);
                }
                const {{t}} result = scratch[0];
                barrier(CLK_LOCAL_MEM_FENCE);
                return result;
            }

            {{Kernel(false)}}

            {{Kernel(true)}}
            """;
    }
}
