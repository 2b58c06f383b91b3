using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using D128 = Numerics.VectorMath<Numerics.Lanes128, System.Runtime.Intrinsics.Vector128<float>>;
using D256 = Numerics.VectorMath<Numerics.Lanes256, System.Runtime.Intrinsics.Vector256<float>>;
using D512 = Numerics.VectorMath<Numerics.Lanes512, System.Runtime.Intrinsics.Vector512<float>>;

namespace Numerics;

public static partial class KernelMath
{
    /// <summary>e^x · y with one rounding where it matters: y·2^k is exact, then one product with e^r.</summary>
    /// <param name="x">The exponent.</param>
    /// <param name="y">The factor.</param>
    /// <returns>y·e^x.</returns>
    /// <remarks>
    /// <para>Where e^x alone would be subnormal (x below about −87.3 in float, −708 in double) but y·e^x is not,
    /// <c>y * Exp(x)</c> keeps only the few bits of the subnormal; this keeps them all (error as <see cref="Exp(float)"/>
    /// plus one rounding; where y·2^k is itself subnormal, up to 0.7 ulp more for results just above the smallest
    /// normal). The exponential shares its argument reduction with <c>Exp(x)</c>, so a kernel that needs
    /// both pays for one. For x below −174.5 (float) or −746 (double) the result is 0: exact to within |y|·e^x, below
    /// the smallest normal float for every float y except |y| within a factor of about 5 of MaxValue (x between −176.0
    /// and −174.5). Going further would need a second scaling step (k below −252).
    /// No intermediate overflows where the result is finite (y near MaxValue with x &lt; 0 gives a finite product).
    /// For x &gt; 0 with a subnormal y the product rounds among the subnormals before it is scaled up (the kernels call
    /// it with x ≤ 0). NaN in either argument gives NaN.</para>
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ExpMul(float x, float y) => D128.ExpMulSingle(Vector128.CreateScalarUnsafe(x), Vector128.CreateScalarUnsafe(y)).ToScalar();

    /// <inheritdoc cref="ExpMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ExpMul(Vector128<float> x, Vector128<float> y) => D128.ExpMulSingle(x, y);

    /// <inheritdoc cref="ExpMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ExpMul(Vector256<float> x, Vector256<float> y) => D256.ExpMulSingle(x, y);

    /// <inheritdoc cref="ExpMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ExpMul(Vector512<float> x, Vector512<float> y) => D512.ExpMulSingle(x, y);

    /// <inheritdoc cref="ExpMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double ExpMul(double x, double y) => D128.ExpMulDouble(new Lanes128(Vector128.CreateScalarUnsafe(x)), new Lanes128(Vector128.CreateScalarUnsafe(y))).Value.ToScalar();

    /// <inheritdoc cref="ExpMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ExpMul(Vector128<double> x, Vector128<double> y) => D128.ExpMulDouble(new Lanes128(x), new Lanes128(y)).Value;

    /// <inheritdoc cref="ExpMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ExpMul(Vector256<double> x, Vector256<double> y) => D256.ExpMulDouble(new Lanes256(x), new Lanes256(y)).Value;

    /// <inheritdoc cref="ExpMul(float, float)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ExpMul(Vector512<double> x, Vector512<double> y) => D512.ExpMulDouble(new Lanes512(x), new Lanes512(y)).Value;
}

internal static partial class VectorMath<TD, TF>
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TF ExpMulSingle(TF x, TF y)
    {
        // The same clamp as Exp, so that a kernel calling both shares one argument reduction (a wider range here
        // measured SiLU 1.5× slower: two reductions).
        TF p = ExpSingleReduce(TD.ClampSingle(x, S(ExpSingleLowest), S(ExpSingleHighest)), out TF k, out _);

        // y·2^k first (exact wherever it is a normal float; k ≤ 0 for x ≤ 0, so it cannot overflow), then the one
        // rounding of ·p. p·y first would overflow for |y| near MaxValue, and (p/2)·y would drop the last bit of a
        // subnormal y (SwiGlu's gate·∞ then gave NaN).
        TF scaled = TD.MultiplySingle(TD.ScaleByPow2Single(y, k), p);
        return TD.SelectLessThanSingle(x, S(ExpSingleLowest), S(0f), scaled);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TD ExpMulDouble(TD x, TD y)
    {
        // As in float: y·2^k, then ·p; the clamp is Exp's.
        TD p = ExpReduce(Clamp(x, -746.0, 710.0), out TD k);
        return TD.SelectLessThan(x, C(-746.0), C(0), ScaleByPow2(y, k) * p);
    }
}
