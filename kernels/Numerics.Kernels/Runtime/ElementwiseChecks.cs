using System;
using System.Diagnostics.CodeAnalysis;

namespace Numerics.Kernels;

/// <summary>
/// Argument checks used by generated element-wise entry points, before any work is done. Messages are fixed
/// and name the parameter and the sizes involved.
/// </summary>
public static class ElementwiseChecks
{
    /// <summary>Throws unless an input has the same length as the first input.</summary>
    /// <param name="expected">Length of the first input.</param>
    /// <param name="actual">Length of this input.</param>
    /// <param name="paramName">Name of this input.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void InputLength(int expected, int actual, string paramName)
    {
        if (actual != expected)
        {
            ThrowInputLength(expected, actual, paramName);
        }
    }

    /// <summary>Throws unless a destination can hold <paramref name="required"/> elements.</summary>
    /// <param name="required">Number of elements that will be written.</param>
    /// <param name="actual">Length of the destination.</param>
    /// <param name="paramName">Name of the destination.</param>
    /// <exception cref="ArgumentException">The destination is too short.</exception>
    public static void DestinationLength(int required, int actual, string paramName)
    {
        if (actual < required)
        {
            ThrowDestinationLength(required, actual, paramName);
        }
    }

    /// <summary>
    /// Throws when <paramref name="destination"/> overlaps <paramref name="input"/> other than by starting at the
    /// same element (exact in-place use is allowed).
    /// </summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="input">An input span.</param>
    /// <param name="destination">A destination span (only its first <paramref name="input"/>.Length elements are written).</param>
    /// <param name="paramName">Name of the destination.</param>
    /// <exception cref="ArgumentException">The spans overlap partially.</exception>
    public static void NoPartialOverlap<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> destination, string paramName)
    {
        if (input.Overlaps(destination.Slice(0, Math.Min(destination.Length, input.Length)), out int offset) && offset != 0)
        {
            ThrowPartialOverlap(paramName);
        }
    }

    /// <summary>Throws when two destinations share any element.</summary>
    /// <typeparam name="T">Element type.</typeparam>
    /// <param name="first">The first destination (its first <paramref name="length"/> elements are written).</param>
    /// <param name="second">The second destination.</param>
    /// <param name="length">Number of elements written to each.</param>
    /// <param name="paramName">Name of the second destination.</param>
    /// <exception cref="ArgumentException">The destinations overlap.</exception>
    public static void DistinctDestinations<T>(Span<T> first, Span<T> second, int length, string paramName)
    {
        if (length > 0 && first.Slice(0, length).Overlaps(second.Slice(0, length)))
        {
            ThrowOverlappingDestinations(paramName);
        }
    }

    /// <summary>Throws when a per-call scalar is NaN.</summary>
    /// <param name="value">The scalar.</param>
    /// <param name="paramName">Its name.</param>
    /// <exception cref="ArgumentOutOfRangeException">The value is NaN.</exception>
    public static void NotNaN(double value, string paramName)
    {
        if (double.IsNaN(value))
        {
            ThrowNaN(paramName);
        }
    }

    [DoesNotReturn]
    private static void ThrowInputLength(int expected, int actual, string paramName) =>
        throw new ArgumentException($"Input spans must have the same length: {paramName} has {actual} elements, expected {expected}.", paramName);

    [DoesNotReturn]
    private static void ThrowDestinationLength(int required, int actual, string paramName) =>
        throw new ArgumentException($"Destination is too short: {paramName} has {actual} elements, expected at least {required}.", paramName);

    [DoesNotReturn]
    private static void ThrowPartialOverlap(string paramName) =>
        throw new ArgumentException($"Destination {paramName} overlaps an input other than exactly in place.", paramName);

    [DoesNotReturn]
    private static void ThrowOverlappingDestinations(string paramName) =>
        throw new ArgumentException($"Destination {paramName} overlaps another destination.", paramName);

    [DoesNotReturn]
    private static void ThrowNaN(string paramName) =>
        throw new ArgumentOutOfRangeException(paramName, "The scalar parameter is NaN.");
}
