using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// Degenerate sizes and scalars (BLAS semantics from Blas.cs): m or n = 0 leaves C alone; k = 0 or alpha = 0 gives
// C = beta·C without reading A or B (beta = 0: C = 0 without reading C); NaN and ±∞ in A, B or C propagate as IEEE
// arithmetic says.
public sealed class GemmSpecialCaseTests
{
    private static readonly Transpose[] Both = [Transpose.None, Transpose.Transpose];

    /// <summary>One shape per path: small, blocked (with KC restarts), n = 1 and m = 1 in both flavours.</summary>
    public static TheoryData<int, int, int> PathShapes() => new()
    {
        { 5, 6, 7 },
        { 40, 50, 60 },
        { 20, 19, 300 },
        { 40, 1, 60 },
        { 1, 50, 60 },
        { 1, 1, 40 },
        { 2, 2, 2 },
    };

    [Theory]
    [InlineData(0, 5, 3)]
    [InlineData(4, 0, 3)]
    [InlineData(0, 0, 0)]
    [InlineData(0, 7, 0)]
    public void EmptyOutputLeavesCUntouched(int m, int n, int k)
    {
        foreach (Transpose ta in Both)
        {
            foreach (Transpose tb in Both)
            {
                foreach (double beta in new[] { 0.0, 2.0 })
                {
                    GemmCase c = new(ta, tb, m, n, k, 1.5, beta, 1, 1, 1, 3);
                    GemmOperands<float> operands = GemmOperands<float>.Create(c);
                    // C holds NaN, ∞ and values: nothing may change, whatever beta says.
                    float[] cArray = [float.NaN, float.PositiveInfinity, 1.5f, -2f, float.NaN, 0f, 3f, 4f];
                    float[] before = (float[])cArray.Clone();
                    Blas.Gemm(ta, tb, m, n, k, 1.5f, operands.A, c.Lda, operands.B, c.Ldb, (float)beta, cArray, c.Ldc);
                    GemmAssert.BitEqual<float>(before, cArray, c.ToString());

                    double[] dArray = [double.NaN, double.NegativeInfinity, 1.5, -2];
                    double[] dBefore = (double[])dArray.Clone();
                    GemmOperands<double> doubles = GemmOperands<double>.Create(c);
                    Blas.Gemm(ta, tb, m, n, k, 1.5, doubles.A, c.Lda, doubles.B, c.Ldb, beta, dArray, c.Ldc);
                    GemmAssert.BitEqual<double>(dBefore, dArray, c + " (double)");
                }
            }
        }
    }

    /// <summary>k = 0: C = beta·C (rounded once); beta = 0 gives +0 even over NaN and ∞; padding of C is kept.</summary>
    [Theory]
    [InlineData(3, 4)]
    [InlineData(1, 9)]
    [InlineData(40, 1)]
    [InlineData(37, 41)]
    public void DepthZeroScalesC(int m, int n)
    {
        foreach (double beta in new[] { 0.0, 1.0, -1.5, 0.3 })
        {
            foreach (Transpose ta in Both)
            {
                foreach (Transpose tb in Both)
                {
                    GemmCase c = new(ta, tb, m, n, 0, 2.25, beta, 0, 0, 2, m * 100 + n);
                    AssertScalesC<float>(c, aValue: 0, bValue: 0);
                    AssertScalesC<double>(c, aValue: 0, bValue: 0);
                }
            }
        }
    }

    /// <summary>alpha = 0 with NaN everywhere in A and B: they are not read, and C = beta·C.</summary>
    [Theory]
    [MemberData(nameof(PathShapes))]
    public void AlphaZeroIgnoresNaNInAAndB(int m, int n, int k)
    {
        foreach (double beta in new[] { 0.0, 1.0, -1.5 })
        {
            foreach (Transpose ta in Both)
            {
                foreach (Transpose tb in Both)
                {
                    GemmCase c = new(ta, tb, m, n, k, 0, beta, 1, 0, 1, m + n + k);
                    AssertScalesC<float>(c, aValue: double.NaN, bValue: double.PositiveInfinity);
                    AssertScalesC<double>(c, aValue: double.NaN, bValue: double.PositiveInfinity);
                }
            }
        }
    }

