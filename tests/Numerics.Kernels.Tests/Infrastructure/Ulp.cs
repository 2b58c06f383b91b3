using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using Xunit;

namespace Numerics.Kernels.Tests.Infrastructure;

/// <summary>
/// Errors in units in the last place (ulp), measured against a reference held in double
/// (or double-double) so that the reference's own rounding does not count.
/// </summary>
public static class Ulp
{
    /// <summary>2^-126, the smallest normal float (1.17549435e-38).</summary>
    public const double SmallestNormalFloat = 1.1754943508222875e-38;

    /// <summary>2^-1022, the smallest normal double.</summary>
    public const double SmallestNormalDouble = 2.2250738585072014e-308;

    /// <summary>
    /// Spacing of floats at the magnitude of <paramref name="x"/>: 2^(e−23) for 2^e ≤ |x| &lt; 2^(e+1)
    /// in the normal range, 2^-149 (the smallest subnormal) below it, 2^104 beyond float's range.
    /// </summary>
    public static double OfFloat(double x)
    {
        double a = Math.Abs(x);
        if (a < SmallestNormalFloat)
        {
            return Math.ScaleB(1.0, -149);
        }

        int exponent = Math.Min(Math.ILogB(a), 127);
        return Math.ScaleB(1.0, exponent - 23);
    }

    /// <summary>Spacing of doubles at the magnitude of <paramref name="x"/> (2^-1074 in the subnormal range).</summary>
    public static double OfDouble(double x)
    {
        double a = Math.Abs(x);
        if (a < SmallestNormalDouble)
        {
            return double.Epsilon;
        }

        int exponent = double.IsInfinity(a) ? 1023 : Math.ILogB(a);
        return Math.ScaleB(1.0, exponent - 52);
    }

    /// <summary>
    /// |actual − expected| in float ulp at <paramref name="expected"/>. NaN against NaN and
    /// equal infinities are 0; NaN against a number, or a finite value against an infinite
    /// one, is +∞. An infinite <paramref name="actual"/> is 0 where <paramref name="expected"/>
    /// rounds to that same infinity in float.
    /// </summary>
    public static double Distance(float actual, double expected)
    {
        if (SpecialDistance(actual, expected, (float)expected, out double special))
        {
            return special;
        }

        return Math.Abs(actual - expected) / OfFloat(expected);
    }

    /// <summary>|actual − expected| in double ulp at <paramref name="expected"/>; special values as for float.</summary>
    public static double Distance(double actual, double expected) => Distance(actual, (expected, 0.0));

    /// <summary>
    /// |actual − (hi + lo)| in double ulp at hi, for a reference carried as an unevaluated sum
    /// (|lo| ≤ ulp(hi)/2), so a correctly rounded <paramref name="actual"/> scores at most 0.5.
    /// </summary>
    public static double Distance(double actual, (double Hi, double Lo) expected)
    {
        double rounded = expected.Hi + expected.Lo;
        if (SpecialDistance(actual, expected.Hi, rounded, out double special))
        {
            return special;
        }

        // actual − hi is exact when the two are within a factor of two (Sterbenz); otherwise
        // the error is huge anyway and one rounding does not matter.
        return Math.Abs((actual - expected.Hi) - expected.Lo) / OfDouble(expected.Hi);
    }

    private static bool SpecialDistance(double actual, double expected, double expectedRounded, out double distance)
    {
        bool actualNaN = double.IsNaN(actual);
        bool expectedNaN = double.IsNaN(expected);
        if (actualNaN || expectedNaN)
        {
            distance = actualNaN && expectedNaN ? 0 : double.PositiveInfinity;
            return true;
        }

        if (double.IsInfinity(actual) || double.IsInfinity(expected))
        {
            distance = actual == expectedRounded ? 0 : double.PositiveInfinity;
            return true;
        }

        distance = 0;
        return false;
    }
}

