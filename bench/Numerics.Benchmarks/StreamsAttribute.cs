using System;

namespace Numerics.Benchmarks;

/// <summary>
/// How many float streams of length N one call of the benchmark reads and writes (inputs + outputs), so that
/// <see cref="ThroughputColumn"/> can turn its time into GB/s: bytes = <see cref="Count"/> · 4 · N.
/// </summary>
/// <remarks>
/// The count is the operation's own (Sigmoid: x in, y out = 2; SwiGLU: gate and up in, y out = 3), whatever the
/// implementation really moves: a TensorPrimitives composition that makes several passes over memory is charged the
/// same bytes as a fused kernel, so GB/s compares like with like and is the rate a user sees.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class StreamsAttribute(int count) : Attribute
{
    /// <summary>Inputs + outputs, each N floats.</summary>
    public int Count { get; } = count;
}
