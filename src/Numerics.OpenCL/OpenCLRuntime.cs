using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using Silk.NET.Core;
using Silk.NET.Core.Loader;
using Silk.NET.OpenCL;

namespace Numerics.OpenCL;

/// <summary>What <see cref="OpenCLRuntime.Discover"/> found: the platforms and devices, or why there are none.</summary>
public sealed class OpenCLDiscovery
{
    internal OpenCLDiscovery(IReadOnlyList<OpenCLPlatform> platforms, IReadOnlyList<string> problems)
    {
        Platforms = platforms;
        Devices = platforms.SelectMany(p => p.Devices).ToArray();
        Problems = problems;
    }

    /// <summary>Every platform the ICD loader reported, each with the devices that could be queried.</summary>
    public IReadOnlyList<OpenCLPlatform> Platforms { get; }

    /// <summary>Every usable device, platform by platform, in the order the drivers list them.</summary>
    public IReadOnlyList<OpenCLDevice> Devices { get; }

    /// <summary>Whether at least one device was found.</summary>
    public bool HasDevices => Devices.Count > 0;

    /// <summary>
    /// Everything that went wrong while looking: no OpenCL library, no driver, a platform or device that could not be
    /// queried. Not empty whenever <see cref="HasDevices"/> is false; may hold entries when devices were found too
    /// (for example one of two drivers failing).
    /// </summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Why there is no device (the <see cref="Problems"/> in one line), or <see langword="null"/> when there is one.</summary>
    public string? Reason => HasDevices ? null : string.Join(" ", Problems);
}

/// <summary>
/// Entry point of the OpenCL backend: finds the installed platforms and devices. Nothing here throws for a machine
/// without OpenCL; the result says what is missing, and the CPU path of the library runs regardless.
/// </summary>
public static class OpenCLRuntime
{
    private static readonly Lazy<(CL? Api, string? Failure)> s_api = new(() => LoadApi(CL.GetApi));

    /// <summary>
    /// Lists the OpenCL platforms and devices. Never throws for a missing runtime: no OpenCL library (no ICD loader),
    /// a loader with no driver (<c>CL_PLATFORM_NOT_FOUND_KHR</c>) or a driver with no device give an empty list
    /// and the reason in <see cref="OpenCLDiscovery.Problems"/>.
    /// </summary>
    /// <returns>The platforms and devices, or the reason there are none.</returns>
    public static OpenCLDiscovery Discover()
    {
        (CL? api, string? failure) = s_api.Value;
        if (api is null)
        {
            return new OpenCLDiscovery([], [failure!]);
        }

        var problems = new List<string>();
        try
        {
            return new OpenCLDiscovery(QueryPlatforms(api, problems), problems);
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            // The library loaded but lacks an entry point (a broken or very old loader).
            problems.Add($"The OpenCL library is unusable: {e.Message}");
            return new OpenCLDiscovery([], problems);
        }
    }

    /// <summary>The loaded API; only called once a device exists, so the library is known to load.</summary>
    internal static CL Api => s_api.Value.Api ?? throw new InvalidOperationException(s_api.Value.Failure);

    /// <summary>Loads the OpenCL library through <paramref name="getApi"/>, turning a missing library into a reason.</summary>
    internal static (CL? Api, string? Failure) LoadApi(Func<CL> getApi)
    {
        try
        {
            return (getApi(), null);
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            return (null, $"No OpenCL library could be loaded ({e.GetType().Name}: {e.Message}). Install an OpenCL ICD loader "
                + "and a driver, for example 'apt-get install ocl-icd-libopencl1 pocl-opencl-icd' for the CPU, or the GPU vendor's driver.");
        }
    }

