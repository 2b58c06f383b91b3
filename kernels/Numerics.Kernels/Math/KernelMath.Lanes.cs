using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Numerics;

/// <summary>
/// A vector of <see cref="double"/> lanes of one width, with the operations the generic bodies in
/// <see cref="VectorMath{TD, TF}"/> need. Implemented by thin wrappers over the runtime's vector types
/// (whose arithmetic-operator interfaces are not public), so generic code can still write a * b + c.
/// </summary>
/// <typeparam name="TSelf">The implementing wrapper.</typeparam>
/// <typeparam name="TF">The vector of <see cref="float"/> with the same width in bits.</typeparam>
internal interface ILanes<TSelf, TF>
    where TSelf : struct, ILanes<TSelf, TF>
{
    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf operator +(TSelf a, TSelf b);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf operator -(TSelf a, TSelf b);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf operator *(TSelf a, TSelf b);

    /// <summary>Lane-wise quotient.</summary>
    static abstract TSelf operator /(TSelf a, TSelf b);

    /// <summary>Lane-wise negation.</summary>
    static abstract TSelf operator -(TSelf a);

    /// <summary>Bitwise and.</summary>
    static abstract TSelf operator &(TSelf a, TSelf b);

    /// <summary>Bitwise exclusive or.</summary>
    static abstract TSelf operator ^(TSelf a, TSelf b);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TSelf Create(double value);

    /// <summary><c>a * b + c</c>, rounded once where the hardware fuses it.</summary>
    static abstract TSelf Fma(TSelf a, TSelf b, TSelf c);

    /// <summary>Lanes of <paramref name="ifTrue"/> where <paramref name="mask"/> is all ones, else of <paramref name="ifFalse"/>.</summary>
    static abstract TSelf Select(TSelf mask, TSelf ifTrue, TSelf ifFalse);

    /// <summary>All-ones lanes where <c>a &lt; b</c>.</summary>
    static abstract TSelf LessThan(TSelf a, TSelf b);

    /// <summary>All-ones lanes where <c>a == b</c>.</summary>
    static abstract TSelf Equal(TSelf a, TSelf b);

    /// <summary>IEEE 754-2019 minimum (NaN propagates).</summary>
    static abstract TSelf Min(TSelf a, TSelf b);

    /// <summary>IEEE 754-2019 maximum (NaN propagates).</summary>
    static abstract TSelf Max(TSelf a, TSelf b);

    /// <summary>|a|.</summary>
    static abstract TSelf Abs(TSelf a);

    /// <summary>The magnitude of <paramref name="value"/> with the sign of <paramref name="sign"/>.</summary>
    static abstract TSelf CopySign(TSelf value, TSelf sign);

    /// <summary>
    /// The 64-bit pattern of each lane shifted left by 52: for a lane holding
    /// <c>1.5·2^52 + 1023 + k</c> (the rounding trick), this is <c>2^k</c>, for −1022 ≤ k ≤ 1023.
    /// </summary>
    static abstract TSelf ShiftIntoExponent(TSelf biased);

    /// <summary>
    /// Splits positive normal lanes into <c>u = 2^e · m</c> with <c>√½ ≤ m &lt; √2</c>; returns
    /// <c>m</c> and sets <paramref name="exponent"/> to <c>e</c> as a <see cref="double"/>.
    /// </summary>
    static abstract TSelf Frexp(TSelf u, out TSelf exponent);

    /// <summary>Widens <see cref="float"/> lanes to two vectors of <see cref="double"/> (lower, upper half).</summary>
    static abstract (TSelf Lower, TSelf Upper) Widen(TF x);

    /// <summary>Rounds two vectors of <see cref="double"/> to one of <see cref="float"/>, lower half first.</summary>
    static abstract TF Narrow(TSelf lower, TSelf upper);

    /// <summary>Every <see cref="float"/> lane set to <paramref name="value"/>.</summary>
    static abstract TF CreateSingle(float value);

    /// <summary>Lane-wise <see cref="float"/> sum.</summary>
    static abstract TF AddSingle(TF a, TF b);

    /// <summary>Lane-wise <see cref="float"/> difference.</summary>
    static abstract TF SubtractSingle(TF a, TF b);

    /// <summary>Lane-wise <see cref="float"/> product.</summary>
    static abstract TF MultiplySingle(TF a, TF b);

    /// <summary>Lane-wise <see cref="float"/> quotient.</summary>
    static abstract TF DivideSingle(TF a, TF b);

    /// <summary><c>a * b + c</c> in <see cref="float"/> lanes, rounded once where the hardware fuses it.</summary>
    static abstract TF FmaSingle(TF a, TF b, TF c);

    /// <summary>|a| in <see cref="float"/> lanes.</summary>
    static abstract TF AbsSingle(TF a);

    /// <summary>The magnitude of <paramref name="value"/> with the sign of <paramref name="sign"/>, in <see cref="float"/> lanes.</summary>
    static abstract TF CopySignSingle(TF value, TF sign);

    /// <summary>Lanes of <paramref name="ifTrue"/> where <c>a &lt; b</c>, else of <paramref name="ifFalse"/> (NaN compares false).</summary>
    static abstract TF SelectLessThanSingle(TF a, TF b, TF ifTrue, TF ifFalse);

    /// <summary>
    /// <paramref name="x"/> limited to [<paramref name="lowest"/>, <paramref name="highest"/>] in <see cref="float"/>
    /// lanes; NaN passes through. Two native min/max (<c>vmaxps</c>, <c>vminps</c>): with x as the second
    /// operand, x86 returns x when either is NaN, and Arm's <c>fmax</c>/<c>fmin</c> propagate NaN.
    /// </summary>
    static abstract TF ClampSingle(TF x, TF lowest, TF highest);

    /// <summary>
    /// The 32-bit pattern of each <see cref="float"/> lane shifted left by 23: for a lane holding
    /// <c>1.5·2^23 + 127 + k</c> (the rounding trick), this is <c>2^k</c>, for −126 ≤ k ≤ 127.
    /// </summary>
    static abstract TF ShiftIntoExponentSingle(TF biased);

    /// <summary>
    /// <c>p · 2^k</c> in <see cref="float"/> lanes for integral k in [−252, 254], rounded once (into the
    /// subnormals, to 0 or to +∞ as the case may be): one <c>vscalefps</c> where AVX-512 has it, else
    /// two exact steps <c>(p · 2^⌊k/2⌋) · 2^⌈k/2⌉</c>. Both give the same bits.
    /// </summary>
    static abstract TF ScaleByPow2Single(TF p, TF k);
}

