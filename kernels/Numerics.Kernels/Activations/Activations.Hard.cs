using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Hard sigmoid: <c>destination[i] = min(max(x + 3, 0), 6) / 6</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>Derivative 1/6 for −3 &lt; x &lt; 3, else 0 (0 at ±3, as PyTorch). The bounds are tested on x itself, not on
    /// x + 3, which rounds to 6 just below x = 3.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float HardSigmoid(float x) => x <= -3 ? 0 : (x >= 3 ? 1 : (x + 3) / 6);

    /// <summary>Hard swish: <c>destination[i] = x · min(max(x + 3, 0), 6) / 6</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>Derivative as PyTorch's backward: 0 for x &lt; −3, x/3 + ½ for −3 ≤ x ≤ 3 (so −½ at −3 and 1.5 at 3),
    /// 1 for x &gt; 3.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float HardSwish(float x) => x < -3 ? 0 : (x <= 3 ? x * (x + 3) / 6 : x);

    /// <summary>Hard tanh: <c>destination[i] = min(max(x, minValue), maxValue)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="minValue">Lower bound (PyTorch's default is −1).</param>
    /// <param name="maxValue">Upper bound (PyTorch's default is 1); at least <paramref name="minValue"/>.</param>
    /// <remarks><para>Derivative 1 strictly between the bounds, else 0 (0 at the bounds, as PyTorch).</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float HardTanh(float x, [Scalar] float minValue, [Scalar] float maxValue) => Clamp(x, minValue, maxValue);
}
