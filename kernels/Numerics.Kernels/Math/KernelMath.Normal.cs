using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = Numerics.VectorMath<Numerics.Lanes128, System.Runtime.Intrinsics.Vector128<float>>;
using V256 = Numerics.VectorMath<Numerics.Lanes256, System.Runtime.Intrinsics.Vector256<float>>;
using V512 = Numerics.VectorMath<Numerics.Lanes512, System.Runtime.Intrinsics.Vector512<float>>;

namespace Numerics;

public static partial class KernelMath
{
    /// <summary>The standard normal cumulative distribution Φ(x) = ½·erfc(−x/√2).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Φ(x), in [0, 1]; the left tail is subnormal from about −13.2 and 0 below about −14.2.</returns>
    /// <remarks>
    /// In <see cref="float"/> lanes throughout. |x| &lt; 0.67: ½ + x·P(x²) (degree 4). Else Q = ½·erfc(|x|/√2) =
    /// e^(−x²/2)·t·H(t) with t = 3/(3 + |x|) (H of degree 9, the rounding of t corrected to first order),
    /// x² carried in two parts into one exponential whose power of two is applied last, so the left tail
    /// Φ = Q keeps its relative accuracy and its subnormal results are rounded once; on the right Φ = 1 − Q.
    /// Measured error ≤ 1.17 ulp over every float (bound 2), subnormal results within 0.86 of a subnormal step.
    /// NaN → NaN, −∞ → 0, +∞ → 1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NormalCdf(float x) => V128.NormalCdfSingle(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="NormalCdf(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> NormalCdf(Vector128<float> x) => V128.NormalCdfSingle(x);

    /// <inheritdoc cref="NormalCdf(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NormalCdf(Vector256<float> x) => V256.NormalCdfSingle(x);

    /// <inheritdoc cref="NormalCdf(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> NormalCdf(Vector512<float> x) => V512.NormalCdfSingle(x);

    /// <summary>The standard normal cumulative distribution Φ(x) = ½·erfc(−x/√2).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>Φ(x), in [0, 1]; the left tail is subnormal from about −37.5 and 0 below about −38.5.</returns>
    /// <remarks>
    /// −x/√2 is carried in two parts into erfc, so the left tail is accurate in relative terms down
    /// to the subnormal range. Measured error ≤ 3.2 ulp (bound 4). NaN → NaN, −∞ → 0, +∞ → 1.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NormalCdf(double x) => V128.NormalCdfDouble(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="NormalCdf(double)"/>
    // Not inlined: the double body is large, and a kernel that inlines it twice (widened float lanes) would
    // exhaust the JIT\'s inlining budget; a call per vector costs little beside it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector128<double> NormalCdf(Vector128<double> x) => V128.NormalCdfDouble(x);

    /// <inheritdoc cref="NormalCdf(double)"/>
    // Not inlined: the double body is large, and a kernel that inlines it twice (widened float lanes) would
    // exhaust the JIT\'s inlining budget; a call per vector costs little beside it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> NormalCdf(Vector256<double> x) => V256.NormalCdfDouble(x);

    /// <inheritdoc cref="NormalCdf(double)"/>
    // Not inlined: the double body is large, and a kernel that inlines it twice (widened float lanes) would
    // exhaust the JIT\'s inlining budget; a call per vector costs little beside it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> NormalCdf(Vector512<double> x) => V512.NormalCdfDouble(x);

    /// <summary>The standard normal density φ(x) = e^(−x²/2)/√(2π).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>φ(x); subnormal from about 13.2 in magnitude, 0 from about 14.3.</returns>
    /// <remarks>
    /// In <see cref="float"/> lanes throughout: x² carried in two parts into the exponential, 1/√(2π) in two
    /// parts, the power of two applied last so subnormal results are rounded once. Measured error ≤ 0.84 ulp
    /// over every float (bound 2), subnormal results within 0.77 of a subnormal step. NaN → NaN, ±∞ → 0.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NormalPdf(float x) => V128.NormalPdfSingle(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="NormalPdf(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> NormalPdf(Vector128<float> x) => V128.NormalPdfSingle(x);

