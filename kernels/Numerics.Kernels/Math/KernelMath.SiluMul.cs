using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Numerics;

public static partial class KernelMath
{
    // Below this x, the float ExpMul is 0 whatever its factor (e^(−174.5) ≈ 1.6e-76); its lanes stay on the float path
    // only while |x·y| ≤ MaxValue/2^27 ≈ 2.5e30, where the true result rounds to ±0 in float.
    private const float SiluMulTailStart = -174.5f;

    // 2^27.
    private const float SiluMulTailScale = 134217728f;

    /// <summary>silu(x)·y = x·σ(x)·y, the SiLU-gated product (SwiGLU), with x·y formed before σ(x) is applied.</summary>
    /// <param name="x">The argument of SiLU.</param>
    /// <param name="y">The factor.</param>
    /// <returns>silu(x)·y.</returns>
    /// <remarks>
    /// <para>With p = x·y: p/(1 + e^(−x)) for x ≥ 0 and <see cref="ExpMul(float, float)"/>(x, p)/(1 + e^x) below, one argument
    /// reduction for both exponentials, so neither a subnormal σ(x) nor a subnormal x costs the result its bits. In
    /// float, each lane takes one of two paths, chosen by its own inputs only (a lane's bits never depend on its
    /// neighbours, the vector width or where a span is split):</para>
    /// <list type="bullet">
    /// <item><description>where p is finite, and below x = −174.5 also at most 2.5e30 in magnitude (the result then rounds
    /// to ±0): float lanes as above; the sign of a zero result is the sign of p.</description></item>
    /// <item><description>elsewhere (p overflows, x below −174.5 with a large p, or a NaN or infinite input): double lanes,
    /// the double overload's formula on the widened inputs (where x·y is exact), rounded once to float. A vector computes
    /// this path only when one of its lanes needs it.</description></item>
    /// </list>
    /// <para>In double: the same formula, and where x·y overflows, ExpMul(−|x|, x)·y for x &lt; 0. Limits are those of
    /// silu(x) times y: silu(−∞)·y = 0, silu(∞)·y = ±∞ (NaN for y = 0). NaN in either argument gives NaN.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float SiluMul(float x, float y) => SiluMul(Vector128.Create(x), Vector128.Create(y)).ToScalar();

