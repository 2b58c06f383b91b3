using Numerics.Kernels;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// The blocked product runs the widest micro-kernel the process may use, so the settings of eng/test.sh
// (DOTNET_PreferredVectorBitWidth=256/128, DOTNET_EnableAVX512=0, DOTNET_EnableHWIntrinsic=0) really hold the
// Vector256, Vector128 and scalar kernels to the bit-identity tests.
public sealed class GemmKernelSelectionTests
{
    [Fact]
    public void BlockedProductUsesTheWidestKernelThisProcessRuns()
    {
        int bits = Platform.VectorBits<float>();
        string width = !GemmMicroKernelSupport.HasFusedMultiplyAdd || bits == 0 ? "Scalar" : $"V{bits}";
        Assert.StartsWith($"SgemmKernel_{width}_", Platform.GemmMicroKernel<float>(), System.StringComparison.Ordinal);
        Assert.StartsWith($"DgemmKernel_{width}_", Platform.GemmMicroKernel<double>(), System.StringComparison.Ordinal);
    }
}
