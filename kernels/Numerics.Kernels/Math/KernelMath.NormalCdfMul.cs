using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using V128 = Numerics.VectorMath<Numerics.Lanes128, System.Runtime.Intrinsics.Vector128<float>>;
using V256 = Numerics.VectorMath<Numerics.Lanes256, System.Runtime.Intrinsics.Vector256<float>>;
using V512 = Numerics.VectorMath<Numerics.Lanes512, System.Runtime.Intrinsics.Vector512<float>>;

namespace Numerics;

public static partial class KernelMath
{
    /// <summary>y·Φ(x), Φ the standard normal CDF, with y applied before the final power of two.</summary>
    /// <param name="x">The argument of Φ.</param>
    /// <param name="y">The factor.</param>
    /// <returns>y·Φ(x).</returns>
    /// <remarks>
    /// <para>In float, where Φ(x) is subnormal (x below about −13) but y·Φ(x) is not (GELU's x·Φ(x) near x = −13),
    /// <c>y * NormalCdf(x)</c> would keep only the subnormal's few bits; this keeps them all (error as
    /// <see cref="NormalCdf(float)"/> plus one rounding). Below x = −14.5 the result is 0 and above 14.5 it is y,
    /// exactly. The double overloads are <c>y * NormalCdf(x)</c>, and 0 where Φ(x) is 0 (double's range makes the distinction matter only
    /// below x ≈ −37). NaN in either argument gives NaN.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NormalCdfMul(float x, float y) => V128.NormalCdfMulSingle(Vector128.CreateScalarUnsafe(x), Vector128.CreateScalarUnsafe(y)).ToScalar();

    /// <inheritdoc cref="NormalCdfMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> NormalCdfMul(Vector128<float> x, Vector128<float> y) => V128.NormalCdfMulSingle(x, y);

    /// <inheritdoc cref="NormalCdfMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NormalCdfMul(Vector256<float> x, Vector256<float> y) => V256.NormalCdfMulSingle(x, y);

    /// <inheritdoc cref="NormalCdfMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> NormalCdfMul(Vector512<float> x, Vector512<float> y) => V512.NormalCdfMulSingle(x, y);

    /// <inheritdoc cref="NormalCdfMul(float, float)"/>
    public static double NormalCdfMul(double x, double y)
    {
        double p = NormalCdf(x);
        return p == 0 ? 0 : y * p;
    }

    /// <inheritdoc cref="NormalCdfMul(float, float)"/>
    public static Vector128<double> NormalCdfMul(Vector128<double> x, Vector128<double> y)
    {
        Vector128<double> p = NormalCdf(x);
        return Vector128.ConditionalSelect(Vector128.Equals(p, Vector128<double>.Zero), Vector128<double>.Zero, y * p);
    }

    /// <inheritdoc cref="NormalCdfMul(float, float)"/>
    public static Vector256<double> NormalCdfMul(Vector256<double> x, Vector256<double> y)
    {
        Vector256<double> p = NormalCdf(x);
        return Vector256.ConditionalSelect(Vector256.Equals(p, Vector256<double>.Zero), Vector256<double>.Zero, y * p);
    }

    /// <inheritdoc cref="NormalCdfMul(float, float)"/>
    public static Vector512<double> NormalCdfMul(Vector512<double> x, Vector512<double> y)
    {
        Vector512<double> p = NormalCdf(x);
        return Vector512.ConditionalSelect(Vector512.Equals(p, Vector512<double>.Zero), Vector512<double>.Zero, y * p);
    }
}
