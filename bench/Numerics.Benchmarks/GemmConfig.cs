using BenchmarkDotNet.Configs;

namespace Numerics.Benchmarks;

/// <summary>Adds the GFLOP/s, GB/s and % of FMA peak columns to the matrix benchmarks.</summary>
public sealed class GemmConfig : ManualConfig
{
    public GemmConfig() => AddColumn(GemmColumn.GigaFlops, GemmColumn.GigaBytes, GemmColumn.PeakFraction);
}
