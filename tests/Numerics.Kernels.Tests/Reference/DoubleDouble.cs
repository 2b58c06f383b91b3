using System;

namespace Numerics.Kernels.Tests.Reference;

/// <summary>
/// An unevaluated sum Hi + Lo of two doubles with |Lo| ≤ ulp(Hi)/2, giving about 106 bits;
/// just enough arithmetic for the reference's series (error-free transformations after
/// Dekker and Knuth, products through fused multiply-add).
/// </summary>
internal readonly record struct DoubleDouble(double Hi, double Lo)
{
    /// <summary>The nearest double to Hi + Lo.</summary>
    public double Value => Hi + Lo;

    /// <summary>a + b exactly, as a double-double.</summary>
    public static DoubleDouble Sum(double a, double b)
    {
        double s = a + b;
        if (!double.IsFinite(s))
        {
            return new DoubleDouble(s, 0);
        }

        double bb = s - a;
        double error = (a - (s - bb)) + (b - bb);
        return new DoubleDouble(s, error);
    }

    /// <summary>a · b exactly, as a double-double.</summary>
    public static DoubleDouble Product(double a, double b)
    {
        double p = a * b;
        return double.IsFinite(p) ? new DoubleDouble(p, Math.FusedMultiplyAdd(a, b, -p)) : new DoubleDouble(p, 0);
    }

    /// <summary>Hi·2^n + Lo·2^n.</summary>
    public static DoubleDouble ScaleB(DoubleDouble a, int n) => new(Math.ScaleB(a.Hi, n), Math.ScaleB(a.Lo, n));

    public static implicit operator DoubleDouble(double value) => new(value, 0);

    public static DoubleDouble operator -(DoubleDouble a) => new(-a.Hi, -a.Lo);

    public static DoubleDouble operator +(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble s = Sum(a.Hi, b.Hi);
        DoubleDouble t = Sum(a.Lo, b.Lo);
        double lo = s.Lo + t.Hi;
        DoubleDouble u = Renormalize(s.Hi, lo);
        return Renormalize(u.Hi, u.Lo + t.Lo);
    }

    public static DoubleDouble operator -(DoubleDouble a, DoubleDouble b) => a + (-b);

    public static DoubleDouble operator *(DoubleDouble a, DoubleDouble b)
    {
        DoubleDouble p = Product(a.Hi, b.Hi);
        double lo = p.Lo + (a.Hi * b.Lo + a.Lo * b.Hi);
        return Renormalize(p.Hi, lo);
    }

    public static DoubleDouble operator /(DoubleDouble a, DoubleDouble b) => Divide(a, b);

    /// <summary>a / b, by one correction step of the double quotient.</summary>
    public static DoubleDouble Divide(DoubleDouble a, DoubleDouble b)
    {
        double q1 = a.Hi / b.Hi;
        DoubleDouble r = a - b * q1;
        double q2 = r.Hi / b.Hi;
        r -= b * q2;
        double q3 = r.Hi / b.Hi;
        DoubleDouble q = Renormalize(q1, q2);
        return q + q3;
    }

    // a + b where |a| ≥ |b| (or a is zero), exactly, as a double-double.
    private static DoubleDouble Renormalize(double a, double b)
    {
        double s = a + b;
        if (!double.IsFinite(s))
        {
            return new DoubleDouble(s, 0);
        }

        return new DoubleDouble(s, b - (s - a));
    }
}
