using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;

namespace Numerics.Benchmarks;

/// <summary>
/// Backward (vector-Jacobian) kernels of the activations used in training, one thread: ours (<c>gradient·f′(x)</c> in
/// one pass) against the <see cref="TensorPrimitives"/> calls a user would write for the same product, each
/// composition using the destination and one scratch buffer, so nothing allocates. Every method reads x and the
/// gradient and writes one output (3 streams of N floats).
/// </summary>
/// <remarks>
/// Sigmoid, Tanh and Softplus derivatives run in float lanes, SiLU's in double lanes (its derivative has a zero,
/// docs/kernels.md, "Precision"). The compositions use the textbook forms σ(1 − σ), 1 − tanh², σ(1 + x(1 − σ)) and
/// σ (Softplus at β = 1 without its threshold), which lose relative accuracy where ours does not (1 − σ and 1 − tanh²
/// round to 0 in the tails).
/// </remarks>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public unsafe class ActivationBackwardBenchmarks
{
    private float* _x;
    private float* _gradient;
    private float* _scratch;
    private float* _destination;

    [Params(4096, 1 << 20)]
    public int N;

    private ReadOnlySpan<float> X => new(_x, N);

    private ReadOnlySpan<float> Gradient => new(_gradient, N);

    private Span<float> Scratch => new(_scratch, N);

    private Span<float> Destination => new(_destination, N);

    [GlobalSetup]
    public void Setup()
    {
        _x = AlignedFloats.Allocate(N);
        _gradient = AlignedFloats.Allocate(N);
        _scratch = AlignedFloats.Allocate(N);
        _destination = AlignedFloats.Allocate(N);
        AlignedFloats.FillActivationInputs(_x, N, seed: 1);
        AlignedFloats.FillActivationInputs(_gradient, N, seed: 2);
        KernelThreading.MaxThreads = 1;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        AlignedFloats.Free(ref _x);
        AlignedFloats.Free(ref _gradient);
        AlignedFloats.Free(ref _scratch);
        AlignedFloats.Free(ref _destination);
    }

    /// <summary>g·σ(1 − σ): σ, σ², σ − σ², ·g.</summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("SigmoidBackward"), Streams(3)]
    public void SigmoidBackward_TensorPrimitives()
    {
        Span<float> d = Destination, s = Scratch;
        TensorPrimitives.Sigmoid(X, d);
        TensorPrimitives.Multiply(d, d, s);
        TensorPrimitives.Subtract(d, s, d);
        TensorPrimitives.Multiply(d, Gradient, d);
    }

    [Benchmark(Description = "Ours"), BenchmarkCategory("SigmoidBackward"), Streams(3)]
    public void SigmoidBackward_Ours() => Activations.SigmoidBackward(X, Gradient, Destination);

    /// <summary>g·(1 − tanh²): tanh, square, 1 − ·, ·g.</summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("TanhBackward"), Streams(3)]
    public void TanhBackward_TensorPrimitives()
    {
        Span<float> d = Destination;
        TensorPrimitives.Tanh(X, d);
        TensorPrimitives.Multiply(d, d, d);
        TensorPrimitives.Subtract(1f, d, d);
        TensorPrimitives.Multiply(d, Gradient, d);
    }

    [Benchmark(Description = "Ours"), BenchmarkCategory("TanhBackward"), Streams(3)]
    public void TanhBackward_Ours() => Activations.TanhBackward(X, Gradient, Destination);

    /// <summary>g·σ(1 + x(1 − σ)): σ, 1 − σ, x·, 1 + ·, σ·, ·g.</summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("SiluBackward"), Streams(3)]
    public void SiluBackward_TensorPrimitives()
    {
        Span<float> d = Destination, s = Scratch;
        TensorPrimitives.Sigmoid(X, d);
        TensorPrimitives.Subtract(1f, d, s);
        TensorPrimitives.Multiply(X, s, s);
        TensorPrimitives.Add(s, 1f, s);
        TensorPrimitives.Multiply(d, s, d);
        TensorPrimitives.Multiply(d, Gradient, d);
    }

    [Benchmark(Description = "Ours"), BenchmarkCategory("SiluBackward"), Streams(3)]
    public void SiluBackward_Ours() => Activations.SiluBackward(X, Gradient, Destination);

    /// <summary>g·σ(x) (β = 1, no threshold): σ, ·g.</summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("SoftplusBackward"), Streams(3)]
    public void SoftplusBackward_TensorPrimitives()
    {
        Span<float> d = Destination;
        TensorPrimitives.Sigmoid(X, d);
        TensorPrimitives.Multiply(d, Gradient, d);
    }

    [Benchmark(Description = "Ours"), BenchmarkCategory("SoftplusBackward"), Streams(3)]
    public void SoftplusBackward_Ours() => Activations.SoftplusBackward(X, 1f, 20f, Gradient, Destination);
}
