using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Numerics.Cli.Accuracy;

/// <summary>
/// Accumulates the error of float results against double references by the project's rule: ulps where the true
/// result is a normal float, absolute error where it is subnormal or zero, and NaN agreement.
/// </summary>
internal sealed class UlpMeter
{
    /// <summary>2^-126, the smallest normal float.</summary>
    public const double SmallestNormal = 1.1754943508222875e-38;

    // Values at or above this magnitude round to infinity in float.
    private const double FloatOverflow = 3.4028235677973366e38;

    public double MaxUlp { get; private set; }

    public float MaxUlpInput { get; private set; } = float.NaN;

    public double MaxAbsoluteSubnormal { get; private set; }

    public float MaxAbsoluteInput { get; private set; } = float.NaN;

    public long NaNMismatches { get; private set; }

    public float FirstNaNMismatchInput { get; private set; } = float.NaN;

    public long Count { get; private set; }

    public void Add(ReadOnlySpan<float> inputs, ReadOnlySpan<float> actual, ReadOnlySpan<double> expected)
    {
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            // Fast path for blocks of 8 where every expected value is a finite normal float and nothing is NaN:
            // ulp(e) = 2^(exponent(e) − 23) straight from the exponent bits. Anything else goes through the scalar rule.
            ref float a0 = ref MemoryMarshal.GetReference(actual);
            ref double e0 = ref MemoryMarshal.GetReference(expected);
            var smallest = Vector512.Create(SmallestNormal);
            var overflow = Vector512.Create(FloatOverflow);
            var exponentMask = Vector512.Create(0x7FF0000000000000UL);
            var shift = Vector512.Create(23UL << 52);
            for (; i + 8 <= actual.Length; i += 8)
            {
                Vector512<double> e = Vector512.LoadUnsafe(ref e0, (nuint)i);
                Vector512<double> a = Vector512.WidenLower(Vector256.LoadUnsafe(ref a0, (nuint)i).ToVector512Unsafe());
                Vector512<double> magnitude = Vector512.Abs(e);
                bool ordinary = Vector512.GreaterThanOrEqualAll(magnitude, smallest) && Vector512.LessThanAll(magnitude, overflow)
                    && Vector512.LessThanAll(Vector512.Abs(a), Vector512.Create(double.PositiveInfinity));
                if (!ordinary)
                {
                    for (int j = i; j < i + 8; j++)
                    {
                        Add(inputs[j], actual[j], expected[j]);
                    }

                    continue;
                }

                Vector512<double> ulp = ((e.AsUInt64() & exponentMask) - shift).AsDouble();
                Vector512<double> error = Vector512.Abs(a - e) / ulp;
                double worst = HorizontalMax(error);
                if (worst > MaxUlp)
                {
                    for (int j = i; j < i + 8; j++)
                    {
                        Add(inputs[j], actual[j], expected[j]);
                    }
                }
            }
        }

        for (; i < actual.Length; i++)
        {
            Add(inputs[i], actual[i], expected[i]);
        }

        Count += actual.Length;
    }

    private static double HorizontalMax(Vector512<double> v)
    {
        Vector256<double> m4 = Vector256.Max(v.GetLower(), v.GetUpper());
        Vector128<double> m2 = Vector128.Max(m4.GetLower(), m4.GetUpper());
        return Math.Max(m2.GetElement(0), m2.GetElement(1));
    }

    private void Add(float input, float a, double e)
    {
        if (double.IsNaN(e) || float.IsNaN(a))
        {
            if (double.IsNaN(e) != float.IsNaN(a))
            {
                if (NaNMismatches++ == 0)
                {
                    FirstNaNMismatchInput = input;
                }
            }

            return;
        }

        double magnitude = Math.Abs(e);
        if (magnitude >= FloatOverflow)
        {
            double err = float.IsInfinity(a) && Math.Sign(a) == Math.Sign(e) ? 0 : double.PositiveInfinity;
            Record(input, err);
            return;
        }

        if (magnitude >= SmallestNormal)
        {
            double ulp = Math.ScaleB(1.0, Math.ILogB(e) - 23);
            Record(input, float.IsInfinity(a) ? double.PositiveInfinity : Math.Abs(a - e) / ulp);
            return;
        }

        double absolute = Math.Abs(a - e);
        if (absolute > MaxAbsoluteSubnormal)
        {
            MaxAbsoluteSubnormal = absolute;
            MaxAbsoluteInput = input;
        }
    }

    private void Record(float input, double ulps)
    {
        if (ulps > MaxUlp)
        {
            MaxUlp = ulps;
            MaxUlpInput = input;
        }
    }

    public void Merge(UlpMeter other)
    {
        if (other.MaxUlp > MaxUlp)
        {
            MaxUlp = other.MaxUlp;
            MaxUlpInput = other.MaxUlpInput;
        }

        if (other.MaxAbsoluteSubnormal > MaxAbsoluteSubnormal)
        {
            MaxAbsoluteSubnormal = other.MaxAbsoluteSubnormal;
            MaxAbsoluteInput = other.MaxAbsoluteInput;
        }

        if (other.NaNMismatches > 0 && NaNMismatches == 0)
        {
            FirstNaNMismatchInput = other.FirstNaNMismatchInput;
        }

        NaNMismatches += other.NaNMismatches;
        Count += other.Count;
    }

    /// <summary>The target: ≤ 4 ulp where normal, ≤ one smallest normal elsewhere, NaN exactly where expected.</summary>
    public bool Passes(double maxUlp = 4) => MaxUlp <= maxUlp && MaxAbsoluteSubnormal <= SmallestNormal && NaNMismatches == 0;
}
