using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = Numerics.VectorMath<Numerics.Lanes128, System.Runtime.Intrinsics.Vector128<float>>;
using V256 = Numerics.VectorMath<Numerics.Lanes256, System.Runtime.Intrinsics.Vector256<float>>;
using V512 = Numerics.VectorMath<Numerics.Lanes512, System.Runtime.Intrinsics.Vector512<float>>;

namespace Numerics;

public static partial class KernelMath
{
    /// <summary>The natural logarithm ln x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln x.</returns>
    /// <remarks>
    /// Evaluated in <see cref="double"/> lanes (subnormal x included) and rounded once. Measured error
    /// ≤ 0.5 ulp (bound 1). NaN → NaN, x &lt; 0 → NaN, ±0 → −∞, +∞ → +∞.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log(float x) => (float)V128.LogSingleCore(Vector128.CreateScalarUnsafe((double)x)).ToScalar();

    /// <inheritdoc cref="Log(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log(Vector128<float> x) => V128.LogSingle(x);

    /// <inheritdoc cref="Log(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log(Vector256<float> x) => V256.LogSingle(x);

    /// <inheritdoc cref="Log(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log(Vector512<float> x) => V512.LogSingle(x);

    /// <summary>The natural logarithm ln x.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln x.</returns>
    /// <remarks>
    /// The runtime's own vectorised logarithm (<see cref="Vector512.Log(Vector512{double})"/>), which
    /// meets the bound here and is bit-identical across widths. Measured error ≤ 1.53 ulp against
    /// mpmath, ≤ 3 ulp against libm on a dense sweep (bound 4). NaN → NaN, x &lt; 0 → NaN, ±0 → −∞, +∞ → +∞.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log(double x) => Vector128.Log(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="Log(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log(Vector128<double> x) => Vector128.Log(x);

    /// <inheritdoc cref="Log(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x) => Vector256.Log(x);

    /// <inheritdoc cref="Log(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log(Vector512<double> x) => Vector512.Log(x);

    /// <summary>ln(1 + x), accurate also where x is close to 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln(1 + x).</returns>
    /// <remarks>
    /// Evaluated in <see cref="float"/> lanes (the same bits at every width and in this scalar form): 1 + x split into
    /// 2^e·(1 + f) with its rounding error folded into f, ln(1 + f) = f − f²/2 + f³·q(f) with q of degree 7, plus e·ln2
    /// in two parts, no division. Error at most 1.44 ulp over all floats (bound 2); tiny and subnormal x return x. NaN → NaN, x &lt; −1 → NaN,
    /// −1 → −∞, +∞ → +∞, ±0 → ±0.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Log1p(float x) => V128.Log1pSingle(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="Log1p(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Log1p(Vector128<float> x) => V128.Log1pSingle(x);

    /// <inheritdoc cref="Log1p(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Log1p(Vector256<float> x) => V256.Log1pSingle(x);

    /// <inheritdoc cref="Log1p(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Log1p(Vector512<float> x) => V512.Log1pSingle(x);

    /// <summary>ln(1 + x), accurate also where x is close to 0.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln(1 + x).</returns>
    /// <remarks>
    /// u = 1 + x with its rounding error carried as a correction, u = 2^e·(1 + f) with
    /// √½ ≤ 1 + f &lt; √2, then ln(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f/(2 + f), and
    /// e·ln2 in two parts. Measured error ≤ 0.51 ulp (bound 4); tiny and subnormal x return x.
    /// NaN → NaN, x &lt; −1 → NaN, −1 → −∞, +∞ → +∞, ±0 → ±0.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Log1p(double x) => V128.Log1pDouble(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="Log1p(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Log1p(Vector128<double> x) => V128.Log1pDouble(x);

    /// <inheritdoc cref="Log1p(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log1p(Vector256<double> x) => V256.Log1pDouble(x);

    /// <inheritdoc cref="Log1p(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Log1p(Vector512<double> x) => V512.Log1pDouble(x);
}

internal static partial class VectorMath<TD, TF>
{
    // (2·atanh(√z)/√z − 2) / z on 0 ≤ z ≤ (3 − 2√2)^2, degree 6, error 2^-51.5 (coefficients.py, "LogD").
    private const double LogD0 = 0.666666666666667;
    private const double LogD1 = 0.39999999999899505;
    private const double LogD2 = 0.28571428625975487;
    private const double LogD3 = 0.2222221113479508;
    private const double LogD4 = 0.18182889125261723;
    private const double LogD5 = 0.15331721600556042;
    private const double LogD6 = 0.14616449685043406;

    /// <summary>Single-precision ln x: widened, <see cref="LogSingleCore"/>, narrowed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF LogSingle(TF x)
    {
        (TD lower, TD upper) = TD.Widen(x);
        return TD.Narrow(LogSingleCore(lower), LogSingleCore(upper));
    }

    /// <summary>ln x for x that came from a <see cref="float"/> (so every positive x is a normal double).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD LogSingleCore(TD x)
    {
        TD m = TD.Frexp(x, out TD e);
        TD result = LogOfScaled(m - C(1.0), e);
        TD inf = C(double.PositiveInfinity);
        TD special = TD.SelectEqual(x, C(0.0), -inf, TD.SelectEqual(x, inf, inf, C(double.NaN)));
        return TD.SelectLessThan(C(0.0), x, TD.SelectLessThan(x, inf, result, special), special);
    }