    /// <inheritdoc cref="NormalPdf(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NormalPdf(Vector256<float> x) => V256.NormalPdfSingle(x);

    /// <inheritdoc cref="NormalPdf(float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> NormalPdf(Vector512<float> x) => V512.NormalPdfSingle(x);

    /// <summary>The standard normal density φ(x) = e^(−x²/2)/√(2π).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>φ(x); subnormal from about 37.5 in magnitude, 0 from about 38.6.</returns>
    /// <remarks>
    /// x² carried in two parts, the power of two applied last. Measured error ≤ 2.6 ulp (bound 4).
    /// NaN → NaN, ±∞ → 0.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NormalPdf(double x) => V128.NormalPdfDouble(Vector128.CreateScalarUnsafe(x)).ToScalar();

    /// <inheritdoc cref="NormalPdf(double)"/>
    // Not inlined: the double body is large, and a kernel that inlines it twice (widened float lanes) would
    // exhaust the JIT\'s inlining budget; a call per vector costs little beside it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector128<double> NormalPdf(Vector128<double> x) => V128.NormalPdfDouble(x);

    /// <inheritdoc cref="NormalPdf(double)"/>
    // Not inlined: the double body is large, and a kernel that inlines it twice (widened float lanes) would
    // exhaust the JIT\'s inlining budget; a call per vector costs little beside it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector256<double> NormalPdf(Vector256<double> x) => V256.NormalPdfDouble(x);

    /// <inheritdoc cref="NormalPdf(double)"/>
    // Not inlined: the double body is large, and a kernel that inlines it twice (widened float lanes) would
    // exhaust the JIT\'s inlining budget; a call per vector costs little beside it.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static Vector512<double> NormalPdf(Vector512<double> x) => V512.NormalPdfDouble(x);
}

internal static partial class VectorMath<TD, TF>
{
    // 1/√2 = InvSqrt2 + InvSqrt2Low to about 2^-107.
    private const double InvSqrt2 = 0.7071067811865476;
    private const double InvSqrt2Low = -4.833646656726457e-17;

    private const double InvSqrt2Pi = 0.3989422804014327;

    // Φ(x) = ½ + x·P(x²) for |x| < NormalCentralLimit, where Φ stays above ¼ (coefficients.py, "NormalCentralS":
    // degree 4, relative error 2^-24.9 with the coefficients rounded to float).
    private const float NormalCentralLimit = 0.67f;
    private const float NormalCentralS0 = 0.3989422917366028f;
    private const float NormalCentralS1 = -0.06649034470319748f;
    private const float NormalCentralS2 = 0.009972932748496532f;
    private const float NormalCentralS3 = -0.0011834182078018785f;
    private const float NormalCentralS4 = 0.00010534100874792784f;

    // Q(a) = ½·erfc(a/√2) = e^(−a²/2)·t·H(t), t = K/(K + a), for a in [NormalCentralLimit, NormalTailClamp]; H as a
    // polynomial in u = t − NormalTailCentre with its constant in two parts (coefficients.py, "NormalTailS": degree 9,
    // relative error 2^-27.4). Φ(−14.5) is 0 in float.
    private const float NormalTailK = 3f;
    private const float NormalTailClamp = 14.5f;
    private const float NormalTailCentre = 0.4944336414337158f;
    private const float NormalTailS0 = 0.24114729464054108f;
    private const float NormalTailS0Low = -1.692076478931881e-10f;
    private const float NormalTailS1 = 0.3361521065235138f;
    private const float NormalTailS2 = 0.3045751750469208f;
    private const float NormalTailS3 = 0.12725426256656647f;
    private const float NormalTailS4 = -0.05370517820119858f;
    private const float NormalTailS5 = -0.07507854700088501f;
    private const float NormalTailS6 = 0.019687969237565994f;
    private const float NormalTailS7 = 0.04543263092637062f;
    private const float NormalTailS8 = -0.014888303354382515f;
    private const float NormalTailS9 = -0.025402719154953957f;

