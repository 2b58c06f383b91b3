using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Numerics.Kernels.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Numerics.Kernels.Tests.Math (a namespace) would shadow System.Math here.
using Math = System.Math;

/// <summary>
/// Collects per-output error statistics and failures of an accuracy sweep, then asserts once with every failing
/// output listed (input, actual, expected, error) and logs the worst error of every output.
/// </summary>
public sealed class AccuracyLog(string title)
{
    private const int LinesPerOutput = 6;
    private readonly SortedDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Records one float result; <paramref name="error"/> is in the unit the bound uses.</summary>
    public void Add(string output, bool ok, double error, int index, float[] inputs, float actual, double expected) =>
        Record(output, ok, error, () => ToleranceAssert.Describe(index, inputs, actual, expected));

    /// <summary>Records one double result.</summary>
    public void Add(string output, bool ok, double error, int index, double[] inputs, double actual, double expected) =>
        Record(output, ok, error, () => ToleranceAssert.Describe(index, inputs, actual, expected));

    /// <summary>Records one result; <paramref name="describe"/> runs only for failures.</summary>
    public void Add(string output, bool ok, double error, Func<string> describe) => Record(output, ok, error, describe);

    /// <summary>Writes the worst error per output, then fails listing every failing output.</summary>
    public void Finish(ITestOutputHelper? output)
    {
        foreach ((string name, Entry e) in _entries)
        {
            output?.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {e.Count} checked, worst {e.Worst:G4} ({e.Failures} failing)"));
        }

        List<string> failing = [];
        foreach ((string name, Entry e) in _entries.Where(p => p.Value.Failures > 0))
        {
            StringBuilder text = new();
            text.Append(CultureInfo.InvariantCulture, $"{name}: {e.Failures} of {e.Count} outside the bound; worst error {e.Worst:G4}:");
            foreach (string line in e.Lines)
            {
                text.AppendLine().Append("    ").Append(line);
            }

            text.AppendLine().Append("    worst: ").Append(e.WorstLine);
            failing.Add(text.ToString());
        }

        Assert.True(failing.Count == 0, $"{title}{Environment.NewLine}{string.Join(Environment.NewLine, failing)}");
        Assert.True(_entries.Values.Sum(e => e.Count) > 0, $"{title}: nothing was checked");
    }

    private void Record(string output, bool ok, double error, Func<string> describe)
    {
        if (!_entries.TryGetValue(output, out Entry? e))
        {
            e = new Entry();
            _entries.Add(output, e);
        }

        e.Count++;
        bool worse = !(error <= e.Worst) && !double.IsNaN(e.Worst);
        if (worse)
        {
            e.Worst = error;
        }

        if (!ok)
        {
            e.Failures++;
            string line = describe();
            if (e.Lines.Count < LinesPerOutput)
            {
                e.Lines.Add(line);
            }

            if (worse || e.WorstLine.Length == 0)
            {
                e.WorstLine = line;
            }
        }
    }

    private sealed class Entry
    {
        public int Count { get; set; }

        public int Failures { get; set; }

        public double Worst { get; set; }

        public string WorstLine { get; set; } = string.Empty;

        public List<string> Lines { get; } = [];
    }
}
