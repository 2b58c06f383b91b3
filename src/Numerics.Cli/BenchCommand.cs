using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Numerics.Cli.Measurement;
using Spectre.Console;

namespace Numerics.Cli;

/// <summary>
/// <c>numerics bench gemm</c>: the GEMM table of docs/benchmarks.md in the terminal — GFLOP/s of
/// <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
/// per shape on one and both cores, as a fraction of the FMA peak. Each timed batch of a shape follows a timed batch
/// of the FMA loop on the same threads, and "% of FMA peak" is the median of those paired ratios: on a shared VM
/// whose speed drifts within seconds, a peak measured once at the start would divide by another machine's speed.
/// A matrix-vector shape (m = 1 or n = 1) streams its matrix once and is paired instead with a copy of the matrix on
/// the same threads: "% of copy (paired)" divides its operand bytes per second by the copy's (read + written).
/// Medians of a few timed batches (Stopwatch), not BenchmarkDotNet: a quick look, the benchmark project is the record.
/// </summary>
internal static class BenchCommand
{
    private static readonly string[] s_singleShapes =
        ["256x256x256", "512x512x512", "1024x1024x1024", "2048x2048x2048", "2048x64x64", "4096x256x256", "2048x128x2048", "1x4096x4096"];

    private static readonly string[] s_doubleShapes = ["1024x1024x1024", "4096x256x256"];

