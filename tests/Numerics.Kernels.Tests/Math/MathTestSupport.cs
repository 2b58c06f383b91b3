using System;
using System.Runtime.Intrinsics;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>One single-precision function at every width KernelMath offers.</summary>
internal sealed record SingleFunction(
    string Name,
    Func<float, float> Scalar,
    Func<Vector128<float>, Vector128<float>> V128,
    Func<Vector256<float>, Vector256<float>> V256,
    Func<Vector512<float>, Vector512<float>> V512);

/// <summary>One double-precision function at every width KernelMath offers.</summary>
internal sealed record DoubleFunction(
    string Name,
    Func<double, double> Scalar,
    Func<Vector128<double>, Vector128<double>> V128,
    Func<Vector256<double>, Vector256<double>> V256,
    Func<Vector512<double>, Vector512<double>> V512);

/// <summary>Widths, ulp measurement and the function registry shared by the KernelMath tests.</summary>
internal static class MathTestSupport
{
    /// <summary>Lanes per call: 1 is the scalar overload, then 128-, 256- and 512-bit vectors.</summary>
    public static readonly string[] Widths = ["scalar", "128", "256", "512"];

    public static readonly SingleFunction[] Singles =
    [
        new("Exp", KernelMath.Exp, KernelMath.Exp, KernelMath.Exp, KernelMath.Exp),
        new("Expm1", KernelMath.Expm1, KernelMath.Expm1, KernelMath.Expm1, KernelMath.Expm1),
        new("Log", KernelMath.Log, KernelMath.Log, KernelMath.Log, KernelMath.Log),
        new("Log1p", KernelMath.Log1p, KernelMath.Log1p, KernelMath.Log1p, KernelMath.Log1p),
        new("Tanh", KernelMath.Tanh, KernelMath.Tanh, KernelMath.Tanh, KernelMath.Tanh),
        new("Erf", KernelMath.Erf, KernelMath.Erf, KernelMath.Erf, KernelMath.Erf),
        new("Erfc", KernelMath.Erfc, KernelMath.Erfc, KernelMath.Erfc, KernelMath.Erfc),
        new("NormalCdf", KernelMath.NormalCdf, KernelMath.NormalCdf, KernelMath.NormalCdf, KernelMath.NormalCdf),
        new("NormalPdf", KernelMath.NormalPdf, KernelMath.NormalPdf, KernelMath.NormalPdf, KernelMath.NormalPdf),
    ];

    public static readonly DoubleFunction[] Doubles =
    [
        new("Exp", KernelMath.Exp, KernelMath.Exp, KernelMath.Exp, KernelMath.Exp),
        new("Expm1", KernelMath.Expm1, KernelMath.Expm1, KernelMath.Expm1, KernelMath.Expm1),
        new("Log", KernelMath.Log, KernelMath.Log, KernelMath.Log, KernelMath.Log),
        new("Log1p", KernelMath.Log1p, KernelMath.Log1p, KernelMath.Log1p, KernelMath.Log1p),
        new("Tanh", KernelMath.Tanh, KernelMath.Tanh, KernelMath.Tanh, KernelMath.Tanh),
        new("Erf", KernelMath.Erf, KernelMath.Erf, KernelMath.Erf, KernelMath.Erf),
        new("Erfc", KernelMath.Erfc, KernelMath.Erfc, KernelMath.Erfc, KernelMath.Erfc),
        new("NormalCdf", KernelMath.NormalCdf, KernelMath.NormalCdf, KernelMath.NormalCdf, KernelMath.NormalCdf),
        new("NormalPdf", KernelMath.NormalPdf, KernelMath.NormalPdf, KernelMath.NormalPdf, KernelMath.NormalPdf),
    ];

    public static SingleFunction Single(string name) => Array.Find(Singles, f => f.Name == name)!;

    public static DoubleFunction Double(string name) => Array.Find(Doubles, f => f.Name == name)!;

    /// <summary>The stated bound in ulps of the single-precision function.</summary>
    public static double SingleBound(string name) => name is "Exp" or "Log" ? 1.0 : 2.0;

    /// <summary>The stated bound in ulps of every double-precision function.</summary>
    public const double DoubleBound = 4.0;

    /// <summary>Applies <paramref name="f"/> to every input, <paramref name="width"/> lanes per call.</summary>
    public static float[] Apply(SingleFunction f, string width, float[] xs)
    {
        var results = new float[xs.Length];
        int lanes = width switch { "scalar" => 1, "128" => 4, "256" => 8, _ => 16 };
        Span<float> input = stackalloc float[16];
        Span<float> output = stackalloc float[16];
        for (int i = 0; i < xs.Length; i += lanes)
        {
            for (int j = 0; j < lanes; j++)
            {
                input[j] = xs[(i + j) % xs.Length];
            }

            switch (lanes)
            {
                case 1: output[0] = f.Scalar(input[0]); break;
                case 4: f.V128(Vector128.Create<float>(input)).CopyTo(output); break;
                case 8: f.V256(Vector256.Create<float>(input)).CopyTo(output); break;
                default: f.V512(Vector512.Create<float>(input)).CopyTo(output); break;
            }

            for (int j = 0; j < lanes && i + j < xs.Length; j++)
            {
                results[i + j] = output[j];
            }
        }

        return results;
    }

