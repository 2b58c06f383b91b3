using System;

namespace Numerics.Kernels;

/// <summary>
/// A buffer of <typeparamref name="T"/> elements in a device's memory, as the generated device launchers see it.
/// The OpenCL backend (<c>Numerics.OpenCL</c>) implements it; the kernels assembly only names it, so that the
/// launchers can be generated next to the kernels without the kernels depending on a backend.
/// </summary>
/// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
public interface IDeviceBuffer<T>
    where T : unmanaged
{
    /// <summary>Number of elements.</summary>
    int Length { get; }
}

/// <summary>
/// A device command queue that can run a generated element-wise kernel. Each generated launcher
/// (for example <c>Activations.Gelu(queue, x, destination)</c>) validates nothing but null arguments and calls
/// <see cref="Launch{T}"/> with the kernel's OpenCL sources; the queue checks sizes, compiles (once per device),
/// binds the arguments in the order <see cref="OpenCLKernelSource"/> states and enqueues the kernel.
/// </summary>
public interface IElementwiseDeviceQueue
{
    /// <summary>
    /// Enqueues <paramref name="kernel"/> over <c>inputs[0].Length</c> elements. Every input has that length
    /// and every output at least that length; the element type selects the <see cref="float"/> or
    /// <see cref="double"/> source.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <param name="kernel">The kernel's OpenCL sources.</param>
    /// <param name="inputs">Input buffers in the kernel's input order.</param>
    /// <param name="scalars">Scalar arguments in the kernel's scalar order.</param>
    /// <param name="outputs">Output buffers in the kernel's output order.</param>
    void Launch<T>(OpenCLKernelPair kernel, ReadOnlySpan<IDeviceBuffer<T>> inputs, ReadOnlySpan<T> scalars, ReadOnlySpan<IDeviceBuffer<T>> outputs)
        where T : unmanaged;
}