    /// <summary>The reason text for a <c>clGetPlatformIDs</c> failure.</summary>
    internal static string PlatformFailure(int code)
    {
        string call = $"clGetPlatformIDs returned {OpenCLErrors.Describe(code)}";
        if (code != OpenCLErrors.PlatformNotFoundKhr)
        {
            return call + ".";
        }

        string? vendors = Environment.GetEnvironmentVariable("OCL_ICD_VENDORS");
        string where = vendors is null ? "/etc/OpenCL/vendors" : $"OCL_ICD_VENDORS={vendors}";
        return $"{call}: the OpenCL ICD loader found no driver (no usable .icd file in {where}). "
            + "Install a driver, for example 'apt-get install pocl-opencl-icd' for the CPU, or the GPU vendor's driver.";
    }

    /// <summary>The exceptions Silk.NET and the runtime throw when the native library or one of its entry points is missing.</summary>
    private static bool IsLoadFailure(Exception e) =>
        e is FileNotFoundException // Silk.NET: "Could not load from any of the possible library names!"
            or DllNotFoundException
            or BadImageFormatException // a library of the wrong architecture
            or EntryPointNotFoundException
            or SymbolLoadingException // Silk.NET: a function the library does not export
            or PlatformException;

    private static unsafe List<OpenCLPlatform> QueryPlatforms(CL api, List<string> problems)
    {
        var platforms = new List<OpenCLPlatform>();
        uint count;
        int code = api.GetPlatformIDs(0, null, &count);
        if (code != OpenCLErrors.Success || count == 0)
        {
            problems.Add(code != OpenCLErrors.Success ? PlatformFailure(code) : "The OpenCL ICD loader reported no platform (no driver is installed).");
            return platforms;
        }

        var handles = new nint[count];
        fixed (nint* p = handles)
        {
            code = api.GetPlatformIDs(count, p, &count);
        }

        if (code != OpenCLErrors.Success)
        {
            problems.Add(PlatformFailure(code));
            return platforms;
        }

        foreach (nint handle in handles.AsSpan(0, (int)Math.Min(count, (uint)handles.Length)))
        {
            OpenCLPlatform platform;
            try
            {
                platform = new OpenCLPlatform(
                    handle,
                    ClInfo.PlatformString(api, handle, PlatformInfo.Name),
                    ClInfo.PlatformString(api, handle, PlatformInfo.Vendor),
                    ClInfo.PlatformString(api, handle, PlatformInfo.Version));
            }
            catch (OpenCLException e)
            {
                problems.Add($"A platform could not be queried: {e.Message}.");
                continue;
            }

            platforms.Add(platform);
            QueryDevices(api, platform, problems);
        }

        if (platforms.All(p => p.Devices.Count == 0) && problems.Count == 0)
        {
            problems.Add($"{platforms.Count} OpenCL platform(s) ({string.Join(", ", platforms.Select(p => p.Name))}) but no device.");
        }

        return platforms;
    }

    private static unsafe void QueryDevices(CL api, OpenCLPlatform platform, List<string> problems)
    {
        uint count;
        int code = api.GetDeviceIDs(platform.Handle, DeviceType.All, 0, null, &count);
        if (code == OpenCLErrors.DeviceNotFound || (code == OpenCLErrors.Success && count == 0))
        {
            problems.Add($"Platform '{platform.Name}' has no device.");
            return;
        }

        if (code != OpenCLErrors.Success)
        {
            problems.Add($"Platform '{platform.Name}': clGetDeviceIDs returned {OpenCLErrors.Describe(code)}.");
            return;
        }

        var handles = new nint[count];
        fixed (nint* p = handles)
        {
            code = api.GetDeviceIDs(platform.Handle, DeviceType.All, count, p, &count);
        }

        if (code != OpenCLErrors.Success)
        {
            problems.Add($"Platform '{platform.Name}': clGetDeviceIDs returned {OpenCLErrors.Describe(code)}.");
            return;
        }

        foreach (nint handle in handles.AsSpan(0, (int)Math.Min(count, (uint)handles.Length)))
        {
            try
            {
                platform.Add(QueryDevice(api, platform, handle));
            }
            catch (OpenCLException e)
            {
                problems.Add($"A device of platform '{platform.Name}' could not be queried: {e.Message}.");
            }
        }
    }