    /// <summary>Applies <paramref name="f"/> to every input, <paramref name="width"/> lanes per call.</summary>
    public static double[] Apply(DoubleFunction f, string width, double[] xs)
    {
        var results = new double[xs.Length];
        int lanes = width switch { "scalar" => 1, "128" => 2, "256" => 4, _ => 8 };
        Span<double> input = stackalloc double[8];
        Span<double> output = stackalloc double[8];
        for (int i = 0; i < xs.Length; i += lanes)
        {
            for (int j = 0; j < lanes; j++)
            {
                input[j] = xs[(i + j) % xs.Length];
            }

            switch (lanes)
            {
                case 1: output[0] = f.Scalar(input[0]); break;
                case 2: f.V128(Vector128.Create<double>(input)).CopyTo(output); break;
                case 4: f.V256(Vector256.Create<double>(input)).CopyTo(output); break;
                default: f.V512(Vector512.Create<double>(input)).CopyTo(output); break;
            }

            for (int j = 0; j < lanes && i + j < xs.Length; j++)
            {
                results[i + j] = output[j];
            }
        }

        return results;
    }

    /// <summary>
    /// The error of <paramref name="result"/> in float ulps of the exact value hi + lo: 0 for matching
    /// NaN or infinity, +∞ for a NaN or infinity that should not be there. A subnormal ulp is 2^-149.
    /// </summary>
    public static double UlpErrorSingle(float result, double hi, double lo = 0)
    {
        if (double.IsNaN(hi))
        {
            return float.IsNaN(result) ? 0 : double.PositiveInfinity;
        }

        float rounded = (float)hi;
        if (float.IsInfinity(rounded) || float.IsNaN(result) || float.IsInfinity(result))
        {
            return result == rounded ? 0 : double.PositiveInfinity;
        }

        int exponent = hi == 0 ? -126 : System.Math.Max(System.Math.ILogB(hi), -126);
        return System.Math.Abs(((double)result - hi) - lo) / System.Math.ScaleB(1.0, exponent - 23);
    }

    /// <summary>
    /// The error of <paramref name="result"/> in double ulps of the exact value hi + lo, as
    /// <see cref="UlpErrorSingle"/>; a subnormal ulp is 2^-1074.
    /// </summary>
    public static double UlpErrorDouble(double result, double hi, double lo = 0)
    {
        if (double.IsNaN(hi))
        {
            return double.IsNaN(result) ? 0 : double.PositiveInfinity;
        }

        if (double.IsInfinity(hi) || double.IsNaN(result) || double.IsInfinity(result))
        {
            return result == hi ? 0 : double.PositiveInfinity;
        }

        int exponent = hi == 0 ? -1022 : System.Math.Max(System.Math.ILogB(hi), -1022);
        return System.Math.Abs((result - hi) - lo) / System.Math.ScaleB(1.0, exponent - 52);
    }

    /// <summary>
    /// An independent double-precision reference for the single-precision functions: the runtime's
    /// libm where it has the function, else the double-precision KernelMath overload (itself checked
    /// against mpmath to 4 double ulps, which is 2^-27 of a float ulp).
    /// </summary>
    public static double SingleReference(string name, float xf)
    {
        double x = xf;
        switch (name)
        {
            case "Exp": return System.Math.Exp(x);
            case "Log": return System.Math.Log(x);
            case "Tanh": return System.Math.Tanh(x);
            case "NormalPdf": return System.Math.Exp(-0.5 * x * x) * 0.3989422804014327;
            case "Expm1":
                // e^x − 1 loses at most log10(1/|x|) of 16 digits; Taylor below 1e-5.
                return System.Math.Abs(x) < 1e-5 ? x + x * x * (0.5 + x / 6) : System.Math.Exp(x) - 1;
            case "Log1p":
            {
                // Goldberg's correction: ln(u)·x/(u − 1) with u = 1 + x rounded.
                double u = 1 + x;
                return u == 1 ? x : double.IsPositiveInfinity(u) ? u : System.Math.Log(u) * x / (u - 1);
            }

            case "Erf": return KernelMath.Erf(x);
            case "Erfc": return KernelMath.Erfc(x);
            case "NormalCdf": return KernelMath.NormalCdf(x);
            default: throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown function.");
        }
    }
}