    // S(t) = d ln(t·H(t)) / d ln t, in [1.20, 2.19] on the tail, as a line in t good to 0.02 (coefficients.py,
    // "NormalTailSensitivity"): a relative error δ in t moves t·H(t) by S·δ.
    private const float NormalTailSensitivity0 = 0.9021996855735779f;
    private const float NormalTailSensitivity1 = 1.5965369939804077f;

    // e^r = 1 + r + r²·h(r) for |r| ≤ 0.35, error 2^-29.6 in e^r (coefficients.py, "NormalExpS").
    private const float NormalExpS0 = 0.5f;
    private const float NormalExpS1 = 0.1666666716337204f;
    private const float NormalExpS2 = 0.04166625067591667f;
    private const float NormalExpS3 = 0.008333268575370312f;
    private const float NormalExpS4 = 0.0013947319239377975f;
    private const float NormalExpS5 = 0.00019916173187084496f;

    private const float NormalLog2E = 1.44269504f;

    // ln 2 = NormalLn2Hi + NormalLn2Lo; the high part is 45425·2^-16, so k·NormalLn2Hi is exact for |k| < 2^8, and
    // so is −a²/2 − k·NormalLn2Hi for the a (at most 15) that occur here.
    private const float NormalLn2Hi = 0.693145751953125f;
    private const float NormalLn2Lo = 1.42860677e-6f;

    // 1.5·2^23: adding it to a float of magnitude below 2^22 rounds it to an integer.
    private const float NormalRoundingMagic = 12582912f;

    // 1/√(2π) = NormalInvSqrt2PiHi + NormalInvSqrt2PiLo to about 2^-54.
    private const float NormalInvSqrt2PiHi = 0.3989422917366028f;
    private const float NormalInvSqrt2PiLo = -1.1335170135851058e-08f;

    // φ(15) is 0 in float; the clamp keeps the power of two in range.
    private const float NormalPdfClamp = 15f;

    /// <summary>Single-precision Φ, in float lanes throughout (see <see cref="KernelMath.NormalCdf(float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF NormalCdfSingle(TF x)
    {
        TF a = TD.AbsSingle(x);

        // Centre: Φ ≥ ¼ there, and |x·P| ≤ ¼, so the rounding of P costs at most a quarter ulp.
        TF z = TD.MultiplySingle(x, x);
        TF p = TD.FmaSingle(S(NormalCentralS4), z, S(NormalCentralS3));
        p = TD.FmaSingle(p, z, S(NormalCentralS2));
        p = TD.FmaSingle(p, z, S(NormalCentralS1));
        p = TD.FmaSingle(p, z, S(NormalCentralS0));
        TF central = TD.FmaSingle(x, p, S(0.5f));

        // Tails: Q(|x|) on the left, 1 − Q on the right; NaN passes through the clamp and takes the right.
        TF q = NormalUpperTail(TD.ClampSingle(a, S(NormalCentralLimit), S(NormalTailClamp)));
        TF tail = TD.SelectLessThanSingle(x, S(0f), q, TD.SubtractSingle(S(1f), q));
        return TD.SelectLessThanSingle(a, S(NormalCentralLimit), central, tail);
    }

    /// <summary>
    /// y·Φ(x) in float lanes: as <see cref="NormalCdfSingle"/>, with y applied to the left tail before its power of two,
    /// so x·Φ(x) stays accurate where Φ(x) is subnormal but the product is not.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF NormalCdfMulSingle(TF x, TF y)
    {
        TF a = TD.AbsSingle(x);
        TF z = TD.MultiplySingle(x, x);
        TF p = TD.FmaSingle(S(NormalCentralS4), z, S(NormalCentralS3));
        p = TD.FmaSingle(p, z, S(NormalCentralS2));
        p = TD.FmaSingle(p, z, S(NormalCentralS1));
        p = TD.FmaSingle(p, z, S(NormalCentralS0));
        TF central = TD.MultiplySingle(TD.FmaSingle(x, p, S(0.5f)), y);

        TF yq = NormalUpperTailTimes(TD.ClampSingle(a, S(NormalCentralLimit), S(NormalTailClamp)), y);
        TF tail = TD.SelectLessThanSingle(x, S(0f), yq, TD.SubtractSingle(y, yq));
        TF result = TD.SelectLessThanSingle(a, S(NormalCentralLimit), central, tail);

        // Beyond the clamp Φ is 0 or 1 to float precision: give exactly 0 and y (an infinite y would make 0·∞ or ∞ − ∞).
        result = TD.SelectLessThanSingle(x, S(-NormalTailClamp), S(0f), result);
        return TD.SelectLessThanSingle(S(NormalTailClamp), x, y, result);
    }

