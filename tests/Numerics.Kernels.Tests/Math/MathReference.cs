using System;

namespace Numerics.Kernels.Tests.MathRuntime;

/// <summary>Looks up the mpmath tables written by reference.py.</summary>
internal static partial class MathReference
{
    /// <summary>The flat (x, hi, lo) triples of the table called <paramref name="name"/>, e.g. "ErfcDouble".</summary>
    public static double[] Table(string name) =>
        (double[]?)typeof(MathReference).GetField(name)?.GetValue(null)
        ?? throw new ArgumentOutOfRangeException(nameof(name), name, "No such reference table.");
}
