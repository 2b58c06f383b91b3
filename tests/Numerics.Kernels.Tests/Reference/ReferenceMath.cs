using System;

namespace Numerics.Kernels.Tests.Reference;

/// <summary>
/// Double-precision special functions that <see cref="Math"/> lacks, written for the test
/// reference only: erf, erfc, expm1 and log1p, each within a few double ulp (checked against
/// mpmath in <c>ActivationReferenceTests</c>). Speed is not a goal.
/// </summary>
public static class ReferenceMath
{
    // ln 2 split into a double and the double nearest to the remainder.
    private const double Ln2Hi = 0.6931471805599453;
    private const double Ln2Lo = 2.3190468138462996e-17;

    // 2/√π split into a double and the double nearest to the remainder.
    private const double TwoOverSqrtPiHi = 1.1283791670955126;
    private const double TwoOverSqrtPiLo = 1.533545961316588e-17;

    // 1/√2 split the same way (for Φ(x) = erfc(-x/√2)/2 without rounding the argument).
    private const double InvSqrt2Hi = 0.7071067811865476;
    private const double InvSqrt2Lo = -4.833646656726457e-17;

    private const double InvSqrtPi = 0.5641895835477563;
    private const double InvSqrtTwoPi = 0.3989422804014327;

    // Below this the power series (in double-double) is used; above, the continued fraction.
    private const double SeriesLimit = 2.5;

    /// <summary>e^x − 1 without cancellation near 0.</summary>
    public static double Expm1(double x)
    {
        if (x == 0)
        {
            return x; // keeps the sign of zero
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (x < -40)
        {
            // e^x < 2^-57: the result rounds to −1 in double.
            return -1;
        }

        DoubleDouble e = ExpDoubleDouble(Math.Min(x, 1000));
        return double.IsInfinity(e.Hi) ? double.PositiveInfinity : (e - 1.0).Value;
    }

    /// <summary>ln(1 + x) without cancellation near 0.</summary>
    public static double Log1p(double x)
    {
        if (x == 0)
        {
            return x; // keeps the sign of zero
        }

        if (double.IsNaN(x) || x < -1)
        {
            return double.NaN;
        }

        if (x == -1)
        {
            return double.NegativeInfinity;
        }

        if (double.IsPositiveInfinity(x))
        {
            return double.PositiveInfinity;
        }

        if (Math.Abs(x) < 0.25)
        {
            // ln(1 + x) = 2·atanh(s), s = x / (2 + x), with atanh(s) = s + s³/3 + s⁵/5 + …;
            // |s| < 1/7, so forty terms reach 2^-110. Summed in double-double.
            DoubleDouble s = DoubleDouble.Divide(new DoubleDouble(x, 0), DoubleDouble.Sum(2, x));
            DoubleDouble s2 = s * s;
            DoubleDouble power = s;
            DoubleDouble sum = s;
            for (int k = 3; k <= 81; k += 2)
            {
                power *= s2;
                sum += power / k;
            }

            return (sum * 2.0).Value;
        }

        // u = 1 + x rounded; ln(1 + x) = ln(u) + ln(1 + (x − (u − 1))/u) and the second
        // argument is below 2^-52, where ln(1 + d) = d to double precision.
        double u = 1 + x;
        double d = (x - (u - 1)) / u;
        return Math.Log(u) + d;
    }

    /// <summary>The error function erf(x) = 2/√π ∫₀ˣ e^(−t²) dt.</summary>
    public static double Erf(double x)
    {
        if (x == 0)
        {
            return x; // keeps the sign of zero
        }

        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double a = Math.Abs(x);
        if (a < SeriesLimit)
        {
            return ErfSeries(new DoubleDouble(x, 0)).Value;
        }

        double result = 1 - ErfcContinuedFraction(a, 0);
        return x < 0 ? -result : result;
    }

    /// <summary>The complementary error function erfc(x) = 1 − erf(x), accurate in relative terms for large x.</summary>
    public static double Erfc(double x) => Erfc(x, 0);

    /// <summary>
    /// erfc(hi + lo) for an argument given as an unevaluated sum (|lo| ≤ ulp(hi)/2), so that
    /// callers such as Φ(x) = erfc(−x/√2)/2 need not round the argument first.
    /// </summary>
    public static double Erfc(double hi, double lo)
    {
        if (double.IsNaN(hi) || double.IsNaN(lo))
        {
            return double.NaN;
        }

        if (hi >= SeriesLimit)
        {
            return ErfcContinuedFraction(hi, lo);
        }

        if (hi <= -SeriesLimit)
        {
            return 2 - ErfcContinuedFraction(-hi, -lo);
        }

        DoubleDouble erf = ErfSeries(new DoubleDouble(hi, lo));
        return (1.0 - erf).Value;
    }

    /// <summary>The standard normal distribution function Φ(x) = erfc(−x/√2)/2.</summary>
    public static double NormalCdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsInfinity(x))
        {
            return x > 0 ? 1 : 0;
        }

