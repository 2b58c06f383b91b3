using System;
using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Numerics.Benchmarks;

/// <summary>
/// Effective bandwidth in GB/s (10⁹ bytes per second): <c>[Streams]</c> · 4 bytes · N, divided by the mean (or the
/// median) time of one call. Benchmarks without <see cref="StreamsAttribute"/> or an <c>N</c> parameter show "-".
/// </summary>
public sealed class ThroughputColumn : IColumn
{
    /// <summary>GB/s from the mean time.</summary>
    public static readonly IColumn Mean = new ThroughputColumn(useMedian: false);

    /// <summary>GB/s from the median time (the one to quote on a noisy machine).</summary>
    public static readonly IColumn Median = new ThroughputColumn(useMedian: true);

    private readonly bool _useMedian;

    private ThroughputColumn(bool useMedian) => _useMedian = useMedian;

    public string Id => _useMedian ? "Throughput.Median" : "Throughput.Mean";

    public string ColumnName => _useMedian ? "GB/s (median)" : "GB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _useMedian ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => _useMedian
        ? "Bytes moved ((inputs + outputs) x 4 x N) / median time, in 10^9 bytes per second"
        : "Bytes moved ((inputs + outputs) x 4 x N) / mean time, in 10^9 bytes per second";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? gbPerSecond = Compute(summary, benchmarkCase, _useMedian);
        return gbPerSecond is double value ? value.ToString("F2", CultureInfo.InvariantCulture) : "-";
    }

    public override string ToString() => ColumnName;

    private static double? Compute(Summary summary, BenchmarkCase benchmarkCase, bool useMedian)
    {
        var statistics = summary[benchmarkCase]?.ResultStatistics;
        var streams = benchmarkCase.Descriptor.WorkloadMethod.GetCustomAttribute<StreamsAttribute>();
        if (statistics is null || streams is null || benchmarkCase.Parameters["N"] is not int n)
        {
            return null;
        }

        double nanoseconds = useMedian ? statistics.Median : statistics.Mean;
        if (!(nanoseconds > 0))
        {
            return null;
        }

        double bytes = streams.Count * (double)sizeof(float) * n;
        return bytes / nanoseconds; // bytes per nanosecond = 10⁹ bytes per second
    }
}
