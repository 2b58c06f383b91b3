using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Golden output: the generated files for seven definitions (three elementwise kernels, three GEMM micro-kernels, one width of double lanes) are compared, character for character, with the
/// committed files under <c>Golden/&lt;case&gt;/</c>, and definition + output must compile with no warning.
/// </summary>
/// <remarks>
/// To accept a deliberate change of the generated text, run the tests once with the environment variable
/// <c>UPDATE_GOLDEN=1</c>: each case then rewrites its folder in the source tree (stale files are deleted) and
/// passes; review the diff and commit it. Without it, a missing or different file fails the test.
/// </remarks>
public sealed class GoldenOutputTests
{
    private const string Usings = """
        using Numerics.Kernels;
        using static Numerics.KernelMath;

        """;

    /// <summary>A unary kernel with a per-call scalar, not differentiable.</summary>
    private const string ScalarUnary = Usings + """
        namespace Golden.Scalar;

        /// <summary>Golden-test kernels.</summary>
        public static partial class Shapes
        {
            /// <summary>Soft clip: <c>destination[i] = scale · x / (1 + |x|)</c>.</summary>
            /// <param name="x">Input.</param>
            /// <param name="scale">Output scale; the result lies in (−scale, scale).</param>
            /// <remarks><para>|x| is capped at 1e30 first, so ±∞ gives ±scale rather than ∞/∞.</para></remarks>
            [ElementwiseKernel]
            private static float SoftClip(float x, [Scalar] float scale)
            {
                float a = Min(Abs(x), 1e30f);
                return scale * CopySign(a, x) / (1 + a);
            }
        }
        """;

    /// <summary>A differentiable two-input kernel (symbolic partials for both inputs).</summary>
    private const string DifferentiableBinary = Usings + """
        namespace Golden.Binary;

        /// <summary>Golden-test kernels.</summary>
        public static partial class Mixes
        {
            /// <summary>Damped blend: <c>destination[i] = a · e^(−b) + max(a, b)</c>.</summary>
            /// <param name="a">First input.</param>
            /// <param name="b">Second input (the damping).</param>
            [ElementwiseKernel(Differentiable = true)]
            private static float DampedBlend(float a, float b) => a * Exp(-b) + Max(a, b);
        }
        """;

    /// <summary>A kernel calling another kernel whose derivative is hand-written (<c>Derivatives</c>).</summary>
    private const string CallWithCustomDerivative = Usings + """
        namespace Golden.Calls;

        /// <summary>Golden-test kernels.</summary>
        public static partial class Squash
        {
            /// <summary>Softsign: <c>destination[i] = x / (1 + |x|)</c>.</summary>
            /// <param name="x">Input.</param>
            [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(SoftsignDerivative)])]
            private static float Softsign(float x) => x / (1 + Abs(x));

            private static float SoftsignDerivative(float x)
            {
                float d = 1 + Abs(x);
                return 1 / (d * d);
            }

            /// <summary>Softsign with a gain: <c>destination[i] = gain · softsign(x)</c>.</summary>
            /// <param name="x">Input.</param>
            /// <param name="gain">Gain.</param>
            [ElementwiseKernel(Differentiable = true)]
            private static float ScaledSoftsign(float x, [Scalar] float gain) => gain * Softsign(x);
        }
        """;

    /// <summary>A float GEMM micro-kernel on 512-bit registers (4 rows × 2 registers of 16 lanes).</summary>
    private const string GemmFloatV512 = """
        using Numerics.Kernels;

        namespace Golden.Gemm;

        [GemmMicroKernel(typeof(float), 512, 4, 32)]
        internal readonly partial struct SgemmKernel_V512_4x32;
        """;

    /// <summary>A double GEMM micro-kernel on 256-bit registers (3 rows × 2 registers of 4 lanes).</summary>
    private const string GemmDoubleV256 = """
        using Numerics.Kernels;

        namespace Golden.Gemm;

        [GemmMicroKernel(typeof(double), 256, 3, 8)]
        internal readonly partial struct DgemmKernel_V256_3x8;
        """;

    /// <summary>A scalar-register GEMM micro-kernel, public, in the global namespace.</summary>
    private const string GemmScalar = """
        using Numerics.Kernels;

        [GemmMicroKernel(typeof(float), 0, 2, 3)]
        public partial struct SgemmKernel_Scalar_2x3;
        """;

