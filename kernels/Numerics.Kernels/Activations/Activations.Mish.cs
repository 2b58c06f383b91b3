using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Mish: <c>destination[i] = x · tanh(softplus(x))</c>, softplus(x) = ln(1 + e^x).</summary>
    /// <param name="x">Input.</param>
    /// <remarks>
    /// <para>tanh(ln(1 + e^x)) = n/(n + 2) with n = e^x·(e^x + 2), one exponential, in float lanes: mish(x) =
    /// (x·n)/(n + 2) with n formed as e·e + (e + e), so that for x &lt; 0, where e = e^x &lt; 1 and the result is
    /// sensitive to n, e² is the small term and n rounds about once. For x &gt; 20 it is x. Below x = −80, where e^x
    /// alone would be subnormal in float, mish(x) = x·e^x to the precision of either type, formed by
    /// <see cref="KernelMath.ExpMul(float, float)"/> with one rounding (0 where e^x is, so mish(−∞) = 0); its
    /// reduction is the one of e^m, which the JIT shares. Measured by <c>numerics accuracy --exhaustive --kernel Mish</c>: see
    /// docs/accuracy.md (the earlier float formula, e·(e + 2) and x·(n/(n + 2)), reached 4.6 ulp, which is why this
    /// kernel evaluated in double lanes before, at 3–5× the cost).
    /// mish′(x) = tanh(sp) + x·sech²(sp)·σ(x), sech²(sp) = 4/(q + 2 + 1/q) with q = (1+e^x)². Limits: mish(−∞) = 0,
    /// mish′(−∞) = 0, mish′(∞) = 1. The derivative kernels evaluate in double lanes (mish′ has a zero near
    /// x = −1.19).</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(MishDerivative)])]
    private static float Mish(float x)
    {
        float m = x > 20 ? 20 : x;
        float e = Exp(m);
        float n = e * e + (e + e);
        return x > 20 ? x : x < -80 ? ExpMul(m, x) : x * n / (n + 2);
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
