using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Gated linear unit: <c>destination[i] = σ(gate[i]) · up[i]</c>.</summary>
    /// <param name="gate">Gate input (the half that goes through the sigmoid).</param>
    /// <param name="up">Linear input.</param>
    /// <remarks>
    /// <para>In float lanes: up/(1 + e^(−gate)) for gate ≥ 0 and up·e^gate/(1 + e^gate) below, with up·e^gate formed by
    /// <see cref="KernelMath.ExpMul(float, float)"/> (one rounding, no overflow), so a σ(gate) in the subnormal range does not
    /// cost the product its accuracy when |up| is large. Below gate = −110 the exponential is taken 64 nats up and e^(−64)
    /// applied last (1 + e^gate is 1 there), which reaches down to gate = −238.5, below which σ(gate)·up rounds to ±0 for
    /// every float up. One argument reduction serves both exponentials. The result has the sign of up; an infinite up gives
    /// that infinity wherever σ(gate) is nonzero in double (gate ≥ −745.13) and NaN below (0·∞), as in double lanes.
    /// ∂/∂gate = σ′(gate)·up, ∂/∂up = σ(gate), evaluated in double lanes. To apply PyTorch's <c>glu(x)</c>, pass its second
    /// half as <paramref name="gate"/> and its first half as <paramref name="up"/>.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(GluDerivativeGate), nameof(GluDerivativeUp)])]
    private static float Glu(float gate, float up)
    {
        float v = -Abs(gate);
        bool deep = v < -110;
        float u = v + (deep ? 64 : 0);
        float numerator = gate >= 0 ? up : ExpMul(u, up) * (deep ? ExpMinus64 : 1);
        float finite = CopySign(numerator / (deep ? 1 : 1 + Exp(u)), up);

        // An infinite up: that infinity wherever σ(gate) is nonzero in double (gate ≥ −745.1332; the formula would give 0
        // where e^gate underflows in float), and 0·∞ = NaN below, as σ(gate)·up in double lanes (and GeGlu, SwiGlu) give.
        // (up − up is 0 for every finite up, NaN otherwise.)
        return up - up != 0 ? (gate >= -745.1332f ? up : up - up) : finite;
    }

    private static float GluDerivativeGate(float gate, float up) => SigmoidDerivative(gate) * up;

    private static float GluDerivativeUp(float gate, float up) => Sigmoid(gate);

    /// <summary>ReLU-gated linear unit: <c>destination[i] = relu(gate[i]) · up[i]</c>.</summary>
    /// <param name="gate">Gate input.</param>
    /// <param name="up">Linear input.</param>
    /// <remarks><para>∂/∂gate = (gate &gt; 0 ? 1 : 0)·up, ∂/∂up = relu(gate).</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float ReGlu(float gate, float up) => Relu(gate) * up;

    /// <summary>GELU-gated linear unit: <c>destination[i] = gelu(gate[i]) · up[i]</c> (erf form of GELU).</summary>
    /// <param name="gate">Gate input.</param>
    /// <param name="up">Linear input.</param>
    /// <remarks>
    /// <para>Evaluated by <see cref="KernelMath.GeluMul(float, float)"/>: in float lanes with gate·up formed before Φ(gate) is
    /// applied (so a subnormal gelu(gate) does not cost a large product its bits), and in double lanes, rounded once, only for
    /// the lanes where gate·up overflows, gate is below −14.5 with a large up, or an input is NaN or infinite.
    /// ∂/∂gate = gelu′(gate)·up, ∂/∂up = gelu(gate), evaluated in double lanes.</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(GeGluDerivativeGate), nameof(GeGluDerivativeUp)])]
    private static float GeGlu(float gate, float up) => GeluMul(gate, up);

    private static float GeGluDerivativeGate(float gate, float up) => GeluDerivative(gate) * up;

    private static float GeGluDerivativeUp(float gate, float up) => Gelu(gate);

    /// <summary>SiLU-gated linear unit (as in LLaMA's MLP): <c>destination[i] = silu(gate[i]) · up[i]</c>.</summary>
    /// <param name="gate">Gate input.</param>
    /// <param name="up">Linear input.</param>
    /// <remarks>
    /// <para>Evaluated by <see cref="KernelMath.SiluMul(float, float)"/>: one exponential, (gate·up)/(1 + e^(−gate)) for
    /// gate ≥ 0 and (gate·up)·e^gate/(1 + e^gate) below, the product with e^gate formed with one rounding, so neither a
    /// subnormal σ(gate) nor a subnormal gate costs the result its accuracy when |up| is large. The lanes where gate·up
    /// overflows float, gate is below −174.5 with a large product, or an input is NaN or infinite take the same formula
    /// in double lanes, rounded once. ∂/∂gate = silu′(gate)·up, ∂/∂up = silu(gate). The derivative kernels evaluate in
    /// double lanes (silu′ has a zero near −1.28).</para>
    /// </remarks>
    [ElementwiseKernel(Differentiable = true, DerivativesInDouble = true, Derivatives = [nameof(SwiGluDerivativeGate), nameof(SwiGluDerivativeUp)])]
    private static float SwiGlu(float gate, float up) => SiluMul(gate, up);

    private static float SwiGluDerivativeGate(float gate, float up) => SiluDerivative(gate) * up;

    private static float SwiGluDerivativeUp(float gate, float up) => Silu(gate);
}
