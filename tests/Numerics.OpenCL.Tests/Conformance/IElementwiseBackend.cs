using System.Collections.Generic;
using Numerics.Kernels;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>
/// Something that runs a generated element-wise entry point over host arrays: the CPU span entry points, or a device
/// through the generated launchers. The conformance suite (<see cref="ElementwiseConformance"/>) is written against
/// this interface once and run once per backend.
/// </summary>
public interface IElementwiseBackend
{
    /// <summary>Name for messages (<c>CPU</c>, <c>OpenCL (device)</c>).</summary>
    string Name { get; }

    /// <summary>Whether the <see cref="double"/> entry points run here.</summary>
    bool SupportsDouble { get; }

    /// <summary>How far this backend may be from the double reference.</summary>
    ConformanceBound Bound { get; }

    /// <summary>
    /// Runs <paramref name="info"/> out of place. <paramref name="inputs"/> follow <see cref="ElementwiseKernelInfo.Inputs"/>
    /// and <paramref name="scalars"/> <see cref="ElementwiseKernelInfo.Scalars"/>; returns one fresh array per output,
    /// each as long as the inputs.
    /// </summary>
    T[][] Run<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars)
        where T : unmanaged;

    /// <summary>
    /// Runs <paramref name="info"/> with output <c>k</c> written over input <c>aliases[k]</c> (exact in-place use) where
    /// <c>aliases[k] ≥ 0</c>, into a fresh array elsewhere; returns the outputs (the aliased inputs' arrays, updated).
    /// </summary>
    T[][] RunInPlace<T>(ElementwiseKernelInfo info, T[][] inputs, T[] scalars, IReadOnlyList<int> aliases)
        where T : unmanaged;
}
