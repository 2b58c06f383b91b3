using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using FsCheck;
using FsCheck.Fluent;
using Numerics.Gemm;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

/// <summary>
/// One product to test: shape, transposes, scalars, padding of each leading dimension beyond its stored row, and the
/// seed the operands are drawn from (so a failure printed by FsCheck replays exactly with <see cref="GemmOperands{T}.Create"/>).
/// </summary>
public sealed record GemmCase(
    Transpose TransA, Transpose TransB, int M, int N, int K, double Alpha, double Beta, int PadA, int PadB, int PadC, int Seed)
{
    /// <summary>Rows and columns of A as stored (m×k, or k×m when transposed).</summary>
    public (int Rows, int Cols) AStored => TransA == Transpose.None ? (M, K) : (K, M);

    /// <summary>Rows and columns of B as stored (k×n, or n×k when transposed).</summary>
    public (int Rows, int Cols) BStored => TransB == Transpose.None ? (K, N) : (N, K);

    public int Lda => Math.Max(1, AStored.Cols) + PadA;

    public int Ldb => Math.Max(1, BStored.Cols) + PadB;

    public int Ldc => Math.Max(1, N) + PadC;

    /// <summary>
    /// Whether the shape goes to a "dot" path, which sums in vector lanes and is not bit-identical to
    /// <see cref="GemmReference"/> (Blas.cs remarks): n = 1 with op(A) = A, or m = 1 with op(B) = Bᵀ.
    /// </summary>
    public bool IsDotPath => (N == 1 && TransA == Transpose.None) || (M == 1 && TransB == Transpose.Transpose);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{TransA}/{TransB} m={M} n={N} k={K} alpha={Alpha:R} beta={Beta:R} pads=({PadA},{PadB},{PadC}) seed={Seed}");
}

/// <summary>How test operands are drawn (see <see cref="GemmOperands{T}.Value"/>).</summary>
public enum ValueKind
{
    Uniform,
    Wide,
    Tiny,
}

/// <summary>Sizes and FsCheck generators shared by the GEMM tests.</summary>
public static class GemmArbitraries
{
    /// <summary>
    /// Dimensions worth hitting: 0–3, primes, the micro-tile edges of every kernel (MR 2/6/12, NR 4/8/16/32: 11–13,
    /// 23–25, 31–33, 47–49, 95–97), the small-path limit (32/33), KC multiples (255–257, 511–513), MC-ish sizes
    /// (119–121, 239–241, 479–481; MC is 240 for float vector tiles, 240/120 for double) and one past NC for float
    /// (1025; double's NC of 512 is crossed by 513).
    /// </summary>
    public static IReadOnlyList<int> Interesting { get; } =
    [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 16, 17, 19, 23, 24, 25, 29, 31, 32, 33, 37, 41, 47, 48, 49, 53, 63, 64, 65,
        95, 96, 97, 119, 120, 121, 127, 128, 129, 239, 240, 241, 255, 256, 257, 479, 480, 481, 511, 512, 513, 1025,
    ];

    /// <summary>Largest m·n·k a random case may have: keeps the reference loops to a few milliseconds each.</summary>
    public const long Budget = 1_000_000;

    public static Gen<int> Dimension { get; } = Gen.Frequency((3, Gen.Elements<int>(Interesting)), (1, Gen.Choose(1, 300)));

    /// <summary>Like <see cref="Dimension"/>, with depths of two and three KC blocks drawn more often.</summary>
    public static Gen<int> Depth { get; } = Gen.Frequency((3, Dimension), (1, Gen.Elements(255, 256, 257, 300, 511, 512, 513, 700)));

    /// <summary>An exactly representable float in [−4, 4] with 18 fraction bits.</summary>
    private static Gen<double> RandomScalar { get; } = Gen.Choose(-(1 << 20), 1 << 20).Select(v => Math.ScaleB(v, -18));

    public static Gen<double> Alpha { get; } = Gen.Frequency(
        (1, Gen.Constant(1.0)), (1, Gen.Constant(-0.5)), (1, Gen.Constant(2.25)), (1, RandomScalar));

