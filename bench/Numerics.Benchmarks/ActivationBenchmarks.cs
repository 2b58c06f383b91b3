using System;
using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Numerics.Cli.Measurement;

namespace Numerics.Benchmarks;

/// <summary>
/// Element-wise activations at three sizes: ours on one thread and on both cores, the
/// <see cref="TensorPrimitives"/> call (or the sequence of calls a user would write) as the per-category baseline, and a
/// naive scalar <see cref="MathF"/> loop. Every method reads its inputs and writes one output of N floats; the
/// compositions use the destination as their scratch buffer, so no benchmark allocates.
/// </summary>
/// <remarks>
/// <para>Thread settings: every benchmark runs with <see cref="KernelThreading.MaxThreads"/> = 1 except the
/// <c>*_Ours2T</c> ones, which get 2 (see <see cref="SetupTwoThreads"/>). TensorPrimitives and the naive loops are
/// single-threaded whatever the setting. At N = 4096 (below <see cref="KernelThreading.ElementwiseThreshold"/>) "2T"
/// runs on one thread too, by design.</para>
/// <para>Inputs are bell-shaped on [−6, 6] (<see cref="AlignedFloats.FillActivationInputs"/>), in 64-byte aligned
/// native buffers.</para>
/// </remarks>
[CategoriesColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)]
public unsafe class ActivationBenchmarks
{
    private const float SoftplusBeta = 1f;
    private const float SoftplusThreshold = 20f;
    private const float InverseSqrtTwo = 0.7071067811865476f;

    private float* _x;
    private float* _up;
    private float* _destination;

    [Params(4096, 1 << 20, 1 << 24)]
    public int N;

    private ReadOnlySpan<float> X => new(_x, N);

    private ReadOnlySpan<float> Up => new(_up, N);

    private Span<float> Destination => new(_destination, N);

    [GlobalSetup]
    public void SetupSingleThread()
    {
        Allocate();
        KernelThreading.MaxThreads = 1;
    }

    [GlobalSetup(Targets = new[]
    {
        nameof(Sigmoid_Ours2T), nameof(Tanh_Ours2T), nameof(Gelu_Ours2T), nameof(Silu_Ours2T),
        nameof(Mish_Ours2T), nameof(Softplus_Ours2T), nameof(SwiGlu_Ours2T),
    })]
    public void SetupTwoThreads()
    {
        Allocate();
        KernelThreading.MaxThreads = 2;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        AlignedFloats.Free(ref _x);
        AlignedFloats.Free(ref _up);
        AlignedFloats.Free(ref _destination);
    }

    private void Allocate()
    {
        _x = AlignedFloats.Allocate(N);
        _up = AlignedFloats.Allocate(N);
        _destination = AlignedFloats.Allocate(N);
        AlignedFloats.FillActivationInputs(_x, N, seed: 1);
        AlignedFloats.FillActivationInputs(_up, N, seed: 2);
    }