    /// <summary>128-bit double lanes (the AVX-512VL scaling), compiled against the library's own ILanes.</summary>
    private const string Lanes128 = """
        using Numerics.Kernels;

        namespace Golden.Lanes;

        [VectorLanes(128)]
        internal readonly partial struct Lanes128;
        """;

    public static TheoryData<string> Cases() =>
    [
        nameof(ScalarUnary), nameof(DifferentiableBinary), nameof(CallWithCustomDerivative),
        nameof(GemmFloatV512), nameof(GemmDoubleV256), nameof(GemmScalar), nameof(Lanes128),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void GeneratedSourcesMatchGoldenFiles(string name)
    {
        string source = name switch
        {
            nameof(ScalarUnary) => ScalarUnary,
            nameof(DifferentiableBinary) => DifferentiableBinary,
            nameof(CallWithCustomDerivative) => CallWithCustomDerivative,
            nameof(GemmFloatV512) => GemmFloatV512,
            nameof(GemmDoubleV256) => GemmDoubleV256,
            nameof(GemmScalar) => GemmScalar,
            _ => Lanes128,
        };
        bool lanes = name.StartsWith("Lanes", StringComparison.Ordinal);
        IIncrementalGenerator generator = name.StartsWith("Gemm", StringComparison.Ordinal) ? new GemmMicroKernelGenerator()
            : lanes ? new VectorLanesGenerator()
            : new ElementwiseKernelGenerator();

        GeneratorRun run = GeneratorHarness.Run(generator, lanes ? [source, .. LibrarySources.ForLanes] : [source]);
        Assert.NotEmpty(run.Sources);
        GeneratorHarness.AssertCompilesCleanly(run);
        IReadOnlyDictionary<string, string> generated = run.Sources;

        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            string target = Path.Combine(SourceGoldenDirectory(), name);
            Directory.CreateDirectory(target);
            foreach (string stale in Directory.GetFiles(target).Where(f => !generated.ContainsKey(HintOf(f))))
            {
                File.Delete(stale);
            }

            foreach ((string hint, string text) in generated)
            {
                File.WriteAllText(Path.Combine(target, hint + GoldenSuffix), text);
            }

            return;
        }

        string directory = Path.Combine(GoldenDirectory(), name);
        string[] expectedFiles = Directory.Exists(directory)
            ? Directory.GetFiles(directory, "*" + GoldenSuffix).Select(HintOf).Order(StringComparer.Ordinal).ToArray()
            : [];
        Assert.Equal(expectedFiles, generated.Keys.Order(StringComparer.Ordinal).ToArray());
        foreach ((string hint, string text) in generated)
        {
            string expected = File.ReadAllText(Path.Combine(directory, hint + GoldenSuffix)).ReplaceLineEndings("\n");
            AssertSameText(hint, expected, text.ReplaceLineEndings("\n"));
        }
    }

    /// <summary>Names the first differing line, which reads better than xunit's character offset in a 30 KB string.</summary>
    private static void AssertSameText(string file, string expected, string actual)
    {
        if (expected == actual)
        {
            return;
        }

        string[] e = expected.Split('\n');
        string[] a = actual.Split('\n');
        int line = 0;
        while (line < e.Length && line < a.Length && e[line] == a[line])
        {
            line++;
        }

        Assert.Fail($"{file} differs from its golden file at line {line + 1} (run with UPDATE_GOLDEN=1 to accept):\n" +
            $"expected: {(line < e.Length ? e[line] : "<end of file>")}\n" +
            $"actual:   {(line < a.Length ? a[line] : "<end of file>")}");
    }

    /// <summary>The committed folder when the sources are present (a developer's tree), else the copy beside the test assembly.</summary>
    // Golden files are stored as "<hint name>.txt": a committed *.g.cs would read as build output (and is git-ignored).
    private const string GoldenSuffix = ".txt";

    private static string HintOf(string path) => Path.GetFileName(path)[..^GoldenSuffix.Length];

    private static string GoldenDirectory()
    {
        string source = SourceGoldenDirectory();
        return Directory.Exists(source) ? source : Path.Combine(AppContext.BaseDirectory, "Golden");
    }

    private static string SourceGoldenDirectory([CallerFilePath] string path = "") =>
        Path.Combine(Path.GetDirectoryName(path)!, "Golden");
}
