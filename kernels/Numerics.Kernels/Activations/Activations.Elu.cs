using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    private const float SeluAlpha = 1.6732632423543772848170429916717f;
    private const float SeluScale = 1.0507009873554804934193349852946f;
    private const float SeluScaleAlpha = 1.7580993408473768599402175208123f;
    private const float SeluScaleMinusOne = 0.0507009873554804934193349852946f;

    /// <summary>Exponential linear unit: <c>destination[i] = x[i] &gt; 0 ? x[i] : alpha · (e^x[i] − 1)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="alpha">Saturation value for x → −∞ is −alpha (PyTorch's default is 1).</param>
    /// <remarks><para>e^x − 1 is computed with <c>expm1</c>, accurate near 0. elu′(x) = x &gt; 0 ? 1 : alpha · e^x (alpha at x = 0, as PyTorch).</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float Elu(float x, [Scalar] float alpha) => x > 0 ? x : alpha * Expm1(x);

    /// <summary>Scaled ELU: <c>destination[i] = λ · (x &gt; 0 ? x : α·(e^x − 1))</c> with PyTorch's λ ≈ 1.0507, α ≈ 1.6733.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>For x &gt; 0, λx is formed as x + (λ − 1)·x: the float constant λ − 1 carries λ's rounding at a twentieth of
    /// the weight, so the result overflows to ∞ exactly where λx does (with λ rounded to float, x ≈ 3.2386e38 gave ∞
    /// where λx is below float.MaxValue). selu′(x) = λ for x &gt; 0, else λα·e^x (also at x = 0). Limits: selu(−∞) = −λα.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(SeluDerivative)])]
    private static float Selu(float x) => x > 0 ? x + SeluScaleMinusOne * x : SeluScaleAlpha * Expm1(x);

    private static float SeluDerivative(float x) => x > 0 ? SeluScale : SeluScaleAlpha * Exp(x);

    /// <summary>Continuously differentiable ELU: <c>destination[i] = x &gt; 0 ? x : alpha · (e^(x/alpha) − 1)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <param name="alpha">Scale (PyTorch's default is 1); must not be 0.</param>
    /// <remarks><para>celu′(x) = x &gt; 0 ? 1 : e^(x/alpha) (1 at x = 0).</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float Celu(float x, [Scalar] float alpha) => x > 0 ? x : alpha * Expm1(x / alpha);
}
