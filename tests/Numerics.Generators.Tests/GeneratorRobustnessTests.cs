using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Inputs at the edge of the kernel language. The rule for each: the generator never throws, and either reports a
/// diagnostic or writes code that compiles and means what the definition means in C#. Each test pins a bug that the
/// first version of the generator had, and says what it did.
/// </summary>
public sealed class GeneratorRobustnessTests
{
    private const string Header = """
        using Numerics.Kernels;
        using static Numerics.KernelMath;

        namespace Demo;

        """;

    private static string InK(string members) => Header + "internal static partial class K\n{\n" + members + "\n}\n";

    private static readonly float[] s_points = [-3, -1.5f, -1, -0.5f, 0, 0.25f, 0.5f, 1, 2, 7];

    /// <summary>
    /// Integer arithmetic in C# truncates: <c>1 / 2</c> is 0. In the first version, the parser folds int constants as reals, so the
    /// generated kernel computes <c>x * 0.5</c> where the definition computes <c>x * 0</c> (silently wrong code).
    /// </summary>
    [Fact]
    public void IntegerDivisionKeepsCSharpMeaning()
    {
        string source = InK("""
            [ElementwiseKernel] private static float Half(float x) => x * (1 / 2);
            [ElementwiseKernel] private static float Plus(float x) => x + 7 / 2;
            [ElementwiseKernel] private static float Cast(float x) => x * (float)(3 / 2);
            """);
        GeneratorRun run = GeneratorHarness.Run(source);
        AssertMatchesDefinitionOrRejected(run, "Half", "Plus", "Cast");
    }

    /// <summary>A helper with an optional parameter called without it: in the first version, the generator throws (ArgumentOutOfRangeException in ExprSubstitution).</summary>
    [Fact]
    public void HelperCalledWithDefaultArgumentDoesNotCrash()
    {
        GeneratorRun run = GeneratorHarness.Run(InK("""
            private static float Scale(float x, float k = 2) => x * k;

            [ElementwiseKernel] private static float F(float x) => Scale(x);
            """));
        AssertMatchesDefinitionOrRejected(run, "F");
    }

    /// <summary>A kernel called without its optional scalar: in the first version, the call is emitted with one argument too few (CS1501 in generated code).</summary>
    [Fact]
    public void KernelCalledWithDefaultArgumentCompiles()
    {
        GeneratorRun run = GeneratorHarness.Run(InK("""
            [ElementwiseKernel] private static float G(float x, [Scalar] float a = 2) => x * a;

            [ElementwiseKernel] private static float F(float x) => G(x) + 1;
            """));
        AssertMatchesDefinitionOrRejected(run, "F");
    }

