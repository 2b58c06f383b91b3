namespace Numerics;

/// <summary>
/// A vector of <see cref="double"/> lanes of one width, with the operations the generic bodies in
/// <see cref="VectorMath{TD, TF}"/> need. Implemented by thin wrappers over the runtime's vector types
/// (whose arithmetic-operator interfaces are not public), so generic code can still write a * b + c. The wrappers
/// (<c>Lanes128</c>, <c>Lanes256</c>, <c>Lanes512</c>) are generated, one per <c>[VectorLanes(bits)]</c> declaration in
/// <c>KernelMath.Lanes.Widths.cs</c>; this interface and <see cref="LaneBits"/> are what they implement and share.
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

    /// <summary>Lanes of <paramref name="ifTrue"/> where <c>a &lt; b</c>, else of <paramref name="ifFalse"/> (NaN compares false).</summary>
    /// <remarks>
    /// Comparison and blend are one member, not a mask-returning comparison and a select, so the JIT keeps the
    /// condition in an AVX-512 mask register and emits a masked blend. A comparison that comes back through a
    /// wrapper is materialised as a vector (<c>vpmovm2q</c>) and blended bitwise, which on the development machine (an
    /// Emerald Rapids Xeon) made the double-lane Expm1 2.7× slower (docs/kernels.md, "Conditions stay in mask
    /// registers").
    /// </remarks>
    static abstract TSelf SelectLessThan(TSelf a, TSelf b, TSelf ifTrue, TSelf ifFalse);

    /// <summary>Lanes of <paramref name="ifTrue"/> where <c>a == b</c>, else of <paramref name="ifFalse"/> (NaN compares unequal).</summary>
    /// <remarks>One member for the reason given at <see cref="SelectLessThan"/>.</remarks>
    static abstract TSelf SelectEqual(TSelf a, TSelf b, TSelf ifTrue, TSelf ifFalse);

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

    /// <summary>
    /// Splits positive normal <see cref="float"/> lanes into <c>u = 2^e · m</c> with <c>√½ ≤ m &lt; √2</c> (bit
    /// arithmetic, exact); returns <c>m</c> and sets <paramref name="exponent"/> to <c>e</c> as a float.
    /// </summary>
    static abstract TF FrexpSingle(TF u, out TF exponent);
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

    /// <summary>The bits of √½ rounded to float, the lower edge of the mantissa range of <c>FrexpSingle</c>.</summary>
    public const int SqrtHalfSingle = 0x3F3504F3;
}
