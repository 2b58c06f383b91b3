using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = Numerics.VectorMath<Numerics.Lanes128, System.Runtime.Intrinsics.Vector128<float>>;
using V256 = Numerics.VectorMath<Numerics.Lanes256, System.Runtime.Intrinsics.Vector256<float>>;
using V512 = Numerics.VectorMath<Numerics.Lanes512, System.Runtime.Intrinsics.Vector512<float>>;

namespace Numerics;

public static partial class KernelMath
{
    // Below this x, the float NormalCdfMul is 0 whatever its factor (Φ(−14.5) ≈ 6.1e-48); its lanes stay on the float
    // path only while |x·y| < 64 (tested as |x·y|·GeluMulTailScale ≤ MaxValue), where the true result rounds to ±0.
    private const float GeluMulTailStart = -14.5f;

    // 2^122: |x·y|·2^122 ≤ MaxValue exactly when |x·y| < 64 (MaxValue is just below 2^128).
    private const float GeluMulTailScale = 5.3169119831396635e36f;

    /// <summary>gelu(x)·y = x·Φ(x)·y, the GELU-gated product (GeGLU), with x·y formed before Φ(x) is applied.</summary>
    /// <param name="x">The argument of GELU.</param>
    /// <param name="y">The factor.</param>
    /// <returns>gelu(x)·y.</returns>
    /// <remarks>
    /// <para>In float, each lane takes one of two paths, chosen by its own inputs only (so a lane's bits never depend
    /// on its neighbours, the vector width or where a span is split):</para>
    /// <list type="bullet">
    /// <item><description>where x·y is finite, and below x = −14.5 also less than 64 in magnitude (the result then rounds
    /// to ±0): float lanes, <see cref="NormalCdfMul(float, float)"/> of (x, x·y), so a subnormal gelu(x) does not cost a
    /// large product its bits. Error: NormalCdfMul's plus the rounding of x·y.</description></item>
    /// <item><description>elsewhere (x·y overflows, x below −14.5 with a large y, or a NaN or infinite input): double lanes,
    /// <c>NormalCdfMul(x, x)·y</c> rounded once to float, as the double overload. A vector computes this path only when one
    /// of its lanes needs it.</description></item>
    /// </list>
    /// <para>The sign of a zero result is the sign of x·y on the float path. Limits are those of gelu(x) times y:
    /// gelu(−∞)·y = 0 (NaN for an infinite y), gelu(∞)·y = ±∞ (NaN for y = 0). NaN in either argument gives NaN.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float GeluMul(float x, float y) => GeluMul(Vector128.Create(x), Vector128.Create(y)).ToScalar();

    /// <inheritdoc cref="GeluMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> GeluMul(Vector128<float> x, Vector128<float> y)
    {
        Vector128<float> p = x * y;
        Vector128<float> fast = Vector128.CopySign(V128.NormalCdfMulSingle(x, p), p);
        Vector128<float> reach = Vector128.Abs(p) * Vector128.ConditionalSelect(
            Vector128.LessThan(x, Vector128.Create(GeluMulTailStart)), Vector128.Create(GeluMulTailScale), Vector128<float>.One);
        return Vector128.LessThanOrEqualAll(reach, Vector128.Create(float.MaxValue)) ? fast : GeluMulWidened(x, y, reach, fast);
    }

    /// <inheritdoc cref="GeluMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> GeluMul(Vector256<float> x, Vector256<float> y)
    {
        Vector256<float> p = x * y;
        Vector256<float> fast = Vector256.CopySign(V256.NormalCdfMulSingle(x, p), p);
        Vector256<float> reach = Vector256.Abs(p) * Vector256.ConditionalSelect(
            Vector256.LessThan(x, Vector256.Create(GeluMulTailStart)), Vector256.Create(GeluMulTailScale), Vector256<float>.One);
        return Vector256.LessThanOrEqualAll(reach, Vector256.Create(float.MaxValue)) ? fast : GeluMulWidened(x, y, reach, fast);
    }

    /// <inheritdoc cref="GeluMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> GeluMul(Vector512<float> x, Vector512<float> y)
    {
        Vector512<float> p = x * y;
        Vector512<float> fast = Vector512.CopySign(V512.NormalCdfMulSingle(x, p), p);
        Vector512<float> reach = Vector512.Abs(p) * Vector512.ConditionalSelect(
            Vector512.LessThan(x, Vector512.Create(GeluMulTailStart)), Vector512.Create(GeluMulTailScale), Vector512<float>.One);
        return Vector512.LessThanOrEqualAll(reach, Vector512.Create(float.MaxValue)) ? fast : GeluMulWidened(x, y, reach, fast);
    }

    /// <inheritdoc cref="GeluMul(float, float)"/>
    /// <remarks>In double: <c>NormalCdfMul(x, x)·y</c>, gelu(x) times y.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double GeluMul(double x, double y) => NormalCdfMul(x, x) * y;

    /// <inheritdoc cref="GeluMul(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> GeluMul(Vector128<double> x, Vector128<double> y) => NormalCdfMul(x, x) * y;

    /// <inheritdoc cref="GeluMul(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GeluMul(Vector256<double> x, Vector256<double> y) => NormalCdfMul(x, x) * y;

    /// <inheritdoc cref="GeluMul(double, double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GeluMul(Vector512<double> x, Vector512<double> y) => NormalCdfMul(x, x) * y;

    // The double-lane path of the float overloads: the lanes whose reach is not at most MaxValue (NaN included) take
    // the widened result, the others keep the float one. Out of line, so the common case stays a short loop body.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector128<float> GeluMulWidened(Vector128<float> x, Vector128<float> y, Vector128<float> reach, Vector128<float> fast)
    {
        (Vector128<double> xLower, Vector128<double> xUpper) = Vector128.Widen(x);
        (Vector128<double> yLower, Vector128<double> yUpper) = Vector128.Widen(y);
        Vector128<float> wide = Vector128.Narrow(GeluMul(xLower, yLower), GeluMul(xUpper, yUpper));
        return Vector128.ConditionalSelect(Vector128.LessThanOrEqual(reach, Vector128.Create(float.MaxValue)), fast, wide);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<float> GeluMulWidened(Vector256<float> x, Vector256<float> y, Vector256<float> reach, Vector256<float> fast)
    {
        (Vector256<double> xLower, Vector256<double> xUpper) = Vector256.Widen(x);
        (Vector256<double> yLower, Vector256<double> yUpper) = Vector256.Widen(y);
        Vector256<float> wide = Vector256.Narrow(GeluMul(xLower, yLower), GeluMul(xUpper, yUpper));
        return Vector256.ConditionalSelect(Vector256.LessThanOrEqual(reach, Vector256.Create(float.MaxValue)), fast, wide);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector512<float> GeluMulWidened(Vector512<float> x, Vector512<float> y, Vector512<float> reach, Vector512<float> fast)
    {
        (Vector512<double> xLower, Vector512<double> xUpper) = Vector512.Widen(x);
        (Vector512<double> yLower, Vector512<double> yUpper) = Vector512.Widen(y);
        Vector512<float> wide = Vector512.Narrow(GeluMul(xLower, yLower), GeluMul(xUpper, yUpper));
        return Vector512.ConditionalSelect(Vector512.LessThanOrEqual(reach, Vector512.Create(float.MaxValue)), fast, wide);
    }
}
