using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Numerics.Cli.Measurement;
using Spectre.Console;

namespace Numerics.Cli;

/// <summary>
/// <c>numerics bench activations</c>: the issue targets of the element-wise kernels as paired measurements. For each
/// kernel, length and thread count, every sample times a batch of the machine's copy (<see cref="Span{T}.CopyTo"/> of
/// the same length on the same threads), a batch of the <see cref="TensorPrimitives"/> form a user would write (one
/// thread: it has no threading) and a batch of ours, back to back; "× TP" and "% of copy" are the medians of the
/// per-sample ratios. On a shared VM whose speed changes from one second to the next, a ratio of two figures measured
/// minutes apart (as separate BenchmarkDotNet processes are) mixes the machine's moods into the result; the paired
/// ratio does not. The benchmark project stays the record of absolute times.
/// </summary>
internal static unsafe class ActivationBenchCommand
{
    private static readonly int[] s_defaultSizes = [4096, 1 << 20, 1 << 24];

    /// <summary>
    /// Lengths from which "% of copy" is printed: below it the copy runs from L1 or L2 at rates no kernel with an
    /// exponential approaches, and the figure says nothing about memory.
    /// </summary>
    private const int MemoryBoundLength = 1 << 20;

    /// <summary>The kernels of the issue's benchmark list, each with the TensorPrimitives form it is held to and its memory streams.</summary>
    private static readonly (string Name, int Streams, string Baseline)[] s_kernels =
    [
        ("Sigmoid", 2, "TensorPrimitives.Sigmoid"),
        ("Tanh", 2, "TensorPrimitives.Tanh"),
        ("Gelu", 2, "7-call tanh form"),
        ("Silu", 2, "Sigmoid, Multiply"),
        ("Mish", 2, "Exp, LogP1, Tanh, Multiply"),
        ("Softplus", 2, "Exp, LogP1"),
        ("SwiGlu", 3, "Sigmoid, Multiply, Multiply"),
    ];

