using Numerics.Gemm;
using Xunit;

namespace Numerics.Tests.LinearAlgebra;

// NC follows the L2 size the processor reports (the KC×NC block of B fills half of it); KC never changes. KC is 256
// for both types, so a double block has half the float block's columns.
public sealed class GemmBlockSizeTests
{
    [Theory]
    [InlineData(1L << 20, 512)]                 // 1 MiB L2 (AMD Zen 4/5): a 512 KiB block
    [InlineData(2L << 20, 1024)]                // 2 MiB L2 (Intel Sapphire/Emerald Rapids)
    [InlineData(1280L * 1024, 640)]             // 1.25 MiB (Intel Golden Cove client cores)
    [InlineData(512L * 1024, 256)]              // 512 KiB: the floor
    [InlineData(128L * 1024, 256)]
    [InlineData(32L << 20, 2048)]               // a huge report: the ceiling
    [InlineData(1000L * 1024, 448)]             // rounded down to a multiple of 64 columns
    public void BlockColumnsFillHalfOfL2(long l2Bytes, int expected)
    {
        Assert.Equal(expected, GemmBlockSizes.BlockColumns(l2Bytes, GemmBlockSizes.SingleKc * sizeof(float)));
        Assert.Equal(expected, GemmBlockSizes.BlockColumns(2 * l2Bytes, GemmBlockSizes.DoubleKc * sizeof(double)));
    }

    [Fact]
    public void EveryTableRowUsesTheMachinesBlockColumnsAndEveryTileDividesThem()
    {
        GemmBlocking[] singles = [GemmBlockSizes.Single512, GemmBlockSizes.Single256, GemmBlockSizes.Single128, GemmBlockSizes.SingleScalar];
        GemmBlocking[] doubles = [GemmBlockSizes.Double512, GemmBlockSizes.Double256, GemmBlockSizes.Double128, GemmBlockSizes.DoubleScalar];
        Assert.Equal(GemmBlockSizes.BlockColumns(CacheSizes.L2Bytes, 1024), GemmBlockSizes.SingleNc);
        Assert.Equal(GemmBlockSizes.BlockColumns(CacheSizes.L2Bytes, 2048), GemmBlockSizes.DoubleNc);
        foreach ((GemmBlocking[] rows, int nc, int kc) in new[] { (singles, GemmBlockSizes.SingleNc, GemmBlockSizes.SingleKc), (doubles, GemmBlockSizes.DoubleNc, GemmBlockSizes.DoubleKc) })
        {
            foreach (GemmBlocking row in rows)
            {
                Assert.Equal(nc, row.Nc);
                Assert.Equal(kc, row.Kc);
                Assert.Equal(0, row.Nc % 32);
            }
        }

        Assert.InRange(CacheSizes.L2Bytes, 128 * 1024, 64L << 20);
    }

    [Fact]
    public void PlatformDescribesTheBlocksInUse()
    {
        GemmBlocking f = GemmCore.BlockingOf<float>();
        string text = Platform.GemmBlockSizes<float>();
        Assert.StartsWith($"KC {GemmBlockSizes.SingleKc}, MC {f.Mc}, NC {GemmBlockSizes.SingleNc} (L2 {CacheSizes.L2Bytes / 1024} KiB, ", text, System.StringComparison.Ordinal);
        Assert.StartsWith($"KC {GemmBlockSizes.DoubleKc}, MC {GemmCore.BlockingOf<double>().Mc}, NC {GemmBlockSizes.DoubleNc} ", Platform.GemmBlockSizes<double>(), System.StringComparison.Ordinal);
    }
}
