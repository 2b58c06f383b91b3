using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using Numerics.Gemm;
using Numerics.Kernels;

namespace Numerics;

/// <summary>
/// Dense linear algebra on row-major matrices with BLAS semantics: <c>C = alpha·op(A)·op(B) + beta·C</c> and
/// <c>y = alpha·op(A)·x + beta·y</c>.
/// </summary>
/// <remarks>
/// <para>
/// Matrices are row-major: element (i, j) of a matrix with leading dimension <c>ld</c> is at <c>i·ld + j</c>, and
/// <c>ld</c> must be at least the number of stored columns. Spans need only reach the last element used
/// (<c>(rows − 1)·ld + columns</c>). Sizes may be 0: nothing is read, and with k = 0 C is still scaled by beta.
/// </para>
/// <para>
/// With <c>beta == 0</c>, C is never read, so NaN or garbage in it cannot leak into the result; with
/// <c>alpha == 0</c>, A and B are not read. Otherwise NaN and ∞ propagate as IEEE arithmetic says.
/// </para>
/// <para>
/// Every element of C is a chain of fused multiply-adds over k, restarted every 256 steps, then
/// <c>alpha·acc</c> or <c>fma(beta, c, alpha·acc)</c>: results are bit-identical across instruction sets (512-,
/// 256-, 128-bit or scalar code) and thread counts. The matrix-vector shapes (<see cref="Gemv(Transpose, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float})"/>
/// without transpose, and the m = 1 / n = 1 products that reduce to it) sum dot products in vector lanes instead,
/// so their last bits may differ between instruction sets; they are still the same for any thread count.
/// </para>
/// <para>Methods are thread-safe; concurrent calls may run in parallel. Outputs must not overlap inputs.</para>
/// </remarks>
public static unsafe class Blas
{
    /// <summary>General matrix product: <c>C = alpha·op(A)·op(B) + beta·C</c>, with op(A) m×k, op(B) k×n and C m×n.</summary>
    /// <param name="transA">Whether op(A) is A (stored m×k) or Aᵀ (A stored k×m).</param>
    /// <param name="transB">Whether op(B) is B (stored k×n) or Bᵀ (B stored n×k).</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Distance between rows of A as stored.</param>
    /// <param name="b">B, row-major with leading dimension <paramref name="ldb"/>.</param>
    /// <param name="ldb">Distance between rows of B as stored.</param>
    /// <param name="beta">Scale of C's previous contents (0: C is not read).</param>
    /// <param name="c">C, row-major with leading dimension <paramref name="ldc"/>; must not overlap A or B.</param>
    /// <param name="ldc">Distance between rows of C.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A leading dimension is smaller than a row, a span is too short for its
    /// matrix, or C overlaps A or B.</exception>
    public static void Gemm(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, ReadOnlySpan<float> b, int ldb, float beta, Span<float> c, int ldc) =>
        GemmChecked(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <inheritdoc cref="Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
    public static void Gemm(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, ReadOnlySpan<double> b, int ldb, double beta, Span<double> c, int ldc) =>
        GemmChecked(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);

    /// <summary>Matrix product of dense row-major matrices: <c>C = A·B</c>, with A m×k, B k×n and C m×n.</summary>
    /// <param name="a">A: m·k values.</param>
    /// <param name="b">B: k·n values.</param>
    /// <param name="c">C: m·n values, overwritten (not read); must not overlap A or B.</param>
    /// <param name="m">Rows of A and C.</param>
    /// <param name="k">Columns of A, rows of B.</param>
    /// <param name="n">Columns of B and C.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">A span is too short, or C overlaps A or B.</exception>
    public static void MatMul(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, int m, int k, int n) =>
        GemmChecked(Transpose.None, Transpose.None, m, n, k, 1f, a, Math.Max(1, k), b, Math.Max(1, n), 0f, c, Math.Max(1, n));

    /// <inheritdoc cref="MatMul(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, int, int, int)"/>
    public static void MatMul(ReadOnlySpan<double> a, ReadOnlySpan<double> b, Span<double> c, int m, int k, int n) =>
        GemmChecked(Transpose.None, Transpose.None, m, n, k, 1.0, a, Math.Max(1, k), b, Math.Max(1, n), 0.0, c, Math.Max(1, n));

    /// <summary>
    /// Many independent products of one shape, at fixed strides: for each <c>t &lt; batchCount</c>,
    /// <c>Cₜ = alpha·op(Aₜ)·op(Bₜ) + beta·Cₜ</c> where <c>Aₜ</c> starts at <c>t·strideA</c> in
    /// <paramref name="a"/> (likewise B and C). Attention heads and batched layers are this shape.
    /// </summary>
    /// <param name="transA">Whether op(A) is A or Aᵀ.</param>
    /// <param name="transB">Whether op(B) is B or Bᵀ.</param>
    /// <param name="m">Rows of op(A) and C.</param>
    /// <param name="n">Columns of op(B) and C.</param>
    /// <param name="k">Columns of op(A), rows of op(B).</param>
    /// <param name="alpha">Scale of each product.</param>
    /// <param name="a">Every A; a stride of 0 shares one A across the batch.</param>
    /// <param name="lda">Leading dimension of each A.</param>
    /// <param name="strideA">Elements between consecutive A matrices (≥ 0).</param>
    /// <param name="b">Every B; a stride of 0 shares one B across the batch.</param>
    /// <param name="ldb">Leading dimension of each B.</param>
    /// <param name="strideB">Elements between consecutive B matrices (≥ 0).</param>
    /// <param name="beta">Scale of each C's previous contents (0: not read).</param>
    /// <param name="c">Every C; they must not overlap each other, A or B.</param>
    /// <param name="ldc">Leading dimension of each C.</param>
    /// <param name="strideC">Elements between consecutive C matrices: at least one C's extent when batchCount &gt; 1.</param>
    /// <param name="batchCount">Number of products (≥ 0).</param>
    /// <exception cref="ArgumentOutOfRangeException">A size, stride or the batch count is negative.</exception>
    /// <exception cref="ArgumentException">A leading dimension is too small, a span is too short, the C matrices
    /// overlap one another, or C overlaps A or B.</exception>
    public static void GemmStridedBatched(Transpose transA, Transpose transB, int m, int n, int k, float alpha,
        ReadOnlySpan<float> a, int lda, long strideA, ReadOnlySpan<float> b, int ldb, long strideB,
        float beta, Span<float> c, int ldc, long strideC, int batchCount) =>
        BatchedChecked(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC, batchCount);

    /// <inheritdoc cref="GemmStridedBatched(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, long, ReadOnlySpan{float}, int, long, float, Span{float}, int, long, int)"/>
    public static void GemmStridedBatched(Transpose transA, Transpose transB, int m, int n, int k, double alpha,
        ReadOnlySpan<double> a, int lda, long strideA, ReadOnlySpan<double> b, int ldb, long strideB,
        double beta, Span<double> c, int ldc, long strideC, int batchCount) =>
        BatchedChecked(transA, transB, m, n, k, alpha, a, lda, strideA, b, ldb, strideB, beta, c, ldc, strideC, batchCount);

    /// <summary>Matrix-vector product: <c>y = alpha·op(A)·x + beta·y</c>, with A stored m×n.</summary>
    /// <param name="trans">None: y (length m) = A·x (x length n). Transpose: y (length n) = Aᵀ·x (x length m).</param>
    /// <param name="m">Rows of A as stored.</param>
    /// <param name="n">Columns of A as stored.</param>
    /// <param name="alpha">Scale of the product.</param>
    /// <param name="a">A, row-major with leading dimension <paramref name="lda"/>.</param>
    /// <param name="lda">Distance between rows of A.</param>
    /// <param name="x">The vector multiplied (contiguous).</param>
    /// <param name="beta">Scale of y's previous contents (0: y is not read).</param>
    /// <param name="y">The result (contiguous); must not overlap A or x.</param>
    /// <exception cref="ArgumentOutOfRangeException">A size is negative.</exception>
    /// <exception cref="ArgumentException">The leading dimension is smaller than a row, a span is too short, or y
    /// overlaps A or x.</exception>
    public static void Gemv(Transpose trans, int m, int n, float alpha, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> x, float beta, Span<float> y) =>
        GemvChecked(trans, m, n, alpha, a, lda, x, beta, y);

    /// <inheritdoc cref="Gemv(Transpose, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, float, Span{float})"/>
    public static void Gemv(Transpose trans, int m, int n, double alpha, ReadOnlySpan<double> a, int lda,
        ReadOnlySpan<double> x, double beta, Span<double> y) =>
        GemvChecked(trans, m, n, alpha, a, lda, x, beta, y);

    private static void GemmChecked<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, ReadOnlySpan<T> b, int ldb, T beta, Span<T> c, int ldc)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckTranspose(transA, nameof(transA));
        CheckTranspose(transB, nameof(transB));
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        bool aUsed = m > 0 && n > 0 && k > 0 && alpha != T.Zero;
        long aExtent = Extent(transA == Transpose.None ? m : k, transA == Transpose.None ? k : m, lda, a.Length, nameof(a), nameof(lda));
        long bExtent = Extent(transB == Transpose.None ? k : n, transB == Transpose.None ? n : k, ldb, b.Length, nameof(b), nameof(ldb));
        long cExtent = Extent(m, n, ldc, c.Length, nameof(c), nameof(ldc));
        if (aUsed)
        {
            CheckNoOverlap(c[..(int)cExtent], a[..(int)aExtent], nameof(c), nameof(a));
            CheckNoOverlap(c[..(int)cExtent], b[..(int)bExtent], nameof(c), nameof(b));
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            var g = new GemmArgs<T>
            {
                TransA = transA, TransB = transB, M = m, N = n, K = k, Alpha = alpha,
                A = pa, Lda = lda, B = pb, Ldb = ldb, Beta = beta, C = pc, Ldc = ldc,
            };
            GemmCore.Run(g, GemmCore.ThreadsFor(2.0 * m * n * k));
        }
    }

    private static void BatchedChecked<T>(Transpose transA, Transpose transB, int m, int n, int k, T alpha,
        ReadOnlySpan<T> a, int lda, long strideA, ReadOnlySpan<T> b, int ldb, long strideB,
        T beta, Span<T> c, int ldc, long strideC, int batchCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckTranspose(transA, nameof(transA));
        CheckTranspose(transB, nameof(transB));
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegative(strideA);
        ArgumentOutOfRangeException.ThrowIfNegative(strideB);
        ArgumentOutOfRangeException.ThrowIfNegative(strideC);
        ArgumentOutOfRangeException.ThrowIfNegative(batchCount);
        long aOne = Extent(transA == Transpose.None ? m : k, transA == Transpose.None ? k : m, lda, long.MaxValue, nameof(a), nameof(lda));
        long bOne = Extent(transB == Transpose.None ? k : n, transB == Transpose.None ? n : k, ldb, long.MaxValue, nameof(b), nameof(ldb));
        long cOne = Extent(m, n, ldc, long.MaxValue, nameof(c), nameof(ldc));
        if (batchCount == 0)
        {
            return;
        }

        if (batchCount > 1 && cOne > 0 && strideC < cOne)
        {
            Throw.Argument(nameof(strideC), $"strideC is {strideC}, but each C matrix spans {cOne} elements: the products would overwrite one another.");
        }

        long aExtent = BatchExtent(aOne, strideA, batchCount, a.Length, nameof(a));
        long bExtent = BatchExtent(bOne, strideB, batchCount, b.Length, nameof(b));
        long cExtent = BatchExtent(cOne, strideC, batchCount, c.Length, nameof(c));
        if (m > 0 && n > 0 && k > 0 && alpha != T.Zero)
        {
            CheckNoOverlap(c[..(int)cExtent], a[..(int)aExtent], nameof(c), nameof(a));
            CheckNoOverlap(c[..(int)cExtent], b[..(int)bExtent], nameof(c), nameof(b));
        }

        fixed (T* pa = a, pb = b, pc = c)
        {
            var g = new GemmArgs<T>
            {
                TransA = transA, TransB = transB, M = m, N = n, K = k, Alpha = alpha,
                A = pa, Lda = lda, B = pb, Ldb = ldb, Beta = beta, C = pc, Ldc = ldc,
            };
            int threads = GemmCore.ThreadsFor(2.0 * m * n * k * batchCount);
            if (batchCount == 1 || threads == 1)
            {
                for (int t = 0; t < batchCount; t++)
                {
                    GemmCore.Run(Offset(g, t, strideA, strideB, strideC), threads);
                }
            }
            else
            {
                // Whole products per thread: each is small, and they share nothing.
                var body = new BatchBody<T> { Args = g, StrideA = strideA, StrideB = strideB, StrideC = strideC };
                ParallelChunks<BatchBody<T>>.Run(body, batchCount, threads);
            }
        }
    }

    private static void GemvChecked<T>(Transpose trans, int m, int n, T alpha, ReadOnlySpan<T> a, int lda,
        ReadOnlySpan<T> x, T beta, Span<T> y)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckTranspose(trans, nameof(trans));
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        long aExtent = Extent(m, n, lda, a.Length, nameof(a), nameof(lda));
        int xLength = trans == Transpose.None ? n : m;
        int yLength = trans == Transpose.None ? m : n;
        if (x.Length < xLength)
        {
            Throw.Argument(nameof(x), $"x has {x.Length} elements, expected at least {xLength}.");
        }

        if (y.Length < yLength)
        {
            Throw.Argument(nameof(y), $"y has {y.Length} elements, expected at least {yLength}.");
        }

        if (xLength > 0 && alpha != T.Zero)
        {
            CheckNoOverlap(y[..yLength], a[..(int)aExtent], nameof(y), nameof(a));
            CheckNoOverlap(y[..yLength], x[..xLength], nameof(y), nameof(x));
        }

        fixed (T* pa = a, px = x, py = y)
        {
            // y = alpha·op(A)·x + beta·y is the product with op(A) yLength×xLength and x as a column.
            var g = new GemmArgs<T>
            {
                TransA = trans, TransB = Transpose.None, M = yLength, N = 1, K = xLength, Alpha = alpha,
                A = pa, Lda = lda, B = px, Ldb = 1, Beta = beta, C = py, Ldc = 1,
            };
            GemmCore.Run(g, GemmCore.ThreadsFor(2.0 * m * n));
        }
    }

    private static GemmArgs<T> Offset<T>(GemmArgs<T> g, int t, long strideA, long strideB, long strideC)
        where T : unmanaged
    {
        g.A += t * strideA;
        g.B += t * strideB;
        g.C += t * strideC;
        return g;
    }

    /// <summary>Elements a rows×cols matrix with leading dimension ld spans; validates ld and the span's length.</summary>
    private static long Extent(int rows, int cols, int ld, long length, string name, string ldName)
    {
        if (ld < Math.Max(1, cols))
        {
            Throw.Argument(ldName, $"{ldName} is {ld}, but the rows of {name} hold {cols} elements: it must be at least {Math.Max(1, cols)}.");
        }

        long extent = rows == 0 || cols == 0 ? 0 : (long)(rows - 1) * ld + cols;
        if (length < extent)
        {
            Throw.Argument(name, $"{name} has {length} elements, but a {rows}×{cols} matrix with leading dimension {ld} needs {extent}.");
        }

        return extent;
    }

    private static long BatchExtent(long one, long stride, int batchCount, int length, string name)
    {
        long extent = one == 0 ? 0 : (batchCount - 1) * stride + one;
        if (length < extent)
        {
            Throw.Argument(name, $"{name} has {length} elements, but {batchCount} matrices of {one} elements at stride {stride} need {extent}.");
        }

        return extent;
    }

    private static void CheckNoOverlap<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> input, string outputName, string inputName)
    {
        if (output.Overlaps(input))
        {
            Throw.Argument(outputName, $"{outputName} overlaps {inputName}; the result cannot be written over an input.");
        }
    }

    private static void CheckTranspose(Transpose value, string name)
    {
        if (value is not (Transpose.None or Transpose.Transpose))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be Transpose.None or Transpose.Transpose.");
        }
    }

    private struct BatchBody<T> : IChunkBody
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public GemmArgs<T> Args;
        public long StrideA, StrideB, StrideC;

        public readonly void Run(int chunk) => GemmCore.Run(Offset(Args, chunk, StrideA, StrideB, StrideC), 1);
    }
}

/// <summary>Throw helpers, so callers stay small and inlinable.</summary>
internal static class Throw
{
    [DoesNotReturn]
    public static void Argument(string paramName, string message) => throw new ArgumentException(message, paramName);
}
