namespace Numerics.Kernels.OpenCL;

// The tiled OpenCL GEMM variants; the generator writes each kernel's OpenCL C source and its `Kernel` descriptor.
// How they were designed and measured, and how the backend picks one per device: docs/opencl.md, "GEMM kernels".

/// <summary>Float GEMM for GPUs: 128×128 tiles of C, 16×16 work-items with 8×8 accumulators each, 16-deep local-memory steps, float4 loads.</summary>
[OpenCLGemmKernel(typeof(float), tileM: 128, tileN: 128, tileK: 16, workPerThreadM: 8, workPerThreadN: 8, vectorWidth: 4)]
public static partial class SgemmGpu;

/// <summary>Double GEMM for GPUs: 64×64 tiles of C, 16×16 work-items with 4×4 accumulators each, 16-deep local-memory steps, double2 loads.</summary>
[OpenCLGemmKernel(typeof(double), tileM: 64, tileN: 64, tileK: 16, workPerThreadM: 4, workPerThreadN: 4, vectorWidth: 2)]
public static partial class DgemmGpu;

/// <summary>
/// Float GEMM for CPU devices (PoCL): one work-item per work-group computing an 8×32 block of C in eight rows of two
/// float16 vectors (16 zmm accumulators), no local memory, k loop unrolled 4 times.
/// </summary>
[OpenCLGemmKernel(typeof(float), tileM: 8, tileN: 32, tileK: 4, workPerThreadM: 8, workPerThreadN: 32, vectorWidth: 16, LocalMemory = false)]
public static partial class SgemmCpu;

/// <summary>Double GEMM for CPU devices (PoCL): one work-item per work-group, an 8×16 block of C in two double8 vectors per row.</summary>
[OpenCLGemmKernel(typeof(double), tileM: 8, tileN: 16, tileK: 4, workPerThreadM: 8, workPerThreadN: 16, vectorWidth: 8, LocalMemory = false)]
public static partial class DgemmCpu;
