using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = Numerics.VectorMath<Numerics.Lanes128, System.Runtime.Intrinsics.Vector128<float>>;
using V256 = Numerics.VectorMath<Numerics.Lanes256, System.Runtime.Intrinsics.Vector256<float>>;
using V512 = Numerics.VectorMath<Numerics.Lanes512, System.Runtime.Intrinsics.Vector512<float>>;

namespace Numerics;

public static partial class KernelMath
{
    /// <summary>e^x.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e^x; +∞ above ln(<see cref="float.MaxValue"/>), subnormal then 0 below about −87.3.</returns>
    /// <remarks>
    /// In <see cref="float"/> lanes throughout: x = k·ln2 + r with |r| ≤ ln2/2 (ln2 in two parts, the first
    /// of 15 bits so that x − k·ln2_hi is exact), e^r = s + ((e + c) + r²·h(r)) with h of degree 5 by fused
    /// multiply-add, where s + e = 1 + (x − k·ln2_hi) exactly and c = −k·ln2_lo, so only the small last term
    /// carries rounding error; then 2^k applied with one rounding, into the subnormals or to +∞ too
    /// (<c>vscalefps</c> with AVX-512, else two exact steps; the bits are the same). Measured over every
    /// float: ≤ 0.653 ulp for normal results (bound 1), ≤ 0.77·2^-149 for subnormal ones.
    /// NaN → NaN, −∞ → 0, +∞ → +∞, e^0 = 1 exactly.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Exp(float x) => V128.ExpSingle(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="Exp(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Exp(Vector128<float> x) => V128.ExpSingle(x);

    /// <inheritdoc cref="Exp(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x) => V256.ExpSingle(x);

    /// <inheritdoc cref="Exp(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => V512.ExpSingle(x);

    /// <summary>e^x.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>e^x; +∞ above about 709.78, subnormal then 0 below about −708.4.</returns>
    /// <remarks>
    /// x = k·ln2 + r with |r| ≤ ln2/2 (ln2 in two parts), a degree-11 polynomial for e^r, and 2^k
    /// applied in two exact steps so subnormal results are rounded once. (The runtime's
    /// <see cref="Vector512.Exp(Vector512{double})"/> is as accurate but not bit-identical across
    /// widths, which the scalar tails of generated kernels rely on.) Measured error ≤ 1 ulp (bound 4).
    /// NaN → NaN, −∞ → 0, +∞ → +∞.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exp(double x) => V128.ExpDouble(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="Exp(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Exp(Vector128<double> x) => V128.ExpDouble(x);

    /// <inheritdoc cref="Exp(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Exp(Vector256<double> x) => V256.ExpDouble(x);

    /// <inheritdoc cref="Exp(double)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Exp(Vector512<double> x) => V512.ExpDouble(x);
}

internal static partial class VectorMath<TD, TF>
{
    private const double Log2E = 1.4426950408889634;
    private const double Ln2 = 0.6931471805599453;

    // ln 2 split so that k * Ln2Hi is exact for |k| < 2^21 (fdlibm's split).
    private const double Ln2Hi = 6.93147180369123816490e-01;
    private const double Ln2Lo = 1.90821492927058770002e-10;

    // 1.5·2^52 + 1023: x·log2(e) + MagicBiased rounds to an integer k and holds 1023 + k in its low bits.
    private const double MagicBiased = 6755399441055744.0 + 1023.0;

    // (e^r − 1) / r on |r| ≤ ln2/2, degree 10, error 2^-55.5 (coefficients.py, "ExpD").
    private const double ExpD1 = 0.5000000000000006;
    private const double ExpD2 = 0.1666666666666667;
    private const double ExpD3 = 0.04166666666657314;
    private const double ExpD4 = 0.008333333333326141;
    private const double ExpD5 = 0.0013888888932488599;
    private const double ExpD6 = 0.00019841269874800493;
    private const double ExpD7 = 2.4801504346997686e-05;
    private const double ExpD8 = 2.7557255425746435e-06;
    private const double ExpD9 = 2.7626357241447223e-07;
    private const double ExpD10 = 2.510520637395701e-08;