    public static int Run(string[] args)
    {
        int backend = Array.IndexOf(args, "--backend");
        if (backend >= 0)
        {
            string which = backend + 1 < args.Length ? args[backend + 1] : "";
            var rest = args.Where((_, i) => i != backend && i != backend + 1 && !(i == 0 && args[0] == "gemm")).ToArray();
            switch (which)
            {
                case "opencl":
                    return OpenCLBenchCommand.Run(rest);
                case "cpu":
                    args = args.Where((_, i) => i != backend && i != backend + 1).ToArray();
                    break;
                default:
                    throw new ArgumentException($"--backend takes 'cpu' or 'opencl', got '{which}'.");
            }
        }

        if (args.Length > 0 && args[0] == "activations")
        {
            return ActivationBenchCommand.Run(args[1..]);
        }

        if (args.Length == 0 || args[0] != "gemm")
        {
            throw new ArgumentException("Name what to benchmark: 'numerics bench gemm', 'numerics bench activations' or 'numerics bench --backend opencl'. Run 'numerics help'.");
        }

        var threadCounts = new List<int>();
        var shapes = new List<string>();
        int samples = 5;
        for (int i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads" when i + 1 < args.Length:
                    threadCounts.AddRange(args[++i].Split(',').Select(ParseThreads));
                    break;
                case "--shape" when i + 1 < args.Length:
                    string shape = args[++i];
                    _ = ParseShape(shape);
                    shapes.Add(shape);
                    break;
                case "--samples" when i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int s) && s > 0:
                    samples = s;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. Run 'numerics help'.");
            }
        }

        if (threadCounts.Count == 0)
        {
            threadCounts.AddRange(Environment.ProcessorCount > 1 ? [1, Math.Min(2, Environment.ProcessorCount)] : [1]);
        }

        var cases = new List<(string Shape, bool IsDouble)>();
        cases.AddRange((shapes.Count > 0 ? shapes : [.. s_singleShapes]).Select(s => (s, false)));
        cases.AddRange((shapes.Count > 0 ? shapes : [.. s_doubleShapes]).Select(s => (s, true)));

        int saved = KernelThreading.MaxThreads;
        try
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"GEMM C = A·B, row-major, beta = 0: median of {samples} timed batches")
                .AddColumns("m×k×n", "type", "threads", "GFLOP/s", "GB/s (operands)", "% of FMA peak (paired)", "% of copy (paired)");
            foreach (int column in new[] { 2, 3, 4, 5, 6 })
            {
                table.Columns[column].RightAligned();
            }

            AnsiConsole.Status().Start("measuring", context =>
            {
                foreach (int threads in threadCounts)
                {
                    KernelThreading.MaxThreads = threads;
                    context.Status($"FMA peak, {threads} thread(s)");
                    Action singlePeak = () => FmaThroughput.RunSingle(threads), doublePeak = () => FmaThroughput.RunDouble(threads);
                    double singleWork = FmaThroughput.SingleFlopsPerCall * threads, doubleWork = FmaThroughput.DoubleFlopsPerCall * threads;
                    table.AddRow("FMA peak", "float", Str(threads), Str(Median(samples, singlePeak, singleWork).Rate / 1e9, "F1"), "", "100.0", "");
                    table.AddRow("FMA peak", "double", Str(threads), Str(Median(samples, doublePeak, doubleWork).Rate / 1e9, "F1"), "", "100.0", "");
                    foreach ((string shape, bool isDouble) in cases)
                    {
                        context.Status($"{shape} {(isDouble ? "double" : "float")}, {threads} thread(s)");
                        (double flops, double bytes, double share, double copyShare) = isDouble
                            ? Measure<double>(shape, samples, threads, doublePeak, doubleWork)
                            : Measure<float>(shape, samples, threads, singlePeak, singleWork);
                        table.AddRow(
                            shape, isDouble ? "double" : "float", Str(threads), Str(flops / 1e9, "F1"), Str(bytes / 1e9, "F1"),
                            double.IsNaN(share) ? "" : Str(100 * share, "F1"), double.IsNaN(copyShare) ? "" : Str(100 * copyShare, "F1"));
                    }
                }
            });

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]GB/s counts each operand once: (m·k + k·n + m·n) elements per call; it is the figure for GEMV-like shapes (m = 1).[/]");
            AnsiConsole.MarkupLine("[grey]m = 1 or n = 1: each batch follows a batch of copying the matrix (Span.CopyTo, split across the same threads); % of copy = operand bytes/s over the copy's bytes read + written per second.[/]");
        }
        finally
        {
            KernelThreading.MaxThreads = saved;
        }

        return 0;
    }

    /// <summary>
    /// Median rate (flops/s and operand bytes/s) of <c>C = A·B</c> for one shape, and the median over its batches of
    /// the rate divided by the FMA rate of the batch of <paramref name="peak"/> timed just before it; for a
    /// matrix-vector shape, instead (NaN share) the median of its operand bytes per second over those of a copy of its
    /// matrix timed just before each batch.
    /// </summary>
    private static (double Flops, double Bytes, double Share, double CopyShare) Measure<T>(string shape, int samples, int threads, Action peak, double peakWork)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        (int m, int k, int n) = ParseShape(shape);
        var random = new Random(42);
        T[] a = new T[m * k], b = new T[k * n], c = new T[m * n];
        for (int i = 0; i < a.Length; i++)
        {
            a[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        for (int i = 0; i < b.Length; i++)
        {
            b[i] = T.CreateTruncating(random.NextDouble() - 0.5);
        }

        Action call = typeof(T) == typeof(float)
            ? () => Blas.MatMul((float[])(object)a, (float[])(object)b, (float[])(object)c, m, k, n)
            : () => Blas.MatMul((double[])(object)a, (double[])(object)b, (double[])(object)c, m, k, n);
        double flops = 2.0 * m * n * k;
        double elementSize = typeof(T) == typeof(float) ? sizeof(float) : sizeof(double);
        double bytes = elementSize * ((double)m * k + (double)k * n + (double)m * n);
        if (m == 1 || n == 1)
        {
            // The matrix-vector case: paired with copying the matrix (B for m = 1, A for n = 1) on the same threads.
            T[] matrix = m == 1 ? b : a;
            T[] target = new T[matrix.Length];
            Action copy = threads == 1
                ? () => matrix.AsSpan().CopyTo(target)
                : () => System.Threading.Tasks.Parallel.For(0, threads, new System.Threading.Tasks.ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
                {
                    int start = (int)((long)matrix.Length * part / threads), end = (int)((long)matrix.Length * (part + 1) / threads);
                    matrix.AsSpan(start, end - start).CopyTo(target.AsSpan(start, end - start));
                });
            (double byteRate, double copyShare) = Median(samples, call, bytes, copy, 2 * elementSize * matrix.Length);
            return (byteRate / bytes * flops, byteRate, double.NaN, copyShare);
        }

        (double rate, double share) = Median(samples, call, flops, peak, peakWork);
        return (rate, rate / flops * bytes, share, double.NaN);
    }

    /// <summary>
    /// Work per second, the median over <paramref name="samples"/> batches of about 0.2 s after a warm-up; with a
    /// <paramref name="peak"/>, each batch is preceded by a batch of it (about 0.1 s), and <c>Share</c> is the median
    /// of the paired ratios.
    /// </summary>
    private static (double Rate, double Share) Median(int samples, Action call, double work, Action? peak = null, double peakWork = 0)
    {
        // Without this, the first shape of each element type read 10–25 points of peak low (62.8% against 86.3% for the
        // same 1024³ float product measured second, 2026-11-30): its first batches ran before the drivers reached their
        // final code and the packing buffers were first touched.
        WarmUp(call, 1.0);
        int repeats = Repeats(call, 0.2);
        int peakRepeats = peak is null ? 0 : Repeats(peak, 0.1);
        var rates = new double[samples];
        var shares = new double[samples];
        var watch = new Stopwatch();
        for (int s = 0; s < samples; s++)
        {
            double peakRate = double.NaN;
            if (peak is not null)
            {
                watch.Restart();
                for (int r = 0; r < peakRepeats; r++)
                {
                    peak();
                }

                peakRate = peakWork * peakRepeats / watch.Elapsed.TotalSeconds;
            }

            watch.Restart();
            for (int r = 0; r < repeats; r++)
            {
                call();
            }

            rates[s] = work * repeats / watch.Elapsed.TotalSeconds;
            shares[s] = rates[s] / peakRate;
        }

        Array.Sort(rates);
        Array.Sort(shares);
        return (rates[samples / 2], shares[samples / 2]);
    }

    /// <summary>Calls <paramref name="call"/> for about <paramref name="seconds"/>, long enough for tiered compilation to reach its final code.</summary>
    internal static void WarmUp(Action call, double seconds)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            call();
        }
    }

    /// <summary>Calls that fill about <paramref name="seconds"/>, after a warm-up call.</summary>
    internal static int Repeats(Action call, double seconds)
    {
        call();
        var watch = Stopwatch.StartNew();
        call();
        return (int)Math.Clamp(seconds / Math.Max(watch.Elapsed.TotalSeconds, 1e-7), 1, 100_000);
    }

    internal static int ParseThreads(string text) =>
        int.TryParse(text, CultureInfo.InvariantCulture, out int t) && t >= 1 && t <= Environment.ProcessorCount
            ? t
            : throw new ArgumentException($"--threads takes counts from 1 to {Environment.ProcessorCount}, got '{text}'.");

    private static (int M, int K, int N) ParseShape(string shape)
    {
        string[] parts = shape.Split('x', '×');
        if (parts.Length == 3
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int m) && m > 0
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int k) && k > 0
            && int.TryParse(parts[2], CultureInfo.InvariantCulture, out int n) && n > 0
            && (long)m * k <= int.MaxValue && (long)k * n <= int.MaxValue && (long)m * n <= int.MaxValue)
        {
            return (m, k, n);
        }

        throw new ArgumentException($"A shape is m×k×n with positive sizes, e.g. 1024x1024x1024; got '{shape}'.");
    }

    private static string Str(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
