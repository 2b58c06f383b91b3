using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Numerics;

public static partial class KernelMath
{
    /// <summary>The square root √x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>√x.</returns>
    /// <remarks>Correctly rounded (IEEE 754). NaN → NaN, x &lt; 0 → NaN, ±0 → ±0, +∞ → +∞.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sqrt(float x) => MathF.Sqrt(x);

    /// <inheritdoc cref="Sqrt(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);

    /// <inheritdoc cref="Sqrt(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);

    /// <inheritdoc cref="Sqrt(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);

    /// <summary>The square root √x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>√x.</returns>
    /// <remarks>Correctly rounded (IEEE 754). NaN → NaN, x &lt; 0 → NaN, ±0 → ±0, +∞ → +∞.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sqrt(double x) => Math.Sqrt(x);

    /// <inheritdoc cref="Sqrt(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Sqrt(Vector128<double> x) => Vector128.Sqrt(x);

    /// <inheritdoc cref="Sqrt(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Sqrt(Vector256<double> x) => Vector256.Sqrt(x);

    /// <inheritdoc cref="Sqrt(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Sqrt(Vector512<double> x) => Vector512.Sqrt(x);

    /// <summary>The fused multiply-add x·y + z, rounded once.</summary>
    /// <param name="x">The first factor.</param>
    /// <param name="y">The second factor.</param>
    /// <param name="z">The addend.</param>
    /// <returns>x·y + z with a single rounding.</returns>
    /// <remarks>
    /// <para>IEEE 754 fusedMultiplyAdd: the product is not rounded before the addition, so <c>Fma(a, b, -(a * b))</c>
    /// is the exact rounding error of <c>a * b</c> (when the product neither overflows nor underflows). NaN in any
    /// argument gives NaN, and so does ∞·0. Uses the FMA instruction where the machine has one and a correctly
    /// rounded software form where it does not, so every vector width and the scalar tail give the same bits.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Fma(float x, float y, float z) => MathF.FusedMultiplyAdd(x, y, z);

    /// <inheritdoc cref="Fma(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Fma(Vector128<float> x, Vector128<float> y, Vector128<float> z) => Vector128.FusedMultiplyAdd(x, y, z);

    /// <inheritdoc cref="Fma(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Fma(Vector256<float> x, Vector256<float> y, Vector256<float> z) => Vector256.FusedMultiplyAdd(x, y, z);

    /// <inheritdoc cref="Fma(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Fma(Vector512<float> x, Vector512<float> y, Vector512<float> z) => Vector512.FusedMultiplyAdd(x, y, z);

    /// <summary>The fused multiply-add x·y + z, rounded once.</summary>
    /// <param name="x">The first factor.</param>
    /// <param name="y">The second factor.</param>
    /// <param name="z">The addend.</param>
    /// <returns>x·y + z with a single rounding.</returns>
    /// <remarks>
    /// <para>IEEE 754 fusedMultiplyAdd: the product is not rounded before the addition, so <c>Fma(a, b, -(a * b))</c>
    /// is the exact rounding error of <c>a * b</c> (when the product neither overflows nor underflows). NaN in any
    /// argument gives NaN, and so does ∞·0. Uses the FMA instruction where the machine has one and a correctly
    /// rounded software form where it does not, so every vector width and the scalar tail give the same bits.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Fma(double x, double y, double z) => Math.FusedMultiplyAdd(x, y, z);

    /// <inheritdoc cref="Fma(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Fma(Vector128<double> x, Vector128<double> y, Vector128<double> z) => Vector128.FusedMultiplyAdd(x, y, z);

    /// <inheritdoc cref="Fma(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Fma(Vector256<double> x, Vector256<double> y, Vector256<double> z) => Vector256.FusedMultiplyAdd(x, y, z);

    /// <inheritdoc cref="Fma(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Fma(Vector512<double> x, Vector512<double> y, Vector512<double> z) => Vector512.FusedMultiplyAdd(x, y, z);

    /// <summary>The absolute value |x|.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>|x|.</returns>
    /// <remarks>Exact; clears the sign bit, so −0 → +0 and NaN → NaN.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Abs(float x) => MathF.Abs(x);

    /// <inheritdoc cref="Abs(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);

    /// <inheritdoc cref="Abs(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);

    /// <inheritdoc cref="Abs(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);

