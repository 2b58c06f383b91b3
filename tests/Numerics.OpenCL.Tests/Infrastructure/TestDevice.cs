using System;
using System.Linq;
using FsCheck.Xunit;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests;

/// <summary>
/// The device the tests run on: the first one <see cref="OpenCLRuntime.Discover"/> finds. Without one, tests marked
/// <see cref="OpenCLFactAttribute"/> (and its theory and property forms) are skipped with the discovery reason, except
/// under <c>CI=true</c>, where they run and fail with that reason: CI installs PoCL, so no device there is a broken setup.
/// </summary>
public static class TestDevice
{
    public static OpenCLDiscovery Discovery { get; } = OpenCLRuntime.Discover();

    public static OpenCLDevice? Device { get; } = Discovery.Devices.FirstOrDefault();

    public static bool IsCI { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the tests are skipped, or <see langword="null"/> when they run (a device, or CI).</summary>
    public static string? SkipReason { get; } = Device is null && !IsCI ? $"No OpenCL device: {Discovery.Reason}" : null;

    /// <summary>The device, or a failed assertion carrying the discovery reason (the CI case).</summary>
    public static OpenCLDevice Require() =>
        Device ?? throw new Xunit.Sdk.XunitException($"CI=true but no OpenCL device was found: {Discovery.Reason}");
}

/// <summary>A fact that needs an OpenCL device: skipped with the reason when there is none, failed instead under CI=true.</summary>
public sealed class OpenCLFactAttribute : FactAttribute
{
    public OpenCLFactAttribute()
    {
        if (TestDevice.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>A theory that needs an OpenCL device (see <see cref="OpenCLFactAttribute"/>).</summary>
public sealed class OpenCLTheoryAttribute : TheoryAttribute
{
    public OpenCLTheoryAttribute()
    {
        if (TestDevice.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>An FsCheck property that needs an OpenCL device (see <see cref="OpenCLFactAttribute"/>).</summary>
public sealed class OpenCLPropertyAttribute : PropertyAttribute
{
    public OpenCLPropertyAttribute()
    {
        if (TestDevice.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}

/// <summary>
/// Every test that touches OpenCL is in this collection, which xunit runs one test at a time and never beside another
/// collection, so <see cref="DeviceBuffer.LiveCount"/> before and after a test measures that test's leaks alone.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class OpenCLCollection : ICollectionFixture<QueueFixture>
{
    public const string Name = "OpenCL";
}

/// <summary>One queue shared by the collection, so each kernel compiles once per test run.</summary>
public sealed class QueueFixture : IDisposable
{
    private readonly Lazy<OpenCLQueue> _queue = new(() => new OpenCLQueue(TestDevice.Require()));

    public OpenCLQueue Queue => _queue.Value;

    public void Dispose()
    {
        if (_queue.IsValueCreated)
        {
            _queue.Value.Dispose();
        }
    }
}

/// <summary>Base of the OpenCL test classes: fails a test that leaves device buffers alive.</summary>
[Collection(OpenCLCollection.Name)]
public abstract class OpenCLTest(QueueFixture fixture) : IDisposable
{
    private readonly long _liveAtStart = DeviceBuffer.LiveCount;

    /// <summary>The shared queue; fails the test (CI) when there is no device.</summary>
    protected OpenCLQueue Queue => Device is not null ? fixture.Queue : throw new InvalidOperationException();

    /// <summary>The test device; fails the test (CI) when there is none.</summary>
    protected static OpenCLDevice Device => TestDevice.Require();

    public void Dispose()
    {
        Assert.True(
            DeviceBuffer.LiveCount == _liveAtStart,
            $"The test leaked device buffers: {DeviceBuffer.LiveCount - _liveAtStart} more alive than when it started.");
        GC.SuppressFinalize(this);
    }
}
