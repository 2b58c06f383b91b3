using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Numerics.Cli.Measurement;

namespace Numerics.Benchmarks;

/// <summary>
/// Rates of the matrix benchmarks from the median time: GFLOP/s (2·m·n·k, or the FMA loop's own count), GB/s (the
/// minimum traffic (m·k + k·n + m·n) elements) and the fraction of the FMA peak measured in the same run with the same
/// parameters (shape and thread count) (<see cref="GemmBenchmarks.FmaPeak"/>). Shapes come from the <c>Shape</c> parameter, "m×k×n".
/// </summary>
public sealed class GemmColumn : IColumn
{
    public static readonly IColumn GigaFlops = new GemmColumn("GFLOP/s", "2mnk / median time, 10^9 per second");
    public static readonly IColumn GigaBytes = new GemmColumn("GB/s (operands)", "(mk + kn + mn) elements × element size / median time, 10^9 per second");
    public static readonly IColumn PeakFraction = new GemmColumn("% peak", "GFLOP/s / the FmaPeak GFLOP/s of the same run and thread count");

    private GemmColumn(string name, string legend)
    {
        ColumnName = name;
        Legend = legend;
    }

    public string Id => "Gemm." + ColumnName;

    public string ColumnName { get; }

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend { get; }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Has(c, "Shape"));

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        double? value = ColumnName switch
        {
            "GFLOP/s" => Rate(summary, benchmarkCase, Flops(benchmarkCase)),
            "GB/s (operands)" => benchmarkCase.Descriptor.WorkloadMethod.Name == nameof(GemmBenchmarks.FmaPeak) ? null : Rate(summary, benchmarkCase, Bytes(benchmarkCase)),
            _ => PeakFractionOf(summary, benchmarkCase),
        };
        return value is double v ? v.ToString(ColumnName == "% peak" ? "F1" : "F2", CultureInfo.InvariantCulture) : "-";
    }

    public override string ToString() => ColumnName;

    private static bool Has(BenchmarkCase c, string name) => c.Parameters.Items.Any(p => p.Name == name);

    /// <summary>m, k, n of a "m×k×n" shape parameter.</summary>
    public static (int M, int K, int N) ParseShape(string shape)
    {
        int[] parts = shape.Split('x', '×').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return (parts[0], parts[1], parts[2]);
    }

    private static double? Flops(BenchmarkCase c)
    {
        if (c.Descriptor.WorkloadMethod.Name == nameof(GemmBenchmarks.FmaPeak))
        {
            double perThread = c.Descriptor.Type == typeof(DgemmBenchmarks) ? FmaThroughput.DoubleFlopsPerCall : FmaThroughput.SingleFlopsPerCall;
            return perThread * (Has(c, "Threads") ? (int)c.Parameters["Threads"] : 1);
        }

        (int m, int k, int n) = ParseShape((string)c.Parameters["Shape"]);
        return 2.0 * m * n * k;
    }

    private static double? Bytes(BenchmarkCase c)
    {
        (int m, int k, int n) = ParseShape((string)c.Parameters["Shape"]);
        double elementSize = c.Descriptor.Type == typeof(DgemmBenchmarks) ? sizeof(double) : sizeof(float);
        return elementSize * ((double)m * k + (double)k * n + (double)m * n);
    }

    private static double? Rate(Summary summary, BenchmarkCase c, double? work)
    {
        var statistics = summary[c]?.ResultStatistics;
        return statistics is null || work is null || !(statistics.Median > 0) ? null : work / statistics.Median;
    }

    private static double? PeakFractionOf(Summary summary, BenchmarkCase c)
    {
        if (c.Descriptor.WorkloadMethod.Name == nameof(GemmBenchmarks.FmaPeak))
        {
            return null;
        }

        // The peak measured in the same class with the same parameters (shape and thread count): the VM's speed
        // drifts during a run, so each shape is divided by the peak measured next to it.
        BenchmarkCase? peak = summary.BenchmarksCases.FirstOrDefault(p =>
            p.Descriptor.WorkloadMethod.Name == nameof(GemmBenchmarks.FmaPeak)
            && p.Descriptor.Type == c.Descriptor.Type
            && p.Parameters.Items.Count == c.Parameters.Items.Count
            && p.Parameters.Items.All(item => Equals(item.Value, c.Parameters[item.Name])));
        if (peak is null)
        {
            return null;
        }

        double? ours = Rate(summary, c, Flops(c));
        double? best = Rate(summary, peak, Flops(peak));
        return ours is null || best is null ? null : 100 * ours / best;
    }
}