/// <summary>Bit patterns shared by the <see cref="ILanes{TSelf, TF}"/> implementations.</summary>
internal static class LaneBits
{
    /// <summary>The bits of √½ rounded, the lower edge of the mantissa range of <c>Frexp</c>.</summary>
    public const long SqrtHalf = 0x3FE6A09E667F3BCD;

    /// <summary>The bits of 1.5·2^52: adding a small integer n to them gives the bits of 1.5·2^52 + n.</summary>
    public const long Magic = 0x4338000000000000;

    /// <summary>1.5·2^52.</summary>
    public const double MagicValue = 6755399441055744.0;

    /// <summary>1.5·2^23 + 254: adding an integral k in [−254, 254] gives a float whose bits are 0x4B400000 + 254 + k.</summary>
    public const float MagicTwiceBiasedSingle = 12583166f;
}

/// <summary>128-bit <see cref="double"/> lanes.</summary>
internal readonly struct Lanes128 : ILanes<Lanes128, Vector128<float>>
{
    /// <summary>The wrapped vector.</summary>
    public readonly Vector128<double> Value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes128(Vector128<double> value) => Value = value;

    /// <summary>Wraps a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Lanes128(Vector128<double> value) => new(value);

    /// <summary>Unwraps the vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Vector128<double>(Lanes128 lanes) => lanes.Value;

    /// <summary>The first lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToScalar() => Value.ToScalar();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator +(Lanes128 a, Lanes128 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator -(Lanes128 a, Lanes128 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator *(Lanes128 a, Lanes128 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator /(Lanes128 a, Lanes128 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator -(Lanes128 a) => new(-a.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator &(Lanes128 a, Lanes128 b) => new(a.Value & b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 operator ^(Lanes128 a, Lanes128 b) => new(a.Value ^ b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Create(double value) => new(Vector128.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Fma(Lanes128 a, Lanes128 b, Lanes128 c) => new(Vector128.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Select(Lanes128 mask, Lanes128 ifTrue, Lanes128 ifFalse) => new(Vector128.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 LessThan(Lanes128 a, Lanes128 b) => new(Vector128.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Equal(Lanes128 a, Lanes128 b) => new(Vector128.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Min(Lanes128 a, Lanes128 b) => new(Vector128.Min(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Max(Lanes128 a, Lanes128 b) => new(Vector128.Max(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Abs(Lanes128 a) => new(Vector128.Abs(a.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 CopySign(Lanes128 value, Lanes128 sign) => new(Vector128.CopySign(value.Value, sign.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 ShiftIntoExponent(Lanes128 biased) => new(Vector128.ShiftLeft(biased.Value.AsInt64(), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes128 Frexp(Lanes128 u, out Lanes128 exponent)
    {
        Vector128<long> bits = u.Value.AsInt64();
        Vector128<long> e = Vector128.ShiftRightArithmetic(bits - Vector128.Create(LaneBits.SqrtHalf), 52);
        exponent = new((e + Vector128.Create(LaneBits.Magic)).AsDouble() - Vector128.Create(LaneBits.MagicValue));
        return new((bits - Vector128.ShiftLeft(e, 52)).AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lanes128 Lower, Lanes128 Upper) Widen(Vector128<float> x) => (new(Vector128.WidenLower(x)), new(Vector128.WidenUpper(x)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> Narrow(Lanes128 lower, Lanes128 upper) => Vector128.Narrow(lower.Value, upper.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CreateSingle(float value) => Vector128.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AddSingle(Vector128<float> a, Vector128<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SubtractSingle(Vector128<float> a, Vector128<float> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> MultiplySingle(Vector128<float> a, Vector128<float> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> DivideSingle(Vector128<float> a, Vector128<float> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FmaSingle(Vector128<float> a, Vector128<float> b, Vector128<float> c) => Vector128.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AbsSingle(Vector128<float> a) => Vector128.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> CopySignSingle(Vector128<float> value, Vector128<float> sign) => Vector128.CopySign(value, sign);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> SelectLessThanSingle(Vector128<float> a, Vector128<float> b, Vector128<float> ifTrue, Vector128<float> ifFalse) =>
        Vector128.ConditionalSelect(Vector128.LessThan(a, b), ifTrue, ifFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ClampSingle(Vector128<float> x, Vector128<float> lowest, Vector128<float> highest) =>
        Vector128.MinNative(highest, Vector128.MaxNative(lowest, x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ShiftIntoExponentSingle(Vector128<float> biased) => Vector128.ShiftLeft(biased.AsInt32(), 23).AsSingle();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> ScaleByPow2Single(Vector128<float> p, Vector128<float> k)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(p, k);
        }

        // The bits of k + magic are 0x4B400000 + 254 + k; halving keeps 0x25A00000 + 127 + ⌊k/2⌋, and
        // the high bits of both halves fall off the top in the shift.
        Vector128<int> bits = (k + Vector128.Create(LaneBits.MagicTwiceBiasedSingle)).AsInt32();
        Vector128<int> half = Vector128.ShiftRightArithmetic(bits, 1);
        return p * Vector128.ShiftLeft(half, 23).AsSingle() * Vector128.ShiftLeft(bits - half, 23).AsSingle();
    }
}

/// <summary>256-bit <see cref="double"/> lanes.</summary>
internal readonly struct Lanes256 : ILanes<Lanes256, Vector256<float>>
{
    /// <summary>The wrapped vector.</summary>
    public readonly Vector256<double> Value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes256(Vector256<double> value) => Value = value;

    /// <summary>Wraps a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Lanes256(Vector256<double> value) => new(value);

    /// <summary>Unwraps the vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Vector256<double>(Lanes256 lanes) => lanes.Value;

    /// <summary>The first lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToScalar() => Value.ToScalar();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator +(Lanes256 a, Lanes256 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 a, Lanes256 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator *(Lanes256 a, Lanes256 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator /(Lanes256 a, Lanes256 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator -(Lanes256 a) => new(-a.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator &(Lanes256 a, Lanes256 b) => new(a.Value & b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 operator ^(Lanes256 a, Lanes256 b) => new(a.Value ^ b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Create(double value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Fma(Lanes256 a, Lanes256 b, Lanes256 c) => new(Vector256.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Select(Lanes256 mask, Lanes256 ifTrue, Lanes256 ifFalse) => new(Vector256.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 LessThan(Lanes256 a, Lanes256 b) => new(Vector256.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Equal(Lanes256 a, Lanes256 b) => new(Vector256.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Min(Lanes256 a, Lanes256 b) => new(Vector256.Min(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Max(Lanes256 a, Lanes256 b) => new(Vector256.Max(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Abs(Lanes256 a) => new(Vector256.Abs(a.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 CopySign(Lanes256 value, Lanes256 sign) => new(Vector256.CopySign(value.Value, sign.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 ShiftIntoExponent(Lanes256 biased) => new(Vector256.ShiftLeft(biased.Value.AsInt64(), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes256 Frexp(Lanes256 u, out Lanes256 exponent)
    {
        Vector256<long> bits = u.Value.AsInt64();
        Vector256<long> e = Vector256.ShiftRightArithmetic(bits - Vector256.Create(LaneBits.SqrtHalf), 52);
        exponent = new((e + Vector256.Create(LaneBits.Magic)).AsDouble() - Vector256.Create(LaneBits.MagicValue));
        return new((bits - Vector256.ShiftLeft(e, 52)).AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lanes256 Lower, Lanes256 Upper) Widen(Vector256<float> x) => (new(Vector256.WidenLower(x)), new(Vector256.WidenUpper(x)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Narrow(Lanes256 lower, Lanes256 upper) => Vector256.Narrow(lower.Value, upper.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CreateSingle(float value) => Vector256.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AddSingle(Vector256<float> a, Vector256<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SubtractSingle(Vector256<float> a, Vector256<float> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> MultiplySingle(Vector256<float> a, Vector256<float> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> DivideSingle(Vector256<float> a, Vector256<float> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FmaSingle(Vector256<float> a, Vector256<float> b, Vector256<float> c) => Vector256.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AbsSingle(Vector256<float> a) => Vector256.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> CopySignSingle(Vector256<float> value, Vector256<float> sign) => Vector256.CopySign(value, sign);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> SelectLessThanSingle(Vector256<float> a, Vector256<float> b, Vector256<float> ifTrue, Vector256<float> ifFalse) =>
        Vector256.ConditionalSelect(Vector256.LessThan(a, b), ifTrue, ifFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ClampSingle(Vector256<float> x, Vector256<float> lowest, Vector256<float> highest) =>
        Vector256.MinNative(highest, Vector256.MaxNative(lowest, x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ShiftIntoExponentSingle(Vector256<float> biased) => Vector256.ShiftLeft(biased.AsInt32(), 23).AsSingle();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> ScaleByPow2Single(Vector256<float> p, Vector256<float> k)
    {
        if (Avx512F.VL.IsSupported)
        {
            return Avx512F.VL.Scale(p, k);
        }

        // The bits of k + magic are 0x4B400000 + 254 + k; halving keeps 0x25A00000 + 127 + ⌊k/2⌋, and
        // the high bits of both halves fall off the top in the shift.
        Vector256<int> bits = (k + Vector256.Create(LaneBits.MagicTwiceBiasedSingle)).AsInt32();
        Vector256<int> half = Vector256.ShiftRightArithmetic(bits, 1);
        return p * Vector256.ShiftLeft(half, 23).AsSingle() * Vector256.ShiftLeft(bits - half, 23).AsSingle();
    }
}

/// <summary>512-bit <see cref="double"/> lanes.</summary>
internal readonly struct Lanes512 : ILanes<Lanes512, Vector512<float>>
{
    /// <summary>The wrapped vector.</summary>
    public readonly Vector512<double> Value;

    /// <summary>Wraps <paramref name="value"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Lanes512(Vector512<double> value) => Value = value;

    /// <summary>Wraps a vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Lanes512(Vector512<double> value) => new(value);

    /// <summary>Unwraps the vector.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static implicit operator Vector512<double>(Lanes512 lanes) => lanes.Value;

    /// <summary>The first lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double ToScalar() => Value.ToScalar();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator +(Lanes512 a, Lanes512 b) => new(a.Value + b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 a, Lanes512 b) => new(a.Value - b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator *(Lanes512 a, Lanes512 b) => new(a.Value * b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator /(Lanes512 a, Lanes512 b) => new(a.Value / b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator -(Lanes512 a) => new(-a.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator &(Lanes512 a, Lanes512 b) => new(a.Value & b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 operator ^(Lanes512 a, Lanes512 b) => new(a.Value ^ b.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Create(double value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Fma(Lanes512 a, Lanes512 b, Lanes512 c) => new(Vector512.FusedMultiplyAdd(a.Value, b.Value, c.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Select(Lanes512 mask, Lanes512 ifTrue, Lanes512 ifFalse) => new(Vector512.ConditionalSelect(mask.Value, ifTrue.Value, ifFalse.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 LessThan(Lanes512 a, Lanes512 b) => new(Vector512.LessThan(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Equal(Lanes512 a, Lanes512 b) => new(Vector512.Equals(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Min(Lanes512 a, Lanes512 b) => new(Vector512.Min(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Max(Lanes512 a, Lanes512 b) => new(Vector512.Max(a.Value, b.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Abs(Lanes512 a) => new(Vector512.Abs(a.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 CopySign(Lanes512 value, Lanes512 sign) => new(Vector512.CopySign(value.Value, sign.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 ShiftIntoExponent(Lanes512 biased) => new(Vector512.ShiftLeft(biased.Value.AsInt64(), 52).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lanes512 Frexp(Lanes512 u, out Lanes512 exponent)
    {
        Vector512<long> bits = u.Value.AsInt64();
        Vector512<long> e = Vector512.ShiftRightArithmetic(bits - Vector512.Create(LaneBits.SqrtHalf), 52);
        exponent = new((e + Vector512.Create(LaneBits.Magic)).AsDouble() - Vector512.Create(LaneBits.MagicValue));
        return new((bits - Vector512.ShiftLeft(e, 52)).AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (Lanes512 Lower, Lanes512 Upper) Widen(Vector512<float> x) => (new(Vector512.WidenLower(x)), new(Vector512.WidenUpper(x)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Narrow(Lanes512 lower, Lanes512 upper) => Vector512.Narrow(lower.Value, upper.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CreateSingle(float value) => Vector512.Create(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AddSingle(Vector512<float> a, Vector512<float> b) => a + b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SubtractSingle(Vector512<float> a, Vector512<float> b) => a - b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> MultiplySingle(Vector512<float> a, Vector512<float> b) => a * b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> DivideSingle(Vector512<float> a, Vector512<float> b) => a / b;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FmaSingle(Vector512<float> a, Vector512<float> b, Vector512<float> c) => Vector512.FusedMultiplyAdd(a, b, c);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AbsSingle(Vector512<float> a) => Vector512.Abs(a);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> CopySignSingle(Vector512<float> value, Vector512<float> sign) => Vector512.CopySign(value, sign);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> SelectLessThanSingle(Vector512<float> a, Vector512<float> b, Vector512<float> ifTrue, Vector512<float> ifFalse) =>
        Vector512.ConditionalSelect(Vector512.LessThan(a, b), ifTrue, ifFalse);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ClampSingle(Vector512<float> x, Vector512<float> lowest, Vector512<float> highest) =>
        Vector512.MinNative(highest, Vector512.MaxNative(lowest, x));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ShiftIntoExponentSingle(Vector512<float> biased) => Vector512.ShiftLeft(biased.AsInt32(), 23).AsSingle();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> ScaleByPow2Single(Vector512<float> p, Vector512<float> k)
    {
        if (Avx512F.IsSupported)
        {
            return Avx512F.Scale(p, k);
        }

        // The bits of k + magic are 0x4B400000 + 254 + k; halving keeps 0x25A00000 + 127 + ⌊k/2⌋, and
        // the high bits of both halves fall off the top in the shift.
        Vector512<int> bits = (k + Vector512.Create(LaneBits.MagicTwiceBiasedSingle)).AsInt32();
        Vector512<int> half = Vector512.ShiftRightArithmetic(bits, 1);
        return p * Vector512.ShiftLeft(half, 23).AsSingle() * Vector512.ShiftLeft(bits - half, 23).AsSingle();
    }
}
