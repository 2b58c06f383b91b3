using System;
using System.Numerics;
using System.Numerics.Tensors;

namespace Numerics;

/// <summary>
/// Row-wise softmax of a row-major <c>rows × columns</c> matrix:
/// <c>destination[i, j] = exp(x[i, j] − max_i) / Σ_j' exp(x[i, j'] − max_i)</c>, with <c>max_i</c> the row's maximum.
/// </summary>
/// <remarks>
/// <para>Stable by construction: the row maximum is subtracted before exponentiating (TensorPrimitives.SoftMax does not
/// subtract it, so it overflows to NaN for inputs above ~88 in float), so every exponent is ≤ 0 and the sum lies in
/// [1, columns].</para>
/// <para>Special values: −∞ entries give 0 (as long as the row has a finite entry); a NaN anywhere in a row makes the
/// whole row NaN; a row holding +∞ is NaN (∞ − ∞, as in PyTorch); a row that is all −∞ is NaN (there is no maximum to
/// shift by). Error: within 4·ε·(2 + |x[i, j] − max_i|) relative per element of the exact result, plus the rounding of
/// the sum (≈ log₂(columns)·ε). Results may differ in the last bits between instruction sets.</para>
/// <para><c>x</c> and <c>destination</c> may be the same memory (in place); partial overlap is rejected.</para>
/// </remarks>
public static class Softmax
{
    /// <summary>Softmax of each row of <paramref name="x"/> into <paramref name="destination"/>.</summary>
    /// <param name="x">The input, row-major, at least <c>rows × columns</c> elements.</param>
    /// <param name="destination">The output, at least <c>rows × columns</c> elements; may be <paramref name="x"/> itself.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Elements per row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is too short, or they partially overlap.</exception>
    public static void Rows(ReadOnlySpan<float> x, Span<float> destination, int rows, int columns) =>
        RowwiseSoftmax.Run(x, destination, rows, columns, log: false);

    /// <inheritdoc cref="Rows(ReadOnlySpan{float}, Span{float}, int, int)"/>
    public static void Rows(ReadOnlySpan<double> x, Span<double> destination, int rows, int columns) =>
        RowwiseSoftmax.Run(x, destination, rows, columns, log: false);
}

/// <summary>
/// Row-wise log-softmax of a row-major <c>rows × columns</c> matrix:
/// <c>destination[i, j] = (x[i, j] − max_i) − log Σ_j' exp(x[i, j'] − max_i)</c>.
/// </summary>
/// <remarks>
/// <para>Log-sum-exp with the row maximum subtracted, so nothing overflows and the largest entry's result is
/// −log(sum) ∈ [−log(columns), 0].</para>
/// <para>Special values as <see cref="Softmax"/>: −∞ entries give −∞, NaN in a row makes it NaN, +∞ in a row or an
/// all −∞ row gives NaN. Error: within 4·ε·(2 + |x[i, j] − max_i| + log(columns)) absolute.</para>
/// <para>In place allowed; partial overlap is rejected.</para>
/// </remarks>
public static class LogSoftmax
{
    /// <summary>Log-softmax of each row of <paramref name="x"/> into <paramref name="destination"/>.</summary>
    /// <param name="x">The input, row-major, at least <c>rows × columns</c> elements.</param>
    /// <param name="destination">The output, at least <c>rows × columns</c> elements; may be <paramref name="x"/> itself.</param>
    /// <param name="rows">Number of rows.</param>
    /// <param name="columns">Elements per row.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is negative.</exception>
    /// <exception cref="ArgumentException">A span is too short, or they partially overlap.</exception>
    public static void Rows(ReadOnlySpan<float> x, Span<float> destination, int rows, int columns) =>
        RowwiseSoftmax.Run(x, destination, rows, columns, log: true);

    /// <inheritdoc cref="Rows(ReadOnlySpan{float}, Span{float}, int, int)"/>
    public static void Rows(ReadOnlySpan<double> x, Span<double> destination, int rows, int columns) =>
        RowwiseSoftmax.Run(x, destination, rows, columns, log: true);
}

/// <summary>The shared driver: validation, then per row max (TensorPrimitives.Max propagates NaN), shift, exp, sum.</summary>
internal static class RowwiseSoftmax
{
    /// <summary>Elements exponentiated at a time into a stack buffer when the destination cannot hold them (log form).</summary>
    private const int Chunk = 256;

    public static void Run<T>(ReadOnlySpan<T> x, Span<T> destination, int rows, int columns, bool log)
        where T : unmanaged, IFloatingPointIeee754<T>, IExponentialFunctions<T>, ILogarithmicFunctions<T>
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        long total = (long)rows * columns;
        if (x.Length < total)
        {
            Throw.Argument(nameof(x), $"x has {x.Length} elements, expected at least {total} ({rows}×{columns}).");
        }

        if (destination.Length < total)
        {
            Throw.Argument(nameof(destination), $"destination has {destination.Length} elements, expected at least {total} ({rows}×{columns}).");
        }

        int n = (int)total;
        if (n == 0)
        {
            return;
        }

        ReadOnlySpan<T> input = x[..n];
        Span<T> output = destination[..n];
        if (input.Overlaps(output, out int offset) && offset != 0)
        {
            Throw.Argument(nameof(destination), "destination partially overlaps x; use the same memory (in place) or separate memory.");
        }

        Span<T> scratch = stackalloc T[Chunk];
        for (int i = 0; i < rows; i++)
        {
            ReadOnlySpan<T> row = input.Slice(i * columns, columns);
            Span<T> target = output.Slice(i * columns, columns);
            T max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, target);
            if (!log)
            {
                TensorPrimitives.Exp(target, target);
                T sum = TensorPrimitives.Sum<T>(target);
                TensorPrimitives.Divide(target, sum, target);
                continue;
            }

            // Σ exp(x − max) without overwriting the shifted values: exponentiate in chunks on the stack.
            T total2 = T.Zero;
            for (int j = 0; j < columns; j += Chunk)
            {
                Span<T> part = scratch[..Math.Min(Chunk, columns - j)];
                TensorPrimitives.Exp(target.Slice(j, part.Length), part);
                total2 += TensorPrimitives.Sum<T>(part);
            }

            TensorPrimitives.Subtract(target, T.Log(total2), target);
        }
    }
}
