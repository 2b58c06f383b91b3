using Numerics.Kernels;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Heaviside step, the perceptron's threshold: <c>destination[i] = x[i] &gt; 0 ? 1 : 0</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>step(0) = 0. The derivative is 0 everywhere (the backward pass passes no gradient), as a threshold
    /// unit has no useful gradient; NaN gives NaN.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float Step(float x) => x > 0 ? 1 : 0;
}