    /// <summary>The absolute value |x|.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>|x|.</returns>
    /// <remarks>Exact; clears the sign bit, so −0 → +0 and NaN → NaN.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Abs(double x) => Math.Abs(x);

    /// <inheritdoc cref="Abs(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Abs(Vector128<double> x) => Vector128.Abs(x);

    /// <inheritdoc cref="Abs(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Abs(Vector256<double> x) => Vector256.Abs(x);

    /// <inheritdoc cref="Abs(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Abs(Vector512<double> x) => Vector512.Abs(x);

    /// <summary>The largest integer ≤ x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>⌊x⌋.</returns>
    /// <remarks>Exact. NaN → NaN, ±∞ → ±∞, ±0 → ±0, −0.5 → −0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Floor(float x) => MathF.Floor(x);

    /// <inheritdoc cref="Floor(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Floor(Vector128<float> x) => Vector128.Floor(x);

    /// <inheritdoc cref="Floor(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Floor(Vector256<float> x) => Vector256.Floor(x);

    /// <inheritdoc cref="Floor(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Floor(Vector512<float> x) => Vector512.Floor(x);

    /// <summary>The largest integer ≤ x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>⌊x⌋.</returns>
    /// <remarks>Exact. NaN → NaN, ±∞ → ±∞, ±0 → ±0, −0.5 → −0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Floor(double x) => Math.Floor(x);

    /// <inheritdoc cref="Floor(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Floor(Vector128<double> x) => Vector128.Floor(x);

    /// <inheritdoc cref="Floor(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Floor(Vector256<double> x) => Vector256.Floor(x);

    /// <inheritdoc cref="Floor(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Floor(Vector512<double> x) => Vector512.Floor(x);

    /// <summary>The IEEE 754-2019 minimum of x and y.</summary>
    /// <param name="x">The first value.</param>
    /// <param name="y">The second value.</param>
    /// <returns>The smaller of x and y.</returns>
    /// <remarks>Exact. NaN in either argument gives NaN; −0 is less than +0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Min(float x, float y) => MathF.Min(x, y);

    /// <inheritdoc cref="Min(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Min(Vector128<float> x, Vector128<float> y) => Vector128.Min(x, y);

    /// <inheritdoc cref="Min(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Min(Vector256<float> x, Vector256<float> y) => Vector256.Min(x, y);

    /// <inheritdoc cref="Min(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Min(Vector512<float> x, Vector512<float> y) => Vector512.Min(x, y);

    /// <summary>The IEEE 754-2019 minimum of x and y.</summary>
    /// <param name="x">The first value.</param>
    /// <param name="y">The second value.</param>
    /// <returns>The smaller of x and y.</returns>
    /// <remarks>Exact. NaN in either argument gives NaN; −0 is less than +0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Min(double x, double y) => Math.Min(x, y);

    /// <inheritdoc cref="Min(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Min(Vector128<double> x, Vector128<double> y) => Vector128.Min(x, y);

    /// <inheritdoc cref="Min(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Min(Vector256<double> x, Vector256<double> y) => Vector256.Min(x, y);

    /// <inheritdoc cref="Min(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Min(Vector512<double> x, Vector512<double> y) => Vector512.Min(x, y);

    /// <summary>The IEEE 754-2019 maximum of x and y.</summary>
    /// <param name="x">The first value.</param>
    /// <param name="y">The second value.</param>
    /// <returns>The larger of x and y.</returns>
    /// <remarks>Exact. NaN in either argument gives NaN; +0 is greater than −0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Max(float x, float y) => MathF.Max(x, y);

    /// <inheritdoc cref="Max(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Max(Vector128<float> x, Vector128<float> y) => Vector128.Max(x, y);

    /// <inheritdoc cref="Max(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Max(Vector256<float> x, Vector256<float> y) => Vector256.Max(x, y);

    /// <inheritdoc cref="Max(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Max(Vector512<float> x, Vector512<float> y) => Vector512.Max(x, y);

    /// <summary>The IEEE 754-2019 maximum of x and y.</summary>
    /// <param name="x">The first value.</param>
    /// <param name="y">The second value.</param>
    /// <returns>The larger of x and y.</returns>
    /// <remarks>Exact. NaN in either argument gives NaN; +0 is greater than −0.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Max(double x, double y) => Math.Max(x, y);

