using System;
using System.Runtime.Intrinsics;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>A span kernel of two inputs (gate, up) and one destination.</summary>
public delegate void GatedSpanKernel(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> destination);

/// <summary>
/// The checks shared by the fused gated products of <c>KernelMath</c> (<c>GeluMul</c>, <c>SiluMul</c>): one product's
/// float overloads at every width, held to a double reference.
/// </summary>
public sealed class FusedProductChecks(
    string name,
    Func<float, float, float> scalar,
    Func<Vector128<float>, Vector128<float>, Vector128<float>> at128,
    Func<Vector256<float>, Vector256<float>, Vector256<float>> at256,
    Func<Vector512<float>, Vector512<float>, Vector512<float>> at512,
    Func<float, float, double> expected)
{
    /// <summary>Within <paramref name="maxUlp"/> of the reference, and the same bits from every width's overload.</summary>
    public bool WithinAtEveryWidth(float x, float y, double maxUlp)
    {
        float s = scalar(x, y);
        return Tolerance.Check(s, expected(x, y), maxUlp)
            && Same(s, at128(Vector128.Create(x), Vector128.Create(y)).ToScalar())
            && Same(s, at256(Vector256.Create(x), Vector256.Create(y)).ToScalar())
            && Same(s, at512(Vector512.Create(x), Vector512.Create(y)).ToScalar());
    }

    /// <summary>4 ulp (subnormal results: within the smallest subnormal) from the scalar, 256- and 512-bit overloads.</summary>
    public void AssertExtreme(float x, float y)
    {
        double e = expected(x, y);
        foreach (float actual in new[]
        {
            scalar(x, y),
            at256(Vector256.Create(x), Vector256.Create(y)).ToScalar(),
            at512(Vector512.Create(x), Vector512.Create(y)).ToScalar(),
        })
        {
            Assert.True(Tolerance.Check(actual, e, 4, absFloorWhereSubnormal: Math.ScaleB(1.0, -149)),
                $"{name}({x:R}, {y:R}) = {actual:R}, expected {e:R}");
        }
    }

    /// <summary>
    /// (x, y) in lanes 0, 4 and 7 of a 256-bit vector whose other lanes are <paramref name="others"/>: every lane has the
    /// bits it has alone.
    /// </summary>
    public bool LanesAreIndependent(float x, float y, (float X, float Y)[] others)
    {
        float alone = scalar(x, y);
        float[] xs = [x, others[0].X, others[1].X, others[2].X, x, others[3].X, others[4].X, x];
        float[] ys = [y, others[0].Y, others[1].Y, others[2].Y, y, others[3].Y, others[4].Y, y];
        Vector256<float> mixed = at256(Vector256.Create(xs), Vector256.Create(ys));
        for (int i = 0; i < xs.Length; i++)
        {
            if (!Same(mixed[i], scalar(xs[i], ys[i])))
            {
                return false;
            }
        }

        return Same(mixed[0], alone) && Same(mixed[4], alone) && Same(mixed[7], alone);
    }

    /// <summary>
    /// The span kernel built on the product, at a length with a vector body and a scalar tail, each case repeated so that
    /// it falls in both, holds the cases to 4 ulp.
    /// </summary>
    public void AssertSpanKernel(string kernelName, GatedSpanKernel kernel, (float X, float Y)[] cases)
    {
        int n = 67;
        float[] x = new float[n], y = new float[n], result = new float[n];
        for (int i = 0; i < n; i++)
        {
            (x[i], y[i]) = cases[i % cases.Length];
        }

        kernel(x, y, result);
        for (int i = 0; i < n; i++)
        {
            Assert.True(Tolerance.Check(result[i], expected(x[i], y[i]), 4), $"{kernelName}({x[i]:R}, {y[i]:R}) = {result[i]:R} at [{i}], expected {expected(x[i], y[i]):R}");
        }
    }

    public static bool Same(float a, float b) => BitConverter.SingleToInt32Bits(a) == BitConverter.SingleToInt32Bits(b);
}
