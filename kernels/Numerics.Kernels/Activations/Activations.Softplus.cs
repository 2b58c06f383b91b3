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
    /// <para>ln(1 + e^u)/β with u = β·x is evaluated as x + log1p(e^(−u))/β for u ≥ 0 and log1p(e^u)/β below: no
    /// overflow for large u, full accuracy for very negative u. In float lanes, u = β·x is rounded; where it matters
    /// (the left tail, e^u ≈ e^(βx)·(1 − (βx − u)) with an error of |u| half-ulps otherwise) the exact remainder
    /// d = βx − u = <c>Fma(β, x, −u)</c> corrects e^(−|u|) to first order, which is exact to float precision since |d| is
    /// below half an ulp of u. Where e^(−|u|) would be subnormal in float (|u| &gt; 80) it is formed 64 nats up and
    /// scaled back after the division by β, without the log1p (log1p(ε) = ε there in both types), so the tail keeps its
    /// bits when β is small. Beyond |u| = 10000 (the result is 0 or x there in both types) the remainder is taken as 0,
    /// so a huge or infinite u gives its limit.
    /// ∂/∂x = β·x &gt; threshold ? 1 : σ(β·x), in float lanes with the same remainder (σ(u + d) to second order in d).
    /// Limits: 0 at −∞ (β &gt; 0), derivative 0 at −∞ and 1 at ∞.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(SoftplusDerivative)])]
    private static float Softplus(float x, [Scalar] float beta, [Scalar] float threshold)
    {
        float u = beta * x;
        float a = Abs(u);
        float d = ProductRemainder(beta, x, u);
        bool tail = a > 80;
        float e = Exp((tail ? 64 : 0) - a);
        float corrected = Fma(e, u >= 0 ? -d : d, e);
        float r = (tail ? corrected : Log1p(corrected)) / beta * (tail ? ExpMinus64 : 1);
        return u > threshold ? x : (u >= 0 ? x + r : r);
    }

    private static float SoftplusDerivative(float x, float beta, float threshold)
    {
        // σ(βx) from the rounded u = βx and its remainder, as Swish's forward does (Activations.Silu.cs): in float
        // lanes the rounding of u alone would cost |u| half-ulps in the left tail.
        float u = beta * x;
        return u > threshold ? 1 : TimesSigmoidCorrected(1, u, ProductRemainder(beta, x, u));
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
    [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(SoftsignDerivative)])]
    private static float Softsign(float x) => Abs(x) > 1e30f ? CopySign(1, x) : x / (1 + Abs(x));

    private static float SoftsignDerivative(float x)
    {
        // (1 + |x|)² as 1 + a·(a + 2): one rounding (squaring a rounded 1 + |x| read 3.46 ulp over all floats).
        float a = Abs(x);
        return 1 / Fma(a, a + 2, 1);
    }
}