    // (ln(1 + f) − f + f²/2)/f³ on √½ − 1 ≤ f ≤ √2 − 1, degree 7, float coefficients; error 2^-27.1 relative to
    // ln(1 + f) (coefficients.py, "Log1pS").
    private const float Log1pS0 = 0.3333333134651184f;
    private const float Log1pS1 = -0.250008225440979f;
    private const float Log1pS2 = 0.20001226663589478f;
    private const float Log1pS3 = -0.16623331606388092f;
    private const float Log1pS4 = 0.1420174539089203f;
    private const float Log1pS5 = -0.13160419464111328f;
    private const float Log1pS6 = 0.12761838734149933f;
    private const float Log1pS7 = -0.07634234428405762f;

    /// <summary>
    /// Single-precision ln(1 + x) in float lanes throughout: u = 1 + x rounded, its error c exact (Fast2Sum),
    /// u = 2^e·m with √½ ≤ m &lt; √2, f = (m − 1) + c·2^-e (exact when e = 0, where f = x), then
    /// e·ln2_hi + (f − f²/2 + f³·q(f) + e·ln2_lo). No division.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF Log1pSingle(TF x)
    {
        TF one = S(1f);
        TF u = TD.AddSingle(one, x);
        TF c = TD.SelectLessThanSingle(TD.AbsSingle(x), one,
            TD.AddSingle(TD.SubtractSingle(one, u), x), TD.AddSingle(TD.SubtractSingle(x, u), one));
        TF m = TD.FrexpSingle(u, out TF e);

        // c matters only while 2^-e is far from underflow; e ≤ 100 keeps 2^-e a normal float.
        TF scale = TD.ShiftIntoExponentSingle(TD.SubtractSingle(S(MagicBiasedSingle), TD.ClampSingle(e, S(-100f), S(100f))));
        TF f = TD.FmaSingle(c, scale, TD.SubtractSingle(m, one));

        TF f2 = TD.MultiplySingle(f, f);
        TF q01 = TD.FmaSingle(S(Log1pS1), f, S(Log1pS0));
        TF q23 = TD.FmaSingle(S(Log1pS3), f, S(Log1pS2));
        TF q45 = TD.FmaSingle(S(Log1pS5), f, S(Log1pS4));
        TF q67 = TD.FmaSingle(S(Log1pS7), f, S(Log1pS6));
        TF f4 = TD.MultiplySingle(f2, f2);
        TF q = TD.FmaSingle(f4, TD.FmaSingle(f2, q67, q45), TD.FmaSingle(f2, q23, q01));
        TF tail = TD.FmaSingle(TD.MultiplySingle(f2, f), q, TD.MultiplySingle(e, S(Ln2LoSingle)));
        tail = TD.FmaSingle(f2, S(-0.5f), tail);

        // Two roundings at full size: exhaustively at most 1.44 ulp, at x just above √2 − 1, where f = (m − 1) + c/2
        // rounds (splitting e·ln2 + f with Fast2Sum measured the same maximum).
        TF result = TD.FmaSingle(e, S(Ln2HiSingle), TD.AddSingle(f, tail));

        // u = +∞ (x = +∞) would read as a finite 2^128; u = 0 is x = −1; x < −1 is outside the domain.
        result = TD.SelectLessThanSingle(S(float.MaxValue), x, S(float.PositiveInfinity), result);
        result = TD.SelectLessThanSingle(u, S(1e-30f), S(float.NegativeInfinity), result);
        result = TD.SelectLessThanSingle(x, S(-1f), S(float.NaN), result);

        // ln(1 + x) has the sign of x; −0 gives −0.
        return TD.CopySignSingle(result, x);
    }

    /// <summary>ln(1 + x) in double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD Log1pDouble(TD x)
    {
        TD one = C(1.0);
        TD u = one + x;

        // The rounding error of 1 + x (Fast2Sum, larger operand first).
        TD c = TD.SelectLessThan(TD.Abs(x), one, (one - u) + x, (x - u) + one);
        TD m = TD.Frexp(u, out TD e);

        // 1 + x = 2^e·(m + c·2^-e); c only matters for moderate e, so clamp e to keep 2^-e normal.
        TD scale = TD.ShiftIntoExponent(C(MagicBiased) - TD.Min(e, C(1000.0)));
        TD f = TD.Fma(c, scale, m - one);
        TD result = LogOfScaled(f, e);

        TD inf = C(double.PositiveInfinity);
        result = TD.SelectEqual(x, inf, inf, result);
        result = TD.SelectEqual(x, -one, -inf, result);
        result = TD.SelectLessThan(x, -one, C(double.NaN), result);
        return TD.CopySign(result, x);
    }

    /// <summary>ln(1 + f) + e·ln2 for √½ − 1 ≤ f &lt; √2 − 1 and integral e.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD LogOfScaled(TD f, TD e)
    {
        TD s = f / (C(2.0) + f);
        TD z = s * s;
        TD p = TD.Fma(C(LogD6), z, C(LogD5));
        p = TD.Fma(p, z, C(LogD4));
        p = TD.Fma(p, z, C(LogD3));
        p = TD.Fma(p, z, C(LogD2));
        p = TD.Fma(p, z, C(LogD1));
        p = TD.Fma(p, z, C(LogD0));
        TD r = z * p;
        TD halfSquare = C(0.5) * f * f;
        return TD.Fma(e, C(Ln2Hi), f - (halfSquare - TD.Fma(s, halfSquare + r, e * C(Ln2Lo))));
    }
}
