using System.Runtime.Intrinsics;

namespace Numerics.Kernels;

/// <summary>
/// The arity of an element-wise operator: how many input streams it reads and output streams it writes.
/// Drivers read these as constants, so unused streams cost nothing.
/// </summary>
public interface IElementwiseOperator
{
    /// <summary>Number of input streams, 1 to 4.</summary>
    static abstract int InputCount { get; }

    /// <summary>Number of output streams, 1 or 2.</summary>
    static abstract int OutputCount { get; }
}

/// <summary>
/// What an element-wise operator computes at one width: <typeparamref name="TVector"/> is the scalar
/// element type itself (the tail), or <see cref="Vector128{T}"/>, <see cref="Vector256{T}"/>,
/// <see cref="Vector512{T}"/>. Implementations are generated from kernel definitions; the drivers in
/// <see cref="Elementwise"/> decide how memory is walked.
/// </summary>
/// <typeparam name="TVector">The lane type.</typeparam>
public interface IElementwiseOperator<TVector> : IElementwiseOperator
{
    /// <summary>
    /// Computes one block. Inputs past <see cref="IElementwiseOperator.InputCount"/> are
    /// <see langword="default"/> and must be ignored; outputs past
    /// <see cref="IElementwiseOperator.OutputCount"/> are discarded.
    /// </summary>
    void Invoke(TVector x0, TVector x1, TVector x2, TVector x3, out TVector y0, out TVector y1);
}