    /// <summary>
    /// NaN, +∞, −∞ and zeros scattered through A, B and (with beta ≠ 0) C, on every path and transpose: each element of
    /// C is NaN, +∞, −∞ or finite exactly as the IEEE sum of its terms must be (any NaN term, or +∞ with −∞, gives NaN;
    /// 0·∞ is NaN). Shapes off the dot paths also equal the reference (NaN payloads aside). With beta = 0 a C full of
    /// NaN and ∞ is ignored.
    /// </summary>
    [Theory]
    [MemberData(nameof(PathShapes))]
    public void NaNAndInfinityPropagate(int m, int n, int k)
    {
        int seed = 17;
        foreach (double beta in new[] { 0.0, -1.5 })
        {
            foreach (double alpha in new[] { 1.0, -0.5 })
            {
                foreach (Transpose ta in Both)
                {
                    foreach (Transpose tb in Both)
                    {
                        GemmCase c = new(ta, tb, m, n, k, alpha, beta, 1, 2, 1, seed++);
                        AssertSpecialsPropagate<float>(c);
                        AssertSpecialsPropagate<double>(c);
                    }
                }
            }
        }
    }

    /// <summary>
    /// A single NaN in op(A) row i poisons row i of C and nothing else; a single +∞ in op(B) column j makes column j
    /// +∞, except in the row whose partner of the ∞ is 0 (0·∞ = NaN).
    /// </summary>
    [Theory]
    [MemberData(nameof(PathShapes))]
    public void SingleNaNPoisonsItsRowAndInfinityItsColumn(int m, int n, int k)
    {
        foreach (Transpose ta in Both)
        {
            foreach (Transpose tb in Both)
            {
                GemmCase c = new(ta, tb, m, n, k, 1, 0, 0, 0, 0, 5);
                int lda = c.Lda, ldb = c.Ldb;
                // Positive operands, so no term can cancel an infinity.
                float[] a = new float[GemmOperands<float>.Extent(c.AStored.Rows, c.AStored.Cols, lda)];
                float[] b = new float[GemmOperands<float>.Extent(c.BStored.Rows, c.BStored.Cols, ldb)];
                Random random = new(m * 7 + n * 3 + k);
                for (int i = 0; i < a.Length; i++)
                {
                    a[i] = 0.5f + random.NextSingle() / 2;
                }

                for (int i = 0; i < b.Length; i++)
                {
                    b[i] = 0.5f + random.NextSingle() / 2;
                }

                int nanRow = m / 2, nanDepth = k / 3, infColumn = n - 1, infDepth = k - 1, zeroRow = m > 1 ? (nanRow + 1) % m : -1;
                a[ta == Transpose.None ? nanRow * lda + nanDepth : nanDepth * lda + nanRow] = float.NaN;
                if (zeroRow >= 0)
                {
                    a[ta == Transpose.None ? zeroRow * lda + infDepth : infDepth * lda + zeroRow] = 0f;
                }

                b[tb == Transpose.None ? infDepth * ldb + infColumn : infColumn * ldb + infDepth] = float.PositiveInfinity;
                float[] result = new float[m * n];
                Blas.Gemm(ta, tb, m, n, k, 1f, a, lda, b, ldb, 0f, result, n);
                for (int i = 0; i < m; i++)
                {
                    for (int j = 0; j < n; j++)
                    {
                        float v = result[i * n + j];
                        string at = $"{c}: C[{i},{j}] = {v}";
                        if (i == nanRow || (i == zeroRow && j == infColumn))
                        {
                            Assert.True(float.IsNaN(v), at + ", expected NaN");
                        }
                        else if (j == infColumn)
                        {
                            Assert.True(float.IsPositiveInfinity(v), at + ", expected +∞");
                        }
                        else
                        {
                            Assert.True(float.IsFinite(v), at + ", expected finite");
                        }
                    }
                }
            }
        }
    }

    private static void AssertScalesC<T>(GemmCase c, double aValue, double bValue)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmOperands<T> operands = GemmOperands<T>.Create(c);
        T[] a = (T[])operands.A.Clone();
        T[] b = (T[])operands.B.Clone();
        Array.Fill(a, T.CreateChecked(aValue));
        Array.Fill(b, T.CreateChecked(bValue));
        T[] c0 = (T[])operands.C0.Clone();
        // Specials in C: with beta = 0 they must vanish, otherwise they scale.
        if (c.M > 0 && c.N > 0)
        {
            c0[0] = T.NaN;
            c0[(c.M - 1) * c.Ldc + c.N - 1] = T.NegativeInfinity;
        }

