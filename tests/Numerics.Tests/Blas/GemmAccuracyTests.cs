using FsCheck.Xunit;

namespace Numerics.Tests.LinearAlgebra;

// Blas.Gemm against an exact (double-double) reference on random shapes, transposes, scalars and padded leading
// dimensions, within the worst-case rounding bound of GemmBound (a term meets at most k + 2·⌈k/256⌉ roundings; the
// dot paths a few dozen more). With beta = 0, C starts as NaN and must come out finite; padding of A and B is NaN
// and padding of C a sentinel that must survive. Seeds are fixed (Replay) so a failure reproduces; the failing case
// prints with its own seed, from which GemmOperands.Create rebuilds the operands.
public sealed class GemmAccuracyTests
{
    private const string Seed = "(20261129,2203)";

    [Property(Arbitrary = [typeof(GemmArbitraries)], MaxTest = 100, Replay = Seed)]
    public void SingleIsWithinTheRoundingBound(GemmCase c)
    {
        GemmOperands<float> operands = GemmOperands<float>.Create(c);
        operands.AssertWithinBound(operands.RunBlas(), c.IsDotPath);
    }

    [Property(Arbitrary = [typeof(GemmArbitraries)], MaxTest = 100, Replay = Seed)]
    public void DoubleIsWithinTheRoundingBound(GemmCase c)
    {
        GemmOperands<double> operands = GemmOperands<double>.Create(c);
        operands.AssertWithinBound(operands.RunBlas(), c.IsDotPath);
    }
}
