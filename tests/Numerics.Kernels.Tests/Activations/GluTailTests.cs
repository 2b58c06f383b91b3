using System;
using Numerics.Kernels.Tests.Infrastructure;
using Numerics.Kernels.Tests.Reference;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

/// <summary>
/// Glu in float lanes deep in the left tail, where e^gate is taken 64 nats up (gate below −110; it matters below
/// ExpMul's range, −174.5) and a large up still gives a normal result, and with an infinite up, where the formula alone would give 0. Through the span kernel at a
/// length with a vector body and a scalar tail, each case repeated so that it falls in both.
/// </summary>
public sealed class GluTailTests
{
    [Theory]
    [InlineData(-150f, 3e38f)]        // e^gate·up = 2.2e-27, e^gate alone far below the normals
    [InlineData(-120f, -1e30f)]
    [InlineData(-109.9f, 2e38f)]      // just above the shift
    [InlineData(-174f, 3.4e38f)]      // still within ExpMul's range (−174.5)
    [InlineData(-175.5f, 3.4e38f)]    // below it: only the 64-nat shift keeps this normal result (1.5e-38)
    [InlineData(-175.5f, -3e38f)]
    [InlineData(-185f, 3.4e38f)]      // a subnormal result
    [InlineData(-230f, 3.4e38f)]      // rounds to 0
    [InlineData(-3f, float.MaxValue)]
    [InlineData(5f, -float.MaxValue)]
    [InlineData(-0.5f, 1e-40f)]       // subnormal up
    public void LargeUpKeepsItsBits(float gate, float up) => Check(gate, up, ActivationReference.Glu(gate, up));

    [Theory]
    [InlineData(-300f, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(-300f, float.NegativeInfinity, float.NegativeInfinity)]
    [InlineData(-745f, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(-746f, float.PositiveInfinity, float.NaN)]              // σ(gate) is 0 in double: 0·∞
    [InlineData(-3e38f, float.PositiveInfinity, float.NaN)]
    [InlineData(2f, float.NegativeInfinity, float.NegativeInfinity)]
    [InlineData(float.NegativeInfinity, float.PositiveInfinity, float.NaN)]
    [InlineData(float.NegativeInfinity, 2f, 0f)]
    [InlineData(float.PositiveInfinity, -2f, -2f)]
    public void InfiniteInputsGiveTheLimitOfSigmaTimesUp(float gate, float up, float expected) => Check(gate, up, expected);

    private static void Check(float gate, float up, double expected)
    {
        const int n = 37;
        float[] g = new float[n], u = new float[n], result = new float[n];
        Array.Fill(g, gate);
        Array.Fill(u, up);
        Activations.Glu(g, u, result);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Tolerance.Check(result[i], expected, 4), $"Glu({gate:R}, {up:R}) = {result[i]:R} at [{i}], expected {expected:R}");
        }
    }
}
