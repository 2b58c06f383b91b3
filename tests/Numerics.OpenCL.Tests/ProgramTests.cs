using System;
using Numerics.OpenCL;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.OpenCL.Tests;

public sealed class ProgramTests(QueueFixture fixture, ITestOutputHelper output) : OpenCLTest(fixture)
{
    private const string Scale = """
        __kernel void scale(__global float* x, const float a, const int n)
        {
            int i = get_global_id(0);
            if (i < n) x[i] *= a;
        }
        """;

    [OpenCLFact]
    public void AProgramThatDoesNotCompileThrowsWithTheBuildLog()
    {
        const string Broken = """
            __kernel void broken(__global float* x)
            {
                x[0] = undefined_identifier_42;
            }
            """;
        using var queue = new OpenCLQueue(Device);
        var e = Assert.Throws<OpenCLBuildException>(() => queue.GetKernel(Broken, "broken", "-cl-mad-enable"));
        output.WriteLine(e.Message);
        Assert.Equal("clBuildProgram", e.Call);
        Assert.Equal(-11, e.ErrorCode);
        Assert.Equal("CL_BUILD_PROGRAM_FAILURE", e.ErrorName);
        Assert.StartsWith("clBuildProgram failed: CL_BUILD_PROGRAM_FAILURE (-11) on " + Device.Name, e.Message, StringComparison.Ordinal);
        Assert.Contains("undefined_identifier_42", e.BuildLog, StringComparison.Ordinal);
        Assert.Contains(e.BuildLog.Trim(), e.Message, StringComparison.Ordinal);
        Assert.Contains("-cl-mad-enable", e.Message, StringComparison.Ordinal);
        Assert.Equal(Broken, e.ProgramSource);
        Assert.Equal("-cl-mad-enable", e.Options);
        Assert.Equal(Device.Name, e.DeviceName);

        // A failed build is not cached: asking again compiles again (and fails again).
        Assert.Equal(1, queue.ProgramBuildCount);
        Assert.Throws<OpenCLBuildException>(() => queue.GetKernel(Broken, "broken", "-cl-mad-enable"));
        Assert.Equal(2, queue.ProgramBuildCount);
    }

    [OpenCLFact]
    public void InvalidBuildOptionsAreABuildError()
    {
        using var queue = new OpenCLQueue(Device);
        var e = Assert.ThrowsAny<OpenCLException>(() => queue.GetKernel(Scale, "scale", "-no-such-option-exists"));
        output.WriteLine(e.Message);
        Assert.Equal("clBuildProgram", e.Call);
        Assert.Contains(e.ErrorCode, new[] { -11, -43 });
        Assert.Contains("-no-such-option-exists", e.Message, StringComparison.Ordinal);
    }

    [OpenCLFact]
    public void EachProgramIsCompiledOncePerQueue()
    {
        using var queue = new OpenCLQueue(Device);
        Assert.Equal(0, queue.ProgramBuildCount);
        using (OpenCLKernel first = queue.GetKernel(Scale, "scale"))
        using (OpenCLKernel second = queue.GetKernel(Scale, "scale"))
        {
            Assert.NotSame(first, second);
        }

        Assert.Equal(1, queue.ProgramBuildCount);
        Assert.Equal(1, queue.ProgramCacheHits);

        // Other options are another program.
        queue.GetKernel(Scale, "scale", "-cl-fast-relaxed-math").Dispose();
        Assert.Equal(2, queue.ProgramBuildCount);

        // Another queue has its own context, so its own programs.
        using var other = new OpenCLQueue(Device);
        other.GetKernel(Scale, "scale").Dispose();
        Assert.Equal(1, other.ProgramBuildCount);
        Assert.Equal(2, queue.ProgramBuildCount);
    }

    [OpenCLFact]
    public void ASecondLaunchDoesNotRebuild()
    {
        using var queue = new OpenCLQueue(Device);
        var relu = ElementwiseHarness.Kernel("Relu");
        float[] x = [-1, 0, 2];
        Assert.Equal([0f, 0, 2], ElementwiseHarness.RunOnDevice(queue, relu, [x], [])[0]);
        Assert.Equal(1, queue.ProgramBuildCount);
        int hits = queue.ProgramCacheHits;
        Assert.Equal([0f, 0, 2], ElementwiseHarness.RunOnDevice(queue, relu, [x], [])[0]);
        Assert.Equal(1, queue.ProgramBuildCount);
        Assert.Equal(hits + 1, queue.ProgramCacheHits);

        // The double kernel is a different program.
        Assert.Equal([0.0, 0, 2], ElementwiseHarness.RunOnDevice(queue, relu, [[-1.0, 0, 2]], [])[0]);
        Assert.Equal(2, queue.ProgramBuildCount);
    }

    [OpenCLFact]
    public void AnUnknownEntryPointNamesTheCallAndTheCode()
    {
        var e = Assert.Throws<OpenCLException>(() => Queue.GetKernel(Scale, "no_such_kernel"));
        Assert.Equal("clCreateKernel", e.Call);
        Assert.Equal(-46, e.ErrorCode);
        Assert.Equal("clCreateKernel(\"no_such_kernel\") failed: CL_INVALID_KERNEL_NAME (-46)", e.Message);
    }

    [Fact]
    public void TheCacheKeyIsTheSha256OfSourceAndOptions()
    {
        string key = OpenCLQueue.ProgramKey(Scale, "");
        Assert.Equal(64, key.Length);
        Assert.Equal(key, OpenCLQueue.ProgramKey(Scale, ""));
        Assert.NotEqual(key, OpenCLQueue.ProgramKey(Scale, "-cl-mad-enable"));
        Assert.NotEqual(key, OpenCLQueue.ProgramKey(Scale + " ", ""));
        // The separator keeps "options + source" pairs apart.
        Assert.NotEqual(OpenCLQueue.ProgramKey("b", "a"), OpenCLQueue.ProgramKey("", "ab"));
    }
}
