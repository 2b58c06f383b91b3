using System.Runtime.Intrinsics;

namespace Numerics;

/// <summary>
/// Element-wise math for source-generated kernels: every function has a <see cref="float"/>, a
/// <see cref="double"/> and a <see cref="Vector128{T}"/> / <see cref="Vector256{T}"/> /
/// <see cref="Vector512{T}"/> overload of the same name, so generated code can call
/// <c>global::Numerics.KernelMath.Exp(v)</c> at any width and let overload resolution pick.
/// </summary>
/// <remarks>
/// The vector overloads never allocate and, but for the float overloads of <c>GeluMul</c> and <c>SiluMul</c> (which
/// compute a rare lane's double-lane form out of line, only when a vector has such a lane), never branch on lane data. The scalar overloads of the
/// transcendental functions run the 128-bit vector code on one lane, so a scalar tail gives
/// bit-identical results to the vector body at every width (the exact functions agree trivially). <see cref="float"/> functions are evaluated in <see cref="double"/> lanes where that is the
/// simplest way to their error bound. Results may differ by instruction set (fused multiply-add is
/// used where the hardware has it) but stay within the stated bounds everywhere.
/// </remarks>
public static partial class KernelMath
{
}

/// <summary>
/// The width-generic bodies behind <see cref="KernelMath"/>: <typeparamref name="TD"/> is the
/// <see cref="double"/> lanes of one width (<see cref="Lanes128"/>, <see cref="Lanes256"/>,
/// <see cref="Lanes512"/>), <typeparamref name="TF"/> the vector of <see cref="float"/> of that width.
/// </summary>
/// <remarks>
/// Every member is aggressively inlined, so an instantiation compiles to the same code as a body
/// written out for its width by hand.
/// </remarks>
internal static partial class VectorMath<TD, TF>
    where TD : struct, ILanes<TD, TF>
    where TF : struct
{
}
