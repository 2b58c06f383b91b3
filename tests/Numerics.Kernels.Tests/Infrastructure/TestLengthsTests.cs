using System.Linq;
using Xunit;

namespace Numerics.Kernels.Tests.Infrastructure;

public sealed class TestLengthsTests
{
    [Fact]
    public void AllIsSortedWithoutRepeats()
    {
        for (int i = 1; i < TestLengths.All.Count; i++)
        {
            Assert.True(TestLengths.All[i - 1] < TestLengths.All[i], $"index {i}");
        }
    }

    [Fact]
    public void AllHoldsEveryLengthUpTo256()
    {
        Assert.Equal(Enumerable.Range(0, 257), TestLengths.All.Take(257));
    }

    [Fact]
    public void AllHoldsMultiplesOfEveryVectorCountAndTheirNeighbours()
    {
        foreach (int count in TestLengths.FloatVectorCounts.Concat(TestLengths.DoubleVectorCounts))
        {
            for (int k = count; k < TestLengths.SweepLimit; k += count)
            {
                Assert.Contains(k - 1, TestLengths.All);
                Assert.Contains(k, TestLengths.All);
                Assert.Contains(k + 1, TestLengths.All);
            }
        }

        Assert.Contains(1023, TestLengths.All);
        Assert.Contains(1025, TestLengths.All);
        Assert.Equal(1105, TestLengths.All.Count);
        Assert.Contains(4095, TestLengths.All);
        Assert.Contains(4097, TestLengths.All);
        Assert.Contains(65537, TestLengths.All);
    }

    [Fact]
    public void SmallIsASortedSubsetOfAll()
    {
        Assert.Equal(TestLengths.Small.OrderBy(n => n).Distinct(), TestLengths.Small);
        Assert.All(TestLengths.Small, n => Assert.Contains(n, TestLengths.All));
        Assert.Contains(0, TestLengths.Small);
        Assert.Contains(65, TestLengths.Small);
        Assert.True(TestLengths.Small.Count < 100);
    }
}