    public static Gen<double> Beta { get; } = Gen.Frequency(
        (2, Gen.Constant(0.0)), (1, Gen.Constant(1.0)), (1, Gen.Constant(-1.5)), (1, RandomScalar));

    private static Gen<Transpose> Trans { get; } = Gen.Elements(Transpose.None, Transpose.Transpose);

    public static Gen<GemmCase> Cases(Gen<int> m, Gen<int> n, Gen<int> k) =>
        from ta in Trans
        from tb in Trans
        from mm in m
        from nn in n
        from kk in k
        from alpha in Alpha
        from beta in Beta
        from pa in Gen.Choose(0, 5)
        from pb in Gen.Choose(0, 5)
        from pc in Gen.Choose(0, 5)
        from seed in Gen.Choose(0, int.MaxValue - 1)
        select new GemmCase(ta, tb, mm, nn, kk, alpha, beta, pa, pb, pc, seed);

    public static Gen<GemmCase> Bounded(Gen<GemmCase> cases) => cases.Where(c => (long)c.M * c.N * c.K <= Budget);

    /// <summary>Any shape within the budget, dot paths included.</summary>
    public static Arbitrary<GemmCase> AnyCase() => Bounded(Cases(Dimension, Dimension, Depth)).ToArbitrary();
}

/// <summary>Every shape within the budget that is not a dot path (these must match <see cref="GemmReference"/> bit for bit).</summary>
public static class BitwiseGemmArbitraries
{
    public static Arbitrary<GemmCase> Cases() =>
        GemmArbitraries.Cases(GemmArbitraries.Dimension, GemmArbitraries.Dimension, GemmArbitraries.Depth)
            .Where(c => (long)c.M * c.N * c.K <= GemmArbitraries.Budget && !c.IsDotPath)
            .ToArbitrary();
}

/// <summary>Only dot-path shapes: GEMV-like n = 1 with op(A) = A, or m = 1 with op(B) = Bᵀ; k up to 2000.</summary>
public static class DotPathArbitraries
{
    public static Arbitrary<GemmCase> Cases()
    {
        Gen<int> rows = GemmArbitraries.Dimension;
        Gen<int> depth = Gen.Frequency((3, GemmArbitraries.Dimension), (1, Gen.Choose(1, 2000)));
        Gen<GemmCase> nIsOne = GemmArbitraries.Cases(rows, Gen.Constant(1), depth).Select(c => c with { TransA = Transpose.None });
        Gen<GemmCase> mIsOne = GemmArbitraries.Cases(Gen.Constant(1), rows, depth).Select(c => c with { TransB = Transpose.Transpose });
        return GemmArbitraries.Bounded(Gen.OneOf(nIsOne, mIsOne)).ToArbitrary();
    }
}