    /// <inheritdoc cref="Max(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Max(Vector128<double> x, Vector128<double> y) => Vector128.Max(x, y);

    /// <inheritdoc cref="Max(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Max(Vector256<double> x, Vector256<double> y) => Vector256.Max(x, y);

    /// <inheritdoc cref="Max(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Max(Vector512<double> x, Vector512<double> y) => Vector512.Max(x, y);

    /// <summary>The magnitude of value with the sign bit of sign.</summary>
    /// <param name="value">The value whose magnitude is used.</param>
    /// <param name="sign">The value whose sign bit is used.</param>
    /// <returns>|value| with the sign of sign.</returns>
    /// <remarks>Exact, on the bits: a NaN sign still gives its sign bit; NaN value → NaN.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float CopySign(float value, float sign) => MathF.CopySign(value, sign);

    /// <inheritdoc cref="CopySign(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CopySign(Vector128<float> value, Vector128<float> sign) => Vector128.CopySign(value, sign);

    /// <inheritdoc cref="CopySign(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CopySign(Vector256<float> value, Vector256<float> sign) => Vector256.CopySign(value, sign);

    /// <inheritdoc cref="CopySign(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CopySign(Vector512<float> value, Vector512<float> sign) => Vector512.CopySign(value, sign);

    /// <summary>The magnitude of value with the sign bit of sign.</summary>
    /// <param name="value">The value whose magnitude is used.</param>
    /// <param name="sign">The value whose sign bit is used.</param>
    /// <returns>|value| with the sign of sign.</returns>
    /// <remarks>Exact, on the bits: a NaN sign still gives its sign bit; NaN value → NaN.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double CopySign(double value, double sign) => Math.CopySign(value, sign);

    /// <inheritdoc cref="CopySign(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> CopySign(Vector128<double> value, Vector128<double> sign) => Vector128.CopySign(value, sign);

    /// <inheritdoc cref="CopySign(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> CopySign(Vector256<double> value, Vector256<double> sign) => Vector256.CopySign(value, sign);

    /// <inheritdoc cref="CopySign(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> CopySign(Vector512<double> value, Vector512<double> sign) => Vector512.CopySign(value, sign);

    /// <summary>x limited to [min, max]: Min(Max(x, min), max).</summary>
    /// <param name="x">The value to clamp.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>x clamped to the bounds.</returns>
    /// <remarks>
    /// Exact and never throws (unlike <see cref="Math.Clamp(double, double, double)"/>): with
    /// min &gt; max the result is max. NaN in any argument gives NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Clamp(float x, float min, float max) => MathF.Min(MathF.Max(x, min), max);

    /// <inheritdoc cref="Clamp(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Clamp(Vector128<float> x, Vector128<float> min, Vector128<float> max) => Vector128.Min(Vector128.Max(x, min), max);

    /// <inheritdoc cref="Clamp(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Clamp(Vector256<float> x, Vector256<float> min, Vector256<float> max) => Vector256.Min(Vector256.Max(x, min), max);

    /// <inheritdoc cref="Clamp(float, float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Clamp(Vector512<float> x, Vector512<float> min, Vector512<float> max) => Vector512.Min(Vector512.Max(x, min), max);

    /// <summary>x limited to [min, max]: Min(Max(x, min), max).</summary>
    /// <param name="x">The value to clamp.</param>
    /// <param name="min">The lower bound.</param>
    /// <param name="max">The upper bound.</param>
    /// <returns>x clamped to the bounds.</returns>
    /// <remarks>
    /// Exact and never throws (unlike <see cref="Math.Clamp(double, double, double)"/>): with
    /// min &gt; max the result is max. NaN in any argument gives NaN.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Clamp(double x, double min, double max) => Math.Min(Math.Max(x, min), max);

    /// <inheritdoc cref="Clamp(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Clamp(Vector128<double> x, Vector128<double> min, Vector128<double> max) => Vector128.Min(Vector128.Max(x, min), max);

    /// <inheritdoc cref="Clamp(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Clamp(Vector256<double> x, Vector256<double> min, Vector256<double> max) => Vector256.Min(Vector256.Max(x, min), max);

    /// <inheritdoc cref="Clamp(double, double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Clamp(Vector512<double> x, Vector512<double> min, Vector512<double> max) => Vector512.Min(Vector512.Max(x, min), max);
}