    // (e^r − 1) / r on |r| ≤ ln2/2, degree 5, error 2^-26.4 (coefficients.py, "ExpF").
    private const double ExpF0 = 1.00000001077157;
    private const double ExpF1 = 0.5000000013457727;
    private const double ExpF2 = 0.16666505260408124;
    private const double ExpF3 = 0.04166646500604005;
    private const double ExpF4 = 0.008369148490856347;
    private const double ExpF5 = 0.0013933641031986701;

    // (e^r − 1 − r) / r² on |r| ≤ ln2/2 in float, degree 5, error 2^-27.9 with the coefficients rounded to float
    // (coefficients.py, "ExpS").
    private const float ExpS0 = 0.5f;
    private const float ExpS1 = 0.1666666716337204f;
    private const float ExpS2 = 0.04166646674275398f;
    private const float ExpS3 = 0.00833331048488617f;
    private const float ExpS4 = 0.0013933641603216529f;
    private const float ExpS5 = 0.00019890980911441147f;

    private const float Log2ESingle = 1.44269504f;

    // ln 2 = Ln2HiSingle + Ln2LoSingle: the high part has 15 significant bits, so for |k| < 2^8 both
    // k·Ln2HiSingle and x − k·Ln2HiSingle are exact.
    private const float Ln2HiSingle = 0.693145751953125f;
    private const float Ln2LoSingle = 1.42860677e-6f;

    // 1.5·2^23 + 127: x·log2(e) + MagicBiasedSingle rounds to an integer k and holds 127 + k in its low bits.
    private const float MagicBiasedSingle = 12583039f;

    // Beyond [−174.5, 100] the float result is 0 or +∞ anyway (e^x is 0 below about −103.97; ExpMul's y·e^x is not,
    // for a large y, which is why the range reaches down to where k = −252, the least ScaleByPow2Single takes). |k|
    // stays below 2^8, so k·Ln2HiSingle and x − k·Ln2HiSingle are exact.
    private const float ExpSingleLowest = -174.5f;
    private const float ExpSingleHighest = 100f;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD C(double value) => TD.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF S(float value) => TD.CreateSingle(value);

    /// <summary>Single-precision e^x, in float lanes throughout.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF ExpSingle(TF x)
    {
        // NaN passes through the clamp (and then the arithmetic); ±∞ become the limits.
        TF p = ExpSingleReduce(TD.ClampSingle(x, S(ExpSingleLowest), S(ExpSingleHighest)), out TF k, out _);

        // k is in [−252, 145]; the scaling rounds once, into the subnormals, to 0 or to +∞.
        return TD.ScaleByPow2Single(p, k);
    }

    /// <summary>
    /// Single-precision e^x for x in [0, 88] (or NaN), where 2^k is a normal float and one step applies it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF ExpSingleNonNegative(TF x)
    {
        TF p = ExpSingleReduce(x, out _, out TF kb);
        return TD.MultiplySingle(p, TD.ShiftIntoExponentSingle(kb));
    }

    /// <summary>
    /// Splits e^x = 2^k · p in float lanes: <paramref name="k"/> is integral, <paramref name="kb"/> =
    /// <see cref="MagicBiasedSingle"/> + k, p = e^r to about 0.6 ulp for r = x − k·ln2, |r| ≤ ln2/2. Needs |x| ≤ 174.5.
    /// </summary>
    /// <remarks>
    /// A float r would be off by up to 2^-26 (0.2 ulp of p), and 1 + r·q(r) would add the rounding of q; so
    /// p = s + ((e + c) + r²·h(r)), where s + e = 1 + (x − k·ln2_hi) exactly and c = −k·ln2_lo: everything but
    /// the small second term is exact, and the final sum rounds once.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF ExpSingleReduce(TF x, out TF k, out TF kb)
    {
        kb = TD.FmaSingle(x, S(Log2ESingle), S(MagicBiasedSingle));
        k = TD.SubtractSingle(kb, S(MagicBiasedSingle));
        TF rHi = TD.FmaSingle(k, S(-Ln2HiSingle), x);
        TF c = TD.MultiplySingle(k, S(-Ln2LoSingle));
        TF r = TD.AddSingle(rHi, c);
        TF one = S(1f);
        TF s = TD.AddSingle(one, rHi);
        TF e = TD.AddSingle(TD.SubtractSingle(one, s), rHi);
        TF h = TD.FmaSingle(S(ExpS5), r, S(ExpS4));
        h = TD.FmaSingle(h, r, S(ExpS3));
        h = TD.FmaSingle(h, r, S(ExpS2));
        h = TD.FmaSingle(h, r, S(ExpS1));
        h = TD.FmaSingle(h, r, S(ExpS0));
        return TD.AddSingle(s, TD.FmaSingle(TD.MultiplySingle(r, r), h, TD.AddSingle(e, c)));
    }

