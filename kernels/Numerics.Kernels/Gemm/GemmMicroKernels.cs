namespace Numerics.Kernels.Gemm;

// The register tiles of the GEMM, one per element type and register width; the generator writes each body
// (fully unrolled, accumulators in registers). How the tiles were chosen: docs/gemm.md.

[GemmMicroKernel(typeof(float), 512, 12, 32)]
internal readonly partial struct SgemmKernel_V512_12x32;

[GemmMicroKernel(typeof(float), 256, 6, 16)]
internal readonly partial struct SgemmKernel_V256_6x16;

[GemmMicroKernel(typeof(float), 128, 6, 8)]
internal readonly partial struct SgemmKernel_V128_6x8;

[GemmMicroKernel(typeof(float), 0, 2, 4)]
internal readonly partial struct SgemmKernel_Scalar_2x4;

[GemmMicroKernel(typeof(double), 512, 6, 32)]
internal readonly partial struct DgemmKernel_V512_6x32;

[GemmMicroKernel(typeof(double), 256, 6, 8)]
internal readonly partial struct DgemmKernel_V256_6x8;

[GemmMicroKernel(typeof(double), 128, 6, 4)]
internal readonly partial struct DgemmKernel_V128_6x4;

[GemmMicroKernel(typeof(double), 0, 2, 4)]
internal readonly partial struct DgemmKernel_Scalar_2x4;
