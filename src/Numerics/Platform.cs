using System;
using System.Runtime.Intrinsics;
using Numerics.Kernels;

namespace Numerics;

/// <summary>What this process runs on: the vector widths the kernels use and how they are threaded.</summary>
public static class Platform
{
    /// <summary>
    /// Width in bits of the widest accelerated vector an element-wise kernel over <typeparamref name="T"/> uses
    /// (512, 256 or 128), or 0 when vectors are not accelerated and the scalar body runs.
    /// </summary>
    /// <typeparam name="T">The lane type, <see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <returns>The width in bits.</returns>
    public static int VectorBits<T>()
    {
        if (Vector512.IsHardwareAccelerated && Vector512<T>.IsSupported)
        {
            return 512;
        }

        if (Vector256.IsHardwareAccelerated && Vector256<T>.IsSupported)
        {
            return 256;
        }

        return Vector128.IsHardwareAccelerated && Vector128<T>.IsSupported ? 128 : 0;
    }

    /// <summary>
    /// Describes the body a kernel runs for long inputs, e.g. <c>Vector512&lt;float&gt;</c> or
    /// <c>Vector512&lt;double&gt; lanes</c> for a float kernel that evaluates in double, or <c>scalar</c>.
    /// </summary>
    /// <param name="kernel">The kernel.</param>
    /// <param name="isDouble">Describe the <see cref="double"/> entry point rather than the <see cref="float"/> one.</param>
    /// <returns>A short description.</returns>
    public static string BodyOf(ElementwiseKernelInfo kernel, bool isDouble)
    {
        ArgumentNullException.ThrowIfNull(kernel);
        int bits = isDouble ? VectorBits<double>() : VectorBits<float>();
        if (bits == 0)
        {
            return kernel.EvaluatesInDouble && !isDouble ? "scalar (double)" : "scalar";
        }

        string lane = isDouble || kernel.EvaluatesInDouble ? "double" : "float";
        return $"Vector{bits}<{lane}>";
    }

    /// <summary>
    /// The GEMM micro-kernel <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
    /// runs for <typeparamref name="T"/> on this machine, named after its register tile (e.g. <c>SgemmKernel_V512_12x32</c>).
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <returns>The micro-kernel's name.</returns>
    public static string GemmMicroKernel<T>()
        where T : unmanaged => Gemm.GemmCore.MicroKernelName<T>();

    /// <summary>
    /// The cache block sizes of the GEMM for <typeparamref name="T"/> on this machine, e.g.
    /// <c>KC 256, MC 120, NC 512 (L2 1024 KiB, from CPUID)</c>. NC follows the L2 size (the KC×NC block of B fills
    /// half of it); KC is fixed per element type, so results do not depend on the machine's caches.
    /// </summary>
    /// <typeparam name="T"><see cref="float"/> or <see cref="double"/>.</typeparam>
    /// <returns>A short description.</returns>
    public static string GemmBlockSizes<T>()
        where T : unmanaged
    {
        Gemm.GemmBlocking b = Gemm.GemmCore.BlockingOf<T>();
        string source = Gemm.CacheSizes.L2Reported ? "from CPUID" : "assumed";
        return string.Create(
            System.Globalization.CultureInfo.InvariantCulture,
            $"KC {b.Kc}, MC {b.Mc}, NC {b.Nc} (L2 {Gemm.CacheSizes.L2Bytes / 1024} KiB, {source})");
    }
}