    /// <summary>
    /// e^x in double lanes to about 2^-26 relative (0.1 float ulp), for functions that round a double
    /// result to <see cref="float"/>; x must lie in [−700, 700] (or be NaN), so 2^k stays a normal double.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD ExpSingleKernel(TD x)
    {
        TD kb = TD.Fma(x, C(Log2E), C(MagicBiased));
        TD k = kb - C(MagicBiased);
        TD r = TD.Fma(k, C(-Ln2), x);
        TD q = TD.Fma(C(ExpF5), r, C(ExpF4));
        q = TD.Fma(q, r, C(ExpF3));
        q = TD.Fma(q, r, C(ExpF2));
        q = TD.Fma(q, r, C(ExpF1));
        q = TD.Fma(q, r, C(ExpF0));
        return TD.Fma(r, q, C(1.0)) * TD.ShiftIntoExponent(kb);
    }

    /// <summary>x limited to [<paramref name="lowest"/>, <paramref name="highest"/>]; NaN passes through.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD Clamp(TD x, double lowest, double highest)
    {
        return AtMost(TD.SelectLessThan(x, C(lowest), C(lowest), x), highest);
    }

    /// <summary>x limited to at most <paramref name="highest"/>; NaN passes through.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TD AtMost(TD x, double highest) => TD.SelectLessThan(C(highest), x, C(highest), x);

    /// <summary>e^x in double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD ExpDouble(TD x)
    {
        // Beyond [−746, 710] the result is 0 or +∞ already; NaN passes through the clamp.
        TD p = ExpReduce(Clamp(x, -746.0, 710.0), out TD k);
        return ScaleByPow2(p, k);
    }

    /// <summary>
    /// Splits e^x = 2^k · p with |r| ≤ ln2/2 and p = e^r to about 0.6 ulp; <paramref name="k"/> is an
    /// integral double. Needs |x| ≲ 2^20 (callers clamp).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD ExpReduce(TD x, out TD k)
    {
        TD kb = TD.Fma(x, C(Log2E), C(MagicBiased));
        k = kb - C(MagicBiased);
        TD r = TD.Fma(k, C(-Ln2Hi), x);
        r = TD.Fma(k, C(-Ln2Lo), r);
        TD q = TD.Fma(C(ExpD10), r, C(ExpD9));
        q = TD.Fma(q, r, C(ExpD8));
        q = TD.Fma(q, r, C(ExpD7));
        q = TD.Fma(q, r, C(ExpD6));
        q = TD.Fma(q, r, C(ExpD5));
        q = TD.Fma(q, r, C(ExpD4));
        q = TD.Fma(q, r, C(ExpD3));
        q = TD.Fma(q, r, C(ExpD2));
        q = TD.Fma(q, r, C(ExpD1));
        q = TD.Fma(q, r, C(1.0));
        return TD.Fma(r, q, C(1.0));
    }

    /// <summary>
    /// p · 2^k for integral k in [−2000, 2000], in two exact steps of 2^(k/2) so that a subnormal or
    /// overflowing result is rounded once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD ScaleByPow2(TD p, TD k)
    {
        TD k1b = TD.Fma(k, C(0.5), C(MagicBiased));
        TD k2b = k - (k1b - C(MagicBiased)) + C(MagicBiased);
        return p * TD.ShiftIntoExponent(k1b) * TD.ShiftIntoExponent(k2b);
    }
}
