using System;
using System.Linq;
using System.Numerics;
using Numerics.Kernels;
using Numerics.OpenCL;
using Xunit;

namespace Numerics.OpenCL.Tests.Gemm;

/// <summary>
/// One random GEMM problem, drawn from a seed: shapes from 0, 1, primes, and sizes around the tile multiples of every
/// variant (8, 16, 32, 64, 128 ± 1) up to a few hundred; both transposes; leading dimensions padded past the row
/// length; alpha and beta from special and ordinary values; C filled with NaN when beta is 0 (BLAS: it must not be read).
/// </summary>
internal sealed record GemmCase(Transpose TransA, Transpose TransB, int M, int N, int K, double Alpha, int Lda, int Ldb, double Beta, int Ldc, int Seed)
{
    private static readonly int[] s_sizes = [0, 1, 2, 3, 5, 7, 8, 13, 15, 16, 17, 31, 32, 33, 37, 63, 64, 65, 97, 127, 128, 129, 191, 257];
    private static readonly double[] s_alphas = [1, -1, 0.5, 2.25, 0];
    private static readonly double[] s_betas = [0, 0, 1, -0.75, 2];

    public static GemmCase Draw(int seed, int maxSize = 300)
    {
        var random = new Random(seed);
        int Size() => random.Next(4) == 0 ? random.Next(1, maxSize + 1) : s_sizes[random.Next(s_sizes.Length)];
        int m = Size(), n = Size(), k = Size();
        var ta = random.Next(2) == 0 ? Transpose.None : Transpose.Transpose;
        var tb = random.Next(2) == 0 ? Transpose.None : Transpose.Transpose;
        int Pad() => random.Next(3) == 0 ? random.Next(1, 9) : 0;
        int lda = Math.Max(1, ta == Transpose.None ? k : m) + Pad();
        int ldb = Math.Max(1, tb == Transpose.None ? n : k) + Pad();
        int ldc = Math.Max(1, n) + Pad();
        return new GemmCase(ta, tb, m, n, k, s_alphas[random.Next(s_alphas.Length)], lda, ldb, s_betas[random.Next(s_betas.Length)], ldc, seed);
    }

    public int ALength => Length(TransA == Transpose.None ? M : K, TransA == Transpose.None ? K : M, Lda);

    public int BLength => Length(TransB == Transpose.None ? K : N, TransB == Transpose.None ? N : K, Ldb);

    public int CLength => Length(M, N, Ldc);

    private static int Length(int rows, int cols, int ld) => rows == 0 || cols == 0 ? 0 : (rows - 1) * ld + cols;

    /// <summary>
    /// Runs the case on the device with <paramref name="kernel"/> (null: the one the backend picks) and checks C against
    /// a double reference: |C − ref| ≤ 4·(k + 2)·ε·(|alpha|·Σ|a||b| + |beta·C₀|) per element, untouched padding between rows,
    /// and, when <typeparamref name="T"/> is float, the CPU <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/> within the same bound.
    /// </summary>
    public void Check<T>(OpenCLQueue queue, OpenCLGemmKernelSource? kernel, bool? packed = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var random = new Random(Seed ^ 0x5bd1e995);
        T[] a = Fill<T>(random, ALength);
        T[] b = Fill<T>(random, BLength);
        T[] c0 = Fill<T>(random, CLength);
        if (Beta == 0)
        {
            Array.Fill(c0, T.NaN);
        }

        // Padding between rows of C is a sentinel the GEMM must leave alone.
        T sentinel = T.CreateTruncating(-12345);
        for (int i = 0; i < M; i++)
        {
            for (int j = N; j < Ldc && i * Ldc + j < c0.Length; j++)
            {
                c0[i * Ldc + j] = sentinel;
            }
        }

        T[] c = (T[])c0.Clone();
        using (var da = new DeviceBuffer<T>(queue, a))
        using (var db = new DeviceBuffer<T>(queue, b))
        using (var dc = new DeviceBuffer<T>(queue, c))
        {
            OpenCLBlas.GemmChecked(queue, kernel, packed, TransA, TransB, M, N, K, T.CreateTruncating(Alpha), da, Lda, db, Ldb, T.CreateTruncating(Beta), dc, Ldc);
            dc.CopyTo(c);
        }

        T[]? cpu = null;
        if (typeof(T) == typeof(float))
        {
            float[] cf = (float[])(object)c0.Clone();
            Blas.Gemm(TransA, TransB, M, N, K, (float)Alpha, (float[])(object)a, Lda, (float[])(object)b, Ldb, (float)Beta, cf, Ldc);
            cpu = (T[])(object)cf;
        }

        double epsilon = double.CreateTruncating(T.Epsilon) == 0 ? 0 : typeof(T) == typeof(float) ? 1.0 / (1 << 23) : 1.0 / (1L << 52);
        for (int i = 0; i < M; i++)
        {
            for (int j = 0; j < N; j++)
            {
                double sum = 0, magnitude = 0;
                for (int p = 0; p < K && Alpha != 0; p++)
                {
                    double x = double.CreateTruncating(a[TransA == Transpose.None ? i * Lda + p : p * Lda + i]);
                    double y = double.CreateTruncating(b[TransB == Transpose.None ? p * Ldb + j : j * Ldb + p]);
                    sum += x * y;
                    magnitude += Math.Abs(x * y);
                }

                double old = Beta == 0 ? 0 : double.CreateTruncating(c0[i * Ldc + j]);
                double expected = Alpha * sum + Beta * old;
                double bound = 4 * (K + 2) * epsilon * (Math.Abs(Alpha) * magnitude + Math.Abs(Beta * old)) + 1e-300;
                double actual = double.CreateTruncating(c[i * Ldc + j]);
                Assert.True(Math.Abs(actual - expected) <= bound,
                    $"{this}: C[{i},{j}] = {actual:R}, expected {expected:R} ± {bound:G3}");
                if (cpu is not null)
                {
                    double other = double.CreateTruncating(cpu[i * Ldc + j]);
                    Assert.True(Math.Abs(actual - other) <= 2 * bound, $"{this}: C[{i},{j}] = {actual:R} on the device, {other:R} on the CPU");
                }
            }

            for (int j = N; j < Ldc && i * Ldc + j < c.Length; j++)
            {
                Assert.True(c[i * Ldc + j] == sentinel, $"{this}: the padding C[{i},{j}] was written.");
            }
        }
    }

    private static T[] Fill<T>(Random random, int length)
        where T : IFloatingPointIeee754<T> =>
        Enumerable.Range(0, length).Select(_ => T.CreateTruncating(random.NextDouble() * 2 - 1)).ToArray();
}
