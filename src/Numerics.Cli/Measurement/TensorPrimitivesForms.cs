using System;
using System.Numerics.Tensors;

namespace Numerics.Cli.Measurement;

/// <summary>
/// The activations as a user would write them with <see cref="TensorPrimitives"/>: the direct operation where it has
/// one, otherwise the sequence of calls. They are the baselines of the element-wise targets; the benchmark project
/// links this file, so BenchmarkDotNet and <c>numerics bench activations</c> hold the kernels to the same forms.
/// Each writes its last span argument and uses it as its scratch.
/// </summary>
internal static class TensorPrimitivesForms
{
    private const float SqrtTwoOverPi = 0.7978845608028654f;
    private const float GeluTanhCubic = 0.044715f;

    /// <summary>σ(x): <see cref="TensorPrimitives.Sigmoid{T}(ReadOnlySpan{T}, Span{T})"/>.</summary>
    public static void Sigmoid(ReadOnlySpan<float> x, Span<float> destination) => TensorPrimitives.Sigmoid(x, destination);

    /// <summary>tanh x: <see cref="TensorPrimitives.Tanh{T}(ReadOnlySpan{T}, Span{T})"/>.</summary>
    public static void Tanh(ReadOnlySpan<float> x, Span<float> destination) => TensorPrimitives.Tanh(x, destination);

    /// <summary>GELU in its tanh form, 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715x³))), seven calls (TensorPrimitives has no erf).</summary>
    public static void GeluTanh(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Multiply(x, x, t);
        TensorPrimitives.Multiply(t, x, t);
        TensorPrimitives.MultiplyAdd(t, GeluTanhCubic, x, t);
        TensorPrimitives.Multiply(t, SqrtTwoOverPi, t);
        TensorPrimitives.Tanh(t, t);
        TensorPrimitives.AddMultiply(t, 1f, x, t);
        TensorPrimitives.Multiply(t, 0.5f, t);
    }

    /// <summary>SiLU, x·σ(x): Sigmoid, Multiply.</summary>
    public static void Silu(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Sigmoid(x, t);
        TensorPrimitives.Multiply(t, x, t);
    }

    /// <summary>Mish, x·tanh(ln(1 + eˣ)): Exp, LogP1, Tanh, Multiply.</summary>
    public static void Mish(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Exp(x, t);
        TensorPrimitives.LogP1(t, t);
        TensorPrimitives.Tanh(t, t);
        TensorPrimitives.Multiply(t, x, t);
    }

    /// <summary>Softplus without β or threshold, ln(1 + eˣ): Exp, LogP1.</summary>
    public static void Softplus(ReadOnlySpan<float> x, Span<float> t)
    {
        TensorPrimitives.Exp(x, t);
        TensorPrimitives.LogP1(t, t);
    }

    /// <summary>SwiGLU, gate·σ(gate)·up: Sigmoid, Multiply, Multiply.</summary>
    public static void SwiGlu(ReadOnlySpan<float> gate, ReadOnlySpan<float> up, Span<float> t)
    {
        TensorPrimitives.Sigmoid(gate, t);
        TensorPrimitives.Multiply(t, gate, t);
        TensorPrimitives.Multiply(t, up, t);
    }
}
