using System;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Numerics.Generators.Tests.Infrastructure;
using Numerics.Kernels;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>Compiles <see cref="GemmSemanticsKernels.Source"/> with its generated micro-kernels once and loads it.</summary>
public sealed class GemmSemanticsKernels : IDisposable
{
    /// <summary>
    /// The library's eight tiles, plus odd shapes (one row, three rows, three and one column, three registers per row)
    /// that catch indexing slips a square-ish tile would hide. Public, so reflection finds them.
    /// </summary>
    public const string Source = """
        using Numerics.Kernels;

        namespace GemmSemantics;

        [GemmMicroKernel(typeof(float), 512, 12, 32)] public readonly partial struct SgemmKernel_V512_12x32;
        [GemmMicroKernel(typeof(float), 256, 6, 16)] public readonly partial struct SgemmKernel_V256_6x16;
        [GemmMicroKernel(typeof(float), 128, 6, 8)] public readonly partial struct SgemmKernel_V128_6x8;
        [GemmMicroKernel(typeof(float), 0, 2, 4)] public readonly partial struct SgemmKernel_Scalar_2x4;
        [GemmMicroKernel(typeof(double), 512, 12, 16)] public readonly partial struct DgemmKernel_V512_12x16;
        [GemmMicroKernel(typeof(double), 512, 6, 32)] public readonly partial struct DgemmKernel_V512_6x32;
        [GemmMicroKernel(typeof(double), 256, 6, 8)] public readonly partial struct DgemmKernel_V256_6x8;
        [GemmMicroKernel(typeof(double), 128, 6, 4)] public readonly partial struct DgemmKernel_V128_6x4;
        [GemmMicroKernel(typeof(double), 0, 2, 4)] public readonly partial struct DgemmKernel_Scalar_2x4;

        [GemmMicroKernel(typeof(float), 512, 1, 16)] public readonly partial struct SgemmKernel_V512_1x16;
        [GemmMicroKernel(typeof(float), 256, 3, 24)] public readonly partial struct SgemmKernel_V256_3x24;
        [GemmMicroKernel(typeof(double), 128, 5, 2)] public readonly partial struct DgemmKernel_V128_5x2;
        [GemmMicroKernel(typeof(float), 0, 3, 3)] public readonly partial struct SgemmKernel_Scalar_3x3;
        [GemmMicroKernel(typeof(double), 0, 5, 1)] public readonly partial struct DgemmKernel_Scalar_5x1;
        """;

    private readonly LoadedAssembly _loaded;

    public GemmSemanticsKernels() =>
        _loaded = GeneratorHarness.Load(GeneratorHarness.Run(new GemmMicroKernelGenerator(), Source));

    public Type Get(string name) => _loaded.Assembly.GetType("GemmSemantics." + name, throwOnError: true)!;

    public void Dispose() => _loaded.Dispose();
}

/// <summary>
/// Semantics of the generated micro-kernels, called through their static <c>Run</c>, <c>RunRowMajorA</c> and
/// <c>RunStridedA</c> (as function pointers, so with
/// exactly the generated signature) and compared bit for bit with the contract of <see cref="IGemmMicroKernel{T}"/>:
/// <c>acc[i, j]</c> is the chain of fused multiply-adds over p in order starting from 0; C gets <c>alpha·acc</c> when
/// beta is 0 (C not read: NaN there must not leak) and <c>fma(beta, c, alpha·acc)</c> otherwise; elements of C outside
/// the tile (before it, between its rows when <c>ldc &gt; Nr</c>, after it) are not touched.
/// </summary>
/// <remarks>
/// Every tile runs here whatever the hardware: a vector kernel whose <c>IsSupported</c> is false still has to be
/// right (the vector types and <c>FusedMultiplyAdd</c> fall back to software, still fused), only slower.
/// </remarks>
public sealed class GemmMicroKernelSemanticsTests(GemmSemanticsKernels kernels) : IClassFixture<GemmSemanticsKernels>
{
    public static TheoryData<string, int, int, int> Tiles() => new()
    {
        { "SgemmKernel_V512_12x32", 512, 12, 32 },
        { "SgemmKernel_V256_6x16", 256, 6, 16 },
        { "SgemmKernel_V128_6x8", 128, 6, 8 },
        { "SgemmKernel_Scalar_2x4", 0, 2, 4 },
        { "DgemmKernel_V512_12x16", 512, 12, 16 },
        { "DgemmKernel_V512_6x32", 512, 6, 32 },
        { "DgemmKernel_V256_6x8", 256, 6, 8 },
        { "DgemmKernel_V128_6x4", 128, 6, 4 },
        { "DgemmKernel_Scalar_2x4", 0, 2, 4 },
        { "SgemmKernel_V512_1x16", 512, 1, 16 },
        { "SgemmKernel_V256_3x24", 256, 3, 24 },
        { "DgemmKernel_V128_5x2", 128, 5, 2 },
        { "SgemmKernel_Scalar_3x3", 0, 3, 3 },
        { "DgemmKernel_Scalar_5x1", 0, 5, 1 },
    };

