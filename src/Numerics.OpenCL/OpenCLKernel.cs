using System;
using System.Linq;
using Silk.NET.OpenCL;

namespace Numerics.OpenCL;

/// <summary>
/// A kernel object (<c>cl_kernel</c>) of a program compiled on an <see cref="OpenCLQueue"/>, for kernels that are not
/// generated element-wise ones (softmax, GEMM, …): set every argument, then enqueue it over a 1-D or 2-D range.
/// </summary>
/// <remarks>
/// <para>Arguments are state of the kernel object and persist between enqueues. Each call is atomic, but two threads
/// setting arguments of one kernel object would mix them: give each thread its own object
/// (<see cref="OpenCLQueue.GetKernel"/> is cheap once the program is compiled).</para>
/// <para>A buffer argument is held (not copied) until the kernel is enqueued; disposing it first makes
/// <see cref="Enqueue1D"/> throw <see cref="ObjectDisposedException"/>.</para>
/// </remarks>
public sealed class OpenCLKernel : IDisposable
{
    private readonly CL _api;
    private readonly ClHandle _kernel;
    private readonly DeviceBuffer?[] _buffers;
    private readonly bool[] _set;
    private readonly ClHandle.Lease[] _leases;

    internal unsafe OpenCLKernel(OpenCLQueue queue, CL api, ClHandle kernel, string entryPoint)
    {
        Queue = queue;
        _api = api;
        _kernel = kernel;
        EntryPoint = entryPoint;

        nint handle = kernel.DangerousGetHandle();
        uint arguments;
        OpenCLErrors.Check(api.GetKernelInfo(handle, KernelInfo.NumArgs, sizeof(uint), &arguments, null), "clGetKernelInfo(CL_KERNEL_NUM_ARGS)");
        nuint value;
        OpenCLErrors.Check(
            api.GetKernelWorkGroupInfo(handle, queue.Device.Handle, KernelWorkGroupInfo.WorkGroupSize, (nuint)sizeof(nuint), &value, null),
            "clGetKernelWorkGroupInfo(CL_KERNEL_WORK_GROUP_SIZE)");
        MaxWorkGroupSize = (int)Math.Min(value, (nuint)int.MaxValue);
        OpenCLErrors.Check(
            api.GetKernelWorkGroupInfo(handle, queue.Device.Handle, KernelWorkGroupInfo.PreferredWorkGroupSizeMultiple, (nuint)sizeof(nuint), &value, null),
            "clGetKernelWorkGroupInfo(CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE)");
        PreferredWorkGroupSizeMultiple = (int)Math.Clamp(value, 1, (nuint)MaxWorkGroupSize);

        ArgumentCount = (int)arguments;
        _buffers = new DeviceBuffer?[ArgumentCount];
        _set = new bool[ArgumentCount];
        _leases = new ClHandle.Lease[ArgumentCount];

        // Element-wise launches: up to 256 work-items a group, a multiple of the preferred multiple.
        int local = Math.Min(MaxWorkGroupSize, 256);
        ElementwiseLocalSize = Math.Max(local - (local % PreferredWorkGroupSizeMultiple), 1);
    }

    /// <summary>The <c>__kernel</c> function's name.</summary>
    public string EntryPoint { get; }

    /// <summary>The queue the kernel was created on and enqueues to.</summary>
    public OpenCLQueue Queue { get; }

    /// <summary>Number of arguments the kernel takes (<c>CL_KERNEL_NUM_ARGS</c>).</summary>
    public int ArgumentCount { get; }

    /// <summary>Most work-items in one work-group for this kernel on this device (<c>CL_KERNEL_WORK_GROUP_SIZE</c>).</summary>
    public int MaxWorkGroupSize { get; }

    /// <summary>Work-group sizes that are a multiple of this run best (<c>CL_KERNEL_PREFERRED_WORK_GROUP_SIZE_MULTIPLE</c>).</summary>
    public int PreferredWorkGroupSizeMultiple { get; }

    internal int ElementwiseLocalSize { get; }

    /// <summary>Guards argument setting through enqueueing for the queue's cached element-wise kernels.</summary>
    internal object Sync => _set;

    /// <summary>Sets argument <paramref name="index"/> to a buffer (a <c>__global</c> or <c>__constant</c> pointer).</summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="index">Zero-based argument index.</param>
    /// <param name="buffer">A buffer of this kernel's queue's context.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an argument of the kernel.</exception>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> belongs to another context.</exception>
    /// <exception cref="ObjectDisposedException">The kernel or the buffer has been disposed.</exception>
    public unsafe void SetArgument<T>(int index, DeviceBuffer<T> buffer)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(buffer);
        CheckIndex(index);
        if (!Queue.SharesContextWith(buffer))
        {
            throw new ArgumentException(
                $"The buffer belongs to another OpenCL context ({buffer.Queue}); kernel {EntryPoint} runs on {Queue}.", nameof(buffer));
        }