/// <summary>
/// The operands of a <see cref="GemmCase"/>: A and B at exactly their minimal extent (last row short), every padding
/// element of A and B set to NaN (a read of padding would poison the result), C's padding set to a sentinel that must
/// survive, and C itself NaN when beta = 0 (C must not be read).
/// </summary>
public sealed class GemmOperands<T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    /// <summary>Value written between the rows of C; it must come back untouched.</summary>
    public static readonly T Sentinel = T.CreateChecked(-12345.5);

    private GemmOperands(GemmCase c, T[] a, T[] b, T[] c0)
    {
        Case = c;
        A = a;
        B = b;
        C0 = c0;
    }

    public GemmCase Case { get; }

    public T[] A { get; }

    public T[] B { get; }

    /// <summary>C before the call (never modified).</summary>
    public T[] C0 { get; }

    public T Alpha => T.CreateChecked(Case.Alpha);

    public T Beta => T.CreateChecked(Case.Beta);

    public static GemmOperands<T> Create(GemmCase c)
    {
        Random random = new(c.Seed);
        ValueKind kind = random.Next(6) switch { 0 or 1 => ValueKind.Wide, 2 => ValueKind.Tiny, _ => ValueKind.Uniform };
        T[] a = Matrix(random, c.AStored.Rows, c.AStored.Cols, c.Lda, kind, T.NaN);
        T[] b = Matrix(random, c.BStored.Rows, c.BStored.Cols, c.Ldb, kind, T.NaN);
        T[] c0 = Matrix(random, c.M, c.N, c.Ldc, ValueKind.Uniform, Sentinel);
        if (c.Beta == 0)
        {
            ForEach(c.M, c.N, c.Ldc, index => c0[index] = T.NaN);
        }

        return new GemmOperands<T>(c, a, b, c0);
    }

    /// <summary>Elements spanned by a rows×cols matrix with leading dimension ld: (rows − 1)·ld + cols, or 0.</summary>
    public static int Extent(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;

    /// <summary>
    /// A rows×cols matrix at its minimal extent, values drawn by <see cref="Value"/>. Padding is <paramref name="pad"/>.
    /// </summary>
    public static T[] Matrix(Random random, int rows, int cols, int ld, ValueKind kind, T pad)
    {
        T[] m = new T[Extent(rows, cols, ld)];
        Array.Fill(m, pad);
        ForEach(rows, cols, ld, index => m[index] = Value(random, kind));
        return m;
    }

    /// <summary>
    /// Uniform in [−1, 1]; or (wide) that scaled by 2^e, e in [−20, 20], which makes every reordering of a sum
    /// visible in the last bits; or (tiny) scaled so that products of two values are subnormal about half the time
    /// (values scaled by 2⁻⁶² for float, 2⁻⁵¹⁰ for double): vector and scalar fused multiply-adds must agree there too (no flush to zero).
    /// </summary>
    public static T Value(Random random, ValueKind kind)
    {
        double v = 2 * random.NextDouble() - 1;
        return kind switch
        {
            ValueKind.Wide => T.CreateChecked(Math.ScaleB(v, random.Next(-20, 21))),
            ValueKind.Tiny => T.CreateChecked(Math.ScaleB(v, typeof(T) == typeof(float) ? -62 : -510)),
            _ => T.CreateChecked(v),
        };
    }

    public static void ForEach(int rows, int cols, int ld, Action<int> action)
    {
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                action(i * ld + j);
            }
        }
    }

    /// <summary>C after <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>.</summary>
    public T[] RunBlas()
    {
        T[] c = (T[])C0.Clone();
        BlasDispatch.Gemm(Case.TransA, Case.TransB, Case.M, Case.N, Case.K, Alpha, A, Case.Lda, B, Case.Ldb, Beta, c, Case.Ldc);
        return c;
    }

    /// <summary>C after <see cref="GemmReference.Gemm{T}"/>, the arithmetic contract.</summary>
    public T[] RunReference()
    {
        T[] c = (T[])C0.Clone();
        GemmReference.Gemm(Case.TransA, Case.TransB, Case.M, Case.N, Case.K, Alpha, A, Case.Lda, B, Case.Ldb, Beta, c, Case.Ldc);
        return c;
    }

    /// <summary>op(A)[i, p] as stored.</summary>
    public T OpA(int i, int p) => Case.TransA == Transpose.None ? A[i * Case.Lda + p] : A[p * Case.Lda + i];

    /// <summary>op(B)[p, j] as stored.</summary>
    public T OpB(int p, int j) => Case.TransB == Transpose.None ? B[p * Case.Ldb + j] : B[j * Case.Ldb + p];

    /// <summary>
    /// Asserts every element of <paramref name="actual"/> is within the rounding bound of the exact result (see
    /// <see cref="GemmBound"/>), and that C's padding still holds the sentinel.
    /// </summary>
    public void AssertWithinBound(T[] actual, bool dotPath)
    {
        GemmCase c = Case;
        double gamma = GemmBound.Gamma<T>(c.K, dotPath);
        double floor = GemmBound.Floor<T>(c.K);
        int shown = 0;
        List<string> failures = [];
        for (int i = 0; i < c.M; i++)
        {
            for (int j = 0; j < c.N; j++)
            {
                DoubleDouble dot = default;
                double magnitude = 0;
                for (int p = 0; p < c.K; p++)
                {
                    double x = double.CreateChecked(OpA(i, p)), y = double.CreateChecked(OpB(p, j));
                    dot = dot.Add(DoubleDouble.Product(x, y));
                    magnitude += Math.Abs(x * y);
                }

                double alpha = c.Alpha;
                double c0 = double.CreateChecked(C0[i * c.Ldc + j]);
                DoubleDouble exact = dot.Multiply(alpha);
                double betaTerm = 0;
                if (c.Beta != 0)
                {
                    // beta = 0: C₀ is NaN and must not be read.
                    exact = exact.Add(DoubleDouble.Product(c.Beta, c0));
                    betaTerm = Math.Abs(c.Beta * c0);
                }

                double got = double.CreateChecked(actual[i * c.Ldc + j]);
                double bound = gamma * (Math.Abs(alpha) * magnitude + betaTerm) + floor;
                double error = Math.Abs((got - exact.Hi) - exact.Lo);
                if (!(error <= bound) && shown++ < 8)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture,
                        $"C[{i},{j}] = {got:R}, exact {exact.Hi:R}, |error| {error:G3} > bound {bound:G3}"));
                }
            }
        }

        AssertPaddingUntouched(actual);
        Assert.True(failures.Count == 0, $"{c} ({typeof(T).Name}): {shown} elements outside the bound:\n{string.Join('\n', failures)}");
    }

    /// <summary>Asserts the elements of C between rows (ldc − n per row) still hold <see cref="Sentinel"/>.</summary>
    public void AssertPaddingUntouched(T[] actual)
    {
        for (int index = 0; index < actual.Length; index++)
        {
            if (index % Case.Ldc >= Case.N && !GemmAssert.SameBits(actual[index], Sentinel))
            {
                Assert.Fail($"{Case}: padding of C at {index} overwritten with {actual[index]}.");
            }
        }
    }
}

