using System;
using Xunit;
using Xunit.Sdk;

namespace Numerics.Kernels.Tests.Infrastructure;

public sealed class UlpTests
{
    [Fact]
    public void FloatUlpIsTheSpacingAtTheExpectedMagnitude()
    {
        Assert.Equal(Math.ScaleB(1.0, -23), Ulp.OfFloat(1.0));
        Assert.Equal(Math.ScaleB(1.0, -23), Ulp.OfFloat(1.9999));
        Assert.Equal(Math.ScaleB(1.0, -24), Ulp.OfFloat(-0.75));
        Assert.Equal(Math.ScaleB(1.0, -149), Ulp.OfFloat(1e-40));
        Assert.Equal(Math.ScaleB(1.0, -149), Ulp.OfFloat(0));
        Assert.Equal(Math.ScaleB(1.0, -149), Ulp.OfFloat(Ulp.SmallestNormalFloat));
        Assert.Equal(Math.ScaleB(1.0, 104), Ulp.OfFloat(1e300));
        Assert.Equal(Math.ScaleB(1.0, -52), Ulp.OfDouble(1.0));
        Assert.Equal(double.Epsilon, Ulp.OfDouble(1e-310));
    }

    [Fact]
    public void FloatDistanceCountsUlp()
    {
        Assert.Equal(0, Ulp.Distance(1f, 1.0));
        Assert.Equal(1, Ulp.Distance(MathF.BitIncrement(1f), 1.0));
        Assert.Equal(3, Ulp.Distance(1f + 3 * MathF.Pow(2, -23), 1.0));

        // Just below a power of two the float spacing halves, but the ulp is taken at the expected value.
        Assert.Equal(0.5, Ulp.Distance(MathF.BitDecrement(1f), 1.0));
        Assert.Equal(0.5, Ulp.Distance(1f, 1.0 + Math.ScaleB(1.0, -24)));
        Assert.Equal(2, Ulp.Distance(0f, 2 * float.Epsilon));
    }

    [Fact]
    public void SpecialValues()
    {
        Assert.Equal(0, Ulp.Distance(float.NaN, double.NaN));
        Assert.Equal(double.PositiveInfinity, Ulp.Distance(float.NaN, 1.0));
        Assert.Equal(double.PositiveInfinity, Ulp.Distance(1f, double.NaN));
        Assert.Equal(0, Ulp.Distance(float.PositiveInfinity, double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, Ulp.Distance(float.NegativeInfinity, double.PositiveInfinity));
        Assert.Equal(double.PositiveInfinity, Ulp.Distance(float.MaxValue, double.PositiveInfinity));
        Assert.Equal(0, Ulp.Distance(float.PositiveInfinity, 1e39));
        Assert.Equal(double.PositiveInfinity, Ulp.Distance(float.PositiveInfinity, 1e38));
        Assert.Equal(0, Ulp.Distance(double.NaN, double.NaN));
        Assert.Equal(0, Ulp.Distance(double.NegativeInfinity, double.NegativeInfinity));
    }

    [Fact]
    public void DoubleDistanceUsesTheLowPartOfTheReference()
    {
        double half = Math.ScaleB(1.0, -53);
        Assert.Equal(0, Ulp.Distance(1.0, 1.0));
        Assert.Equal(1, Ulp.Distance(Math.BitIncrement(1.0), 1.0));
        Assert.Equal(0.25, Ulp.Distance(1.0, (1.0, half / 2)));
        Assert.Equal(0.75, Ulp.Distance(Math.BitIncrement(1.0), (1.0, half / 2)));
    }

    [Fact]
    public void ToleranceUsesUlpForNormalResultsAndAnAbsoluteFloorBelow()
    {
        float four = 1f + 4 * MathF.Pow(2, -23);
        Assert.True(Tolerance.Check(four, 1.0, 4));
        Assert.False(Tolerance.Check(four, 1.0, 3.9));

        // Subnormal or zero true result: one smallest normal of absolute error is allowed.
        Assert.True(Tolerance.Check(0f, 1e-39, 1));
        Assert.True(Tolerance.Check(1.1e-38f, 0, 1));
        Assert.False(Tolerance.Check(1.2e-38f, 0, 1));
        Assert.False(Tolerance.Check(-2e-38f, 1e-39, 1));

        // Just above the smallest normal, the ulp rule applies: 2^-149 per ulp.
        Assert.False(Tolerance.Check(0f, 1.2e-38, 1));

        Assert.True(Tolerance.Check(float.NaN, double.NaN, 1));
        Assert.False(Tolerance.Check(float.NaN, 0, 1));
        Assert.False(Tolerance.Check(0f, double.NaN, 1));
        Assert.True(Tolerance.Check(float.NegativeInfinity, double.NegativeInfinity, 1));
        Assert.False(Tolerance.Check(float.MinValue, double.NegativeInfinity, 1e30));
    }

    [Fact]
    public void ScaledToleranceMeasuresAtTheGivenMagnitude()
    {
        // A derivative near its root: true 1e-9, float result off by 1e-8 is fine at scale 1.
        Assert.False(Tolerance.Check(1.1e-8f, 1e-9, 4));
        Assert.True(Tolerance.CheckAtScale(1.1e-8f, 1e-9, 4, scale: 1));
        Assert.False(Tolerance.CheckAtScale(1e-6f, 1e-9, 4, scale: 1));
    }

    [Fact]
    public void DoubleToleranceMatchesTheFloatRule()
    {
        Assert.True(Tolerance.Check(Math.BitIncrement(1.0), 1.0, 1));
        Assert.False(Tolerance.Check(Math.BitIncrement(Math.BitIncrement(1.0)), 1.0, 1));
        Assert.True(Tolerance.Check(0.0, 1e-310, 1));
    }

    [Fact]
    public void AssertionReportsIndexInputActualExpectedAndUlp()
    {
        float[] x = [1, 2, 3];
        float[] y = [1, 2, 3.5f];
        FailException failure = Assert.Throws<FailException>(() => ToleranceAssert.AllWithin(x, y, v => v, 1, "Identity"));
        Assert.Contains("Identity: 1 of 3 elements outside 1 ulp.", failure.Message);
        Assert.Contains("[2] in = 3 (0x40400000) actual = 3.5 (0x40600000) expected = 3 error = 2097152 ulp", failure.Message);

        ToleranceAssert.AllWithin(x, x, v => v, 0);
        ToleranceAssert.AllWithin(x, x, x, (a, b) => a * b / b, 0.5);
        Assert.Throws<FailException>(() => ToleranceAssert.Within(1f, 2.0, 1, 0, 1f));
    }

    [Fact]
    public void AssertionReportsTheWorstWhenManyFail()
    {
        float[] x = new float[20];
        float[] actual = new float[20];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = i + 1;
            actual[i] = i == 15 ? 1000 : x[i] + 1;
        }

        FailException failure = Assert.Throws<FailException>(() => ToleranceAssert.AllWithin(x, actual, v => v, 1));
        Assert.Contains("20 of 20", failure.Message);
        Assert.Contains("10 more; worst:", failure.Message);
        Assert.Contains("[15] in = 16", failure.Message);
    }
}