        T[] expected = (T[])c0.Clone();
        T beta = T.CreateChecked(c.Beta);
        GemmOperands<T>.ForEach(c.M, c.N, c.Ldc, index => expected[index] = beta == T.Zero ? T.Zero : beta * expected[index]);
        T[] actual = (T[])c0.Clone();
        BlasDispatch.Gemm(c.TransA, c.TransB, c.M, c.N, c.K, T.CreateChecked(c.Alpha), a, c.Lda, b, c.Ldb, beta, actual, c.Ldc);
        GemmAssert.BitEqual<T>(expected, actual, $"{c} ({typeof(T).Name})");
    }

    private static void AssertSpecialsPropagate<T>(GemmCase c)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        GemmOperands<T> operands = GemmOperands<T>.Create(c);
        Random random = new(c.Seed);
        T[] specials = [T.NaN, T.PositiveInfinity, T.NegativeInfinity, T.Zero, T.PositiveInfinity];
        // About a third of the rows of op(A) and columns of op(B) get a special, so C is a mix of every class.
        Sprinkle(operands.A, c.AStored.Rows, c.AStored.Cols, c.Lda, Math.Max(1, c.M / 3), specials, random);
        Sprinkle(operands.B, c.BStored.Rows, c.BStored.Cols, c.Ldb, Math.Max(1, c.N / 3), specials, random);
        if (c.Beta != 0)
        {
            Sprinkle(operands.C0, c.M, c.N, c.Ldc, Math.Max(1, c.M * c.N / 10), specials, random);
        }
        else
        {
            GemmOperands<T>.ForEach(c.M, c.N, c.Ldc, index => operands.C0[index] = random.Next(2) == 0 ? T.NaN : T.NegativeInfinity);
        }

        T[] actual = operands.RunBlas();
        List<string> failures = [];
        for (int i = 0; i < c.M; i++)
        {
            for (int j = 0; j < c.N; j++)
            {
                bool nan = false, plus = false, minus = false;
                void Term(double t)
                {
                    nan |= double.IsNaN(t);
                    plus |= double.IsPositiveInfinity(t);
                    minus |= double.IsNegativeInfinity(t);
                }

                for (int p = 0; p < c.K; p++)
                {
                    Term(c.Alpha * double.CreateChecked(operands.OpA(i, p)) * double.CreateChecked(operands.OpB(p, j)));
                }

                if (c.Beta != 0)
                {
                    Term(c.Beta * double.CreateChecked(operands.C0[i * c.Ldc + j]));
                }

                string expected = nan || (plus && minus) ? "NaN" : plus ? "+∞" : minus ? "−∞" : "finite";
                T v = actual[i * c.Ldc + j];
                string got = T.IsNaN(v) ? "NaN" : T.IsPositiveInfinity(v) ? "+∞" : T.IsNegativeInfinity(v) ? "−∞" : "finite";
                if (got != expected && failures.Count < 8)
                {
                    failures.Add(string.Create(CultureInfo.InvariantCulture, $"C[{i},{j}] = {v}, expected {expected}"));
                }
            }
        }

        Assert.True(failures.Count == 0, $"{c} ({typeof(T).Name}):\n{string.Join('\n', failures)}");
        operands.AssertPaddingUntouched(actual);
        if (!c.IsDotPath)
        {
            T[] expectedBits = operands.RunReference();
            for (int index = 0; index < actual.Length; index++)
            {
                if (!(T.IsNaN(actual[index]) && T.IsNaN(expectedBits[index])) && !GemmAssert.SameBits(actual[index], expectedBits[index]))
                {
                    Assert.Fail($"{c} ({typeof(T).Name}): [{index}] = {actual[index]}, reference {expectedBits[index]}");
                }
            }
        }
    }

    /// <summary>Overwrites <paramref name="count"/> random elements with random special values.</summary>
    private static void Sprinkle<T>(T[] matrix, int rows, int cols, int ld, int count, T[] specials, Random random)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (rows == 0 || cols == 0)
        {
            return;
        }

        for (int s = 0; s < count; s++)
        {
            matrix[random.Next(rows) * ld + random.Next(cols)] = specials[random.Next(specials.Length)];
        }
    }
}
