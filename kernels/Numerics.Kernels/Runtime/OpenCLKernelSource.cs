using System;
using System.Collections.Generic;

namespace Numerics.Kernels;

/// <summary>
/// OpenCL C 1.2 source of one generated element-wise kernel for one element type, with its entry point and
/// argument order. The source is not compiled at build time; an OpenCL backend compiles it at run time.
/// </summary>
/// <remarks>
/// The entry point's arguments are, in order: one <c>__global const T*</c> per input, one <c>T</c> per scalar,
/// one <c>__global T*</c> per output, then <c>int n</c>. Work-item <c>i</c> computes element <c>i</c> for
/// <c>i &lt; n</c>; any global size ≥ n works.
/// </remarks>
/// <param name="EntryPoint">Name of the <c>__kernel</c> function.</param>
/// <param name="Source">Complete program source.</param>
/// <param name="ElementType"><c>float</c> or <c>double</c>; <c>double</c> needs <c>cl_khr_fp64</c>.</param>
/// <param name="Inputs">Names of the input buffers, in argument order.</param>
/// <param name="Scalars">Names of the scalar arguments, in argument order.</param>
/// <param name="Outputs">Names of the output buffers, in argument order.</param>
public sealed record OpenCLKernelSource(
    string EntryPoint,
    string Source,
    string ElementType,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<string> Scalars,
    IReadOnlyList<string> Outputs)
{
    /// <summary>Whether the kernel needs the <c>cl_khr_fp64</c> extension.</summary>
    public bool RequiresFp64 => string.Equals(ElementType, "double", StringComparison.Ordinal);
}

/// <summary>The <see cref="float"/> and <see cref="double"/> OpenCL sources of one generated kernel.</summary>
/// <param name="Name">Public name of the kernel (for example <c>GeluBackward</c>).</param>
/// <param name="Single">The <see cref="float"/> kernel.</param>
/// <param name="Double">The <see cref="double"/> kernel.</param>
public sealed record OpenCLKernelPair(string Name, OpenCLKernelSource Single, OpenCLKernelSource Double);
