using System.Linq;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Generated code sits in the user's namespace and, for element-wise kernels, in the user's class, where a user type
/// is found before anything a <c>using</c> directive imports (and a <c>using</c> alias inside the namespace would
/// clash with it). So every type the emitters name is written <c>global::</c>-qualified. These tests declare a user
/// type for each such name, in the kernel's namespace and nested in the kernel's own type, and the output must still
/// compile with no warning. In the first version, <c>Vector512</c>, <c>MethodImpl</c>, <c>Span</c>, … were written
/// unqualified and bound to the user's types.
/// </summary>
public sealed class ShadowingTests
{
    /// <summary>Every simple type name that generated code (element-wise, registry, launchers, GEMM, lanes) could bind to.</summary>
    private static readonly string[] s_names =
    [
        "Vector64", "Vector128", "Vector256", "Vector512", "MethodImpl", "MethodImplAttribute", "MethodImplOptions",
        "Span", "ReadOnlySpan", "IElementwiseOperator", "Elementwise", "ElementwiseChecks", "ElementwiseKernelInfo",
        "ElementwiseKernelKind", "ElementwiseInvoker", "OpenCLKernelPair", "OpenCLKernelSource", "IReadOnlyList",
        "IElementwiseDeviceQueue", "IDeviceBuffer", "ArgumentException", "ArgumentOutOfRangeException",
        "ArgumentNullException", "NotSupportedException", "IGemmMicroKernel", "GemmMicroKernelSupport", "Math",
        "MathF", "KernelMath", "ILanes", "LaneBits", "Avx512F", "System", "Numerics",
    ];

    /// <summary>A non-generic and a one-parameter generic type of each name (a generic use looks up the arity-1 type).</summary>
    private static string Shadows(string indent) => string.Join("\n", s_names.Select(n =>
        $"{indent}internal sealed class {n} {{ }}\n{indent}internal sealed class {n}<T> {{ }}"));

    private static string ElementwiseSource(bool nested) => $$"""
        using Numerics.Kernels;
        using static Numerics.KernelMath;

        namespace Demo;

        {{(nested ? string.Empty : Shadows(string.Empty))}}

        /// <summary>Kernels next to user types that shadow the names generated code uses.</summary>
        public static partial class K
        {
        {{(nested ? Shadows("    ") : string.Empty)}}

            /// <summary>Leaky: <c>x &gt; 0 ? x : slope · x</c>.</summary>
            /// <param name="x">Input.</param>
            /// <param name="slope">Slope below zero.</param>
            [ElementwiseKernel(Differentiable = true)]
            private static float Leaky(float x, [Scalar] float slope) => x > 0 ? x : slope * x;

            /// <summary>A two-input kernel that calls another kernel.</summary>
            /// <param name="a">First input.</param>
            /// <param name="b">Second input.</param>
            [ElementwiseKernel(Differentiable = true)]
            private static float Mix(float a, float b) => Leaky(a, 0.5f) * Exp(-b) + Max(a, b);

            /// <summary>A kernel evaluated in double lanes (the widening paths).</summary>
            /// <param name="x">Input.</param>
            [ElementwiseKernel(Differentiable = true, EvaluateInDouble = true)]
            private static float Wide(float x) => Log1p(Exp(x));
        }
        """;

    private static string GemmSource(bool nested)
    {
        string[] kernels =
        [
            "[GemmMicroKernel(typeof(float), 512, 2, 32)]\ninternal readonly partial struct SgemmKernel_V512_2x32",
            "[GemmMicroKernel(typeof(double), 256, 2, 8)]\ninternal readonly partial struct DgemmKernel_V256_2x8",
            "[GemmMicroKernel(typeof(float), 128, 2, 8)]\ninternal readonly partial struct SgemmKernel_V128_2x8",
            "[GemmMicroKernel(typeof(double), 0, 2, 3)]\ninternal readonly partial struct DgemmKernel_Scalar_2x3",
        ];
        string body = nested ? "\n{\n" + Shadows("    ") + "\n}" : ";";
        return "using Numerics.Kernels;\n\nnamespace Demo;\n\n" + (nested ? string.Empty : Shadows(string.Empty) + "\n\n")
            + string.Join("\n\n", kernels.Select(k => k + body)) + "\n";
    }

    /// <summary>The three widths of double lanes; nested shadows sit in a second part of each struct.</summary>
    private static string LanesSource(bool nested)
    {
        string body = nested ? "\n{\n" + Shadows("    ") + "\n}" : ";";
        return "using Numerics.Kernels;\n\nnamespace Demo;\n\n" + (nested ? string.Empty : Shadows(string.Empty) + "\n\n")
            + string.Join("\n\n", new[] { 128, 256, 512 }.Select(bits => $"[VectorLanes({bits})]\ninternal readonly partial struct Lanes{bits}" + body)) + "\n";
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ElementwiseOutputCompilesBesideShadowingUserTypes(bool nested)
    {
        GeneratorRun run = GeneratorHarness.Run(ElementwiseSource(nested));
        Assert.Equal(["Demo.K.Kernels.g.cs", "Demo.K.Leaky.g.cs", "Demo.K.Mix.g.cs", "Demo.K.Wide.g.cs"], run.Sources.Keys.Order());
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void GemmOutputCompilesBesideShadowingUserTypes(bool nested)
    {
        GeneratorRun run = GeneratorHarness.Run(new GemmMicroKernelGenerator(), GemmSource(nested));
        Assert.Equal(4, run.Sources.Count);
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LanesOutputCompilesBesideShadowingUserTypes(bool nested)
    {
        GeneratorRun run = GeneratorHarness.Run(new VectorLanesGenerator(), [LanesSource(nested), .. LibrarySources.ForLanes]);
        Assert.Equal(["Demo.Lanes128.g.cs", "Demo.Lanes256.g.cs", "Demo.Lanes512.g.cs"], run.Sources.Keys.Order());
        GeneratorHarness.AssertCompilesCleanly(run);
    }
}