    public static int Run(string[] args)
    {
        // The numerics command runs without tiered compilation (its kernels run a few large calls each). In such a
        // process TensorPrimitives never reaches the tier-1 code, with profile-guided inlining, that an application
        // runs after warm-up (its Sigmoid ran 2.6× slower at 4K floats): measure in a child process that tiers up
        // as applications do, and warm every form up before timing it.
        if (Environment.GetEnvironmentVariable(TieredChildVariable) != "1")
        {
            return RunTieredChild();
        }

        var threadCounts = new List<int>();
        var sizes = new List<int>();
        var kernels = new List<string>();
        int samples = 7;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--threads" when i + 1 < args.Length:
                    threadCounts.AddRange(args[++i].Split(',').Select(BenchCommand.ParseThreads));
                    break;
                case "--size" when i + 1 < args.Length:
                    sizes.Add(int.TryParse(args[++i], CultureInfo.InvariantCulture, out int size) && size >= 16 && size <= 1 << 28
                        ? size
                        : throw new ArgumentException($"--size takes an element count from 16 to 2^28, got '{args[i]}'."));
                    break;
                case "--kernel" when i + 1 < args.Length:
                    string name = args[++i];
                    kernels.Add(s_kernels.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)).Name
                        ?? throw new ArgumentException($"--kernel takes one of {string.Join(", ", s_kernels.Select(k => k.Name))}; got '{name}'."));
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

        if (sizes.Count == 0)
        {
            sizes.AddRange(s_defaultSizes);
        }

        var selected = s_kernels.Where(k => kernels.Count == 0 || kernels.Contains(k.Name)).ToArray();
        int largest = sizes.Max();
        float* x = Allocate(largest, seed: 1), up = Allocate(largest, seed: 2), destination = Allocate(largest, seed: 3), copy = Allocate(largest, seed: 4);
        int saved = KernelThreading.MaxThreads;
        try
        {
            var table = new Table().Border(TableBorder.Rounded)
                .Title($"Element-wise kernels, float: medians of {samples} paired samples (copy, TensorPrimitives, ours)")
                .AddColumns("kernel", "N", "threads", "ours GB/s", "TP GB/s (1T)", "ours time / TP", "copy GB/s", "% of copy");
            foreach (int column in new[] { 1, 2, 3, 4, 5, 6, 7 })
            {
                table.Columns[column].RightAligned();
            }

            AnsiConsole.Status().Start("measuring", context =>
            {
                foreach ((string name, int streams, _) in selected)
                {
                    // Tier-up is per method, whatever the length: one warm-up of each form per kernel, on 4K floats.
                    context.Status($"{name}: warming up");
                    int warm = Math.Min(4096, largest);
                    KernelThreading.MaxThreads = 1;
                    BenchCommand.WarmUp(() => Baseline(name, new ReadOnlySpan<float>(x, warm), new ReadOnlySpan<float>(up, warm), new Span<float>(destination, warm)), 1.0);
                    BenchCommand.WarmUp(() => Ours(name, new ReadOnlySpan<float>(x, warm), new ReadOnlySpan<float>(up, warm), new Span<float>(destination, warm)), 0.3);
                    foreach (int n in sizes)
                    {
                        foreach (int threads in threadCounts)
                        {
                            context.Status($"{name}, {n} elements, {threads} thread(s)");
                            Row row = Measure(name, n, threads, samples, x, up, destination, copy);
                            double bytes = (double)streams * sizeof(float) * n;
                            table.AddRow(name, Str(n), Str(threads), Str(bytes / row.Ours / 1e9, "F2"), Str(bytes / row.Baseline / 1e9, "F2"),
                                Str(row.Ratio, "F2"), Str(2.0 * sizeof(float) * n / row.Copy / 1e9, "F2"),
                                n >= MemoryBoundLength ? Str(100 * row.ShareOfCopy, "F1") : "—");
                        }
                    }
                }
            });

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("[grey]GB/s counts bytes read + written (2 streams, 3 for SwiGlu; the copy 2). TP: the TensorPrimitives form, one thread: "
                + Markup.Escape(string.Join("; ", selected.Select(k => $"{k.Name} = {k.Baseline}"))) + ".[/]");
            AnsiConsole.MarkupLine($"[grey]Targets (issue 2): Sigmoid and Tanh time / TP ≤ 1; Gelu, Silu, Mish, SwiGlu ≤ 0.5; 16M elements on both cores ≥ 80% of copy. % of copy from {MemoryBoundLength} elements.[/]");
        }
        finally
        {
            KernelThreading.MaxThreads = saved;
            NativeMemory.AlignedFree(x);
            NativeMemory.AlignedFree(up);
            NativeMemory.AlignedFree(destination);
            NativeMemory.AlignedFree(copy);
        }

        return 0;
    }

    private const string TieredChildVariable = "NUMERICS_BENCH_TIERED";

    /// <summary>Runs this command again in a child process with tiered compilation on; returns its exit code.</summary>
    private static int RunTieredChild()
    {
        string host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        string[] commandLine = Environment.GetCommandLineArgs();
        var start = new ProcessStartInfo(host) { UseShellExecute = false };

        // `dotnet numerics.dll …` runs the host with the assembly as its first argument; the apphost runs alone.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(commandLine[0]);
        }

        foreach (string argument in commandLine.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_TieredCompilation"] = "1";
        start.Environment[TieredChildVariable] = "1";
        using Process child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{host}'.");
        child.WaitForExit();
        return child.ExitCode;
    }

    /// <summary>Seconds per call (medians) of ours, the baseline and the copy, and the medians of the paired ratios.</summary>
    private readonly record struct Row(double Ours, double Baseline, double Copy, double Ratio, double ShareOfCopy);

    private static Row Measure(string name, int n, int threads, int samples, float* x, float* up, float* destination, float* copy)
    {
        nint xp = (nint)x, upp = (nint)up, dp = (nint)destination, cp = (nint)copy;
        Action ours = () =>
        {
            KernelThreading.MaxThreads = threads;
            Ours(name, new ReadOnlySpan<float>((float*)xp, n), new ReadOnlySpan<float>((float*)upp, n), new Span<float>((float*)dp, n));
        };
        Action baseline = () => Baseline(name, new ReadOnlySpan<float>((float*)xp, n), new ReadOnlySpan<float>((float*)upp, n), new Span<float>((float*)dp, n));
        // The copy splits like the kernels do: across threads only from the element-wise threshold.
        Action copyAll = threads == 1 || n < KernelThreading.ElementwiseThreshold
            ? () => new ReadOnlySpan<float>((float*)xp, n).CopyTo(new Span<float>((float*)cp, n))
            : () => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
            {
                int start = (int)((long)n * part / threads), end = (int)((long)n * (part + 1) / threads);
                new ReadOnlySpan<float>((float*)xp + start, end - start).CopyTo(new Span<float>((float*)cp + start, end - start));
            });

        int oursRepeats = BenchCommand.Repeats(ours, 0.1), baselineRepeats = BenchCommand.Repeats(baseline, 0.1), copyRepeats = BenchCommand.Repeats(copyAll, 0.1);
        double[] oursTimes = new double[samples], baselineTimes = new double[samples], copyTimes = new double[samples];
        double[] ratios = new double[samples], shares = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            copyTimes[s] = Time(copyAll, copyRepeats);
            baselineTimes[s] = Time(baseline, baselineRepeats);
            oursTimes[s] = Time(ours, oursRepeats);
            ratios[s] = oursTimes[s] / baselineTimes[s];

            // Share of the copy's bandwidth: bytes per second of ours over the copy's (2 streams of n floats).
            int streams = name == "SwiGlu" ? 3 : 2;
            shares[s] = streams / oursTimes[s] / (2 / copyTimes[s]);
        }

        return new Row(Median(oursTimes), Median(baselineTimes), Median(copyTimes), Median(ratios), Median(shares));
    }

    private static double Time(Action call, int repeats)
    {
        var watch = Stopwatch.StartNew();
        for (int r = 0; r < repeats; r++)
        {
            call();
        }

        return watch.Elapsed.TotalSeconds / repeats;
    }

    private static double Median(double[] values)
    {
        double[] sorted = (double[])values.Clone();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    private static void Ours(string name, ReadOnlySpan<float> x, ReadOnlySpan<float> up, Span<float> y)
    {
        switch (name)
        {
            case "Sigmoid": Activations.Sigmoid(x, y); break;
            case "Tanh": Activations.Tanh(x, y); break;
            case "Gelu": Activations.Gelu(x, y); break;
            case "Silu": Activations.Silu(x, y); break;
            case "Mish": Activations.Mish(x, y); break;
            case "Softplus": Activations.Softplus(x, 1f, 20f, y); break;
            default: Activations.SwiGlu(x, up, y); break;
        }
    }

    /// <summary>The baseline of <paramref name="name"/>: what a user would write with TensorPrimitives.</summary>
    private static void Baseline(string name, ReadOnlySpan<float> x, ReadOnlySpan<float> up, Span<float> t)
    {
        switch (name)
        {
            case "Sigmoid": TensorPrimitivesForms.Sigmoid(x, t); break;
            case "Tanh": TensorPrimitivesForms.Tanh(x, t); break;
            case "Gelu": TensorPrimitivesForms.GeluTanh(x, t); break;
            case "Silu": TensorPrimitivesForms.Silu(x, t); break;
            case "Mish": TensorPrimitivesForms.Mish(x, t); break;
            case "Softplus": TensorPrimitivesForms.Softplus(x, t); break;
            default: TensorPrimitivesForms.SwiGlu(x, up, t); break;
        }
    }

    /// <summary>64-byte aligned floats, filled as the benchmark project fills activation inputs (a bell over about ±6).</summary>
    private static float* Allocate(int length, int seed)
    {
        float* p = (float*)NativeMemory.AlignedAlloc((nuint)length * sizeof(float), 64);
        var random = new Random(seed);
        for (int i = 0; i < length; i++)
        {
            double sum = random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble();
            p[i] = (float)(3 * (sum - 2));
        }

        return p;
    }

    private static string Str(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
