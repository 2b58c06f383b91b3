using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>
    /// Softplus with PyTorch's β and threshold: <c>destination[i] = β·x &gt; threshold ? x : ln(1 + e^(β·x)) / β</c>.
    /// </summary>
    /// <param name="x">Input.</param>
    /// <param name="beta">β (PyTorch's default is 1); must not be 0.</param>
    /// <param name="threshold">Above this value of β·x the function is the identity (PyTorch's default is 20).</param>
    /// <remarks>
    /// <para>ln(1 + e^u) is evaluated as max(u, 0) + log1p(e^(−|u|)): no overflow for large u, full accuracy for very
    /// negative u. ∂/∂x = β·x &gt; threshold ? 1 : σ(β·x). Evaluated in double lanes (the rounding of β·x would be
    /// amplified in the left tail). Limits: 0 at −∞ (β &gt; 0), derivative 0 at −∞ and 1 at ∞.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, EvaluateInDouble = true, Derivatives = [nameof(SoftplusDerivative)])]
    private static float Softplus(float x, [Scalar] float beta, [Scalar] float threshold)
    {
        float u = beta * x;
        return u > threshold ? x : (Max(u, 0) + Log1p(Exp(-Abs(u)))) / beta;
    }

    private static float SoftplusDerivative(float x, float beta, float threshold)
    {
        float u = beta * x;
        return u > threshold ? 1 : Sigmoid(u);
    }

    /// <summary>Log-sigmoid: <c>destination[i] = ln σ(x) = −softplus(−x)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>Evaluated as −(max(−x, 0) + log1p(e^(−|x|))), stable for all x. Derivative σ(−x).
    /// Limits: −∞ at −∞ (derivative 1), 0 at ∞ (derivative 0).</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(LogSigmoidDerivative)])]
    private static float LogSigmoid(float x) => -(Max(-x, 0) + Log1p(Exp(-Abs(x))));

    private static float LogSigmoidDerivative(float x) => Sigmoid(-x);

    /// <summary>Softsign: <c>destination[i] = x / (1 + |x|)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks><para>softsign(±∞) = ±1; derivative 1/(1 + |x|)², 0 at ±∞.</para></remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(SoftsignDerivative)])]
    private static float Softsign(float x) => Abs(x) > 1e30f ? CopySign(1, x) : x / (1 + Abs(x));

    private static float SoftsignDerivative(float x)
    {
        float d = 1 + Abs(x);
        return 1 / (d * d);
    }
}
