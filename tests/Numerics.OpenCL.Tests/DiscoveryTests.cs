using System;
using System.IO;
using System.Linq;
using Numerics.OpenCL;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.OpenCL.Tests;

public sealed class DiscoveryTests(QueueFixture fixture, ITestOutputHelper output) : OpenCLTest(fixture)
{
    [OpenCLFact]
    public void DiscoveryReportsTheDeviceFields()
    {
        OpenCLDiscovery discovery = OpenCLRuntime.Discover();
        Assert.True(discovery.HasDevices, discovery.Reason);
        Assert.Null(discovery.Reason);
        foreach (OpenCLDevice device in discovery.Devices)
        {
            output.WriteLine(
                $"{device.Name} | {device.Vendor} | {device.Type} | {device.ComputeUnits} CUs | global {device.GlobalMemoryBytes} B | local {device.LocalMemoryBytes} B | "
                + $"max alloc {device.MaxAllocationBytes} B | work-group {device.MaxWorkGroupSize} | fp64 {device.SupportsFp64} | {device.OpenCLCVersion} | driver {device.DriverVersion}");
            Assert.False(string.IsNullOrWhiteSpace(device.Name));
            Assert.False(string.IsNullOrWhiteSpace(device.Vendor));
            Assert.True(Enum.IsDefined(device.Type));
            Assert.InRange(device.ComputeUnits, 1, 1 << 20);
            Assert.True(device.GlobalMemoryBytes > 0);
            Assert.True(device.LocalMemoryBytes > 0);
            Assert.InRange(device.MaxAllocationBytes, 1, device.GlobalMemoryBytes);
            Assert.True(device.MaxWorkGroupSize >= 1);
            Assert.StartsWith("OpenCL C ", device.OpenCLCVersion, StringComparison.Ordinal);
            Assert.StartsWith("OpenCL ", device.Version, StringComparison.Ordinal);
            Assert.False(string.IsNullOrWhiteSpace(device.DriverVersion));
            Assert.Equal(device.Extensions.Contains("cl_khr_fp64"), device.SupportsFp64);
            Assert.Contains(device, device.Platform.Devices);
            Assert.Contains(device.Platform, discovery.Platforms);
            Assert.False(string.IsNullOrWhiteSpace(device.Platform.Name));
        }
    }

    [OpenCLFact]
    public void DiscoveringAgainFindsTheSameDevices()
    {
        string[] first = OpenCLRuntime.Discover().Devices.Select(d => d.ToString()).ToArray();
        string[] second = OpenCLRuntime.Discover().Devices.Select(d => d.ToString()).ToArray();
        Assert.Equal(first, second);
    }

    [Fact]
    public void AMissingLibraryIsAReasonNotAnException()
    {
        // What Silk.NET's CL.GetApi() throws when no libOpenCL can be loaded (checked by hiding the library).
        var (api, failure) = OpenCLRuntime.LoadApi(
            () => throw new FileNotFoundException("Could not load from any of the possible library names! Please make sure that the library is installed and in the right place!"));
        Assert.Null(api);
        Assert.Contains("No OpenCL library", failure, StringComparison.Ordinal);
        Assert.Contains("Could not load from any of the possible library names", failure, StringComparison.Ordinal);
        Assert.Contains("ocl-icd-libopencl1", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnexpectedLoaderExceptionIsNotSwallowed()
    {
        Assert.Throws<InvalidOperationException>(() => OpenCLRuntime.LoadApi(() => throw new InvalidOperationException("a bug")));
    }

    [Fact]
    public void NoDriverReasonNamesTheCodeAndTheFix()
    {
        string reason = OpenCLRuntime.PlatformFailure(-1001);
        Assert.Contains("clGetPlatformIDs returned CL_PLATFORM_NOT_FOUND_KHR (-1001)", reason, StringComparison.Ordinal);
        Assert.Contains("no driver", reason, StringComparison.Ordinal);
        Assert.Contains("pocl-opencl-icd", reason, StringComparison.Ordinal);
        Assert.Equal("clGetPlatformIDs returned CL_OUT_OF_HOST_MEMORY (-6).", OpenCLRuntime.PlatformFailure(-6));
    }

    [Fact]
    public void ErrorMessagesNameTheCallAndTheCode()
    {
        var e = new OpenCLException("clEnqueueNDRangeKernel", -54);
        Assert.Equal("clEnqueueNDRangeKernel failed: CL_INVALID_WORK_GROUP_SIZE (-54)", e.Message);
        Assert.Equal(-54, e.ErrorCode);
        Assert.Equal("CL_INVALID_WORK_GROUP_SIZE", e.ErrorName);
        Assert.Equal("clEnqueueNDRangeKernel", e.Call);
        Assert.Equal("clFoo failed: unknown OpenCL error (-9999)", new OpenCLException("clFoo", -9999).Message);
    }

    [Fact]
    public void WithoutADeviceTheSkipReasonIsTheDiscoveryReason()
    {
        // Holds on every machine: with a device nothing is skipped; without one the reason is passed on, never lost.
        if (TestDevice.Device is not null)
        {
            Assert.Null(TestDevice.SkipReason);
        }
        else
        {
            Assert.False(string.IsNullOrWhiteSpace(TestDevice.Discovery.Reason));
            Assert.True(TestDevice.IsCI || TestDevice.SkipReason!.Contains(TestDevice.Discovery.Reason!, StringComparison.Ordinal));
            output.WriteLine(TestDevice.Discovery.Reason);
        }
    }
}
