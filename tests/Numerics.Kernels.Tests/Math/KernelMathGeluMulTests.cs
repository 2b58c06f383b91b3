using System;
using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Numerics.Kernels.Tests.Infrastructure;
using Numerics.Kernels.Tests.Reference;
using Xunit;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>
/// <c>KernelMath.GeluMul(x, y)</c> = gelu(x)·y (GeGLU's product): float lanes where x·y is finite, double lanes for the
/// lanes where it is not or where x is below −14.5 with a large y. Against the independent double reference, the same
/// bits at every width, and each lane's result independent of the other lanes of its vector.
/// </summary>
public sealed class KernelMathGeluMulTests
{
    private static readonly FusedProductChecks s_checks =
        new("GeluMul", KernelMath.GeluMul, KernelMath.GeluMul, KernelMath.GeluMul, KernelMath.GeluMul, Expected);

    /// <summary>x in [−20, 20] at a resolution of 1e-5; y any finite float (its bits drawn uniformly).</summary>
    public static Arbitrary<(float X, float Y)> Pairs() =>
        (from x in Gen.Choose(-2_000_000, 2_000_000)
         from bits in Gen.Choose(int.MinValue, int.MaxValue)
         let y = BitConverter.Int32BitsToSingle(bits)
         where float.IsFinite(y)
         select ((float)(x * 1e-5), y)).ToArbitrary();

    [Property(MaxTest = 5000, Arbitrary = [typeof(KernelMathGeluMulTests)], Replay = "(20261130,1)")]
    public bool SingleWithinFourUlpAtEveryWidth((float X, float Y) pair)
    {
        (float x, float y) = pair;
        return s_checks.WithinAtEveryWidth(x, y, 4);
    }

    [Theory]
    [InlineData(-5f, 1e38f)]            // x·y overflows, the result does not: −1.43e32
    [InlineData(-5f, -float.MaxValue)]
    [InlineData(3f, 2e38f)]             // overflows in both: ∞
    [InlineData(-15f, 3e38f)]           // Φ(x) is below float's range, the result is normal: −1.65e-11
    [InlineData(-15f, 1e37f)]           // the same with a finite x·y (−1.5e38): −5.5e-13
    [InlineData(-19f, float.MaxValue)]  // subnormal result
    [InlineData(-14.4f, 2e37f)]         // the last float-path x with a product of this size
    [InlineData(-0.5f, 3e38f)]
    [InlineData(1e-40f, 1e30f)]         // subnormal x
    [InlineData(-14.6f, 4f)]            // |x·y| < 64 below −14.5: the float path, −0
    public void ExtremeFactors(float x, float y)
        => s_checks.AssertExtreme(x, y);

    [Theory]
    [InlineData(float.NegativeInfinity, 1f, 0f)]
    [InlineData(float.NegativeInfinity, -3f, 0f)]
    [InlineData(float.NegativeInfinity, float.PositiveInfinity, float.NaN)]
    [InlineData(float.PositiveInfinity, 2f, float.PositiveInfinity)]
    [InlineData(float.PositiveInfinity, -2f, float.NegativeInfinity)]
    [InlineData(float.PositiveInfinity, 0f, float.NaN)]
    [InlineData(0f, float.PositiveInfinity, float.NaN)]
    [InlineData(1f, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NaN, 1f, float.NaN)]
    [InlineData(1f, float.NaN, float.NaN)]
    public void SpecialValuesAreTheLimitsOfGeluTimesY(float x, float y, float expected)
    {
        Assert.Equal(expected, KernelMath.GeluMul(x, y));
        Assert.Equal(expected, KernelMath.GeluMul(Vector512.Create(x), Vector512.Create(y)).ToScalar());
        Assert.Equal(expected, KernelMath.GeluMul(Vector256.Create(x), Vector256.Create(y)).ToScalar());
    }

    [Fact]
    public void ZeroResultsCarryTheSignOfTheProduct()
    {
        // |x·y| < 64 below x = −14.5 (float path) and beyond (double path): the true result rounds to ∓0.
        Assert.True(float.IsNegative(KernelMath.GeluMul(-14.6f, 4f)));
        Assert.True(float.IsPositive(KernelMath.GeluMul(-14.6f, -4f)));
        Assert.True(float.IsNegative(KernelMath.GeluMul(-20f, 4f)));
    }

    /// <summary>
    /// A vector whose other lanes take the double path (an overflowing x·y, a NaN, an infinity) gives each lane the bits it
    /// has alone: the path is chosen per lane, so results do not depend on neighbours, width or span splits.
    /// </summary>
    [Property(MaxTest = 500, Arbitrary = [typeof(KernelMathGeluMulTests)], Replay = "(20261130,3)")]
    public bool LanesAreIndependentOfTheirNeighbours((float X, float Y) pair)
        => s_checks.LanesAreIndependent(pair.X, pair.Y, [(-5f, 1e38f), (float.NaN, 1f), (float.PositiveInfinity, 2f), (-15f, 3e38f), (0.25f, 4f)]);

    [Fact]
    public void DoubleIsGeluTimesY()
    {
        foreach ((double x, double y) in new[] { (-3.0, 1e300), (0.5, -2.0), (-40.0, 1.0), (double.NegativeInfinity, 2.0), (7.0, 1e-300) })
        {
            double expected = KernelMath.NormalCdfMul(x, x) * y;
            Assert.Equal(expected, KernelMath.GeluMul(x, y));
            Assert.Equal(expected, KernelMath.GeluMul(Vector512.Create(x), Vector512.Create(y)).ToScalar());
            Assert.Equal(expected, KernelMath.GeluMul(Vector128.Create(x), Vector128.Create(y)).ToScalar());
        }
    }

    // gelu(x)·y in double: x·y is exact, Φ(x) is a normal double for every x here.
    private static double Expected(float x, float y) => double.IsInfinity(x) ? ActivationReference.Gelu(x) * y : (double)x * y * ReferenceMath.NormalCdf(x);

    /// <summary>
    /// The span kernel built on it, at a length with a vector body and a scalar tail, each case repeated so that it
    /// falls in both, holds the same cases to 4 ulp.
    /// </summary>
    [Fact]
    public void GeGluKernelHoldsTheExtremeCases() =>
        s_checks.AssertSpanKernel("GeGlu", Activations.GeGlu, [(-5f, 1e38f), (3f, 2e38f), (-15f, 1e37f), (-19f, float.MaxValue), (-0.5f, 3e38f), (0.75f, 2f)]);

}