    /// <summary>Φ(x) in double precision, with −x/√2 in two parts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD NormalCdfDouble(TD x)
    {
        TD y = x * C(-InvSqrt2);
        TD yLow = TD.Fma(x, C(-InvSqrt2), -y) + x * C(-InvSqrt2Low);
        return C(0.5) * ErfcDouble(y, yLow);
    }

    /// <summary>Single-precision φ, in float lanes throughout (see <see cref="KernelMath.NormalPdf(float)"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF NormalPdfSingle(TF x)
    {
        // NaN passes through the clamp (and then the arithmetic); ±∞ become the limit.
        TF a = TD.ClampSingle(TD.AbsSingle(x), S(0f), S(NormalPdfClamp));
        TF rHi = NormalExpHalfSquare(a, out TF rest, out TF k);

        // e^r/√(2π) = c·(1 + rHi + rest) with c in two parts; only the last sum rounds at full size.
        TF c = S(NormalInvSqrt2PiHi);
        TF small = TD.FmaSingle(c, rHi, TD.FmaSingle(c, rest, S(NormalInvSqrt2PiLo)));
        return TD.ScaleByPow2Single(TD.AddSingle(c, small), k);
    }

    /// <summary>φ(x) in double precision.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD NormalPdfDouble(TD x)
    {
        // φ(40) is 0 in double; NaN passes through the clamp.
        TD a = AtMost(TD.Abs(x), 40.0);
        TD hi = a * a;
        TD lo = TD.Fma(a, a, -hi);
        TD p = ExpReduce(C(-0.5) * hi, out TD k);
        p = TD.Fma(-p, C(0.5) * lo, p);
        return ScaleByPow2(p * C(InvSqrt2Pi), k);
    }

    /// <summary>
    /// Q(a) = ½·erfc(a/√2) for a in [<see cref="NormalCentralLimit"/>, <see cref="NormalTailClamp"/>] (or NaN), to
    /// about 1 ulp relative, rounded once also where it is subnormal.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF NormalUpperTail(TF a) => NormalUpperTailTimes(a, S(1f));

