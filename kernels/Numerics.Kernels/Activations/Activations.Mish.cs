using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Mish: <c>destination[i] = x · tanh(softplus(x))</c>, softplus(x) = ln(1 + e^x).</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>tanh(ln(1 + e^x)) = n/(n + 2) with n = e^x·(e^x + 2), one exponential; for x &gt; 20 it is 1 to double
    /// precision. For x &lt; 0 the product x·e^x is formed with one rounding (no subnormal intermediate below x = −87).
    /// mish′(x) = tanh(sp) + x·sech²(sp)·σ(x), sech²(sp) = 4/(q + 2 + 1/q) with q = (1+e^x)². Limits: mish(−∞) = 0,
    /// mish′(−∞) = 0, mish′(∞) = 1. Evaluated in double lanes: in float lanes the six roundings of this formula reach
    /// 4.6 ulp (x = −6.76, exhaustive run), and mish′ has a zero near x = −1.19.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, EvaluateInDouble = true, Derivatives = [nameof(MishDerivative)])]
    private static float Mish(float x)
    {
        float m = Min(x, 20);
        float e = Exp(m);
        float n = e * (e + 2);
        float numerator = x < 0 ? ExpMul(m, x) * (e + 2) : x * n;
        return x > 20 ? x : numerator / (n + 2);
    }

    private static float MishDerivative(float x)
    {
        float c = Clamp(x, -DerivativeRange, DerivativeRange);
        float t = MishTanhSoftplus(c);
        float e = Exp(c);
        float q = (1 + e) * (1 + e);
        float sech2 = 4 / (q + 2 + 1 / q);
        return t + c * sech2 * Sigmoid(c);
    }

    /// <summary>tanh(softplus(x)) with one exponential; a helper inlined into the kernels that call it.</summary>
    private static float MishTanhSoftplus(float x)
    {
        float e = Exp(Min(x, 20));
        float n = e * (e + 2);
        return x > 20 ? 1 : n / (n + 2);
    }
}
