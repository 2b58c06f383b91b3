using System;
using System.Linq;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Perfolizer.Horology;

namespace Numerics.Benchmarks;

/// <summary>
/// Entry point: <c>dotnet run -c Release --project bench/Numerics.Benchmarks -- --filter '*'</c>.
/// Pass <c>--job short</c> (or any BenchmarkDotNet job name) to replace the default job below.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, CreateConfig(args));
        return summaries.Any(s => s.HasCriticalValidationErrors) ? 1 : 0;
    }

    /// <summary>
    /// The default BenchmarkDotNet configuration plus median and minimum columns (the minimum is the least disturbed
    /// figure when other processes share the two cores), GB/s columns, allocations, and times in µs.
    /// Unless the command line names a job, one job made for a noisy 2-core VM is added as the default.
    /// </summary>
    private static IConfig CreateConfig(string[] args)
    {
        var config = DefaultConfig.Instance
            .AddColumn(StatisticColumn.Median, StatisticColumn.Min)
            .AddColumn(ThroughputColumn.Mean, ThroughputColumn.Median)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .WithSummaryStyle(SummaryStyle.Default.WithTimeUnit(TimeUnit.Microsecond));

        // BenchmarkDotNet prefers a config's default job to the one --job names, so add ours only when none is named.
        bool jobNamed = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
        return jobNamed ? config : config.AddJob(CreateQuietJob());
    }

    /// <summary>
    /// One launch, 3 warm-ups and 10 measured iterations of about 250 ms: a full run of the suite stays near
    /// 15 minutes. Non-concurrent workstation GC, so no background GC thread competes with the measured threads for
    /// the machine's two cores. Read medians: the VM is shared and has occasional multi-millisecond stalls.
    /// </summary>
    private static Job CreateQuietJob() => Job.Default
        .WithId("Quiet2Core")
        .WithLaunchCount(1)
        .WithWarmupCount(3)
        .WithIterationCount(10)
        .WithIterationTime(TimeInterval.FromMilliseconds(250))
        .WithGcServer(false)
        .WithGcConcurrent(false)
        .AsDefault();
}
