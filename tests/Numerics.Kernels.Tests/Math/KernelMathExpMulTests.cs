using System;
using System.Runtime.Intrinsics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>
/// <c>KernelMath.ExpMul(x, y)</c> = y·e^x with one rounding, for x ≤ 0 (how the kernels call it) down to where it
/// returns 0 (−110 in float, −746 in double): against a double reference, the same bits at every width, no overflow
/// of the intermediate product for y near MaxValue, and a normal result where y is large although e^x is not.
/// </summary>
public sealed class KernelMathExpMulTests
{
    /// <summary>x in [−110, 0] at a resolution of 1e-6; y any finite float (its bits drawn uniformly).</summary>
    public static Arbitrary<(float X, float Y)> Pairs() =>
        (from x in Gen.Choose(-110_000_000, 0)
         from bits in Gen.Choose(int.MinValue, int.MaxValue)
         let y = BitConverter.Int32BitsToSingle(bits)
         where float.IsFinite(y)
         select ((float)(x * 1e-6), y)).ToArbitrary();

    [Property(MaxTest = 3000, Arbitrary = [typeof(KernelMathExpMulTests)], Replay = "(20261129,1)")]
    public bool SingleWithinTwoUlpAtEveryWidth((float X, float Y) pair)
    {
        (float x, float y) = pair;
        float scalar = KernelMath.ExpMul(x, y);
        double expected = y * Math.Exp(x);
        return Tolerance.Check(scalar, expected, 2)
            && Same(scalar, KernelMath.ExpMul(Vector128.Create(x), Vector128.Create(y)).ToScalar())
            && Same(scalar, KernelMath.ExpMul(Vector256.Create(x), Vector256.Create(y)).ToScalar())
            && Same(scalar, KernelMath.ExpMul(Vector512.Create(x), Vector512.Create(y)).ToScalar());
    }

    /// <summary>x in [−746, 0]; y = ±10^e with e in [−20, 308].</summary>
    public static Arbitrary<(double X, double Y)> DoublePairs() =>
        (from x in Gen.Choose(-746_000_000, 0)
         from fraction in Gen.Choose(0, 999)
         from e in Gen.Choose(-20_000, 308_000)
         from negative in Gen.Elements(false, true)
         select (x * 1e-6 + fraction * 1e-9, (negative ? -1 : 1) * Math.Pow(10, e * 1e-3))).ToArbitrary();

    /// <summary>
    /// The double form down to −746, where e^x alone is subnormal but y·e^x need not be: against
    /// y·E·E·E·E with E = e^(x/4) (x/4 is exact and E a normal double), multiplied in the order that keeps every
    /// partial product normal where the result is.
    /// </summary>
    [Property(MaxTest = 3000, Arbitrary = [typeof(KernelMathExpMulTests)], Replay = "(20261129,3)")]
    public bool DoubleWithinEightUlpAtEveryWidth((double X, double Y) pair)
    {
        (double x, double y) = pair;
        double quarter = Math.Exp(x / 4);
        double expected = y * quarter * quarter * quarter * quarter;
        double scalar = KernelMath.ExpMul(x, y);
        return Tolerance.Check(scalar, expected, 8)
            && scalar.Equals(KernelMath.ExpMul(Vector128.Create(x), Vector128.Create(y)).ToScalar())
            && scalar.Equals(KernelMath.ExpMul(Vector256.Create(x), Vector256.Create(y)).ToScalar())
            && scalar.Equals(KernelMath.ExpMul(Vector512.Create(x), Vector512.Create(y)).ToScalar());
    }

    [Fact]
    public void DoubleLargeFactorDoesNotOverflow()
    {
        double expected = double.MaxValue * Math.Exp(-0.375);
        Assert.True(Tolerance.Check(KernelMath.ExpMul(-0.375, double.MaxValue), expected, 4));
    }

    [Theory]
    [InlineData(-0.375f, float.MaxValue)]
    [InlineData(-0.01f, -float.MaxValue)]
    [InlineData(0f, float.MaxValue)]
    [InlineData(-1e-30f, 3e38f)]
    public void LargeFactorDoesNotOverflow(float x, float y)
    {
        double expected = y * Math.Exp(x);
        Assert.True(Tolerance.Check(KernelMath.ExpMul(x, y), expected, 2), $"ExpMul({x:R}, {y:R}) = {KernelMath.ExpMul(x, y):R}, expected {expected:R}");
        Assert.True(Tolerance.Check(KernelMath.ExpMul(Vector512.Create(x), Vector512.Create(y)).ToScalar(), expected, 2));
    }

    [Fact]
    public void SwishWithATinySlopeAndAHugeInputStaysFinite()
    {
        // u = βx = −3 for x = −3e38: σ(u)·x is −1.4e37, not −∞ (the ExpMul product used to overflow there).
        float[] x = [-3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f, -3e38f];
        var y = new float[x.Length];
        Activations.Swish(x, 1e-38f, y);
        double expected = -3e38 / (1 + Math.Exp(-(double)1e-38f * -3e38f));
        Assert.All(y, v => Assert.True(Tolerance.Check(v, expected, 4), $"got {v:R}, expected {expected:R}"));
    }

    private static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);
}
