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
/// <c>KernelMath.SiluMul(x, y)</c> = silu(x)·y (SwiGLU's product): float lanes where x·y is finite, double lanes for the
/// lanes where it is not or where x is below −174.5 with a large product. Against the independent double reference,
/// the same bits at every width, each lane independent of its neighbours; the cases that the float formula alone got
/// wrong (docs/accuracy.md, "Known gaps", session 9) are held to 4 ulp.
/// </summary>
public sealed class KernelMathSiluMulTests
{
    private static readonly FusedProductChecks s_checks =
        new("SiluMul", KernelMath.SiluMul, KernelMath.SiluMul, KernelMath.SiluMul, KernelMath.SiluMul, Expected);

    /// <summary>x in [−200, 200] at a resolution of 1e-4; y any finite float (its bits drawn uniformly).</summary>
    public static Arbitrary<(float X, float Y)> Pairs() =>
        (from x in Gen.Choose(-2_000_000, 2_000_000)
         from bits in Gen.Choose(int.MinValue, int.MaxValue)
         let y = BitConverter.Int32BitsToSingle(bits)
         where float.IsFinite(y)
         select ((float)(x * 1e-4), y)).ToArbitrary();

    [Property(MaxTest = 5000, Arbitrary = [typeof(KernelMathSiluMulTests)], Replay = "(20261130,5)")]
    public bool SingleWithinFourUlpAtEveryWidth((float X, float Y) pair)
    {
        (float x, float y) = pair;
        return s_checks.WithinAtEveryWidth(x, y, 4);
    }

    [Theory]
    [InlineData(-99.87f, 1.1e38f)]      // x·y overflows and e^x·x is subnormal (the float formula: 3864 ulp)
    [InlineData(4.56f, -7.5e37f)]       // x·y overflows, silu(x)·y does not: −3.385e38 (the float formula: −∞)
    [InlineData(-119.8f, 1.4e24f)]      // e^x far below the normals, the result is normal: −1.57e-26
    [InlineData(-175.5f, 3.2e38f)]      // below ExpMul's range with x·y overflowing
    [InlineData(-175.5f, 1e36f)]        // below ExpMul's range, x·y finite and large: a normal result
    [InlineData(-175.5f, 1e28f)]        // the float path there: rounds to −0
    [InlineData(-50f, float.MaxValue)]
    [InlineData(0.5f, float.MaxValue)]
    [InlineData(1e-40f, 1e30f)]         // subnormal x
    public void ExtremeFactors(float x, float y)
        => s_checks.AssertExtreme(x, y);

    [Theory]
    [InlineData(float.NegativeInfinity, 1f, 0f)]
    [InlineData(float.NegativeInfinity, -3f, 0f)]
    [InlineData(float.PositiveInfinity, 2f, float.PositiveInfinity)]
    [InlineData(float.PositiveInfinity, -2f, float.NegativeInfinity)]
    [InlineData(float.PositiveInfinity, 0f, float.NaN)]
    [InlineData(0f, float.PositiveInfinity, float.NaN)]
    [InlineData(1f, float.PositiveInfinity, float.PositiveInfinity)]
    [InlineData(float.NaN, 1f, float.NaN)]
    [InlineData(1f, float.NaN, float.NaN)]
    public void SpecialValuesAreTheLimitsOfSiluTimesY(float x, float y, float expected)
    {
        Assert.Equal(expected, KernelMath.SiluMul(x, y));
        Assert.Equal(expected, KernelMath.SiluMul(Vector512.Create(x), Vector512.Create(y)).ToScalar());
        Assert.Equal(expected, KernelMath.SiluMul(Vector256.Create(x), Vector256.Create(y)).ToScalar());
    }

    [Fact]
    public void ZeroResultsCarryTheSignOfTheProduct()
    {
        // silu(x)·y has the sign of x·y; deep in the left tail it rounds to that signed zero, on both paths.
        Assert.True(float.IsNegative(KernelMath.SiluMul(-175.5f, 1e28f)));
        Assert.True(float.IsPositive(KernelMath.SiluMul(-175.5f, -1e28f)));
        Assert.True(float.IsNegative(KernelMath.SiluMul(-150f, 1f)));
        Assert.True(float.IsNegative(KernelMath.SiluMul(-3e38f, 1e-30f)));
    }

    /// <summary>A lane's bits do not depend on whether its neighbours take the double path.</summary>
    [Property(MaxTest = 500, Arbitrary = [typeof(KernelMathSiluMulTests)], Replay = "(20261130,7)")]
    public bool LanesAreIndependentOfTheirNeighbours((float X, float Y) pair)
        => s_checks.LanesAreIndependent(pair.X, pair.Y, [(-99.87f, 1.1e38f), (float.NaN, 1f), (float.PositiveInfinity, 2f), (-175.5f, 1e36f), (0.25f, 4f)]);

    [Fact]
    public void DoubleIsTheFormulaWithAnOverflowBranch()
    {
        // x·y overflows double while silu(x)·y does not: ExpMul(−|x|, x)·y.
        double expected = -3.0 * (1e308 / (1 + Math.Exp(3.0)));
        Assert.True(Tolerance.Check(KernelMath.SiluMul(-3.0, 1e308), expected, 4));
        foreach ((double x, double y) in new[] { (-3.0, 1e308), (0.5, -2.0), (-800.0, 1.0), (double.NegativeInfinity, 2.0), (7.0, 1e-300) })
        {
            double scalar = KernelMath.SiluMul(x, y);
            Assert.Equal(scalar, KernelMath.SiluMul(Vector512.Create(x), Vector512.Create(y)).ToScalar());
            Assert.Equal(scalar, KernelMath.SiluMul(Vector256.Create(x), Vector256.Create(y)).ToScalar());
            Assert.Equal(scalar, KernelMath.SiluMul(Vector128.Create(x), Vector128.Create(y)).ToScalar());
        }
    }

    // silu(x)·y in double: x·y is exact, σ(x) = e^x/(1 + e^x) a normal double for every x here.
    private static double Expected(float x, float y) => (double)x * y / (1 + Math.Exp(-(double)x));

    /// <summary>
    /// The span kernel built on it, at a length with a vector body and a scalar tail, each case repeated so that it
    /// falls in both, holds the same cases to 4 ulp.
    /// </summary>
    [Fact]
    public void SwiGluKernelHoldsTheExtremeCases() =>
        s_checks.AssertSpanKernel("SwiGlu", Activations.SwiGlu, [(-99.87f, 1.1e38f), (4.56f, -7.5e37f), (-119.8f, 1.4e24f), (-175.5f, 1e36f), (-50f, float.MaxValue), (0.75f, 2f)]);

}