    /// <summary>
    /// Depths: empty, short, and longer than the prefetching tail of every vector tile (4·Mr steps: 48 at Mr = 12),
    /// so the main loop, the tail loop and the hand-over between them all run.
    /// </summary>
    private static readonly int[] s_kcs = [0, 1, 2, 37, 49, 100];

    /// <summary>(alpha, beta): beta = 0 and −0 (C not read), 1, a general pair, alpha = 0 with beta ≠ 0.</summary>
    private static readonly (double Alpha, double Beta)[] s_scales = [(1, 0), (-1.5, 0), (2, -0.0), (1, 1), (0.75, -2.5), (0, 1.5)];

    [Theory]
    [MemberData(nameof(Tiles))]
    public void StaticPropertiesDescribeTheTile(string name, int bits, int mr, int nr)
    {
        Type type = kernels.Get(name);
        Type element = name[0] == 'D' ? typeof(double) : typeof(float);
        Assert.Contains(typeof(IGemmMicroKernel<>).MakeGenericType(element), type.GetInterfaces());
        Assert.True(type.IsValueType);
        Assert.Equal(mr, Property<int>(type, "Mr"));
        Assert.Equal(nr, Property<int>(type, "Nr"));

        bool fma = Fma.IsSupported || AdvSimd.IsSupported;
        bool expected = bits switch
        {
            0 => true,
            128 => Vector128.IsHardwareAccelerated && fma,
            256 => Vector256.IsHardwareAccelerated && fma,
            _ => Vector512.IsHardwareAccelerated && fma,
        };
        Assert.Equal(expected, Property<bool>(type, "IsSupported"));
        Assert.Equal(GemmMicroKernelSupport.HasFusedMultiplyAdd, fma);
    }

    [Theory]
    [MemberData(nameof(Tiles))]
    public void RunMatchesTheFusedReferenceBitForBit(string name, int bits, int mr, int nr)
    {
        _ = bits;
        if (name[0] == 'D')
        {
            Check<double>(kernels.Get(name), mr, nr);
        }
        else
        {
            Check<float>(kernels.Get(name), mr, nr);
        }
    }

    /// <summary>The tiles, each with one of the entry points that read A in place.</summary>
    public static TheoryData<string, string, int, int, int> TilesWithInPlaceA()
    {
        var data = new TheoryData<string, string, int, int, int>();
        foreach (string entry in new[] { "RunRowMajorA", "RunStridedA" })
        {
            foreach (object[] tile in Tiles())
            {
                data.Add(entry, (string)tile[0], (int)tile[1], (int)tile[2], (int)tile[3]);
            }
        }

        return data;
    }

    /// <summary>
    /// The entry points that read A in place must give exactly what <c>Run</c> gives over the packed copy: the same
    /// reference, bit for bit. <c>RunRowMajorA</c> reads the tile's rows (row i at <c>a + i·lda</c>), the columns
    /// between kc and lda holding NaN; <c>RunStridedA</c> reads the k steps lda apart (transposed A: step p's Mr values
    /// at <c>a + p·lda</c>), NaN between one step's Mr values and the next step. A read outside them shows up in C.
    /// </summary>
    [Theory]
    [MemberData(nameof(TilesWithInPlaceA))]
    public void InPlaceAMatchesTheFusedReferenceBitForBit(string entry, string name, int bits, int mr, int nr)
    {
        _ = bits;
        if (name[0] == 'D')
        {
            Check<double>(kernels.Get(name), mr, nr, entry);
        }
        else
        {
            Check<float>(kernels.Get(name), mr, nr, entry);
        }
    }

