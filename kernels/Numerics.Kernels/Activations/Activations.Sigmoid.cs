using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Logistic sigmoid: <c>destination[i] = σ(x[i]) = 1 / (1 + e^(−x[i]))</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>Evaluated as <c>1/(1+e)</c> or <c>e/(1+e)</c> (one division) with <c>e = e^(−|x|)</c>, so it never overflows and
    /// σ(x) keeps full relative accuracy deep into the left tail (σ(−89) is the correct subnormal, not 0).
    /// σ′(x) = σ(x)·σ(−x) = e/(1+e)². Limits: σ(−∞) = 0, σ(∞) = 1, σ′(±∞) = 0.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(SigmoidDerivative)])]
    private static float Sigmoid(float x)
    {
        float e = Exp(-Abs(x));
        return (x >= 0 ? 1 : e) / (1 + e);
    }

    private static float SigmoidDerivative(float x)
    {
        // (1 + e)² as 1 + e·(e + 2): one rounding where squaring a rounded 1 + e compounded two (4.2 ulp in float
        // lanes over all floats, against 2.x now).
        float e = Exp(-Abs(x));
        return e / Fma(e, e + 2, 1);
    }
}
