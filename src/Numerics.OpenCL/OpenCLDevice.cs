using System;
using System.Collections.Generic;
using System.Globalization;

namespace Numerics.OpenCL;

/// <summary>The kind of an OpenCL device (<c>CL_DEVICE_TYPE</c>).</summary>
public enum OpenCLDeviceType
{
    /// <summary>Neither CPU, GPU nor accelerator (for example <c>CL_DEVICE_TYPE_CUSTOM</c>).</summary>
    Other,

    /// <summary>A CPU (<c>CL_DEVICE_TYPE_CPU</c>), such as PoCL's pthread device.</summary>
    Cpu,

    /// <summary>A GPU (<c>CL_DEVICE_TYPE_GPU</c>).</summary>
    Gpu,

    /// <summary>A dedicated accelerator (<c>CL_DEVICE_TYPE_ACCELERATOR</c>).</summary>
    Accelerator,
}

/// <summary>An OpenCL platform: one installed driver (an ICD) and the devices it offers.</summary>
public sealed class OpenCLPlatform
{
    private readonly List<OpenCLDevice> _devices = [];

    internal OpenCLPlatform(nint handle, string name, string vendor, string version)
    {
        Handle = handle;
        Name = name;
        Vendor = vendor;
        Version = version;
    }

    /// <summary>Platform name (<c>CL_PLATFORM_NAME</c>), e.g. <c>Portable Computing Language</c>.</summary>
    public string Name { get; }

    /// <summary>Platform vendor (<c>CL_PLATFORM_VENDOR</c>).</summary>
    public string Vendor { get; }

    /// <summary>OpenCL version string of the platform (<c>CL_PLATFORM_VERSION</c>).</summary>
    public string Version { get; }

    /// <summary>The platform's devices that could be queried.</summary>
    public IReadOnlyList<OpenCLDevice> Devices => _devices;

    internal nint Handle { get; }

    internal void Add(OpenCLDevice device) => _devices.Add(device);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Version})";
}

/// <summary>
/// An OpenCL device and the properties the backend needs, read once at discovery. Create an
/// <see cref="OpenCLQueue"/> on it to allocate buffers and run kernels.
/// </summary>
public sealed class OpenCLDevice
{
    internal OpenCLDevice(
        nint handle,
        OpenCLPlatform platform,
        string name,
        string vendor,
        OpenCLDeviceType type,
        int computeUnits,
        long globalMemoryBytes,
        long localMemoryBytes,
        long maxAllocationBytes,
        int maxWorkGroupSize,
        IReadOnlyList<string> extensions,
        string version,
        string openCLCVersion,
        string driverVersion)
    {
        Handle = handle;
        Platform = platform;
        Name = name;
        Vendor = vendor;
        Type = type;
        ComputeUnits = computeUnits;
        GlobalMemoryBytes = globalMemoryBytes;
        LocalMemoryBytes = localMemoryBytes;
        MaxAllocationBytes = maxAllocationBytes;
        MaxWorkGroupSize = maxWorkGroupSize;
        Extensions = extensions;
        Version = version;
        OpenCLCVersion = openCLCVersion;
        DriverVersion = driverVersion;
        SupportsFp64 = Contains(extensions, "cl_khr_fp64");
    }

    /// <summary>The platform (driver) the device belongs to.</summary>
    public OpenCLPlatform Platform { get; }

    /// <summary>Device name (<c>CL_DEVICE_NAME</c>).</summary>
    public string Name { get; }

    /// <summary>Device vendor (<c>CL_DEVICE_VENDOR</c>).</summary>
    public string Vendor { get; }

    /// <summary>CPU, GPU, accelerator or other (<c>CL_DEVICE_TYPE</c>).</summary>
    public OpenCLDeviceType Type { get; }

    /// <summary>Parallel compute units (<c>CL_DEVICE_MAX_COMPUTE_UNITS</c>): cores on a CPU, multiprocessors on a GPU.</summary>
    public int ComputeUnits { get; }

    /// <summary>Global memory in bytes (<c>CL_DEVICE_GLOBAL_MEM_SIZE</c>).</summary>
    public long GlobalMemoryBytes { get; }

    /// <summary>Local (work-group shared) memory in bytes (<c>CL_DEVICE_LOCAL_MEM_SIZE</c>).</summary>
    public long LocalMemoryBytes { get; }

    /// <summary>Largest single buffer in bytes (<c>CL_DEVICE_MAX_MEM_ALLOC_SIZE</c>).</summary>
    public long MaxAllocationBytes { get; }

    /// <summary>Most work-items in one work-group (<c>CL_DEVICE_MAX_WORK_GROUP_SIZE</c>).</summary>
    public int MaxWorkGroupSize { get; }

    /// <summary>Whether the device has <c>cl_khr_fp64</c>, which every <see cref="double"/> kernel needs.</summary>
    public bool SupportsFp64 { get; private init; }

    /// <summary>The device's extensions (<c>CL_DEVICE_EXTENSIONS</c>), in the order the driver lists them.</summary>
    public IReadOnlyList<string> Extensions { get; }

    /// <summary>OpenCL version the device supports (<c>CL_DEVICE_VERSION</c>), e.g. <c>OpenCL 3.0 PoCL …</c>.</summary>
    public string Version { get; }

    /// <summary>Highest OpenCL C version its compiler accepts (<c>CL_DEVICE_OPENCL_C_VERSION</c>), e.g. <c>OpenCL C 1.2 PoCL</c>.</summary>
    public string OpenCLCVersion { get; }

    /// <summary>Driver version (<c>CL_DRIVER_VERSION</c>).</summary>
    public string DriverVersion { get; }

    internal nint Handle { get; }

    /// <summary>
    /// The same device as if it lacked <c>cl_khr_fp64</c>. No real device can be made to lack it, so this is how the
    /// tests reach the "no double support" path of <see cref="OpenCLQueue.Launch{T}"/>.
    /// </summary>
    internal OpenCLDevice WithoutFp64() =>
        new(Handle, Platform, Name, Vendor, Type, ComputeUnits, GlobalMemoryBytes, LocalMemoryBytes, MaxAllocationBytes,
            MaxWorkGroupSize, Extensions, Version, OpenCLCVersion, DriverVersion)
        { SupportsFp64 = false };

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({Type}, {Platform.Name}, {ComputeUnits} compute units)");

    private static bool Contains(IReadOnlyList<string> list, string item)
    {
        foreach (string entry in list)
        {
            if (string.Equals(entry, item, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