    /// <summary>
    /// The reference can tell a fused kernel from one that multiplies and adds separately: with the data the tests
    /// use, the two differ somewhere at kc = 37 (else the bit-for-bit check above would prove less than it says).
    /// </summary>
    [Fact]
    public void ReferenceDistinguishesFusedFromUnfused()
    {
        var random = new Random(37);
        float[] a = Values<float>(random, 37 * 6);
        float[] b = Values<float>(random, 37 * 16);
        float[] fused = Reference(37, a, b, 6, 16, fuse: true);
        float[] separate = Reference(37, a, b, 6, 16, fuse: false);
        Assert.Contains(Enumerable.Range(0, fused.Length), i => BitConverter.SingleToInt32Bits(fused[i]) != BitConverter.SingleToInt32Bits(separate[i]));
    }

    private static unsafe void Check<T>(Type type, int mr, int nr, string entry = "Run")
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        bool rowMajorA = entry == "RunRowMajorA";
        bool stridedA = entry == "RunStridedA";
        MethodInfo? run = type.GetMethod(
            "Run",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(nint), typeof(T*), typeof(T*), typeof(T*), typeof(nint), typeof(T), typeof(T)]);
        Assert.True(run is not null, $"{type.Name}.Run(nint, {typeof(T).Name}*, …) was not generated.");
        var kernel = (delegate*<nint, T*, T*, T*, nint, T, T, void>)run!.MethodHandle.GetFunctionPointer();
        MethodInfo? runRows = type.GetMethod(
            "RunRowMajorA",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(nint), typeof(T*), typeof(nint), typeof(T*), typeof(T*), typeof(nint), typeof(T), typeof(T)]);
        Assert.True(runRows is not null, $"{type.Name}.RunRowMajorA(nint, {typeof(T).Name}*, nint, …) was not generated.");
        var kernelRows = (delegate*<nint, T*, nint, T*, T*, nint, T, T, void>)runRows!.MethodHandle.GetFunctionPointer();
        MethodInfo? runSteps = type.GetMethod(
            "RunStridedA",
            BindingFlags.Public | BindingFlags.Static,
            [typeof(nint), typeof(T*), typeof(nint), typeof(T*), typeof(T*), typeof(nint), typeof(T), typeof(T)]);
        Assert.True(runSteps is not null, $"{type.Name}.RunStridedA(nint, {typeof(T).Name}*, nint, …) was not generated.");
        var kernelSteps = (delegate*<nint, T*, nint, T*, T*, nint, T, T, void>)runSteps!.MethodHandle.GetFunctionPointer();

        var random = new Random(mr * 1000 + nr);
        T sentinel = T.CreateTruncating(-12345.5);
        foreach (int kc in s_kcs)
        {
            T[] a = Values<T>(random, kc * mr);
            T[] b = Values<T>(random, kc * nr);
            T[] acc = Reference(kc, a, b, mr, nr, fuse: true);

            // Row-major A: lda = kc (rows back to back) for odd kc, kc + 3 otherwise, NaN in the gap.
            int lda = kc % 2 == 1 ? kc : kc + 3;
            var rows = new T[Math.Max(1, mr * lda)];
            Array.Fill(rows, T.NaN);
            for (int p = 0; p < kc; p++)
            {
                for (int i = 0; i < mr; i++)
                {
                    rows[i * lda + p] = a[p * mr + i];
                }
            }

            // Transposed A in place: step p at steps[p·ldaSteps], Mr values, NaN up to the next step.
            int ldaSteps = mr + 3;
            var steps = new T[Math.Max(1, kc * ldaSteps)];
            Array.Fill(steps, T.NaN);
            for (int p = 0; p < kc; p++)
            {
                for (int i = 0; i < mr; i++)
                {
                    steps[p * ldaSteps + i] = a[p * mr + i];
                }
            }

            foreach (int ldc in new[] { nr, nr + 5 })
            {
                foreach ((double alphaD, double betaD) in s_scales)
                {
                    T alpha = T.CreateTruncating(alphaD);
                    T beta = T.CreateTruncating(betaD);
                    const int before = 3;
                    const int after = 7;
                    int tile = (mr - 1) * ldc + nr;
                    var c = new T[before + tile + after];
                    Array.Fill(c, sentinel);
                    T[] original = Values<T>(random, mr * nr);
                    for (int i = 0; i < mr; i++)
                    {
                        for (int j = 0; j < nr; j++)
                        {
                            c[before + i * ldc + j] = beta == T.Zero ? T.NaN : original[i * nr + j];
                        }
                    }

                    fixed (T* pa = a, pRows = rows, pSteps = steps, pb = b, pc = c)
                    {
                        if (rowMajorA)
                        {
                            kernelRows(kc, pRows, lda, pb, pc + before, ldc, alpha, beta);
                        }
                        else if (stridedA)
                        {
                            kernelSteps(kc, pSteps, ldaSteps, pb, pc + before, ldc, alpha, beta);
                        }
                        else
                        {
                            kernel(kc, pa, pb, pc + before, ldc, alpha, beta);
                        }
                    }

                    string layout = rowMajorA ? $", lda = {lda}" : stridedA ? $", lda = {ldaSteps}" : "";
                    string context = $"{type.Name}.{entry}{layout}, kc = {kc}, ldc = {ldc}, alpha = {alpha}, beta = {beta}";
                    for (int index = 0; index < c.Length; index++)
                    {
                        int offset = index - before;
                        int i = offset < 0 ? -1 : offset / ldc;
                        int j = offset < 0 ? -1 : offset % ldc;
                        bool inTile = offset >= 0 && i < mr && j < nr;
                        T expected = !inTile ? sentinel
                            : beta == T.Zero ? alpha * acc[i * nr + j]
                            : T.FusedMultiplyAdd(beta, original[i * nr + j], alpha * acc[i * nr + j]);
                        Assert.True(
                            Bits(expected) == Bits(c[index]),
                            inTile
                                ? $"c[{i}, {j}]: expected {expected}, got {c[index]} ({context})"
                                : $"c[{index - before}] is outside the tile and was overwritten with {c[index]} ({context})");
                    }
                }
            }
        }
    }

    /// <summary><c>acc[i, j]</c> = fma(a[p·mr + i], b[p·nr + j], acc) for p = 0 … kc − 1, from 0 (or a·b + acc rounded twice).</summary>
    private static T[] Reference<T>(int kc, T[] a, T[] b, int mr, int nr, bool fuse)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var acc = new T[mr * nr];
        for (int p = 0; p < kc; p++)
        {
            for (int i = 0; i < mr; i++)
            {
                for (int j = 0; j < nr; j++)
                {
                    T x = a[p * mr + i];
                    T y = b[p * nr + j];
                    acc[i * nr + j] = fuse ? T.FusedMultiplyAdd(x, y, acc[i * nr + j]) : (x * y) + acc[i * nr + j];
                }
            }
        }

        return acc;
    }

    /// <summary>Values in (−2, 2) with full mantissas, so that rounding differs between fused and separate steps.</summary>
    private static T[] Values<T>(Random random, int n)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Enumerable.Range(0, n).Select(_ => T.CreateTruncating(random.NextDouble() * 4 - 2)).ToArray();

    private static long Bits<T>(T value)
        where T : unmanaged =>
        value switch
        {
            float f => BitConverter.SingleToInt32Bits(f),
            double d => BitConverter.DoubleToInt64Bits(d),
            _ => throw new NotSupportedException(typeof(T).Name),
        };

    private static TValue Property<TValue>(Type type, string name)
    {
        PropertyInfo? property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Static);
        Assert.True(property is not null, $"{type.Name}.{name} was not generated.");
        return (TValue)property!.GetValue(null)!;
    }
}