    /// <inheritdoc cref="SiluMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SiluMul(Vector128<float> x, Vector128<float> y)
    {
        Vector128<float> v = -Vector128.Abs(x);
        Vector128<float> p = x * y;
        Vector128<float> numerator = Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<float>.Zero), p, ExpMul(v, p));
        Vector128<float> fast = Vector128.CopySign(numerator / (Vector128<float>.One + Exp(v)), p);
        Vector128<float> reach = Vector128.Abs(p) * Vector128.ConditionalSelect(
            Vector128.LessThan(x, Vector128.Create(SiluMulTailStart)), Vector128.Create(SiluMulTailScale), Vector128<float>.One);
        return Vector128.LessThanOrEqualAll(reach, Vector128.Create(float.MaxValue)) ? fast : SiluMulWidened(x, y, reach, fast);
    }

    /// <inheritdoc cref="SiluMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SiluMul(Vector256<float> x, Vector256<float> y)
    {
        Vector256<float> v = -Vector256.Abs(x);
        Vector256<float> p = x * y;
        Vector256<float> numerator = Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<float>.Zero), p, ExpMul(v, p));
        Vector256<float> fast = Vector256.CopySign(numerator / (Vector256<float>.One + Exp(v)), p);
        Vector256<float> reach = Vector256.Abs(p) * Vector256.ConditionalSelect(
            Vector256.LessThan(x, Vector256.Create(SiluMulTailStart)), Vector256.Create(SiluMulTailScale), Vector256<float>.One);
        return Vector256.LessThanOrEqualAll(reach, Vector256.Create(float.MaxValue)) ? fast : SiluMulWidened(x, y, reach, fast);
    }

    /// <inheritdoc cref="SiluMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SiluMul(Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> v = -Vector512.Abs(x);
        Vector512<float> p = x * y;
        Vector512<float> numerator = Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<float>.Zero), p, ExpMul(v, p));
        Vector512<float> fast = Vector512.CopySign(numerator / (Vector512<float>.One + Exp(v)), p);
        Vector512<float> reach = Vector512.Abs(p) * Vector512.ConditionalSelect(
            Vector512.LessThan(x, Vector512.Create(SiluMulTailStart)), Vector512.Create(SiluMulTailScale), Vector512<float>.One);
        return Vector512.LessThanOrEqualAll(reach, Vector512.Create(float.MaxValue)) ? fast : SiluMulWidened(x, y, reach, fast);
    }

    /// <inheritdoc cref="SiluMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double SiluMul(double x, double y)
    {
        double v = -Math.Abs(x);
        double p = x * y;
        double scaled = Math.Abs(p) <= double.MaxValue ? ExpMul(v, p) : ExpMul(v, x) * y;
        return (x >= 0 ? p : scaled) / (1 + Exp(v));
    }

    /// <inheritdoc cref="SiluMul(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> SiluMul(Vector128<double> x, Vector128<double> y)
    {
        Vector128<double> v = -Vector128.Abs(x);
        Vector128<double> p = x * y;
        Vector128<double> scaled = Vector128.ConditionalSelect(
            Vector128.LessThanOrEqual(Vector128.Abs(p), Vector128.Create(double.MaxValue)), ExpMul(v, p), ExpMul(v, x) * y);
        return Vector128.ConditionalSelect(Vector128.GreaterThanOrEqual(x, Vector128<double>.Zero), p, scaled) / (Vector128<double>.One + Exp(v));
    }

    /// <inheritdoc cref="SiluMul(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SiluMul(Vector256<double> x, Vector256<double> y)
    {
        Vector256<double> v = -Vector256.Abs(x);
        Vector256<double> p = x * y;
        Vector256<double> scaled = Vector256.ConditionalSelect(
            Vector256.LessThanOrEqual(Vector256.Abs(p), Vector256.Create(double.MaxValue)), ExpMul(v, p), ExpMul(v, x) * y);
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), p, scaled) / (Vector256<double>.One + Exp(v));
    }

    /// <inheritdoc cref="SiluMul(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SiluMul(Vector512<double> x, Vector512<double> y)
    {
        Vector512<double> v = -Vector512.Abs(x);
        Vector512<double> p = x * y;
        Vector512<double> scaled = Vector512.ConditionalSelect(
            Vector512.LessThanOrEqual(Vector512.Abs(p), Vector512.Create(double.MaxValue)), ExpMul(v, p), ExpMul(v, x) * y);
        return Vector512.ConditionalSelect(Vector512.GreaterThanOrEqual(x, Vector512<double>.Zero), p, scaled) / (Vector512<double>.One + Exp(v));
    }

    // The double-lane path of the float overloads: the lanes whose reach is not at most MaxValue (NaN included) take
    // the widened result, the others keep the float one. Out of line, so the common case stays a short loop body.

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> SiluMulWidened(Vector128<float> x, Vector128<float> y, Vector128<float> reach, Vector128<float> fast)
    {
        (Vector128<double> xLower, Vector128<double> xUpper) = Vector128.Widen(x);
        (Vector128<double> yLower, Vector128<double> yUpper) = Vector128.Widen(y);
        Vector128<float> wide = Vector128.Narrow(SiluMul(xLower, yLower), SiluMul(xUpper, yUpper));
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(reach, Vector128.Create(float.MaxValue)), fast, wide);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> SiluMulWidened(Vector256<float> x, Vector256<float> y, Vector256<float> reach, Vector256<float> fast)
    {
        (Vector256<double> xLower, Vector256<double> xUpper) = Vector256.Widen(x);
        (Vector256<double> yLower, Vector256<double> yUpper) = Vector256.Widen(y);
        Vector256<float> wide = Vector256.Narrow(SiluMul(xLower, yLower), SiluMul(xUpper, yUpper));
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(reach, Vector256.Create(float.MaxValue)), fast, wide);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> SiluMulWidened(Vector512<float> x, Vector512<float> y, Vector512<float> reach, Vector512<float> fast)
    {
        (Vector512<double> xLower, Vector512<double> xUpper) = Vector512.Widen(x);
        (Vector512<double> yLower, Vector512<double> yUpper) = Vector512.Widen(y);
        Vector512<float> wide = Vector512.Narrow(SiluMul(xLower, yLower), SiluMul(xUpper, yUpper));
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(reach, Vector512.Create(float.MaxValue)), fast, wide);
    }
}
