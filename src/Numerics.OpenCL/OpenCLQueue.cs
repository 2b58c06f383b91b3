using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using Numerics.Kernels;
using Silk.NET.OpenCL;

namespace Numerics.OpenCL;

/// <summary>
/// One OpenCL context and one in-order command queue on a device, with the programs compiled for it. Buffers
/// (<see cref="DeviceBuffer{T}"/>) and kernels (<see cref="GetKernel"/>) belong to the queue's context; commands run
/// in the order they are enqueued. Every member is safe to call from several threads at once.
/// </summary>
/// <remarks>
/// <para>Programs are compiled once per queue: the cache is keyed by the SHA-256 of the source and the build options,
/// and <see cref="ProgramBuildCount"/> / <see cref="ProgramCacheHits"/> say how often it compiled and how often it reused.</para>
/// <para>Thread safety: OpenCL calls on the queue are serialised by one lock (some drivers are not thread safe,
/// and it keeps the order of commands from one thread well defined); builds are serialised by another; an
/// element-wise kernel holds its own lock from its first <c>clSetKernelArg</c> to its <c>clEnqueueNDRangeKernel</c>,
/// because argument setting on a <c>cl_kernel</c> is not thread safe.</para>
/// </remarks>
public sealed class OpenCLQueue : IElementwiseDeviceQueue, IDisposable
{
    private readonly CL _api;
    private readonly ClHandle _context;
    private readonly ClHandle _queue;
    private readonly object _commandLock = new();
    private readonly object _buildLock = new();
    private readonly ConcurrentDictionary<string, ClHandle> _programs = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Program, string EntryPoint), OpenCLKernel> _elementwiseKernels = new();

    // The same kernels by source object (the generated sources are singletons): a launch finds its kernel without
    // hashing the program text, which cost ~7 KB of garbage and a SHA-256 of the source per launch.
    private readonly ConcurrentDictionary<OpenCLKernelSource, OpenCLKernel> _kernelsBySource = new(ReferenceEqualityComparer.Instance);

    /// <summary>Kernel objects of the built-in programs (GEMM, softmax) by entry point; released with the queue.</summary>
    internal ConcurrentDictionary<string, OpenCLKernel> BuiltInKernels { get; } = new(StringComparer.Ordinal);
    private int _builds;
    private int _cacheHits;
    private volatile bool _disposed;

    /// <summary>Creates a context and an in-order command queue on <paramref name="device"/>.</summary>
    /// <param name="device">A device from <see cref="OpenCLRuntime.Discover"/>.</param>
    /// <exception cref="OpenCLException">The driver could not create the context or the queue.</exception>
    public unsafe OpenCLQueue(OpenCLDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        _api = OpenCLRuntime.Api;

        nint deviceHandle = device.Handle;
        int code;
        nint context = _api.CreateContext(null, 1, &deviceHandle, null, null, &code);
        OpenCLErrors.Check(code, "clCreateContext");
        _context = new ClHandle(context, ClHandleKind.Context);

        // clCreateCommandQueue is deprecated from OpenCL 2.0 but present in every version; properties 0 = in order.
#pragma warning disable CS0618
        nint queue = _api.CreateCommandQueue(context, deviceHandle, (CommandQueueProperties)0, &code);
#pragma warning restore CS0618
        if (code != OpenCLErrors.Success)
        {
            _context.Dispose();
            OpenCLErrors.Throw("clCreateCommandQueue", code);
        }

        _queue = new ClHandle(queue, ClHandleKind.CommandQueue);
    }

    /// <summary>The device the queue runs on.</summary>
    public OpenCLDevice Device { get; }

    /// <summary>Number of <c>clBuildProgram</c> calls this queue has made (failed builds included; they are not cached).</summary>
    public int ProgramBuildCount => Volatile.Read(ref _builds);

    /// <summary>Number of times a program was found in the cache instead of being compiled again.</summary>
    public int ProgramCacheHits => Volatile.Read(ref _cacheHits);

    internal nint Context => _context.DangerousGetHandle();

    /// <summary>
    /// Creates a kernel object for <paramref name="entryPoint"/> of <paramref name="source"/>, compiling the program
    /// with <paramref name="options"/> unless the same source and options were compiled before on this queue. The
    /// caller owns the kernel (dispose it); its arguments are its own state, so use one kernel object per thread.
    /// </summary>
    /// <param name="source">OpenCL C program source.</param>
    /// <param name="entryPoint">Name of a <c>__kernel</c> function in it.</param>
    /// <param name="options">Build options for <c>clBuildProgram</c>, e.g. <c>-cl-mad-enable</c>; empty for none.</param>
    /// <returns>A new kernel object.</returns>
    /// <exception cref="OpenCLBuildException">The program does not compile; the message holds the build log.</exception>
    /// <exception cref="OpenCLException">The entry point is not in the program (<c>CL_INVALID_KERNEL_NAME</c>), or another OpenCL error.</exception>
    /// <exception cref="ObjectDisposedException">The queue has been disposed.</exception>
    public OpenCLKernel GetKernel(string source, string entryPoint, string options = "")
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentException.ThrowIfNullOrWhiteSpace(entryPoint);
        ArgumentNullException.ThrowIfNull(options);
        ObjectDisposedException.ThrowIf(_disposed, this);
        return CreateKernel(GetProgram(source, options), entryPoint);
    }

    /// <summary>
    /// Enqueues a generated element-wise kernel (see <see cref="IElementwiseDeviceQueue.Launch{T}"/>) and returns
    /// without waiting; read the outputs with <see cref="DeviceBuffer{T}.CopyTo(Span{T})"/> or call <see cref="Finish"/>.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="kernel">The kernel's OpenCL sources; <see cref="OpenCLKernelPair.Single"/> or <see cref="OpenCLKernelPair.Double"/> is chosen by <typeparamref name="T"/>.</param>
    /// <param name="inputs">Input buffers in the kernel's input order, all of one length n.</param>
    /// <param name="scalars">Scalar arguments in the kernel's scalar order.</param>
    /// <param name="outputs">Output buffers in the kernel's output order, each at least n long.</param>
    /// <remarks>
    /// Buffers must be <see cref="DeviceBuffer{T}"/>s of this queue's context. Errors about one buffer carry the
    /// kernel's name for that argument as <see cref="ArgumentException.ParamName"/> (for example <c>gradient</c>).
    /// A NaN scalar is rejected as by the CPU entry points (<see cref="ArgumentOutOfRangeException"/> whose
    /// <see cref="ArgumentException.ParamName"/> is the kernel's scalar, for example <c>negativeSlope</c>), after the
    /// buffer checks and before anything is enqueued. n = 0 enqueues nothing. An output may be one of the inputs
    /// (exact in-place use: each work-item reads its element of every input before it writes its outputs).
    /// </remarks>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not <see cref="float"/> or <see cref="double"/>, or it is <see cref="double"/> and the device lacks <c>cl_khr_fp64</c>.</exception>
    /// <exception cref="ArgumentException">Wrong number of buffers or scalars, a buffer of another type or context, or mismatched lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A scalar is NaN.</exception>
    /// <exception cref="ObjectDisposedException">The queue or a buffer has been disposed.</exception>
    public void Launch<T>(OpenCLKernelPair kernel, ReadOnlySpan<IDeviceBuffer<T>> inputs, ReadOnlySpan<T> scalars, ReadOnlySpan<IDeviceBuffer<T>> outputs)
        where T : unmanaged
    {
        ArgumentNullException.ThrowIfNull(kernel);
        ObjectDisposedException.ThrowIf(_disposed, this);
        OpenCLKernelSource source = typeof(T) == typeof(float) ? kernel.Single
            : typeof(T) == typeof(double) ? kernel.Double
            : throw new NotSupportedException($"Kernel {kernel.Name}: element type {typeof(T).Name} is not supported; OpenCL kernels run on float or double.");
        if (source.RequiresFp64 && !Device.SupportsFp64)
        {
            throw new NotSupportedException(
                $"Kernel {kernel.Name} in double needs the cl_khr_fp64 extension, which device '{Device.Name}' ({Device.Platform.Name}) does not have. Use the float kernel, or the CPU.");
        }

        CheckCount(kernel.Name, "input", source.Inputs, inputs.Length, nameof(inputs));
        CheckCount(kernel.Name, "scalar", source.Scalars, scalars.Length, nameof(scalars));
        CheckCount(kernel.Name, "output", source.Outputs, outputs.Length, nameof(outputs));

        // Every buffer is checked (type, context, not disposed) before its length is read; no arrays, so a launch
        // allocates nothing.
        for (int k = 0; k < inputs.Length; k++)
        {
            Own(inputs[k], source.Inputs[k]);
        }

        for (int k = 0; k < outputs.Length; k++)
        {
            Own(outputs[k], source.Outputs[k]);
        }

        int n = inputs.Length > 0 ? inputs[0].Length : outputs.Length > 0 ? outputs[0].Length : 0;
        for (int k = 1; k < inputs.Length; k++)
        {
            if (inputs[k].Length != n)
            {
                throw new ArgumentException(
                    $"{source.Inputs[k]} has {inputs[k].Length} elements, expected {n} (the length of {source.Inputs[0]}).", source.Inputs[k]);
            }
        }

        for (int k = 0; k < outputs.Length; k++)
        {
            if (outputs[k].Length < n)
            {
                throw new ArgumentException($"{source.Outputs[k]} has {outputs[k].Length} elements, expected at least {n}.", source.Outputs[k]);
            }
        }

        // As the CPU entry points (ElementwiseChecks.NotNaN): a NaN scalar is rejected, naming the kernel's scalar.
        for (int j = 0; j < scalars.Length; j++)
        {
            ElementwiseChecks.NotNaN(ToDouble(scalars[j]), source.Scalars[j]);
        }

        if (n == 0)
        {
            return;
        }

        OpenCLKernel cl = GetElementwiseKernel(source);
        lock (cl.Sync)
        {
            int index = 0;
            foreach (IDeviceBuffer<T> input in inputs)
            {
                cl.SetArgument(index++, (DeviceBuffer<T>)input);
            }

            foreach (T scalar in scalars)
            {
                cl.SetValue(index++, scalar);
            }

            foreach (IDeviceBuffer<T> output in outputs)
            {
                cl.SetArgument(index++, (DeviceBuffer<T>)output);
            }

            cl.SetArgument(index, n);
            int local = cl.ElementwiseLocalSize;
            
            // Global size rounded up to whole work-groups; the kernel skips work-items i >= n.
            cl.Enqueue1D(((long)n + local - 1) / local * local, local);
        }
    }

    /// <summary>Blocks until every command enqueued so far has completed (<c>clFinish</c>).</summary>
    /// <exception cref="OpenCLException">The driver reported an error, for example from a kernel that failed while running.</exception>
    /// <exception cref="ObjectDisposedException">The queue has been disposed.</exception>
    public void Finish()
    {
        lock (_commandLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            OpenCLErrors.Check(_api.Finish(_queue.DangerousGetHandle()), "clFinish");
        }
    }

    /// <summary>
    /// Waits for the enqueued commands, then releases the kernels, programs, queue and context. Buffers and kernel
    /// objects still alive stay valid to dispose (each keeps the context alive) but can no longer be used.
    /// </summary>
    public void Dispose()
    {
        lock (_commandLock)
        {
            lock (_buildLock)
            {
                if (_disposed)
                {
                    return;
                }

                _disposed = true;
                _api.Finish(_queue.DangerousGetHandle());
                foreach (OpenCLKernel kernel in _elementwiseKernels.Values)
                {
                    kernel.Dispose();
                }

                foreach (OpenCLKernel kernel in BuiltInKernels.Values)
                {
                    kernel.Dispose();
                }

                BuiltInKernels.Clear();

                foreach (ClHandle program in _programs.Values)
                {
                    program.Dispose();
                }

                _elementwiseKernels.Clear();
                _kernelsBySource.Clear();
                _programs.Clear();
                _queue.Dispose();
                _context.Dispose();
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"OpenCLQueue on {Device}";

    internal unsafe ClHandle CreateMemObject(MemFlags flags, nuint size, void* hostPointer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        int code;
        nint memory;
        using (ClHandle.Lease context = _context.Acquire())
        {
            memory = _api.CreateBuffer(context.Handle, flags, size, hostPointer, &code);
        }

        OpenCLErrors.Check(code, "clCreateBuffer");
        var handle = new ClHandle(memory, ClHandleKind.MemObject);
        DeviceBuffer.OnCreated();
        return handle;
    }

    internal unsafe void Write(DeviceBuffer buffer, nuint byteOffset, nuint bytes, void* source)
    {
        using ClHandle.Lease memory = buffer.Acquire();
        lock (_commandLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            OpenCLErrors.Check(
                _api.EnqueueWriteBuffer(_queue.DangerousGetHandle(), memory.Handle, true, byteOffset, bytes, source, 0, null, null),
                "clEnqueueWriteBuffer");
        }
    }

    internal unsafe void Read(DeviceBuffer buffer, nuint byteOffset, nuint bytes, void* destination)
    {
        using ClHandle.Lease memory = buffer.Acquire();
        lock (_commandLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            OpenCLErrors.Check(
                _api.EnqueueReadBuffer(_queue.DangerousGetHandle(), memory.Handle, true, byteOffset, bytes, destination, 0, null, null),
                "clEnqueueReadBuffer");
        }
    }

    internal unsafe void EnqueueKernel(nint kernel, string entryPoint, uint dimensions, nuint* global, nuint* local)
    {
        lock (_commandLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            int code = _api.EnqueueNdrangeKernel(_queue.DangerousGetHandle(), kernel, dimensions, null, global, local, 0, null, null);
            if (code != OpenCLErrors.Success)
            {
                throw new OpenCLException("clEnqueueNDRangeKernel", code, $"clEnqueueNDRangeKernel failed: {OpenCLErrors.Describe(code)} (kernel {entryPoint})");
            }
        }
    }

    /// <summary>Whether <paramref name="buffer"/> lives in this queue's context.</summary>
    internal bool SharesContextWith(DeviceBuffer buffer) => buffer.Queue.Context == Context;

    /// <summary>The SHA-256 of the source and options, the program cache key.</summary>
    internal static string ProgramKey(string source, string options)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(options + "\0" + source);
        return Convert.ToHexString(SHA256.HashData(bytes));
    }

    private static void CheckCount(string kernel, string what, System.Collections.Generic.IReadOnlyList<string> names, int count, string parameter)
    {
        if (count != names.Count)
        {
            string list = names.Count == 0 ? "" : $" ({string.Join(", ", names)})";
            throw new ArgumentException($"Kernel {kernel} takes {names.Count} {what}(s){list}, but {count} were given.", parameter);
        }
    }

    private static double ToDouble<T>(T value)
        where T : unmanaged =>
        typeof(T) == typeof(float) ? Unsafe.As<T, float>(ref value) : Unsafe.As<T, double>(ref value);

    private DeviceBuffer<T> Own<T>(IDeviceBuffer<T>? buffer, string name)
        where T : unmanaged
    {
        if (buffer is null)
        {
            throw new ArgumentNullException(name, $"Buffer {name} is null.");
        }

        if (buffer is not DeviceBuffer<T> device)
        {
            throw new ArgumentException($"{name} is a {buffer.GetType().Name}, not an OpenCL DeviceBuffer<{typeof(T).Name}>.", name);
        }

        ObjectDisposedException.ThrowIf(device.IsDisposed, device);
        if (!SharesContextWith(device))
        {
            throw new ArgumentException(
                $"{name} belongs to another OpenCL context ({device.Queue}); buffers can only be used with the queue that created them.", name);
        }

        return device;
    }

    private ClHandle GetProgram(string source, string options)
    {
        string key = ProgramKey(source, options);
        if (_programs.TryGetValue(key, out ClHandle? program))
        {
            Interlocked.Increment(ref _cacheHits);
            return program;
        }

        lock (_buildLock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_programs.TryGetValue(key, out program))
            {
                Interlocked.Increment(ref _cacheHits);
                return program;
            }

            Interlocked.Increment(ref _builds);
            program = Build(source, options);
            _programs[key] = program;
            return program;
        }
    }

    private unsafe ClHandle Build(string source, string options)
    {
        int code;
        nint program;
        byte[] text = Encoding.UTF8.GetBytes(source);
        fixed (byte* p = text)
        {
            byte* strings = p;
            nuint length = (nuint)text.Length;
            program = _api.CreateProgramWithSource(Context, 1, &strings, &length, &code);
        }

        OpenCLErrors.Check(code, "clCreateProgramWithSource");
        var handle = new ClHandle(program, ClHandleKind.Program);
        nint device = Device.Handle;
        byte[] optionBytes = Encoding.UTF8.GetBytes(options + "\0");
        fixed (byte* o = optionBytes)
        {
            code = _api.BuildProgram(program, 1, &device, o, null, null);
        }

        if (code == OpenCLErrors.Success)
        {
            return handle;
        }

        string log;
        try
        {
            log = BuildLog(program, device);
        }
        catch (OpenCLException e)
        {
            log = $"(the build log could not be read: {e.Message})";
        }

        handle.Dispose();
        if (code == OpenCLErrors.BuildProgramFailure || code == -43 /* CL_INVALID_BUILD_OPTIONS */)
        {
            throw new OpenCLBuildException(code, Device.Name, source, options, log);
        }

        throw new OpenCLException("clBuildProgram", code);
    }

    private unsafe string BuildLog(nint program, nint device)
    {
        nuint size;
        OpenCLErrors.Check(_api.GetProgramBuildInfo(program, device, ProgramBuildInfo.BuildLog, 0, null, &size), "clGetProgramBuildInfo");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            OpenCLErrors.Check(_api.GetProgramBuildInfo(program, device, ProgramBuildInfo.BuildLog, size, p, null), "clGetProgramBuildInfo");
        }

        return ClInfo.Decode(bytes);
    }

    private unsafe OpenCLKernel CreateKernel(ClHandle program, string entryPoint)
    {
        int code;
        nint kernel;
        byte[] name = Encoding.UTF8.GetBytes(entryPoint + "\0");
        using (ClHandle.Lease lease = program.Acquire())
        {
            fixed (byte* p = name)
            {
                kernel = _api.CreateKernel(lease.Handle, p, &code);
            }
        }

        if (code != OpenCLErrors.Success)
        {
            throw new OpenCLException("clCreateKernel", code, $"clCreateKernel(\"{entryPoint}\") failed: {OpenCLErrors.Describe(code)}");
        }

        return new OpenCLKernel(this, _api, new ClHandle(kernel, ClHandleKind.Kernel), entryPoint);
    }

    private OpenCLKernel GetElementwiseKernel(OpenCLKernelSource source)
    {
        if (_kernelsBySource.TryGetValue(source, out OpenCLKernel? known))
        {
            Interlocked.Increment(ref _cacheHits);
            return known;
        }

        OpenCLKernel found = GetElementwiseKernelBySource(source);
        _kernelsBySource.TryAdd(source, found);
        return found;
    }

    private OpenCLKernel GetElementwiseKernelBySource(OpenCLKernelSource source)
    {
        string key = ProgramKey(source.Source, "");
        if (_elementwiseKernels.TryGetValue((key, source.EntryPoint), out OpenCLKernel? kernel))
        {
            Interlocked.Increment(ref _cacheHits);
            return kernel;
        }

        OpenCLKernel created = CreateKernel(GetProgram(source.Source, ""), source.EntryPoint);
        kernel = _elementwiseKernels.GetOrAdd((key, source.EntryPoint), created);
        if (!ReferenceEquals(kernel, created))
        {
            created.Dispose();
        }

        return kernel;
    }
}
