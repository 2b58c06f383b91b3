namespace Numerics;

/// <summary>
/// Activation functions and their derivatives, element-wise over spans of <see cref="float"/> or
/// <see cref="double"/>. Each is defined once as scalar C# (the private <c>[ElementwiseKernel]</c> methods in
/// this class's files) and generated into SIMD code, <c>NameBackward</c> (vector-Jacobian product) and
/// <c>NameJvp</c> (Jacobian-vector product) entry points, and OpenCL C (<see cref="OpenCL"/>).
/// </summary>
/// <remarks>
/// <para>Definitions follow PyTorch's, and at kinks the derivative is the value PyTorch's backward uses.</para>
/// <para>
/// Accuracy (float): at most 4 ulp wherever the true result is a normal float, and at most one smallest normal
/// (1.18e-38) of absolute error elsewhere; special values are the mathematical limits, and NaN in gives NaN out
/// for functions and derivatives alike. <c>docs/accuracy.md</c> has the measured worst case per kernel.
/// </para>
/// <para>
/// Every entry point validates before it works: inputs must have equal lengths, destinations must be at least as
/// long, and a destination may be exactly an input (in place) but must not overlap one otherwise.
/// </para>
/// </remarks>
public static partial class Activations
{
    /// <summary>Inputs beyond this magnitude give derivatives equal to their limits at ±∞ in float and double.</summary>
    private const float DerivativeRange = 1e4f;
}
