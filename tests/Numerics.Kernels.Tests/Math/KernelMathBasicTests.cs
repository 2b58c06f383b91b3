using System;
using System.Runtime.Intrinsics;
using FsCheck.Xunit;
using Xunit;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>Sqrt, Abs, Floor, Min, Max, CopySign, Clamp and Fma: exact, IEEE 754-2019 semantics, every width.</summary>
public sealed class KernelMathBasicTests
{
    private static readonly float[] SingleSpecials =
        [float.NaN, float.PositiveInfinity, float.NegativeInfinity, 0f, -0f, float.Epsilon, -float.Epsilon, 1.5f, -2.5f, -0.5f, float.MaxValue];

    private static readonly double[] DoubleSpecials =
        [double.NaN, double.PositiveInfinity, double.NegativeInfinity, 0.0, -0.0, double.Epsilon, -double.Epsilon, 1.5, -2.5, -0.5, double.MaxValue];

    private static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b) || (float.IsNaN(a) && float.IsNaN(b));

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b) || (double.IsNaN(a) && double.IsNaN(b));

    /// <summary>IEEE 754-2019 minimum written out: NaN wins, then −0 below +0.</summary>
    private static double MinimumReference(double x, double y) =>
        double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x < y ? x : y < x ? y : double.IsNegative(x) ? x : y;

    private static double MaximumReference(double x, double y) =>
        double.IsNaN(x) || double.IsNaN(y) ? double.NaN : x > y ? x : y > x ? y : double.IsNegative(x) ? y : x;

    private static bool CheckSingle(float x, float y, float z)
    {
        bool ok = true;
        float min = (float)MinimumReference(x, y), max = (float)MaximumReference(x, y);
        float clamp = (float)MinimumReference(MaximumReference(x, y), z);
        ok &= Same(KernelMath.Min(x, y), min) && Same(KernelMath.Max(x, y), max) && Same(KernelMath.Clamp(x, y, z), clamp);
        ok &= Same(KernelMath.Min(Vector128.Create(x), Vector128.Create(y)).ToScalar(), min);
        ok &= Same(KernelMath.Min(Vector256.Create(x), Vector256.Create(y)).ToScalar(), min);
        ok &= Same(KernelMath.Min(Vector512.Create(x), Vector512.Create(y)).ToScalar(), min);
        ok &= Same(KernelMath.Max(Vector128.Create(x), Vector128.Create(y)).ToScalar(), max);
        ok &= Same(KernelMath.Max(Vector256.Create(x), Vector256.Create(y)).ToScalar(), max);
        ok &= Same(KernelMath.Max(Vector512.Create(x), Vector512.Create(y)).ToScalar(), max);
        ok &= Same(KernelMath.Clamp(Vector128.Create(x), Vector128.Create(y), Vector128.Create(z)).ToScalar(), clamp);
        ok &= Same(KernelMath.Clamp(Vector256.Create(x), Vector256.Create(y), Vector256.Create(z)).ToScalar(), clamp);
        ok &= Same(KernelMath.Clamp(Vector512.Create(x), Vector512.Create(y), Vector512.Create(z)).ToScalar(), clamp);
        float copy = BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(x) & int.MaxValue) | (BitConverter.SingleToInt32Bits(y) & int.MinValue));
        ok &= Same(KernelMath.CopySign(x, y), copy) && Same(KernelMath.CopySign(Vector512.Create(x), Vector512.Create(y)).ToScalar(), copy);
        ok &= Same(KernelMath.CopySign(Vector128.Create(x), Vector128.Create(y)).ToScalar(), copy);
        ok &= Same(KernelMath.CopySign(Vector256.Create(x), Vector256.Create(y)).ToScalar(), copy);
        float abs = BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(x) & int.MaxValue);
        ok &= Same(KernelMath.Abs(x), abs) && Same(KernelMath.Abs(Vector128.Create(x)).ToScalar(), abs);
        ok &= Same(KernelMath.Abs(Vector256.Create(x)).ToScalar(), abs) && Same(KernelMath.Abs(Vector512.Create(x)).ToScalar(), abs);
        float floor = (float)System.Math.Floor((double)x);
        ok &= Same(KernelMath.Floor(x), floor) && Same(KernelMath.Floor(Vector128.Create(x)).ToScalar(), floor);
        ok &= Same(KernelMath.Floor(Vector256.Create(x)).ToScalar(), floor) && Same(KernelMath.Floor(Vector512.Create(x)).ToScalar(), floor);
        float sqrt = (float)System.Math.Sqrt(x);
        ok &= Same(KernelMath.Sqrt(x), sqrt) && Same(KernelMath.Sqrt(Vector128.Create(x)).ToScalar(), sqrt);
        ok &= Same(KernelMath.Sqrt(Vector256.Create(x)).ToScalar(), sqrt) && Same(KernelMath.Sqrt(Vector512.Create(x)).ToScalar(), sqrt);
        float fma = MathF.FusedMultiplyAdd(x, y, z);
        ok &= Same(KernelMath.Fma(x, y, z), fma) && Same(KernelMath.Fma(Vector128.Create(x), Vector128.Create(y), Vector128.Create(z)).ToScalar(), fma);
        ok &= Same(KernelMath.Fma(Vector256.Create(x), Vector256.Create(y), Vector256.Create(z)).ToScalar(), fma);
        ok &= Same(KernelMath.Fma(Vector512.Create(x), Vector512.Create(y), Vector512.Create(z)).ToScalar(), fma);

        // Fused: x·y − fl(x·y) comes out exact (the double product of two floats is exact) wherever it is representable.
        double product = (double)x * y;
        if (double.IsFinite(product) && System.Math.Abs(product) is 0 or > 1e-30 and < 1e38)
        {
            float rounded = x * y;
            ok &= (double)KernelMath.Fma(Vector512.Create(x), Vector512.Create(y), Vector512.Create(-rounded)).ToScalar() == product - rounded;
            ok &= (double)KernelMath.Fma(x, y, -rounded) == product - rounded;
        }

        return ok;
    }

    private static bool CheckDouble(double x, double y, double z)
    {
        bool ok = true;
        double min = MinimumReference(x, y), max = MaximumReference(x, y);
        double clamp = MinimumReference(MaximumReference(x, y), z);
        ok &= Same(KernelMath.Min(x, y), min) && Same(KernelMath.Max(x, y), max) && Same(KernelMath.Clamp(x, y, z), clamp);
        ok &= Same(KernelMath.Min(Vector128.Create(x), Vector128.Create(y)).ToScalar(), min);
        ok &= Same(KernelMath.Min(Vector256.Create(x), Vector256.Create(y)).ToScalar(), min);
        ok &= Same(KernelMath.Min(Vector512.Create(x), Vector512.Create(y)).ToScalar(), min);
        ok &= Same(KernelMath.Max(Vector128.Create(x), Vector128.Create(y)).ToScalar(), max);
        ok &= Same(KernelMath.Max(Vector256.Create(x), Vector256.Create(y)).ToScalar(), max);
        ok &= Same(KernelMath.Max(Vector512.Create(x), Vector512.Create(y)).ToScalar(), max);
        ok &= Same(KernelMath.Clamp(Vector128.Create(x), Vector128.Create(y), Vector128.Create(z)).ToScalar(), clamp);
        ok &= Same(KernelMath.Clamp(Vector256.Create(x), Vector256.Create(y), Vector256.Create(z)).ToScalar(), clamp);
        ok &= Same(KernelMath.Clamp(Vector512.Create(x), Vector512.Create(y), Vector512.Create(z)).ToScalar(), clamp);
        double copy = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(x) & long.MaxValue) | (BitConverter.DoubleToInt64Bits(y) & long.MinValue));
        ok &= Same(KernelMath.CopySign(x, y), copy) && Same(KernelMath.CopySign(Vector512.Create(x), Vector512.Create(y)).ToScalar(), copy);
        ok &= Same(KernelMath.CopySign(Vector128.Create(x), Vector128.Create(y)).ToScalar(), copy);
        ok &= Same(KernelMath.CopySign(Vector256.Create(x), Vector256.Create(y)).ToScalar(), copy);
        double abs = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & long.MaxValue);
        ok &= Same(KernelMath.Abs(x), abs) && Same(KernelMath.Abs(Vector128.Create(x)).ToScalar(), abs);
        ok &= Same(KernelMath.Abs(Vector256.Create(x)).ToScalar(), abs) && Same(KernelMath.Abs(Vector512.Create(x)).ToScalar(), abs);
        double floor = System.Math.Floor(x);
        ok &= Same(KernelMath.Floor(x), floor) && Same(KernelMath.Floor(Vector128.Create(x)).ToScalar(), floor);
        ok &= Same(KernelMath.Floor(Vector256.Create(x)).ToScalar(), floor) && Same(KernelMath.Floor(Vector512.Create(x)).ToScalar(), floor);
        double sqrt = System.Math.Sqrt(x);
        ok &= Same(KernelMath.Sqrt(x), sqrt) && Same(KernelMath.Sqrt(Vector128.Create(x)).ToScalar(), sqrt);
        ok &= Same(KernelMath.Sqrt(Vector256.Create(x)).ToScalar(), sqrt) && Same(KernelMath.Sqrt(Vector512.Create(x)).ToScalar(), sqrt);
        double fma = System.Math.FusedMultiplyAdd(x, y, z);
        ok &= Same(KernelMath.Fma(x, y, z), fma) && Same(KernelMath.Fma(Vector128.Create(x), Vector128.Create(y), Vector128.Create(z)).ToScalar(), fma);
        ok &= Same(KernelMath.Fma(Vector256.Create(x), Vector256.Create(y), Vector256.Create(z)).ToScalar(), fma);
        ok &= Same(KernelMath.Fma(Vector512.Create(x), Vector512.Create(y), Vector512.Create(z)).ToScalar(), fma);
        return ok;
    }

    [Fact]
    public void SpecialValueCombinations()
    {
        foreach (float x in SingleSpecials)
        {
            foreach (float y in SingleSpecials)
            {
                foreach (float z in SingleSpecials)
                {
                    Assert.True(CheckSingle(x, y, z), $"float ({x:R}, {y:R}, {z:R})");
                }
            }
        }

        foreach (double x in DoubleSpecials)
        {
            foreach (double y in DoubleSpecials)
            {
                foreach (double z in DoubleSpecials)
                {
                    Assert.True(CheckDouble(x, y, z), $"double ({x:R}, {y:R}, {z:R})");
                }
            }
        }
    }

    [Fact]
    public void SignedZeroOrdering()
    {
        Assert.True(float.IsNegative(KernelMath.Min(0f, -0f)) && float.IsNegative(KernelMath.Min(-0f, 0f)));
        Assert.False(float.IsNegative(KernelMath.Max(0f, -0f)) || float.IsNegative(KernelMath.Max(-0f, 0f)));
        Assert.True(double.IsNegative(KernelMath.Min(Vector512.Create(0.0), Vector512.Create(-0.0)).ToScalar()));
        Assert.True(float.IsNaN(KernelMath.Clamp(float.NaN, 0f, 1f)));
        Assert.Equal(1f, KernelMath.Clamp(5f, 2f, 1f));
    }

    [Property(MaxTest = 500)]
    public bool SingleRandom(float x, float y, float z) => CheckSingle(x, y, z);

    [Property(MaxTest = 500)]
    public bool DoubleRandom(double x, double y, double z) => CheckDouble(x, y, z);
}
