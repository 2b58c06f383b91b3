using System;
using System.Runtime.InteropServices;
using Silk.NET.OpenCL;

namespace Numerics.OpenCL;

/// <summary>The OpenCL object kinds the backend owns.</summary>
internal enum ClHandleKind
{
    Context,
    CommandQueue,
    Program,
    Kernel,
    MemObject,
}

/// <summary>
/// Owns one reference to an OpenCL object and releases it exactly once: on <see cref="SafeHandle.Dispose()"/>, or from
/// the finaliser if the owner was never disposed. Calls that pass the object to OpenCL hold a reference
/// (<see cref="SafeHandle.DangerousAddRef"/>) so that a concurrent dispose cannot release it mid-call.
/// </summary>
internal sealed class ClHandle : SafeHandle
{
    private readonly ClHandleKind _kind;

    public ClHandle(nint handle, ClHandleKind kind)
        : base(0, ownsHandle: true)
    {
        _kind = kind;
        SetHandle(handle);
    }

    public override bool IsInvalid => handle == 0;

    protected override bool ReleaseHandle()
    {
        // clRelease* is thread safe, so this may run on the finaliser thread. Objects keep their context alive
        // (the context's reference count), so the order in which owners are released does not matter.
        CL api = OpenCLRuntime.Api;
        int code = _kind switch
        {
            ClHandleKind.Context => api.ReleaseContext(handle),
            ClHandleKind.CommandQueue => api.ReleaseCommandQueue(handle),
            ClHandleKind.Program => api.ReleaseProgram(handle),
            ClHandleKind.Kernel => api.ReleaseKernel(handle),
            _ => api.ReleaseMemObject(handle),
        };
        if (_kind == ClHandleKind.MemObject)
        {
            DeviceBuffer.OnReleased();
        }

        return code == OpenCLErrors.Success;
    }

    /// <summary>Holds a reference for the duration of a call; dispose the result to let go.</summary>
    public Lease Acquire()
    {
        bool added = false;
        DangerousAddRef(ref added);
        return new Lease(this);
    }

    /// <summary>A reference held on a <see cref="ClHandle"/>; <see cref="Dispose"/> releases it.</summary>
    public readonly struct Lease(ClHandle owner) : IDisposable
    {
        public nint Handle => owner.DangerousGetHandle();

        public void Dispose() => owner.DangerousRelease();
    }
}