    /// <summary>y·Q(a), the factor applied before the power of two so that a subnormal Q does not cost y·Q its bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF NormalUpperTailTimes(TF a, TF y)
    {
        // t = K/d, d = a + K. Both roundings are recovered exactly: d − K is exact (K is a multiple of the ulp of d),
        // so e = a − (d − K) is the error of d, and t·d − K is exact with a fused multiply-add. The true t is t + dt,
        // dt = −(t·d − K + t·e)/d to first order.
        TF kk = S(NormalTailK);
        TF d = TD.AddSingle(a, kk);
        TF t = TD.DivideSingle(kk, d);
        TF e = TD.SubtractSingle(a, TD.SubtractSingle(d, kk));
        TF residual = TD.FmaSingle(t, d, S(-NormalTailK));
        TF dt = TD.MultiplySingle(TD.FmaSingle(t, e, residual), TD.MultiplySingle(t, S(-1f / NormalTailK)));

        // u = t − centre is exact except for t below centre/2, where it rounds by uError = (u + centre) − t (exact:
        // Fast2Sum, as centre > t there).
        TF u = TD.SubtractSingle(t, S(NormalTailCentre));
        TF uError = TD.SubtractSingle(TD.AddSingle(u, S(NormalTailCentre)), t);

        // H(t) = h + hLow. |u·g| reaches half of H at the ends, so the roundings of the last two Horner steps are
        // recovered: g1 − S1 and h − S0 are exact (each stays within a factor 2 of its constant).
        TF g = TD.FmaSingle(S(NormalTailS9), u, S(NormalTailS8));
        g = TD.FmaSingle(g, u, S(NormalTailS7));
        g = TD.FmaSingle(g, u, S(NormalTailS6));
        g = TD.FmaSingle(g, u, S(NormalTailS5));
        g = TD.FmaSingle(g, u, S(NormalTailS4));
        g = TD.FmaSingle(g, u, S(NormalTailS3));
        g = TD.FmaSingle(g, u, S(NormalTailS2));
        TF g1 = TD.FmaSingle(g, u, S(NormalTailS1));
        TF g1Low = TD.FmaSingle(g, u, TD.SubtractSingle(S(NormalTailS1), g1));
        TF h = TD.FmaSingle(g1, u, S(NormalTailS0));
        TF hLow = TD.FmaSingle(g1, u, TD.SubtractSingle(S(NormalTailS0), h));
        hLow = TD.AddSingle(hLow, TD.FmaSingle(g1Low, u, S(NormalTailS0Low)));

        // R = (t + dt)·H(t + dt − uError) = r + low: r = t·h rounded, and low is its error + t·hLow + the first-order
        // terms, h·(S·dt − (S − 1)·uError) with S = d ln R / d ln t = 1 + t·H'/H.
        TF r = TD.MultiplySingle(t, h);
        TF sensitivity = TD.FmaSingle(S(NormalTailSensitivity1), t, S(NormalTailSensitivity0));
        TF shift = TD.FmaSingle(TD.SubtractSingle(dt, uError), sensitivity, uError);
        TF low = TD.FmaSingle(t, h, TD.MultiplySingle(r, S(-1f)));
        low = TD.FmaSingle(t, hLow, low);
        low = TD.FmaSingle(shift, h, low);

        // Q = 2^k·R·(1 + xHi + rest) = 2^k·(r + small): only the last sum rounds at full size, and the power of two
        // is applied after it.
        TF xHi = NormalExpHalfSquare(a, out TF rest, out TF k);
        TF small = TD.FmaSingle(r, xHi, TD.FmaSingle(r, rest, TD.FmaSingle(low, xHi, low)));
        return TD.ScaleByPow2Single(TD.MultiplySingle(TD.AddSingle(r, small), y), k);
    }

    /// <summary>
    /// e^(−a²/2) = 2^k·(1 + rHi + rest) for a in [0, 15] (or NaN) from a float: a² is carried in two parts,
    /// −a²/2 = k·ln2 + r with |r| ≤ ln2/2, rHi exact and rest = e^r − 1 − rHi to about 2^-27.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TF NormalExpHalfSquare(TF a, out TF rest, out TF k)
    {
        // w + wLow = −a²/2 exactly (a·−½ is exact unless a is subnormal, where e^(−a²/2) rounds to 1 anyway).
        TF b = TD.MultiplySingle(a, S(-0.5f));
        TF w = TD.MultiplySingle(b, a);
        TF wLow = TD.FmaSingle(b, a, TD.MultiplySingle(w, S(-1f)));
        TF magic = S(NormalRoundingMagic);
        k = TD.SubtractSingle(TD.FmaSingle(w, S(NormalLog2E), magic), magic);
        TF rHi = TD.FmaSingle(k, S(-NormalLn2Hi), w);
        TF c = TD.FmaSingle(k, S(-NormalLn2Lo), wLow);
        TF r = TD.AddSingle(rHi, c);
        TF h = TD.FmaSingle(S(NormalExpS5), r, S(NormalExpS4));
        h = TD.FmaSingle(h, r, S(NormalExpS3));
        h = TD.FmaSingle(h, r, S(NormalExpS2));
        h = TD.FmaSingle(h, r, S(NormalExpS1));
        h = TD.FmaSingle(h, r, S(NormalExpS0));

        // r² = rHi² + c·(2·rHi + c): from the rounded r, the r²·h term would be off by up to 2^-27.
        TF square = TD.FmaSingle(rHi, rHi, TD.MultiplySingle(c, TD.AddSingle(rHi, r)));
        rest = TD.FmaSingle(square, h, c);
        return rHi;
    }
}