/// <summary>The accuracy rule kernels are held to.</summary>
public static class Tolerance
{
    /// <summary>
    /// At most <paramref name="maxUlp"/> float ulp wherever the true result is a normal float
    /// (|expected| ≥ 2^-126); at most <paramref name="absFloorWhereSubnormal"/> of absolute
    /// error where it is subnormal or zero. NaN must meet NaN; an infinite expected value must
    /// be met exactly.
    /// </summary>
    public static bool Check(float actual, double expected, double maxUlp, double absFloorWhereSubnormal = Ulp.SmallestNormalFloat)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected))
        {
            return Ulp.Distance(actual, expected) == 0;
        }

        if (Math.Abs(expected) >= Ulp.SmallestNormalFloat)
        {
            return Ulp.Distance(actual, expected) <= maxUlp;
        }

        return Math.Abs(actual - expected) <= absFloorWhereSubnormal;
    }

    /// <summary>
    /// As <see cref="Check(float, double, double, double)"/>, but with the ulp taken at
    /// max(|expected|, <paramref name="scale"/>): for results that cancel (a derivative near
    /// its root), where no float evaluation can be accurate relative to the tiny true value.
    /// </summary>
    public static bool CheckAtScale(float actual, double expected, double maxUlp, double scale, double absFloorWhereSubnormal = Ulp.SmallestNormalFloat)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected) || double.IsInfinity(actual))
        {
            return Ulp.Distance(actual, expected) == 0;
        }

        double magnitude = Math.Max(Math.Abs(expected), Math.Abs(scale));
        if (magnitude >= Ulp.SmallestNormalFloat)
        {
            return Math.Abs(actual - expected) <= maxUlp * Ulp.OfFloat(magnitude);
        }

        return Math.Abs(actual - expected) <= absFloorWhereSubnormal;
    }

    /// <summary>The double analogue: <paramref name="maxUlp"/> double ulp where the true result is a normal double, an absolute floor elsewhere.</summary>
    public static bool Check(double actual, double expected, double maxUlp, double absFloorWhereSubnormal = Ulp.SmallestNormalDouble)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual) || double.IsInfinity(expected))
        {
            return Ulp.Distance(actual, expected) == 0;
        }

        if (Math.Abs(expected) >= Ulp.SmallestNormalDouble)
        {
            return Ulp.Distance(actual, expected) <= maxUlp;
        }

        return Math.Abs(actual - expected) <= absFloorWhereSubnormal;
    }
}

/// <summary>
/// Assertions over whole spans against a double reference; a failure lists the first
/// offending elements (index, input, actual, expected, error in ulp) and the worst one.
/// </summary>
public static class ToleranceAssert
{
    private const int ReportedFailures = 10;

    /// <summary>Asserts one float result against its reference by <see cref="Tolerance.Check(float, double, double, double)"/>.</summary>
    public static void Within(float actual, double expected, double maxUlp, int index, float input, double absFloorWhereSubnormal = Ulp.SmallestNormalFloat)
    {
        if (!Tolerance.Check(actual, expected, maxUlp, absFloorWhereSubnormal))
        {
            Assert.Fail($"Element outside {Format(maxUlp)} ulp:{Environment.NewLine}  {Describe(index, [input], actual, expected)}");
        }
    }

    /// <summary>Asserts destination[i] ≈ reference(x[i]) for every i.</summary>
    public static void AllWithin(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> actual,
        Func<double, double> reference,
        double maxUlp,
        string? what = null,
        double absFloorWhereSubnormal = Ulp.SmallestNormalFloat)
    {
        Assert.Equal(x.Length, actual.Length);
        Report report = new(what, maxUlp, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double expected = reference(x[i]);
            if (!Tolerance.Check(actual[i], expected, maxUlp, absFloorWhereSubnormal))
            {
                report.Add(i, [x[i]], actual[i], expected);
            }
        }

        report.ThrowIfAny();
    }

    /// <summary>Asserts destination[i] ≈ reference(x[i], y[i]) for every i (two-input kernels).</summary>
    public static void AllWithin(
        ReadOnlySpan<float> x,
        ReadOnlySpan<float> y,
        ReadOnlySpan<float> actual,
        Func<double, double, double> reference,
        double maxUlp,
        string? what = null,
        double absFloorWhereSubnormal = Ulp.SmallestNormalFloat)
    {
        Assert.Equal(x.Length, actual.Length);
        Assert.Equal(y.Length, actual.Length);
        Report report = new(what, maxUlp, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double expected = reference(x[i], y[i]);
            if (!Tolerance.Check(actual[i], expected, maxUlp, absFloorWhereSubnormal))
            {
                report.Add(i, [x[i], y[i]], actual[i], expected);
            }
        }

        report.ThrowIfAny();
    }

