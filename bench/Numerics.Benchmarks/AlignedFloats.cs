using System;
using System.Runtime.InteropServices;

namespace Numerics.Benchmarks;

/// <summary>Native float buffers aligned to 64 bytes (one cache line, one AVX-512 vector), for [GlobalSetup].</summary>
internal static unsafe class AlignedFloats
{
    public const int Alignment = 64;

    /// <summary>Allocates <paramref name="length"/> floats and writes every one, so no page fault lands in a measurement.</summary>
    public static float* Allocate(int length)
    {
        var p = (float*)NativeMemory.AlignedAlloc((nuint)length * sizeof(float), Alignment);
        new Span<float>(p, length).Clear();
        return p;
    }

    /// <summary>Fills with a bell-shaped distribution on [−6, 6]: 3·(u₁ + u₂ + u₃ + u₄ − 2), σ ≈ 1.73, fixed seed.</summary>
    public static void FillActivationInputs(float* p, int length, int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < length; i++)
        {
            double sum = random.NextDouble() + random.NextDouble() + random.NextDouble() + random.NextDouble();
            p[i] = (float)(3 * (sum - 2));
        }
    }

    public static void Free(ref float* p)
    {
        NativeMemory.AlignedFree(p);
        p = null;
    }
}