        using ClHandle.Lease memory = buffer.Acquire();
        nint handle = memory.Handle;
        Set(index, (nuint)sizeof(nint), &handle, buffer);
    }

    /// <summary>Sets argument <paramref name="index"/> to an <see cref="int"/> (<c>int</c>).</summary>
    /// <param name="index">Zero-based argument index.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an argument of the kernel.</exception>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public unsafe void SetArgument(int index, int value)
    {
        CheckIndex(index);
        Set(index, sizeof(int), &value, null);
    }

    /// <summary>Sets argument <paramref name="index"/> to a <see cref="float"/> (<c>float</c>).</summary>
    /// <param name="index">Zero-based argument index.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an argument of the kernel.</exception>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public unsafe void SetArgument(int index, float value)
    {
        CheckIndex(index);
        Set(index, sizeof(float), &value, null);
    }

    /// <summary>Sets argument <paramref name="index"/> to a <see cref="double"/> (<c>double</c>; the device needs <c>cl_khr_fp64</c>).</summary>
    /// <param name="index">Zero-based argument index.</param>
    /// <param name="value">The value.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an argument of the kernel.</exception>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public unsafe void SetArgument(int index, double value)
    {
        CheckIndex(index);
        Set(index, sizeof(double), &value, null);
    }

    /// <summary>Sets argument <paramref name="index"/>, a <c>__local</c> pointer, to <paramref name="bytes"/> bytes of local memory per work-group.</summary>
    /// <param name="index">Zero-based argument index.</param>
    /// <param name="bytes">Bytes to allocate; at least 1 and at most the device's <see cref="OpenCLDevice.LocalMemoryBytes"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not an argument of the kernel, or <paramref name="bytes"/> is out of range.</exception>
    /// <exception cref="ObjectDisposedException">The kernel has been disposed.</exception>
    public unsafe void SetLocalMemory(int index, int bytes)
    {
        CheckIndex(index);
        ArgumentOutOfRangeException.ThrowIfLessThan(bytes, 1);
        if (bytes > Queue.Device.LocalMemoryBytes)
        {
            throw new ArgumentOutOfRangeException(
                nameof(bytes), $"{bytes} bytes of local memory requested; {Queue.Device.Name} has {Queue.Device.LocalMemoryBytes}.");
        }

        Set(index, (nuint)bytes, null, null);
    }

    /// <summary>
    /// Enqueues the kernel over <paramref name="globalSize"/> work-items in work-groups of <paramref name="localSize"/>
    /// (0: the driver chooses). Returns without waiting. A global size of 0 enqueues nothing.
    /// </summary>
    /// <param name="globalSize">Number of work-items; a multiple of <paramref name="localSize"/> when that is not 0.</param>
    /// <param name="localSize">Work-items per group, at most <see cref="MaxWorkGroupSize"/>; 0 lets the driver choose.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or the group is larger than <see cref="MaxWorkGroupSize"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="globalSize"/> is not a multiple of <paramref name="localSize"/>.</exception>
    /// <exception cref="InvalidOperationException">An argument was never set.</exception>
    /// <exception cref="ObjectDisposedException">The kernel, its queue or a buffer argument has been disposed.</exception>
    /// <exception cref="OpenCLException"><c>clEnqueueNDRangeKernel</c> failed.</exception>
    public unsafe void Enqueue1D(long globalSize, int localSize = 0)
    {
        CheckRange(globalSize, localSize, nameof(globalSize), nameof(localSize));
        if (localSize > MaxWorkGroupSize)
        {
            throw new ArgumentOutOfRangeException(nameof(localSize), $"localSize {localSize} is larger than kernel {EntryPoint}'s largest work-group, {MaxWorkGroupSize}.");
        }

        if (globalSize == 0)
        {
            return;
        }

        nuint global = (nuint)globalSize, local = (nuint)localSize;
        Enqueue(1, &global, localSize == 0 ? null : &local);
    }

    /// <summary>
    /// Enqueues the kernel over a <paramref name="globalSizeX"/> × <paramref name="globalSizeY"/> range in work-groups of
    /// <paramref name="localSizeX"/> × <paramref name="localSizeY"/> (both 0: the driver chooses). Returns without waiting.
    /// A range with a zero dimension enqueues nothing.
    /// </summary>
    /// <param name="globalSizeX">Work-items in dimension 0 (<c>get_global_id(0)</c>).</param>
    /// <param name="globalSizeY">Work-items in dimension 1.</param>
    /// <param name="localSizeX">Work-group size in dimension 0; a divisor of <paramref name="globalSizeX"/>, or 0.</param>
    /// <param name="localSizeY">Work-group size in dimension 1; a divisor of <paramref name="globalSizeY"/>, or 0.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative, or a group holds more than <see cref="MaxWorkGroupSize"/> work-items.</exception>
    /// <exception cref="ArgumentException">A global size is not a multiple of its local size, or only one local size is 0.</exception>
    /// <exception cref="InvalidOperationException">An argument was never set.</exception>
    /// <exception cref="ObjectDisposedException">The kernel, its queue or a buffer argument has been disposed.</exception>
    /// <exception cref="OpenCLException"><c>clEnqueueNDRangeKernel</c> failed.</exception>
    public unsafe void Enqueue2D(long globalSizeX, long globalSizeY, int localSizeX = 0, int localSizeY = 0)
    {
        CheckRange(globalSizeX, localSizeX, nameof(globalSizeX), nameof(localSizeX));
        CheckRange(globalSizeY, localSizeY, nameof(globalSizeY), nameof(localSizeY));
        if ((localSizeX == 0) != (localSizeY == 0))
        {
            throw new ArgumentException($"localSizeX ({localSizeX}) and localSizeY ({localSizeY}) must both be 0 (the driver chooses) or both positive.", nameof(localSizeY));
        }

        if ((long)localSizeX * localSizeY > MaxWorkGroupSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(localSizeY), $"A {localSizeX}×{localSizeY} work-group is larger than kernel {EntryPoint}'s largest, {MaxWorkGroupSize} work-items.");
        }

        if (globalSizeX == 0 || globalSizeY == 0)
        {
            return;
        }

        nuint* global = stackalloc nuint[] { (nuint)globalSizeX, (nuint)globalSizeY };
        nuint* local = stackalloc nuint[] { (nuint)localSizeX, (nuint)localSizeY };
        Enqueue(2, global, localSizeX == 0 ? null : local);
    }

    /// <summary>Releases the kernel object (not the program, which the queue's cache keeps).</summary>
    public void Dispose() => _kernel.Dispose();

    /// <summary>Sets an element-wise scalar argument of type <typeparamref name="T"/> (<see cref="float"/> or <see cref="double"/>).</summary>
    internal unsafe void SetValue<T>(int index, T value)
        where T : unmanaged
    {
        CheckIndex(index);
        Set(index, (nuint)sizeof(T), &value, null);
    }

    private static void CheckRange(long global, int local, string globalName, string localName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(global, globalName);
        ArgumentOutOfRangeException.ThrowIfNegative(local, localName);
        if (local > 0 && global % local != 0)
        {
            throw new ArgumentException($"{globalName} ({global}) is not a multiple of {localName} ({local}).", globalName);
        }
    }

    private void CheckIndex(int index)
    {
        ObjectDisposedException.ThrowIf(_kernel.IsClosed, this);
        if ((uint)index >= (uint)ArgumentCount)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"Kernel {EntryPoint} has {ArgumentCount} arguments; index {index} is not one of them.");
        }
    }

    private unsafe void Set(int index, nuint size, void* value, DeviceBuffer? buffer)
    {
        lock (Sync)
        {
            using ClHandle.Lease kernel = _kernel.Acquire();
            int code = _api.SetKernelArg(kernel.Handle, (uint)index, size, value);
            if (code != OpenCLErrors.Success)
            {
                throw new OpenCLException("clSetKernelArg", code, $"clSetKernelArg({EntryPoint}, argument {index}) failed: {OpenCLErrors.Describe(code)}");
            }

            _buffers[index] = buffer;
            _set[index] = true;
        }
    }

    private unsafe void Enqueue(uint dimensions, nuint* global, nuint* local)
    {
        lock (Sync)
        {
            ObjectDisposedException.ThrowIf(_kernel.IsClosed, this);
            if (Array.IndexOf(_set, false) >= 0)
            {
                int[] missing = Enumerable.Range(0, ArgumentCount).Where(i => !_set[i]).ToArray();
                throw new InvalidOperationException($"Kernel {EntryPoint}: argument(s) {string.Join(", ", missing)} of {ArgumentCount} were never set.");
            }

            // Hold every buffer argument so none is released between the check and the enqueue; once enqueued,
            // the command keeps the memory objects it uses.
            // (_leases is reused under the lock: an enqueue allocates nothing.)
            ClHandle.Lease[] leases = _leases;
            int held = 0;
            try
            {
                foreach (DeviceBuffer? buffer in _buffers)
                {
                    if (buffer is not null)
                    {
                        leases[held] = buffer.Acquire();
                        held++;
                    }
                }

                using ClHandle.Lease kernel = _kernel.Acquire();
                Queue.EnqueueKernel(kernel.Handle, EntryPoint, dimensions, global, local);
            }
            finally
            {
                for (int i = 0; i < held; i++)
                {
                    leases[i].Dispose();
                    leases[i] = default;
                }
            }
        }
    }
}