    /// <summary>Asserts destination[i] ≈ reference(x[i]) in double ulp for every i.</summary>
    public static void AllWithin(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> actual,
        Func<double, double> reference,
        double maxUlp,
        string? what = null,
        double absFloorWhereSubnormal = Ulp.SmallestNormalDouble)
    {
        Assert.Equal(x.Length, actual.Length);
        Report report = new(what, maxUlp, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double expected = reference(x[i]);
            if (!Tolerance.Check(actual[i], expected, maxUlp, absFloorWhereSubnormal))
            {
                report.Add(i, [x[i]], actual[i], expected);
            }
        }

        report.ThrowIfAny();
    }

    /// <summary>Asserts destination[i] ≈ reference(x[i], y[i]) in double ulp for every i.</summary>
    public static void AllWithin(
        ReadOnlySpan<double> x,
        ReadOnlySpan<double> y,
        ReadOnlySpan<double> actual,
        Func<double, double, double> reference,
        double maxUlp,
        string? what = null,
        double absFloorWhereSubnormal = Ulp.SmallestNormalDouble)
    {
        Assert.Equal(x.Length, actual.Length);
        Assert.Equal(y.Length, actual.Length);
        Report report = new(what, maxUlp, actual.Length);
        for (int i = 0; i < actual.Length; i++)
        {
            double expected = reference(x[i], y[i]);
            if (!Tolerance.Check(actual[i], expected, maxUlp, absFloorWhereSubnormal))
            {
                report.Add(i, [x[i], y[i]], actual[i], expected);
            }
        }

        report.ThrowIfAny();
    }

    /// <summary>One line describing a failing element, as the span assertions print it.</summary>
    public static string Describe(int index, ReadOnlySpan<float> inputs, float actual, double expected)
    {
        StringBuilder text = new();
        text.Append(CultureInfo.InvariantCulture, $"[{index}]");
        foreach (float input in inputs)
        {
            text.Append(CultureInfo.InvariantCulture, $" in = {Format(input)}");
        }

        text.Append(CultureInfo.InvariantCulture, $" actual = {Format(actual)} expected = {Format(expected)}");
        text.Append(CultureInfo.InvariantCulture, $" error = {Format(Ulp.Distance(actual, expected))} ulp ({Format(Math.Abs(actual - expected))} abs)");
        return text.ToString();
    }

    /// <summary>One line describing a failing double element.</summary>
    public static string Describe(int index, ReadOnlySpan<double> inputs, double actual, double expected)
    {
        StringBuilder text = new();
        text.Append(CultureInfo.InvariantCulture, $"[{index}]");
        foreach (double input in inputs)
        {
            text.Append(CultureInfo.InvariantCulture, $" in = {Format(input)}");
        }

        text.Append(CultureInfo.InvariantCulture, $" actual = {Format(actual)} expected = {Format(expected)}");
        text.Append(CultureInfo.InvariantCulture, $" error = {Format(Ulp.Distance(actual, expected))} ulp ({Format(Math.Abs(actual - expected))} abs)");
        return text.ToString();
    }

    private static string Format(float value) =>
        $"{value.ToString("R", CultureInfo.InvariantCulture)} (0x{BitConverter.SingleToUInt32Bits(value):X8})";

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Report(string? what, double maxUlp, int length)
    {
        private readonly List<string> _lines = [];
        private int _count;
        private double _worst = -1;
        private string _worstLine = string.Empty;

        public void Add(int index, ReadOnlySpan<float> inputs, float actual, double expected) =>
            Add(Ulp.Distance(actual, expected), Describe(index, inputs, actual, expected));

        public void Add(int index, ReadOnlySpan<double> inputs, double actual, double expected) =>
            Add(Ulp.Distance(actual, expected), Describe(index, inputs, actual, expected));

        public void ThrowIfAny()
        {
            if (_count == 0)
            {
                return;
            }

            StringBuilder text = new();
            text.Append(CultureInfo.InvariantCulture, $"{what ?? "Result"}: {_count} of {length} elements outside {Format(maxUlp)} ulp.");
            foreach (string line in _lines)
            {
                text.AppendLine().Append("  ").Append(line);
            }

            if (_count > _lines.Count)
            {
                text.AppendLine().Append(CultureInfo.InvariantCulture, $"  … {_count - _lines.Count} more; worst:").AppendLine().Append("  ").Append(_worstLine);
            }

            Assert.Fail(text.ToString());
        }

        private void Add(double distance, string line)
        {
            _count++;
            if (_lines.Count < ReportedFailures)
            {
                _lines.Add(line);
            }

            if (!(distance <= _worst))
            {
                _worst = distance;
                _worstLine = line;
            }
        }
    }
}
