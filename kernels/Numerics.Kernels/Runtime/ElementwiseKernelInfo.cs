using System;
using System.Collections.Generic;

namespace Numerics.Kernels;

/// <summary>Which entry point of a definition a descriptor describes.</summary>
public enum ElementwiseKernelKind
{
    /// <summary>The function itself.</summary>
    Forward,

    /// <summary>The vector-Jacobian product: gradient · ∂f/∂xⱼ for each tensor input.</summary>
    Backward,

    /// <summary>The Jacobian-vector product: Σⱼ ∂f/∂xⱼ · tangentⱼ.</summary>
    Jvp,
}

/// <summary>
/// Calls a generated element-wise entry point through a uniform shape: up to four inputs (unused ones empty),
/// the scalars in declaration order, up to two outputs.
/// </summary>
/// <remarks>
/// The slots follow <see cref="ElementwiseKernelInfo.Inputs"/>, <see cref="ElementwiseKernelInfo.Scalars"/> and
/// <see cref="ElementwiseKernelInfo.Outputs"/> (the OpenCL argument order), whatever the order of the entry point's
/// own parameters: <c>LeakyReluBackward(x, negativeSlope, gradient, destination)</c> is invoked with
/// <c>x0 = x</c>, <c>x1 = gradient</c>, <c>scalars = [negativeSlope]</c>, <c>y0 = destination</c>.
/// </remarks>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public delegate void ElementwiseInvoker<T>(
    ReadOnlySpan<T> x0, ReadOnlySpan<T> x1, ReadOnlySpan<T> x2, ReadOnlySpan<T> x3,
    ReadOnlySpan<T> scalars, Span<T> y0, Span<T> y1);

/// <summary>Describes one generated element-wise entry point, for tools that enumerate kernels.</summary>
/// <param name="Name">Entry point name, e.g. <c>GeluBackward</c>.</param>
/// <param name="Definition">Name of the definition it comes from, e.g. <c>Gelu</c>.</param>
/// <param name="Family">Declaring class, e.g. <c>Activations</c>.</param>
/// <param name="Kind">Forward, backward or JVP.</param>
/// <param name="Inputs">
/// Input span names in the order of the invoker's slots and of the OpenCL arguments: the definition's tensor
/// inputs, then the <c>gradient</c> (backward) or the tangents (JVP). The C# entry point takes the scalars between
/// the two groups.
/// </param>
/// <param name="Scalars">Scalar parameter names in order.</param>
/// <param name="Outputs">Output span names in order.</param>
/// <param name="EvaluatesInDouble">Whether the float kernel computes in double lanes.</param>
/// <param name="Single">Invokes the <see cref="float"/> entry point.</param>
/// <param name="Double">Invokes the <see cref="double"/> entry point.</param>
/// <param name="OpenCL">The OpenCL C sources of the same entry point.</param>
public sealed record ElementwiseKernelInfo(
    string Name,
    string Definition,
    string Family,
    ElementwiseKernelKind Kind,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Scalars,
    IReadOnlyList<string> Outputs,
    bool EvaluatesInDouble,
    ElementwiseInvoker<float> Single,
    ElementwiseInvoker<double> Double,
    OpenCLKernelPair OpenCL);
