using System;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Threading;
using System.Threading.Tasks;

namespace Numerics.Cli.Measurement;

/// <summary>
/// The machine's fused multiply-add throughput: <see cref="Accumulators"/> independent FMA chains per thread on the
/// widest vector (Vector512, or two Vector256 loops standing for one on machines without it), no memory traffic.
/// It is the ceiling "% of peak" figures divide by; the benchmark project links this file so the terminal table and
/// BenchmarkDotNet use one definition.
/// </summary>
internal static class FmaThroughput
{
    /// <summary>Floating-point operations of one <see cref="RunSingle"/> call (one thread).</summary>
    public const double SingleFlopsPerCall = 2.0 * Iterations * Accumulators * 16;

    /// <summary>Floating-point operations of one <see cref="RunDouble"/> call (one thread).</summary>
    public const double DoubleFlopsPerCall = 2.0 * Iterations * Accumulators * 8;

    private const int Iterations = 1 << 20;
    private const int Accumulators = 24;

    private static double s_sink;

    /// <summary>One float FMA loop on each of <paramref name="threads"/> threads.</summary>
    public static void RunSingle(int threads) => Run(threads, static () => Vector512.IsHardwareAccelerated ? Float512() : Float256() + Float256());

    /// <summary>One double FMA loop on each of <paramref name="threads"/> threads.</summary>
    public static void RunDouble(int threads) => Run(threads, static () => Vector512.IsHardwareAccelerated ? Double512() : Double256() + Double256());

