using System;
using System.Collections.Generic;
using Xunit;
using Xunit.Abstractions;
using static Numerics.Kernels.Tests.MathRuntime.MathTestSupport;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>
/// The single-precision normal CDF and density, which are evaluated in float lanes with the argument's square
/// carried in two parts: dense sweeps over the whole range where they do their work, and the subnormal tail.
/// </summary>
public sealed class KernelMathNormalTests(ITestOutputHelper output)
{
    private const double SmallestNormal = 1.1754943508222875e-38;

    /// <summary>Every <paramref name="step"/>-th float from <paramref name="lowest"/> to <paramref name="highest"/>, both signs.</summary>
    private static float[] Floats(float lowest, float highest, uint step)
    {
        var xs = new List<float>();
        for (uint bits = BitConverter.SingleToUInt32Bits(lowest); bits <= BitConverter.SingleToUInt32Bits(highest); bits += step)
        {
            xs.Add(BitConverter.UInt32BitsToSingle(bits));
            xs.Add(-BitConverter.UInt32BitsToSingle(bits));
        }

        return xs.ToArray();
    }

    /// <summary>The worst error in ulps (a subnormal ulp is 2^-149) over normal and over subnormal results.</summary>
    private static (double Normal, float NormalAt, double Subnormal, float SubnormalAt) Worst(string name, string width, float[] xs)
    {
        float[] results = Apply(Single(name), width, xs);
        (double normal, float normalAt, double subnormal, float subnormalAt) = (0, 0, 0, 0);
        for (int i = 0; i < xs.Length; i++)
        {
            double reference = SingleReference(name, xs[i]);
            double error = UlpErrorSingle(results[i], reference);
            if (System.Math.Abs(reference) < SmallestNormal)
            {
                if (!(error <= subnormal))
                {
                    (subnormal, subnormalAt) = (error, xs[i]);
                }
            }
            else if (!(error <= normal))
            {
                (normal, normalAt) = (error, xs[i]);
            }
        }

        return (normal, normalAt, subnormal, subnormalAt);
    }

    /// <summary>Every 61st float with magnitude from 2^-30 to 16: the central polynomial, both tails, the subnormals.</summary>
    [Theory]
    [InlineData("NormalCdf", "512")]
    [InlineData("NormalCdf", "256")]
    [InlineData("NormalCdf", "scalar")]
    [InlineData("NormalPdf", "512")]
    [InlineData("NormalPdf", "scalar")]
    public void DenseSweepWithinBound(string name, string width)
    {
        float[] xs = Floats(9.3132257e-10f, 16f, 61);
        (double normal, float normalAt, double subnormal, float subnormalAt) = Worst(name, width, xs);
        output.WriteLine($"{name} float {width}: {xs.Length} inputs, max {normal:G3} ulp at x = {normalAt:R}, "
            + $"subnormal results max {subnormal:G3} ulp at x = {subnormalAt:R}");
        Assert.True(normal <= SingleBound(name), $"{name}({normalAt:R}) at width {width} is off by {normal:G3} ulp.");
        Assert.True(subnormal <= 1.0, $"{name}({subnormalAt:R}) at width {width} is off by {subnormal:G3} subnormal steps.");
    }

    /// <summary>
    /// Every float where Φ(x) and φ(x) are subnormal (|x| from 13 to 14.5): the power of two is applied after
    /// the last rounding, so the result is within one subnormal step, and 0 where the value rounds to 0.
    /// </summary>
    [Theory]
    [InlineData("NormalCdf")]
    [InlineData("NormalPdf")]
    public void SubnormalTailRoundsOnce(string name)
    {
        float[] xs = Floats(13f, 14.5f, 1);
        (double normal, _, double subnormal, float subnormalAt) = Worst(name, "512", xs);
        output.WriteLine($"{name}: {xs.Length} inputs, max {normal:G3} ulp (normal), {subnormal:G3} subnormal steps at x = {subnormalAt:R}");
        Assert.True(normal <= SingleBound(name));
        Assert.True(subnormal <= 1.0, $"{name}({subnormalAt:R}) is off by {subnormal:G3} subnormal steps.");
        Assert.Equal(0f, KernelMath.NormalCdf(-14.3f));
        Assert.Equal(0f, KernelMath.NormalPdf(14.5f));
    }

    /// <summary>Φ(x) = 1 from where 1 − Φ(x) drops below half an ulp of 1, and the density agrees with the CDF's slope.</summary>
    [Fact]
    public void RightTailSaturatesAndDensityMatchesSlope()
    {
        // 1 − Φ(5.2) ≈ 1.0e-7 > 2^-25; 1 − Φ(5.45) ≈ 2.5e-8 < 2^-25.
        Assert.Equal(1f, KernelMath.NormalCdf(5.45f));
        Assert.True(KernelMath.NormalCdf(5.2f) < 1f);

        // On the left only: on the right the difference of two values near 1 cancels.
        for (float x = -12f; x <= 0f; x += 0.25f)
        {
            double h = 1.0 / 65536;
            double slope = (KernelMath.NormalCdf(x + h) - KernelMath.NormalCdf(x - h)) / (2 * h);
            Assert.InRange(KernelMath.NormalPdf(x) / slope - 1, -1e-6, 1e-6);
        }
    }
}