    private static OpenCLDevice QueryDevice(CL api, OpenCLPlatform platform, nint handle)
    {
        ulong type = ClInfo.DeviceValue<ulong>(api, handle, DeviceInfo.Type);
        const ulong Cpu = 1 << 1, Gpu = 1 << 2, Accelerator = 1 << 3;
        OpenCLDeviceType kind = (type & Gpu) != 0 ? OpenCLDeviceType.Gpu
            : (type & Accelerator) != 0 ? OpenCLDeviceType.Accelerator
            : (type & Cpu) != 0 ? OpenCLDeviceType.Cpu
            : OpenCLDeviceType.Other;
        string[] extensions = ClInfo.DeviceString(api, handle, DeviceInfo.Extensions)
            .Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        return new OpenCLDevice(
            handle,
            platform,
            ClInfo.DeviceString(api, handle, DeviceInfo.Name),
            ClInfo.DeviceString(api, handle, DeviceInfo.Vendor),
            kind,
            (int)ClInfo.DeviceValue<uint>(api, handle, DeviceInfo.MaxComputeUnits),
            Saturate(ClInfo.DeviceValue<ulong>(api, handle, DeviceInfo.GlobalMemSize)),
            Saturate(ClInfo.DeviceValue<ulong>(api, handle, DeviceInfo.LocalMemSize)),
            Saturate(ClInfo.DeviceValue<ulong>(api, handle, DeviceInfo.MaxMemAllocSize)),
            (int)Math.Min(ClInfo.DeviceValue<nuint>(api, handle, DeviceInfo.MaxWorkGroupSize), (nuint)int.MaxValue),
            extensions,
            ClInfo.DeviceString(api, handle, DeviceInfo.Version),
            ClInfo.DeviceString(api, handle, OpenCLCVersion),
            ClInfo.DeviceString(api, handle, DeviceInfo.DriverVersion));
    }

    /// <summary>
    /// <c>CL_DEVICE_OPENCL_C_VERSION</c>: Silk.NET marks it obsolete because OpenCL 3.0 adds a list form, but every
    /// device from 1.1 to 3.0 still answers it, and it is the one string a 1.x device has.
    /// </summary>
    private const DeviceInfo OpenCLCVersion = (DeviceInfo)0x103D;

    private static long Saturate(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}

/// <summary>Typed wrappers over the <c>clGet…Info</c> queries.</summary>
internal static unsafe class ClInfo
{
    public static string PlatformString(CL api, nint platform, PlatformInfo param)
    {
        nuint size;
        OpenCLErrors.Check(api.GetPlatformInfo(platform, param, 0, null, &size), $"clGetPlatformInfo({param})");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            OpenCLErrors.Check(api.GetPlatformInfo(platform, param, size, p, null), $"clGetPlatformInfo({param})");
        }

        return Decode(bytes);
    }

    public static string DeviceString(CL api, nint device, DeviceInfo param)
    {
        nuint size;
        OpenCLErrors.Check(api.GetDeviceInfo(device, param, 0, null, &size), $"clGetDeviceInfo({param})");
        var bytes = new byte[(int)size];
        fixed (byte* p = bytes)
        {
            OpenCLErrors.Check(api.GetDeviceInfo(device, param, size, p, null), $"clGetDeviceInfo({param})");
        }

        return Decode(bytes);
    }

    public static T DeviceValue<T>(CL api, nint device, DeviceInfo param)
        where T : unmanaged
    {
        T value = default;
        OpenCLErrors.Check(api.GetDeviceInfo(device, param, (nuint)sizeof(T), &value, null), $"clGetDeviceInfo({param})");
        return value;
    }

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end >= 0 ? bytes[..end] : bytes).Trim();
    }
}
