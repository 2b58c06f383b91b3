using Numerics.Kernels;
using static Numerics.KernelMath;

namespace Numerics;

public static partial class Activations
{
    /// <summary>Rectified linear unit: <c>destination[i] = max(x[i], 0)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks><para>relu′(x) = 1 for x &gt; 0, else 0 (0 at x = 0, as PyTorch). relu(−0) = +0.</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float Relu(float x) => Max(x, 0);

    /// <summary>ReLU capped at 6: <c>destination[i] = min(max(x[i], 0), 6)</c>.</summary>
    /// <param name="x">Input.</param>
    /// <remarks><para>relu6′(x) = 1 for 0 &lt; x &lt; 6, else 0 (0 at both kinks, as PyTorch's hardtanh backward).</para></remarks>
    [ElementwiseKernel(Differentiable = true)]
    private static float Relu6(float x) => Clamp(x, 0, 6);
}