    /// <summary>
    /// A call to a kernel that is itself rejected (here NUM0008): in the first version, the caller is generated anyway and calls
    /// a <c>GCore</c> that does not exist (CS0117 in generated code).
    /// </summary>
    [Fact]
    public void CallToARejectedKernelDoesNotEmitBrokenCode()
    {
        GeneratorRun run = GeneratorHarness.Run(InK("""
            [ElementwiseKernel] private static float G(float a, float b, float c, float d, float e) => a + b + c + d + e;

            [ElementwiseKernel] private static float F(float x) => G(x, x, x, x, x);
            """));
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "NUM0008");
        GeneratorHarness.AssertGeneratedCodeCompiles(run);
    }

    /// <summary>A generic containing class: in the first version, the code goes silently into a new non-generic class <c>K</c>.</summary>
    [Fact]
    public void GenericContainingClassIsRejected()
    {
        DiagnosticTests.AssertMarkedDiagnostics(Header + """
            internal static partial class K<T>
            {
                [ElementwiseKernel] private static float {|NUM0001:F|}(float x) => x;
            }
            """, "F");
    }

    /// <summary>Two classes of one name in two namespaces: in the first version, both write <c>K.F.g.cs</c> and the generator throws (duplicate hint name).</summary>
    [Fact]
    public void SameClassNameInTwoNamespacesDoesNotCollide()
    {
        GeneratorRun run = GeneratorHarness.Run("""
            using Numerics.Kernels;

            namespace A
            {
                internal static partial class K
                {
                    [ElementwiseKernel] private static float F(float x) => x + 1;
                }
            }

            namespace B
            {
                internal static partial class K
                {
                    [ElementwiseKernel] private static float F(float x) => x + 2;
                }
            }
            """);
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    /// <summary>
    /// Kernels named like the generated members (<c>Kernels</c>, <c>OpenCL</c>): in the first version, <c>Kernels</c> collides with
    /// the registry's hint name and the generator throws.
    /// </summary>
    [Theory]
    [InlineData("Kernels")]
    [InlineData("OpenCL")]
    public void KernelNamedLikeAGeneratedMemberIsGeneratedOrRejected(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(InK($"[ElementwiseKernel] private static float {name}(float x) => x;"));
        GeneratorHarness.AssertGeneratedCodeCompiles(run);
        Assert.True(run.GeneratorDiagnostics.Any() || run.CompilationProblems.Count == 0, string.Join("\n", run.CompilationProblems));
    }

    /// <summary>
    /// Parameter names that the generated C# also uses for its locals (<c>t0</c>; <c>xLower</c> beside <c>x</c> when
    /// widening to double): in the first version, the output does not compile (CS0136).
    /// </summary>
    [Theory]
    [InlineData("[ElementwiseKernel] private static float F(float x, [Scalar] float t0) => x * t0;")]
    [InlineData("[ElementwiseKernel] private static float F(float t0) => t0 + 1;")]
    [InlineData("[ElementwiseKernel(EvaluateInDouble = true)] private static float F(float x, float xLower) => x * xLower;")]
    public void ParameterNamesDoNotClashWithGeneratedLocals(string definition)
    {
        GeneratorRun run = GeneratorHarness.Run(InK(definition));
        GeneratorHarness.AssertGeneratedCodeCompiles(run);
    }

    /// <summary>
    /// Parameter names are copied into the OpenCL entry point: OpenCL C keywords (<c>kernel</c>, <c>global</c>) and
    /// the names of the generated locals (<c>i</c>) give an invalid program. In the first version, such kernels are generated with no
    /// diagnostic and fail only when an OpenCL driver compiles them.
    /// </summary>
    [Theory]
    [InlineData("kernel")]
    [InlineData("global")]
    [InlineData("half")]
    [InlineData("i")]
    [InlineData("in0")]
    public void ParameterNamesAreValidInOpenCL(string name)
    {
        GeneratorRun run = GeneratorHarness.Run(InK($"[ElementwiseKernel] private static float F(float x, float {name}) => x * {name};"));
        if (run.GeneratorDiagnostics.Any(d => d.Id == "NUM0012"))
        {
            return;
        }

        // The OpenCL programs sit in the generated C# as string literals; their entry points are read from there.
        MatchCollection entryPoints = Regex.Matches(run.Sources["Demo.K.F.g.cs"], @"__kernel void (\w+)\(([^)]*)\)");
        Assert.Equal(2, entryPoints.Count);
        foreach (Match entryPoint in entryPoints)
        {
            string[] names = entryPoint.Groups[2].Value.Split(',').Select(a => a.Trim().Split(' ', '*').Last()).ToArray();
            // The definition's name never reaches OpenCL (arguments are positional), and the generator's own names are
            // neither keywords nor the generated locals.
            Assert.DoesNotContain(name, names);
            Assert.DoesNotContain(names, n => (OpenCLReserved.Contains(n) && n != "n") || Regex.IsMatch(n, @"^(v|t)\d+$"));
        }
    }

    /// <summary>
    /// A hand-written derivative that calls its own kernel (σ′ = σ·(1 − σ)) is not recursion: the derivative is a
    /// different function. In the first version, NUM0010 is reported (twice, at the same call).
    /// </summary>
    [Fact]
    public void CustomDerivativeMayCallItsOwnKernel()
    {
        GeneratorRun run = GeneratorHarness.Run(InK("""
            [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(LogisticDerivative)])]
            private static float Logistic(float x) => 1 / (1 + Exp(-x));

            private static float LogisticDerivative(float x) => Logistic(x) * (1 - Logistic(x));
            """));
        Assert.Empty(run.GeneratorDiagnostics);
        using LoadedAssembly loaded = GeneratorHarness.Load(run);
        var backward = loaded.Method<UnaryDerivativeKernel>("Demo.K", "LogisticBackward");
        float[] x = s_points;
        var y = new float[x.Length];
        backward(x, Enumerable.Repeat(2f, x.Length).ToArray(), y);
        for (int i = 0; i < x.Length; i++)
        {
            double s = 1 / (1 + Math.Exp(-x[i]));
            Assert.Equal(2 * s * (1 - s), y[i], 1e-6);
        }
    }

    /// <summary><c>nameof</c> of an overloaded method: the overload with the kernel's shape is the derivative. In the first version, the first overload is taken and NUM0007 reported.</summary>
    [Fact]
    public void OverloadedDerivativeNameUsesTheMatchingOverload()
    {
        GeneratorRun run = GeneratorHarness.Run(InK("""
            [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(D)])]
            private static float Square(float x) => x * x;

            private static float D(float x, float y) => 0;

            private static float D(float x) => 2 * x;
            """));
        Assert.Empty(run.GeneratorDiagnostics);
        GeneratorHarness.AssertCompilesCleanly(run);
    }

    /// <summary>OpenCL C 1.2 keywords, qualifiers and built-in type names a parameter must not take, and the entry point's <c>i</c>.</summary>
    private static readonly HashSet<string> OpenCLReserved = new(StringComparer.Ordinal)
    {
        "i", "n", "kernel", "__kernel", "global", "__global", "local", "__local", "constant", "__constant", "private", "__private",
        "read_only", "write_only", "read_write", "__read_only", "__write_only", "__read_write", "half", "float", "double", "int",
        "uint", "char", "uchar", "short", "ushort", "long", "ulong", "bool", "void", "const", "restrict", "volatile", "static",
        "extern", "inline", "return", "if", "else", "for", "while", "do", "switch", "case", "default", "break", "continue",
        "goto", "sizeof", "struct", "union", "enum", "typedef", "signed", "unsigned", "auto", "register", "image2d_t",
        "image3d_t", "sampler_t", "event_t", "size_t", "ptrdiff_t", "intptr_t", "uintptr_t",
    };

    /// <summary>
    /// For each kernel: either the generator reported a diagnostic for it, or the generated float entry point gives
    /// exactly what the C# definition gives (called by reflection) on every test point.
    /// </summary>
    private static void AssertMatchesDefinitionOrRejected(GeneratorRun run, params string[] kernels)
    {
        GeneratorHarness.AssertGeneratedCodeCompiles(run);
        var generated = kernels.Where(k => run.Sources.ContainsKey($"Demo.K.{k}.g.cs")).ToList();
        Assert.True(generated.Count == kernels.Length || run.GeneratorDiagnostics.Any(), "A kernel was neither generated nor reported.");
        if (generated.Count == 0)
        {
            return;
        }

        using LoadedAssembly loaded = GeneratorHarness.Load(run);
        Type type = loaded.Assembly.GetType("Demo.K", throwOnError: true)!;
        foreach (string kernel in generated)
        {
            MethodInfo definition = type.GetMethod(kernel, BindingFlags.NonPublic | BindingFlags.Static, [typeof(float)])!;
            var entry = loaded.Method<UnaryKernel>("Demo.K", kernel);
            var y = new float[s_points.Length];
            entry(s_points, y);
            for (int i = 0; i < s_points.Length; i++)
            {
                float expected = (float)definition.Invoke(null, [s_points[i]])!;
                Assert.True(expected.Equals(y[i]), $"{kernel}({s_points[i]}): the definition gives {expected}, the generated kernel {y[i]}.");
            }
        }
    }
}