/// <summary>
/// The rounding bound the float and double results are held to, against an exact (double-double) reference:
/// <para>
/// |C − exact| ≤ γₙ·(|alpha|·Σₚ|op(A)ᵢₚ·op(B)ₚⱼ| + |beta·C₀|) + floor, with γₙ = n·u/(1 − n·u), u = 2⁻²⁴ (float) or
/// 2⁻⁵³ (double), n the most roundings any one term can go through. In the contract (<see cref="GemmReference"/>) a
/// term meets at most k fused multiply-adds in its KC block's chain, then per KC block one rounding of alpha·acc and
/// one of the fused multiply-add that adds it to C: n = k + 2·⌈k/256⌉ (+1 for the reference's own ~2⁻¹⁰⁰ error). The
/// dot paths sum in vector lanes instead: besides their k fused multiply-adds a term meets at most the reduction of two
/// accumulators of up to 16 lanes (≤ 31 additions) and the alpha/beta step, so they get n = k + 34 + 2·⌈k/256⌉.
/// This is the classical worst-case bound (Higham, Accuracy and Stability, §3.1), not an estimate.
/// </para>
/// <para>The floor (n smallest subnormals) covers underflow, whose error is absolute; the test data never comes near it.</para>
/// </summary>
public static class GemmBound
{
    public static double UnitRoundoff<T>() => typeof(T) == typeof(float) ? Math.ScaleB(1.0, -24) : Math.ScaleB(1.0, -53);

    public static int Roundings(int k, bool dotPath) => k + 2 * ((k + 255) / 256) + (dotPath ? 34 : 1) + 1;

    public static double Gamma<T>(int k, bool dotPath)
    {
        double nu = Roundings(k, dotPath) * UnitRoundoff<T>();
        return nu / (1 - nu);
    }

    public static double Floor<T>(int k) => Roundings(k, true) * (typeof(T) == typeof(float) ? float.Epsilon : double.Epsilon);
}

