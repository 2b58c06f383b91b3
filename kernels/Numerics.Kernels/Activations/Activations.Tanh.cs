using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Hyperbolic tangent: <c>destination[i] = tanh(x[i])</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>tanh′(x) = sech²(x), evaluated as <c>4e/(1+e)²</c> with <c>e = e^(−2|x|)</c> so it keeps its relative
    /// accuracy where tanh(x) rounds to ±1 (1 − tanh² would give 0 there). Limits: tanh(±∞) = ±1, tanh′(±∞) = 0.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(TanhDerivative)])]
    private static float Tanh(float x) => KernelMath.Tanh(x);

    private static float TanhDerivative(float x)
    {
        // (1 + e)² as 1 + e·(e + 2), as in SigmoidDerivative.
        float e = Exp(-2 * Abs(x));
        return 4 * e / Fma(e, e + 2, 1);
    }
}