    // ---- Sigmoid: y = 1 / (1 + e^−x) ------------------------------------------------------------------------

    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("Sigmoid"), Streams(2)]
    public void Sigmoid_TensorPrimitives() => TensorPrimitivesForms.Sigmoid(X, Destination);

    [Benchmark(Description = "Ours 1T"), BenchmarkCategory("Sigmoid"), Streams(2)]
    public void Sigmoid_Ours1T() => Activations.Sigmoid(X, Destination);

    [Benchmark(Description = "Ours 2T"), BenchmarkCategory("Sigmoid"), Streams(2)]
    public void Sigmoid_Ours2T() => Activations.Sigmoid(X, Destination);

    [Benchmark(Description = "Naive loop"), BenchmarkCategory("Sigmoid"), Streams(2)]
    public void Sigmoid_Naive()
    {
        ReadOnlySpan<float> x = X;
        Span<float> y = Destination;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = 1f / (1f + MathF.Exp(-x[i]));
        }
    }

    // ---- Tanh ----------------------------------------------------------------------------------------------

    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("Tanh"), Streams(2)]
    public void Tanh_TensorPrimitives() => TensorPrimitivesForms.Tanh(X, Destination);

    [Benchmark(Description = "Ours 1T"), BenchmarkCategory("Tanh"), Streams(2)]
    public void Tanh_Ours1T() => Activations.Tanh(X, Destination);

    [Benchmark(Description = "Ours 2T"), BenchmarkCategory("Tanh"), Streams(2)]
    public void Tanh_Ours2T() => Activations.Tanh(X, Destination);

    [Benchmark(Description = "Naive loop"), BenchmarkCategory("Tanh"), Streams(2)]
    public void Tanh_Naive()
    {
        ReadOnlySpan<float> x = X;
        Span<float> y = Destination;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = MathF.Tanh(x[i]);
        }
    }

    // ---- GELU: ours is the exact erf form, x·Φ(x) --------------------------------------------------------------

    /// <summary>
    /// TensorPrimitives has no erf, so this is the tanh form ½x(1 + tanh(√(2/π)(x + 0.044715x³))) written as seven
    /// calls: x² → x³ → x + 0.044715x³ → ·√(2/π) → tanh → (t + 1)·x → ·½. The closest composition a user can write.
    /// </summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("Gelu"), Streams(2)]
    public void Gelu_TensorPrimitives() => TensorPrimitivesForms.GeluTanh(X, Destination);

    [Benchmark(Description = "Ours 1T"), BenchmarkCategory("Gelu"), Streams(2)]
    public void Gelu_Ours1T() => Activations.Gelu(X, Destination);

    [Benchmark(Description = "Ours 2T"), BenchmarkCategory("Gelu"), Streams(2)]
    public void Gelu_Ours2T() => Activations.Gelu(X, Destination);

    /// <summary>Erf form, ½x(1 + erf(x/√2)), with the scalar <see cref="Erf"/> below.</summary>
    [Benchmark(Description = "Naive loop"), BenchmarkCategory("Gelu"), Streams(2)]
    public void Gelu_Naive()
    {
        ReadOnlySpan<float> x = X;
        Span<float> y = Destination;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = 0.5f * x[i] * (1f + Erf(x[i] * InverseSqrtTwo));
        }
    }

    /// <summary>
    /// Abramowitz &amp; Stegun 7.1.26: erf(x) ≈ 1 − (a₁t + a₂t² + a₃t³ + a₄t⁴ + a₅t⁵)·e^(−x²), t = 1/(1 + p|x|),
    /// odd in x; absolute error below 1.5e-7. What a user without an erf would paste in.
    /// </summary>
    private static float Erf(float x)
    {
        float a = MathF.Abs(x);
        float t = 1f / (1f + 0.3275911f * a);
        float poly = t * (0.254829592f + t * (-0.284496736f + t * (1.421413741f + t * (-1.453152027f + t * 1.061405429f))));
        return MathF.CopySign(1f - poly * MathF.Exp(-a * a), x);
    }

    // ---- SiLU: x·σ(x) --------------------------------------------------------------------------------------

    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("Silu"), Streams(2)]
    public void Silu_TensorPrimitives() => TensorPrimitivesForms.Silu(X, Destination);

    [Benchmark(Description = "Ours 1T"), BenchmarkCategory("Silu"), Streams(2)]
    public void Silu_Ours1T() => Activations.Silu(X, Destination);

    [Benchmark(Description = "Ours 2T"), BenchmarkCategory("Silu"), Streams(2)]
    public void Silu_Ours2T() => Activations.Silu(X, Destination);

    [Benchmark(Description = "Naive loop"), BenchmarkCategory("Silu"), Streams(2)]
    public void Silu_Naive()
    {
        ReadOnlySpan<float> x = X;
        Span<float> y = Destination;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] / (1f + MathF.Exp(-x[i]));
        }
    }

    // ---- Mish: x·tanh(softplus(x)) -------------------------------------------------------------------------

    /// <summary>Exp → LogP1 (= ln(1 + t), one pass instead of Add 1 then Log) → Tanh → Multiply by x.</summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("Mish"), Streams(2)]
    public void Mish_TensorPrimitives() => TensorPrimitivesForms.Mish(X, Destination);

    [Benchmark(Description = "Ours 1T"), BenchmarkCategory("Mish"), Streams(2)]
    public void Mish_Ours1T() => Activations.Mish(X, Destination);

    [Benchmark(Description = "Ours 2T"), BenchmarkCategory("Mish"), Streams(2)]
    public void Mish_Ours2T() => Activations.Mish(X, Destination);

    [Benchmark(Description = "Naive loop"), BenchmarkCategory("Mish"), Streams(2)]
    public void Mish_Naive()
    {
        ReadOnlySpan<float> x = X;
        Span<float> y = Destination;
        for (int i = 0; i < x.Length; i++)
        {
            y[i] = x[i] * MathF.Tanh(MathF.Log(1f + MathF.Exp(x[i])));
        }
    }

    // ---- Softplus (β = 1, threshold = 20) ------------------------------------------------------------------

    /// <summary>Exp → LogP1, i.e. ln(1 + eˣ) with β = 1 and no threshold branch (it does not change the cost).</summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("Softplus"), Streams(2)]
    public void Softplus_TensorPrimitives() => TensorPrimitivesForms.Softplus(X, Destination);

    [Benchmark(Description = "Ours 1T"), BenchmarkCategory("Softplus"), Streams(2)]
    public void Softplus_Ours1T() => Activations.Softplus(X, SoftplusBeta, SoftplusThreshold, Destination);

    [Benchmark(Description = "Ours 2T"), BenchmarkCategory("Softplus"), Streams(2)]
    public void Softplus_Ours2T() => Activations.Softplus(X, SoftplusBeta, SoftplusThreshold, Destination);

    [Benchmark(Description = "Naive loop"), BenchmarkCategory("Softplus"), Streams(2)]
    public void Softplus_Naive()
    {
        ReadOnlySpan<float> x = X;
        Span<float> y = Destination;
        for (int i = 0; i < x.Length; i++)
        {
            float u = SoftplusBeta * x[i];
            y[i] = u > SoftplusThreshold ? x[i] : MathF.Log(1f + MathF.Exp(u)) / SoftplusBeta;
        }
    }

    // ---- SwiGLU: silu(gate)·up -----------------------------------------------------------------------------

    /// <summary>Sigmoid(gate) → Multiply by gate → Multiply by up.</summary>
    [Benchmark(Baseline = true, Description = "TensorPrimitives"), BenchmarkCategory("SwiGlu"), Streams(3)]
    public void SwiGlu_TensorPrimitives() => TensorPrimitivesForms.SwiGlu(X, Up, Destination);

    [Benchmark(Description = "Ours 1T"), BenchmarkCategory("SwiGlu"), Streams(3)]
    public void SwiGlu_Ours1T() => Activations.SwiGlu(X, Up, Destination);

    [Benchmark(Description = "Ours 2T"), BenchmarkCategory("SwiGlu"), Streams(3)]
    public void SwiGlu_Ours2T() => Activations.SwiGlu(X, Up, Destination);

    [Benchmark(Description = "Naive loop"), BenchmarkCategory("SwiGlu"), Streams(3)]
    public void SwiGlu_Naive()
    {
        ReadOnlySpan<float> gate = X;
        ReadOnlySpan<float> up = Up;
        Span<float> y = Destination;
        for (int i = 0; i < gate.Length; i++)
        {
            y[i] = gate[i] / (1f + MathF.Exp(-gate[i])) * up[i];
        }
    }
}
