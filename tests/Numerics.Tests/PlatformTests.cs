using System;
using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;

namespace Numerics.Tests;

public sealed class PlatformTests
{
    [Fact]
    public void VectorBitsFollowsTheWidestAcceleratedWidth()
    {
        int expected = Vector512.IsHardwareAccelerated ? 512 : Vector256.IsHardwareAccelerated ? 256 : Vector128.IsHardwareAccelerated ? 128 : 0;
        Assert.Equal(expected, Platform.VectorBits<float>());
        Assert.Equal(expected, Platform.VectorBits<double>());
    }

    [Fact]
    public void BodyNamesTheLaneTypeAKernelComputesIn()
    {
        var sigmoid = Activations.Kernels.Single(k => k.Name == "Sigmoid");
        var geluBackward = Activations.Kernels.Single(k => k.Name == "GeluBackward");
        int bits = Platform.VectorBits<float>();
        string expectedFloat = bits == 0 ? "scalar" : $"Vector{bits}<float>";
        string expectedWidened = bits == 0 ? "scalar (double)" : $"Vector{bits}<double>";

        Assert.Equal(expectedFloat, Platform.BodyOf(sigmoid, isDouble: false));
        Assert.Equal(expectedWidened, Platform.BodyOf(geluBackward, isDouble: false));
        Assert.Equal(bits == 0 ? "scalar" : $"Vector{bits}<double>", Platform.BodyOf(sigmoid, isDouble: true));
    }

    [Fact]
    public void BodyOfRejectsNull() =>
        Assert.Equal("kernel", Assert.Throws<ArgumentNullException>(() => Platform.BodyOf(null!, isDouble: false)).ParamName);
}