    private static void Run(int threads, Func<double> loop)
    {
        if (threads == 1)
        {
            Volatile.Write(ref s_sink, loop());
            return;
        }

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, _ => Volatile.Write(ref s_sink, loop()));
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Float512()
    {
        Vector512<float> m = Vector512.Create(0.999f), s = Vector512.Create(1e-7f);
        Vector512<float> r0 = s; Vector512<float> r1 = s; Vector512<float> r2 = s; Vector512<float> r3 = s; Vector512<float> r4 = s; Vector512<float> r5 = s; Vector512<float> r6 = s; Vector512<float> r7 = s; Vector512<float> r8 = s; Vector512<float> r9 = s; Vector512<float> r10 = s; Vector512<float> r11 = s; Vector512<float> r12 = s; Vector512<float> r13 = s; Vector512<float> r14 = s; Vector512<float> r15 = s; Vector512<float> r16 = s; Vector512<float> r17 = s; Vector512<float> r18 = s; Vector512<float> r19 = s; Vector512<float> r20 = s; Vector512<float> r21 = s; Vector512<float> r22 = s; Vector512<float> r23 = s;
        for (int i = 0; i < Iterations; i++)
        {
            r0 = Vector512.FusedMultiplyAdd(r0, m, s);
            r1 = Vector512.FusedMultiplyAdd(r1, m, s);
            r2 = Vector512.FusedMultiplyAdd(r2, m, s);
            r3 = Vector512.FusedMultiplyAdd(r3, m, s);
            r4 = Vector512.FusedMultiplyAdd(r4, m, s);
            r5 = Vector512.FusedMultiplyAdd(r5, m, s);
            r6 = Vector512.FusedMultiplyAdd(r6, m, s);
            r7 = Vector512.FusedMultiplyAdd(r7, m, s);
            r8 = Vector512.FusedMultiplyAdd(r8, m, s);
            r9 = Vector512.FusedMultiplyAdd(r9, m, s);
            r10 = Vector512.FusedMultiplyAdd(r10, m, s);
            r11 = Vector512.FusedMultiplyAdd(r11, m, s);
            r12 = Vector512.FusedMultiplyAdd(r12, m, s);
            r13 = Vector512.FusedMultiplyAdd(r13, m, s);
            r14 = Vector512.FusedMultiplyAdd(r14, m, s);
            r15 = Vector512.FusedMultiplyAdd(r15, m, s);
            r16 = Vector512.FusedMultiplyAdd(r16, m, s);
            r17 = Vector512.FusedMultiplyAdd(r17, m, s);
            r18 = Vector512.FusedMultiplyAdd(r18, m, s);
            r19 = Vector512.FusedMultiplyAdd(r19, m, s);
            r20 = Vector512.FusedMultiplyAdd(r20, m, s);
            r21 = Vector512.FusedMultiplyAdd(r21, m, s);
            r22 = Vector512.FusedMultiplyAdd(r22, m, s);
            r23 = Vector512.FusedMultiplyAdd(r23, m, s);
        }

        return (r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 + r9 + r10 + r11 + r12 + r13 + r14 + r15 + r16 + r17 + r18 + r19 + r20 + r21 + r22 + r23).ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Float256()
    {
        Vector256<float> m = Vector256.Create(0.999f), s = Vector256.Create(1e-7f);
        Vector256<float> r0 = s; Vector256<float> r1 = s; Vector256<float> r2 = s; Vector256<float> r3 = s; Vector256<float> r4 = s; Vector256<float> r5 = s; Vector256<float> r6 = s; Vector256<float> r7 = s; Vector256<float> r8 = s; Vector256<float> r9 = s; Vector256<float> r10 = s; Vector256<float> r11 = s; Vector256<float> r12 = s; Vector256<float> r13 = s; Vector256<float> r14 = s; Vector256<float> r15 = s; Vector256<float> r16 = s; Vector256<float> r17 = s; Vector256<float> r18 = s; Vector256<float> r19 = s; Vector256<float> r20 = s; Vector256<float> r21 = s; Vector256<float> r22 = s; Vector256<float> r23 = s;
        for (int i = 0; i < Iterations; i++)
        {
            r0 = Vector256.FusedMultiplyAdd(r0, m, s);
            r1 = Vector256.FusedMultiplyAdd(r1, m, s);
            r2 = Vector256.FusedMultiplyAdd(r2, m, s);
            r3 = Vector256.FusedMultiplyAdd(r3, m, s);
            r4 = Vector256.FusedMultiplyAdd(r4, m, s);
            r5 = Vector256.FusedMultiplyAdd(r5, m, s);
            r6 = Vector256.FusedMultiplyAdd(r6, m, s);
            r7 = Vector256.FusedMultiplyAdd(r7, m, s);
            r8 = Vector256.FusedMultiplyAdd(r8, m, s);
            r9 = Vector256.FusedMultiplyAdd(r9, m, s);
            r10 = Vector256.FusedMultiplyAdd(r10, m, s);
            r11 = Vector256.FusedMultiplyAdd(r11, m, s);
            r12 = Vector256.FusedMultiplyAdd(r12, m, s);
            r13 = Vector256.FusedMultiplyAdd(r13, m, s);
            r14 = Vector256.FusedMultiplyAdd(r14, m, s);
            r15 = Vector256.FusedMultiplyAdd(r15, m, s);
            r16 = Vector256.FusedMultiplyAdd(r16, m, s);
            r17 = Vector256.FusedMultiplyAdd(r17, m, s);
            r18 = Vector256.FusedMultiplyAdd(r18, m, s);
            r19 = Vector256.FusedMultiplyAdd(r19, m, s);
            r20 = Vector256.FusedMultiplyAdd(r20, m, s);
            r21 = Vector256.FusedMultiplyAdd(r21, m, s);
            r22 = Vector256.FusedMultiplyAdd(r22, m, s);
            r23 = Vector256.FusedMultiplyAdd(r23, m, s);
        }

        return (r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 + r9 + r10 + r11 + r12 + r13 + r14 + r15 + r16 + r17 + r18 + r19 + r20 + r21 + r22 + r23).ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Double512()
    {
        Vector512<double> m = Vector512.Create(0.999), s = Vector512.Create(1e-7);
        Vector512<double> r0 = s; Vector512<double> r1 = s; Vector512<double> r2 = s; Vector512<double> r3 = s; Vector512<double> r4 = s; Vector512<double> r5 = s; Vector512<double> r6 = s; Vector512<double> r7 = s; Vector512<double> r8 = s; Vector512<double> r9 = s; Vector512<double> r10 = s; Vector512<double> r11 = s; Vector512<double> r12 = s; Vector512<double> r13 = s; Vector512<double> r14 = s; Vector512<double> r15 = s; Vector512<double> r16 = s; Vector512<double> r17 = s; Vector512<double> r18 = s; Vector512<double> r19 = s; Vector512<double> r20 = s; Vector512<double> r21 = s; Vector512<double> r22 = s; Vector512<double> r23 = s;
        for (int i = 0; i < Iterations; i++)
        {
            r0 = Vector512.FusedMultiplyAdd(r0, m, s);
            r1 = Vector512.FusedMultiplyAdd(r1, m, s);
            r2 = Vector512.FusedMultiplyAdd(r2, m, s);
            r3 = Vector512.FusedMultiplyAdd(r3, m, s);
            r4 = Vector512.FusedMultiplyAdd(r4, m, s);
            r5 = Vector512.FusedMultiplyAdd(r5, m, s);
            r6 = Vector512.FusedMultiplyAdd(r6, m, s);
            r7 = Vector512.FusedMultiplyAdd(r7, m, s);
            r8 = Vector512.FusedMultiplyAdd(r8, m, s);
            r9 = Vector512.FusedMultiplyAdd(r9, m, s);
            r10 = Vector512.FusedMultiplyAdd(r10, m, s);
            r11 = Vector512.FusedMultiplyAdd(r11, m, s);
            r12 = Vector512.FusedMultiplyAdd(r12, m, s);
            r13 = Vector512.FusedMultiplyAdd(r13, m, s);
            r14 = Vector512.FusedMultiplyAdd(r14, m, s);
            r15 = Vector512.FusedMultiplyAdd(r15, m, s);
            r16 = Vector512.FusedMultiplyAdd(r16, m, s);
            r17 = Vector512.FusedMultiplyAdd(r17, m, s);
            r18 = Vector512.FusedMultiplyAdd(r18, m, s);
            r19 = Vector512.FusedMultiplyAdd(r19, m, s);
            r20 = Vector512.FusedMultiplyAdd(r20, m, s);
            r21 = Vector512.FusedMultiplyAdd(r21, m, s);
            r22 = Vector512.FusedMultiplyAdd(r22, m, s);
            r23 = Vector512.FusedMultiplyAdd(r23, m, s);
        }

        return (r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 + r9 + r10 + r11 + r12 + r13 + r14 + r15 + r16 + r17 + r18 + r19 + r20 + r21 + r22 + r23).ToScalar();
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static double Double256()
    {
        Vector256<double> m = Vector256.Create(0.999), s = Vector256.Create(1e-7);
        Vector256<double> r0 = s; Vector256<double> r1 = s; Vector256<double> r2 = s; Vector256<double> r3 = s; Vector256<double> r4 = s; Vector256<double> r5 = s; Vector256<double> r6 = s; Vector256<double> r7 = s; Vector256<double> r8 = s; Vector256<double> r9 = s; Vector256<double> r10 = s; Vector256<double> r11 = s; Vector256<double> r12 = s; Vector256<double> r13 = s; Vector256<double> r14 = s; Vector256<double> r15 = s; Vector256<double> r16 = s; Vector256<double> r17 = s; Vector256<double> r18 = s; Vector256<double> r19 = s; Vector256<double> r20 = s; Vector256<double> r21 = s; Vector256<double> r22 = s; Vector256<double> r23 = s;
        for (int i = 0; i < Iterations; i++)
        {
            r0 = Vector256.FusedMultiplyAdd(r0, m, s);
            r1 = Vector256.FusedMultiplyAdd(r1, m, s);
            r2 = Vector256.FusedMultiplyAdd(r2, m, s);
            r3 = Vector256.FusedMultiplyAdd(r3, m, s);
            r4 = Vector256.FusedMultiplyAdd(r4, m, s);
            r5 = Vector256.FusedMultiplyAdd(r5, m, s);
            r6 = Vector256.FusedMultiplyAdd(r6, m, s);
            r7 = Vector256.FusedMultiplyAdd(r7, m, s);
            r8 = Vector256.FusedMultiplyAdd(r8, m, s);
            r9 = Vector256.FusedMultiplyAdd(r9, m, s);
            r10 = Vector256.FusedMultiplyAdd(r10, m, s);
            r11 = Vector256.FusedMultiplyAdd(r11, m, s);
            r12 = Vector256.FusedMultiplyAdd(r12, m, s);
            r13 = Vector256.FusedMultiplyAdd(r13, m, s);
            r14 = Vector256.FusedMultiplyAdd(r14, m, s);
            r15 = Vector256.FusedMultiplyAdd(r15, m, s);
            r16 = Vector256.FusedMultiplyAdd(r16, m, s);
            r17 = Vector256.FusedMultiplyAdd(r17, m, s);
            r18 = Vector256.FusedMultiplyAdd(r18, m, s);
            r19 = Vector256.FusedMultiplyAdd(r19, m, s);
            r20 = Vector256.FusedMultiplyAdd(r20, m, s);
            r21 = Vector256.FusedMultiplyAdd(r21, m, s);
            r22 = Vector256.FusedMultiplyAdd(r22, m, s);
            r23 = Vector256.FusedMultiplyAdd(r23, m, s);
        }

        return (r0 + r1 + r2 + r3 + r4 + r5 + r6 + r7 + r8 + r9 + r10 + r11 + r12 + r13 + r14 + r15 + r16 + r17 + r18 + r19 + r20 + r21 + r22 + r23).ToScalar();
    }
}
