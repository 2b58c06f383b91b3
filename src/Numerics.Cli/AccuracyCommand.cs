using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading;
using Numerics.Cli.Accuracy;
using Spectre.Console;

namespace Numerics.Cli;

/// <summary><c>numerics accuracy</c>: worst float error of every kernel and derivative against its double evaluation.</summary>
internal static class AccuracyCommand
{
    public static int Run(string[] args)
    {
        bool exhaustive = false;
        var names = new List<string>();
        string? markdown = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--exhaustive":
                    exhaustive = true;
                    break;
                case "--kernel" when i + 1 < args.Length:
                    names.Add(args[++i]);
                    break;
                case "--markdown" when i + 1 < args.Length:
                    markdown = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}'. Run 'numerics help'.");
            }
        }

        var kernels = Activations.Kernels
            .Where(k => names.Count == 0 || names.Any(n => string.Equals(n, k.Definition, StringComparison.OrdinalIgnoreCase) || string.Equals(n, k.Name, StringComparison.OrdinalIgnoreCase)))
            .ToList();
        if (kernels.Count == 0)
        {
            throw new ArgumentException($"No kernel named {string.Join(", ", names)}. 'numerics info' lists them.");
        }

        var cases = kernels.SelectMany(AccuracyCase.For).ToList();
        var results = new List<(AccuracyCase Case, UlpMeter Meter, TimeSpan Time)>();
        AnsiConsole.MarkupLine(exhaustive
            ? $"Exhaustive: all 2^32 float inputs for each of the {cases.Count(c => !c.Kernel.EvaluatesInDouble)} outputs computed in float lanes, on {Environment.ProcessorCount} cores; the {cases.Count(c => c.Kernel.EvaluatesInDouble)} computed in double lanes (rounded once) get the sampled sweep."
            : $"Sampled: every 4099th float bit pattern (≈1M inputs, every binade) plus special values, {cases.Count} outputs. Use --exhaustive for all 2^32.");

        AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                foreach (AccuracyCase c in cases)
                {
                    // A float kernel that evaluates in double lanes returns the double entry point's value rounded once, by
                    // construction: sweeping all 2^32 inputs would only confirm the rounding, so it gets the sampled sweep.
                    bool all = exhaustive && !c.Kernel.EvaluatesInDouble;
                    long caseBlocks = AccuracyRunner.BlockCount(all);
                    ProgressTask task = ctx.AddTask(Markup.Escape(c.Label), maxValue: caseBlocks);
                    var started = DateTime.UtcNow;
                    UlpMeter meter = AccuracyRunner.Measure(c, all, () => task.Increment(1), CancellationToken.None);
                    task.Value = caseBlocks;
                    task.StopTask();
                    results.Add((c, meter, DateTime.UtcNow - started));
                }
            });

        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Kernel (output)", "Body", "Worst ulp (normal results)", "at x", "Worst abs. error (subnormal results)", "NaN mismatches", "Inputs", "Pass");
        foreach (var (c, m, _) in results)
        {
            table.AddRow(
                Markup.Escape(c.Label),
                Markup.Escape(Platform.BodyOf(c.Kernel, isDouble: false)),
                Ulp(m.MaxUlp),
                Markup.Escape(Float(m.MaxUlpInput)),
                m.MaxAbsoluteSubnormal == 0 ? "0" : m.MaxAbsoluteSubnormal.ToString("G3", CultureInfo.InvariantCulture),
                Markup.Escape(NaNCell(m)),
                m.Count.ToString("N0", CultureInfo.InvariantCulture),
                m.Passes() ? "[green]yes[/]" : "[red]NO[/]");
        }

        AnsiConsole.Write(table);
        int failures = results.Count(r => !r.Meter.Passes());
        AnsiConsole.MarkupLine(failures == 0
            ? $"[green]All {results.Count} outputs within 4 ulp (normal results) and one smallest normal (subnormal results).[/]"
            : $"[red]{failures} of {results.Count} outputs outside the bound.[/]");

        if (markdown is not null)
        {
            File.WriteAllText(markdown, Markdown(results, exhaustive, names));
            AnsiConsole.MarkupLine($"Wrote {Markup.Escape(markdown)}.");
        }

        return failures == 0 ? 0 : 1;
    }

    private static string NaNCell(UlpMeter m) =>
        m.NaNMismatches == 0 ? "0" : $"{m.NaNMismatches} (first at x = {Float(m.FirstNaNMismatchInput)})";

    private static string Ulp(double ulp) =>
        double.IsPositiveInfinity(ulp) ? "∞" : ulp.ToString("F3", CultureInfo.InvariantCulture);

    private static string Float(float x) => float.IsNaN(x) ? "—" : x.ToString("R", CultureInfo.InvariantCulture);

    private static string Markdown(List<(AccuracyCase Case, UlpMeter Meter, TimeSpan Time)> results, bool exhaustive, List<string> names)
    {
        var b = new StringBuilder();
        string command = "dotnet run -c Release --project src/Numerics.Cli -- accuracy" + (exhaustive ? " --exhaustive" : string.Empty)
            + string.Concat(names.Select(n => " --kernel " + n)) + " --markdown docs/accuracy.md";
        b.AppendLine("# Accuracy of the float activation kernels").AppendLine();
        b.AppendLine($"Made by `{command}` on {DateTime.UtcNow:yyyy-MM-dd}, {InfoLine()}.").AppendLine();
        b.AppendLine(exhaustive
            ? "For every output computed in float lanes, every one of the 2^32 float bit patterns was evaluated by the float entry point and by the double entry point of the same definition (the reference; the tests hold independent double references). An output whose body is `Vector512<double>` evaluates in double lanes and rounds once, so its float result is the double entry point's rounded by construction; those get the sampled sweep (every 4099th bit pattern plus special values), as the Inputs column shows."
            : "Every 4099th float bit pattern (about 2,000 inputs in every binade) plus special values.");
        b.AppendLine("Other inputs are fixed: gradient and the swept input's tangent 1, other tangents 0, `up` 1, PReLU's slope 0.25; scalars at PyTorch's defaults (negativeSlope 0.01, alpha 1, beta 1, threshold 20, HardTanh −1..1).").AppendLine();
        b.AppendLine("Target: at most 4 ulp where the true result is a normal float; at most one smallest normal (1.18e-38) of absolute error where it is subnormal or zero; NaN exactly where the reference is NaN.").AppendLine();
        b.AppendLine("| Kernel (output) | Body | Worst ulp | at x | Worst abs. error, subnormal results | NaN mismatches | Inputs | Time | Pass |");
        b.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---|");
        foreach (var (c, m, t) in results)
        {
            b.AppendLine($"| {c.Label} | `{Platform.BodyOf(c.Kernel, false)}` | {Ulp(m.MaxUlp)} | {Float(m.MaxUlpInput)} | {(m.MaxAbsoluteSubnormal == 0 ? "0" : m.MaxAbsoluteSubnormal.ToString("G3", CultureInfo.InvariantCulture))} | {NaNCell(m)} | {m.Count:N0} | {t.TotalSeconds:F1} s | {(m.Passes() ? "yes" : "**no**")} |");
        }

        return b.ToString();
    }

    private static string InfoLine() =>
        $"{Environment.ProcessorCount} cores, float body {Platform.VectorBits<float>()}-bit, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}";
}
