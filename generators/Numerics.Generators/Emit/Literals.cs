using System.Globalization;
using Numerics.Generators.Model;

namespace Numerics.Generators.Emit;

/// <summary>Exact literal text for constants in C# and OpenCL C.</summary>
internal static class Literals
{
    public static string CSharp(ConstExpr c, bool isDouble)
    {
        if (isDouble)
        {
            double v = c.Value;
            if (double.IsNaN(v))
            {
                return "double.NaN";
            }

            if (double.IsInfinity(v))
            {
                return v > 0 ? "double.PositiveInfinity" : "double.NegativeInfinity";
            }

            return Negative(v.ToString("R", CultureInfo.InvariantCulture) + "d", v < 0 || IsNegativeZero(v));
        }

        float f = c.Single;
        if (float.IsNaN(f))
        {
            return "float.NaN";
        }

        if (float.IsInfinity(f))
        {
            return f > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";
        }

        return Negative(f.ToString("R", CultureInfo.InvariantCulture) + "f", f < 0 || IsNegativeZero(f));
    }

    public static string OpenCL(ConstExpr c, bool isDouble)
    {
        if (isDouble)
        {
            double v = c.Value;
            if (double.IsNaN(v))
            {
                return "NAN";
            }

            if (double.IsInfinity(v))
            {
                return v > 0 ? "INFINITY" : "(-INFINITY)";
            }

            string text = v.ToString("R", CultureInfo.InvariantCulture);
            return Negative(text.Contains(".") || text.Contains("E") ? text : text + ".0", v < 0 || IsNegativeZero(v));
        }

        float f = c.Single;
        if (float.IsNaN(f))
        {
            return "NAN";
        }

        if (float.IsInfinity(f))
        {
            return f > 0 ? "INFINITY" : "(-INFINITY)";
        }

        string s = f.ToString("R", CultureInfo.InvariantCulture);
        return Negative((s.Contains(".") || s.Contains("E") ? s : s + ".0") + "f", f < 0 || IsNegativeZero(f));
    }

    private static string Negative(string text, bool negative) =>
        negative ? "(" + (text.StartsWith("-") ? text : "-" + text) + ")" : text;

    private static bool IsNegativeZero(double v) => v == 0 && double.IsNegativeInfinity(1 / v);
}
