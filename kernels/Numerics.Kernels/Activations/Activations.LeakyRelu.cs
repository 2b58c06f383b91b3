using Numerics.Kernels;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Leaky ReLU: <c>destination[i] = x[i] &gt; 0 ? x[i] : negativeSlope · x[i]</c>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="negativeSlope">Slope for x ≤ 0 (PyTorch's default is 0.01).</param>
    /// <remarks><para>Derivative: 1 for x &gt; 0, else <c>negativeSlope</c> (also at x = 0, as PyTorch).</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float LeakyRelu(float x, [Scalar] float negativeSlope) => x > 0 ? x : negativeSlope * x;

    /// <summary>Parametric ReLU with a per-element slope: <c>destination[i] = x[i] &gt; 0 ? x[i] : slope[i] · x[i]</c>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="slope">Learned slope for x ≤ 0, one per element (broadcast a per-channel slope before calling).</param>
    /// <remarks><para>∂/∂x = x &gt; 0 ? 1 : slope; ∂/∂slope = x &gt; 0 ? 0 : x (as PyTorch's prelu backward).</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float PRelu(float x, float slope) => x > 0 ? x : slope * x;
}
