using System;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Numerics.Kernels.Tests.Infrastructure;

/// <summary>
/// Lengths that reach every tail and unrolling path of a vectorised kernel: every length
/// 0..256, k·VectorCount − 1, k·VectorCount and k·VectorCount + 1 for each float and
/// double vector width up to 1100, and a few large ones. Sorted, without repeats.
/// </summary>
public static class TestLengths
{
    /// <summary>Elements per vector for float at 128, 256 and 512 bits.</summary>
    public static IReadOnlyList<int> FloatVectorCounts { get; } = [4, 8, 16];

    /// <summary>Elements per vector for double at 128, 256 and 512 bits.</summary>
    public static IReadOnlyList<int> DoubleVectorCounts { get; } = [2, 4, 8];

    /// <summary>Largest length reached by the k·VectorCount ± 1 sweep.</summary>
    public const int SweepLimit = 1100;

    /// <summary>Lengths beyond the sweep: around a page of floats, and a large odd one.</summary>
    public static IReadOnlyList<int> Large { get; } = [4095, 4096, 4097, 65537];

    /// <summary>
    /// The full set: 1105 lengths. Double's 2-wide vectors make k·2 and k·2 ± 1 cover every
    /// integer, so in effect this is every length 0..1100 plus <see cref="Large"/>; use
    /// <see cref="Small"/> where a single length is expensive.
    /// </summary>
    public static IReadOnlyList<int> All { get; } = Build(maxDense: 256, sweepLimit: SweepLimit, Large);

    /// <summary>
    /// A cheaper set for expensive tests: 0..33, k·VectorCount and k·VectorCount ± 1 for
    /// k ≤ 4 and every vector width, and 64, 128, 256, 1024 each with its neighbours.
    /// </summary>
    public static IReadOnlyList<int> Small { get; } = BuildSmall();

    /// <summary><see cref="All"/> as xunit theory data.</summary>
    public static TheoryData<int> AllData => ToTheoryData(All);

    /// <summary><see cref="Small"/> as xunit theory data.</summary>
    public static TheoryData<int> SmallData => ToTheoryData(Small);

    private static IReadOnlyList<int> Build(int maxDense, int sweepLimit, IEnumerable<int> extra)
    {
        SortedSet<int> lengths = [];
        for (int n = 0; n <= maxDense; n++)
        {
            lengths.Add(n);
        }

        foreach (int count in FloatVectorCounts.Concat(DoubleVectorCounts).Distinct())
        {
            for (int k = count; k - 1 <= sweepLimit; k += count)
            {
                lengths.Add(k - 1);
                lengths.Add(k);
                if (k + 1 <= sweepLimit)
                {
                    lengths.Add(k + 1);
                }
            }
        }

        foreach (int n in extra)
        {
            lengths.Add(n);
        }

        return lengths.ToArray();
    }

    private static IReadOnlyList<int> BuildSmall()
    {
        SortedSet<int> lengths = [];
        for (int n = 0; n <= 33; n++)
        {
            lengths.Add(n);
        }

        foreach (int count in FloatVectorCounts.Concat(DoubleVectorCounts).Distinct())
        {
            for (int k = 1; k <= 4; k++)
            {
                lengths.Add(k * count - 1);
                lengths.Add(k * count);
                lengths.Add(k * count + 1);
            }
        }

        foreach (int n in new[] { 64, 128, 256, 1024 })
        {
            lengths.Add(n - 1);
            lengths.Add(n);
            lengths.Add(n + 1);
        }

        return lengths.ToArray();
    }

    private static TheoryData<int> ToTheoryData(IEnumerable<int> lengths)
    {
        TheoryData<int> data = [];
        foreach (int n in lengths)
        {
            data.Add(n);
        }

        return data;
    }
}
