using System.Linq;
using System.Runtime.Intrinsics;
using Xunit;
using static Numerics.Kernels.Tests.MathRuntime.MathTestSupport;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>NaN, ±∞, ±0, tiny and underflowing arguments give exactly the documented results, at every width.</summary>
public sealed class KernelMathSpecialValueTests
{
    private const double Nan = double.NaN;
    private const double Inf = double.PositiveInfinity;

    /// <summary>(function, x, expected); −0.0 and +0.0 are told apart.</summary>
    public static TheoryData<string, double, double> Cases() => new()
    {
        { "Exp", Nan, Nan }, { "Exp", -Inf, 0.0 }, { "Exp", Inf, Inf }, { "Exp", 0.0, 1.0 }, { "Exp", -0.0, 1.0 },
        { "Exp", 1000.0, Inf }, { "Exp", -1000.0, 0.0 },
        { "Expm1", Nan, Nan }, { "Expm1", -Inf, -1.0 }, { "Expm1", Inf, Inf }, { "Expm1", 0.0, 0.0 }, { "Expm1", -0.0, -0.0 },
        { "Expm1", 1e-30, 1e-30 }, { "Expm1", -1e-30, -1e-30 }, { "Expm1", 1000.0, Inf }, { "Expm1", -1000.0, -1.0 },
        { "Log", Nan, Nan }, { "Log", 0.0, -Inf }, { "Log", -0.0, -Inf }, { "Log", -1.0, Nan }, { "Log", -Inf, Nan },
        { "Log", Inf, Inf }, { "Log", 1.0, 0.0 },
        { "Log1p", Nan, Nan }, { "Log1p", -1.0, -Inf }, { "Log1p", -2.0, Nan }, { "Log1p", -Inf, Nan }, { "Log1p", Inf, Inf },
        { "Log1p", 0.0, 0.0 }, { "Log1p", -0.0, -0.0 }, { "Log1p", 1e-30, 1e-30 }, { "Log1p", -1e-30, -1e-30 },
        { "Tanh", Nan, Nan }, { "Tanh", Inf, 1.0 }, { "Tanh", -Inf, -1.0 }, { "Tanh", 0.0, 0.0 }, { "Tanh", -0.0, -0.0 },
        { "Tanh", 1e-30, 1e-30 }, { "Tanh", -1e-30, -1e-30 }, { "Tanh", 30.0, 1.0 }, { "Tanh", -30.0, -1.0 },
        { "Erf", Nan, Nan }, { "Erf", Inf, 1.0 }, { "Erf", -Inf, -1.0 }, { "Erf", 0.0, 0.0 }, { "Erf", -0.0, -0.0 },
        { "Erf", 10.0, 1.0 }, { "Erf", -10.0, -1.0 },
        { "Erfc", Nan, Nan }, { "Erfc", Inf, 0.0 }, { "Erfc", -Inf, 2.0 }, { "Erfc", 0.0, 1.0 }, { "Erfc", -0.0, 1.0 },
        { "Erfc", 30.0, 0.0 }, { "Erfc", -30.0, 2.0 },
        { "NormalCdf", Nan, Nan }, { "NormalCdf", -Inf, 0.0 }, { "NormalCdf", Inf, 1.0 }, { "NormalCdf", 0.0, 0.5 },
        { "NormalCdf", -0.0, 0.5 }, { "NormalCdf", -40.0, 0.0 }, { "NormalCdf", 40.0, 1.0 },
        { "NormalCdf", -1e300, 0.0 }, { "NormalCdf", 1e300, 1.0 },
        { "NormalPdf", Nan, Nan }, { "NormalPdf", Inf, 0.0 }, { "NormalPdf", -Inf, 0.0 }, { "NormalPdf", 1e300, 0.0 },
        { "NormalPdf", 0.0, 0.3989422804014327 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void DoubleSpecialValue(string name, double x, double expected)
    {
        foreach (string width in Widths)
        {
            double result = Apply(Double(name), width, [x])[0];
            Assert.True(result.Equals(expected) && (double.IsNaN(expected) || double.IsNegative(result) == double.IsNegative(expected)),
                $"{name}({x:R}) at width {width} gave {result:R}, expected {expected:R}.");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void SingleSpecialValue(string name, double x, double expected)
    {
        float xf = (float)x;
        float want = (float)expected;
        foreach (string width in Widths)
        {
            float result = Apply(Single(name), width, [xf])[0];
            Assert.True(result.Equals(want) && (float.IsNaN(want) || float.IsNegative(result) == float.IsNegative(want)),
                $"{name}({xf:R}) at width {width} gave {result:R}, expected {want:R}.");
        }
    }

    [Fact]
    public void SingleExpUnderflowsThroughTheSubnormals()
    {
        // e^−100 = 3.72e-44 is 26.56 subnormal steps: the nearest is 27·2^-149.
        Assert.Equal(27 * float.Epsilon, KernelMath.Exp(-100f));
        Assert.Equal(0f, KernelMath.Exp(-104f));
        Assert.Equal(float.Epsilon, KernelMath.Exp(-103.9f));
        Assert.Equal(27 * float.Epsilon, KernelMath.Exp(Vector512.Create(-100f)).ToScalar());
    }

    /// <summary>
    /// p·2^k rounds once, whichever way the hardware scales (vscalefps with AVX-512, else two exact steps;
    /// run with <c>DOTNET_EnableAVX512=0</c> or <c>DOTNET_EnableHWIntrinsic=0</c> for the second): the double
    /// product is exact, so rounding it to float is the reference.
    /// </summary>
    [Fact]
    public void SingleScaleByPow2RoundsOnce()
    {
        var random = new System.Random(7);
        var ps = new float[16];
        var ks = new float[16];
        for (int round = 0; round < 2000; round++)
        {
            for (int i = 0; i < 16; i++)
            {
                ps[i] = (float)(0.70 + 0.72 * random.NextDouble());
                ks[i] = random.Next(-175, 140);
            }

            Vector512<float> v512 = Lanes512.ScaleByPow2Single(Vector512.Create<float>(ps), Vector512.Create<float>(ks));
            Vector256<float> v256 = Lanes256.ScaleByPow2Single(Vector256.Create<float>(ps), Vector256.Create<float>(ks));
            Vector128<float> v128 = Lanes128.ScaleByPow2Single(Vector128.Create<float>(ps), Vector128.Create<float>(ks));
            for (int i = 0; i < 16; i++)
            {
                float expected = (float)(ps[i] * System.Math.ScaleB(1.0, (int)ks[i]));
                Assert.Equal(expected, v512.GetElement(i));
                if (i < 8)
                {
                    Assert.Equal(expected, v256.GetElement(i));
                }

                if (i < 4)
                {
                    Assert.Equal(expected, v128.GetElement(i));
                }
            }
        }
    }

    [Fact]
    public void SingleTinyArgumentsReturnThemselves()
    {
        float[] tiny = [1e-30f, -1e-30f, float.Epsilon, -float.Epsilon, 1e-40f, 1.17549435e-38f];
        foreach (string name in new[] { "Expm1", "Log1p", "Tanh" })
        {
            foreach (string width in Widths)
            {
                Assert.Equal(tiny, Apply(Single(name), width, tiny));
            }
        }

        // erf x ≈ (2/√π)·x.
        Assert.Equal(tiny.Select(x => (float)(x * 1.1283791670955126)), Apply(Single("Erf"), "512", tiny));
    }

    [Fact]
    public void DoubleTinyArgumentsReturnThemselves()
    {
        double[] tiny = [1e-30, -1e-30, double.Epsilon, -double.Epsilon, 1e-310, 2.2250738585072014e-308];
        foreach (string name in new[] { "Expm1", "Log1p", "Tanh" })
        {
            foreach (string width in Widths)
            {
                Assert.Equal(tiny, Apply(Double(name), width, tiny));
            }
        }
    }

    [Fact]
    public void NormalCdfLeftTailIsRelativelyAccurate()
    {
        // Φ(−10) = 7.619853024160527e-24, Φ(−37) = 5.725571222524577e-300 (mpmath).
        Assert.InRange(KernelMath.NormalCdf(-10.0) / 7.619853024160527e-24 - 1, -1e-15, 1e-15);
        Assert.InRange(KernelMath.NormalCdf(-37.0) / 5.725571222524577e-300 - 1, -1e-12, 1e-12);
        Assert.InRange(KernelMath.NormalCdf(-10f) / 7.619853024160527e-24 - 1, -1e-7, 1e-7);
    }
}