        DoubleDouble t = new DoubleDouble(-x, 0) * new DoubleDouble(InvSqrt2Hi, InvSqrt2Lo);
        return 0.5 * Erfc(t.Hi, t.Lo);
    }

    /// <summary>The standard normal density φ(x) = e^(−x²/2)/√(2π).</summary>
    public static double NormalPdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        if (double.IsInfinity(x))
        {
            return 0;
        }

        if (Math.Abs(x) > 40)
        {
            return 0;
        }

        // e^(−x²/2) with x² carried exactly as hi + lo: e^(−hi/2)·(1 − lo/2).
        DoubleDouble square = DoubleDouble.Product(x, x);
        double e = ExpDoubleDouble(-square.Hi / 2).Value * (1 - square.Lo / 2);
        return e * InvSqrtTwoPi;
    }

    // erf(t) = 2/√π · Σ (−1)ⁿ t^(2n+1) / (n!·(2n+1)), summed in double-double. For |t| < 2.5
    // the largest term is about 200, so cancellation costs at most 8 of the 106 bits.
    private static DoubleDouble ErfSeries(DoubleDouble t)
    {
        DoubleDouble t2 = t * t;
        DoubleDouble power = t; // t^(2n+1) / n!
        DoubleDouble sum = t;
        for (int n = 1; n < 200; n++)
        {
            power = power * t2 / n;
            DoubleDouble term = power / (2 * n + 1);
            sum = (n & 1) == 1 ? sum - term : sum + term;
            if (Math.Abs(term.Hi) < 1e-34 * Math.Abs(sum.Hi) || term.Hi == 0)
            {
                break;
            }
        }

        return sum * new DoubleDouble(TwoOverSqrtPiHi, TwoOverSqrtPiLo);
    }

    // erfc(x) for x ≥ 2.5 from the even contraction of Laplace's continued fraction:
    // erfc(x) = 2x·e^(−x²)/√π · 1/(2x²+1 − 1·2/(2x²+5 − 3·4/(2x²+9 − …))).
    // Forty levels converge to double precision for x ≥ 2.5; e^(−x²) uses x² = hi + lo exactly.
    private static double ErfcContinuedFraction(double hi, double lo)
    {
        if (double.IsPositiveInfinity(hi))
        {
            return 0;
        }

        if (hi > 27.5)
        {
            // erfc(27.3) < 2^-1075: zero in double.
            return 0;
        }

        const int Depth = 40;
        double z = 2 * hi * hi;
        double f = z + (4 * Depth + 1);
        for (int k = Depth; k >= 1; k--)
        {
            f = z + (4 * k - 3) - (2.0 * k - 1) * (2.0 * k) / f;
        }

        // e^(−x²) with x² = (hi + lo)² carried as square.Hi + squareLo. Where the result is a
        // normal double (x < 26.5), e^(−x²) is normal too, so nothing is lost to underflow.
        DoubleDouble square = DoubleDouble.Product(hi, hi);
        double squareLo = square.Lo + 2 * hi * lo;
        double e = ExpDoubleDouble(-square.Hi).Value * (1 - squareLo);
        return e * (2 * (hi + lo) * InvSqrtPi / f);
    }

    /// <summary>
    /// e^x as a double-double (about 100 correct bits while the result is normal):
    /// x = k·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series, then scaled by 2^k
    /// (overflowing to +∞, underflowing through subnormals to 0).
    /// </summary>
    internal static DoubleDouble ExpDoubleDouble(double x)
    {
        double k = Math.Round(x / Ln2Hi);
        DoubleDouble r = new DoubleDouble(x, 0) - DoubleDouble.Product(k, Ln2Hi) - DoubleDouble.Product(k, Ln2Lo);
        DoubleDouble term = r;
        DoubleDouble sum = 1.0 + r;
        for (int n = 2; n <= 27; n++)
        {
            term = term * r / n;
            sum += term;
        }

        return DoubleDouble.ScaleB(sum, (int)k);
    }
}