/// <summary>An unevaluated sum Hi + Lo of two doubles (about 106 bits), enough for an exact-to-2⁻¹⁰⁰ reference dot product.</summary>
public readonly record struct DoubleDouble(double Hi, double Lo)
{
    /// <summary>a·b exactly (the error of the product through a fused multiply-add).</summary>
    public static DoubleDouble Product(double a, double b)
    {
        double p = a * b;
        return new DoubleDouble(p, Math.FusedMultiplyAdd(a, b, -p));
    }

    /// <summary>a + b exactly (Knuth's two-sum).</summary>
    public static DoubleDouble TwoSum(double a, double b)
    {
        double s = a + b;
        double bb = s - a;
        return new DoubleDouble(s, (a - (s - bb)) + (b - bb));
    }

    public DoubleDouble Add(DoubleDouble other)
    {
        DoubleDouble s = TwoSum(Hi, other.Hi);
        double lo = s.Lo + Lo + other.Lo;
        return TwoSum(s.Hi, lo);
    }

    public DoubleDouble Multiply(double x)
    {
        DoubleDouble p = Product(Hi, x);
        return TwoSum(p.Hi, p.Lo + Lo * x);
    }
}

/// <summary>Bit-level comparison helpers.</summary>
public static class GemmAssert
{
    public static bool SameBits<T>(T x, T y)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? BitConverter.SingleToInt32Bits(float.CreateTruncating(x)) == BitConverter.SingleToInt32Bits(float.CreateTruncating(y))
            : BitConverter.DoubleToInt64Bits(double.CreateTruncating(x)) == BitConverter.DoubleToInt64Bits(double.CreateTruncating(y));

    /// <summary>Asserts both arrays hold the same bits everywhere (padding included), listing the first differences.</summary>
    public static void BitEqual<T>(ReadOnlySpan<T> expected, ReadOnlySpan<T> actual, string what)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Assert.True(expected.Length == actual.Length, $"{what}: length {actual.Length}, expected {expected.Length}");
        List<string> differences = [];
        int count = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            if (!SameBits(expected[i], actual[i]) && count++ < 8)
            {
                differences.Add(string.Create(CultureInfo.InvariantCulture, $"[{i}] expected {expected[i]:R}, got {actual[i]:R}"));
            }
        }

        Assert.True(count == 0, $"{what}: {count} of {expected.Length} elements differ in their bits:\n{string.Join('\n', differences)}");
    }
}

/// <summary>Calls the float or double overload of each <see cref="Blas"/> entry point from generic test code.</summary>
public static class BlasDispatch
{
    public static void Gemm<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Blas.Gemm(transA, transB, m, n, k, float.CreateTruncating(alpha), MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(b), ldb, float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c), ldc);
        }
        else
        {
            Blas.Gemm(transA, transB, m, n, k, double.CreateTruncating(alpha), MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(b), ldb, double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(c), ldc);
        }
    }

    public static void Gemv<T>(Transpose trans, int m, int n, T alpha, ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Blas.Gemv(trans, m, n, float.CreateTruncating(alpha), MemoryMarshal.Cast<T, float>(a), lda,
                MemoryMarshal.Cast<T, float>(x), float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(y));
        }
        else
        {
            Blas.Gemv(trans, m, n, double.CreateTruncating(alpha), MemoryMarshal.Cast<T, double>(a), lda,
                MemoryMarshal.Cast<T, double>(x), double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(y));
        }
    }

    public static void GemmStridedBatched<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, long strideA, ReadOnlySpan<T> b, int ldb, long strideB,
        T beta, Span<T> c, int ldc, long strideC, int batchCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (typeof(T) == typeof(float))
        {
            Blas.GemmStridedBatched(transA, transB, m, n, k, float.CreateTruncating(alpha), MemoryMarshal.Cast<T, float>(a), lda, strideA,
                MemoryMarshal.Cast<T, float>(b), ldb, strideB, float.CreateTruncating(beta), MemoryMarshal.Cast<T, float>(c), ldc, strideC, batchCount);
        }
        else
        {
            Blas.GemmStridedBatched(transA, transB, m, n, k, double.CreateTruncating(alpha), MemoryMarshal.Cast<T, double>(a), lda, strideA,
                MemoryMarshal.Cast<T, double>(b), ldb, strideB, double.CreateTruncating(beta), MemoryMarshal.Cast<T, double>(c), ldc, strideC, batchCount);
        }
    }
}
