using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// Diagnostics by id: each case is a minimal bad definition whose source marks, with <c>{|NUMxxxx:…|}</c>, exactly
/// where each diagnostic must be reported. The generator must report those diagnostics and no others, and must write
/// no code for a rejected kernel (the rest of the class may still be generated).
/// </summary>
public sealed class DiagnosticTests
{
    private const string Header = """
        using System;
        using Numerics.Kernels;
        using static Numerics.KernelMath;

        namespace Demo;

        """;

    /// <summary>A kernel class <c>K</c> around the members.</summary>
    private static string InK(string members) => Header + "internal static partial class K\n{\n" + members + "\n}\n";

    /// <summary>Cases by name: the marked source and the kernels that must not be generated.</summary>
    private static readonly Dictionary<string, (string Source, string[] Rejected)> s_cases = new()
    {
        // NUM0001: the containing type.
        ["NUM0001_MissingPartial"] = (Header + """
            internal static class K
            {
                [ElementwiseKernel] private static float {|NUM0001:F|}(float x) => x;
            }
            """, ["F"]),
        ["NUM0001_NotStatic"] = (Header + """
            internal partial class K
            {
                [ElementwiseKernel] private static float {|NUM0001:F|}(float x) => x;
            }
            """, ["F"]),
        ["NUM0001_Nested"] = (Header + """
            internal static partial class Outer
            {
                internal static partial class K
                {
                    [ElementwiseKernel] private static float {|NUM0001:F|}(float x) => x;
                }
            }
            """, ["F"]),

        // NUM0002: the signature.
        ["NUM0002_IntParameter"] = (InK("[ElementwiseKernel] private static float {|NUM0002:F|}(float x, int k) => x * k;"), ["F"]),
        ["NUM0002_DoubleReturn"] = (InK("[ElementwiseKernel] private static double {|NUM0002:F|}(float x) => x;"), ["F"]),
        ["NUM0002_Generic"] = (InK("[ElementwiseKernel] private static float {|NUM0002:F|}<T>(float x) => x;"), ["F"]),
        ["NUM0002_InstanceMethod"] = (InK("[ElementwiseKernel] private float {|NUM0002:F|}(float x) => x;"), ["F"]),
        ["NUM0002_RefParameter"] = (InK("[ElementwiseKernel] private static float {|NUM0002:F|}(ref float x) => x;"), ["F"]),
        ["NUM0002_NoParameters"] = (InK("[ElementwiseKernel] private static float {|NUM0002:F|}() => 1;"), ["F"]),
        ["NUM0002_NoBody"] = (InK("[ElementwiseKernel] private static extern float {|NUM0002:F|}(float x);"), ["F"]),

        // NUM0003: statements.
        ["NUM0003_Loop"] = (InK("""
            [ElementwiseKernel]
            private static float F(float x)
            {
                float s = 0;
                {|NUM0003:for (int i = 0; i < 3; i++)
                {
                    s += x;
                }|}

                return s;
            }
            """), ["F"]),
        ["NUM0003_If"] = (InK("""
            [ElementwiseKernel]
            private static float F(float x)
            {
                {|NUM0003:if (x > 0)
                {
                    return x;
                }|}

                return 0;
            }
            """), ["F"]),
        ["NUM0003_Assignment"] = (InK("""
            [ElementwiseKernel]
            private static float F(float x)
            {
                float y = x;
                {|NUM0003:y = y * 2;|}
                return y;
            }
            """), ["F"]),
        ["NUM0003_CallStatement"] = (InK("""
            [ElementwiseKernel]
            private static float F(float x)
            {
                {|NUM0003:Console.WriteLine(x);|}
                return x;
            }
            """), ["F"]),

        // NUM0004: expressions.
        ["NUM0004_Modulo"] = (InK("[ElementwiseKernel] private static float F(float x) => {|NUM0004:x % 2|};"), ["F"]),
        ["NUM0004_Lambda"] = (InK("""
            private static float Apply(Func<float, float> f, float v) => f(v);

            [ElementwiseKernel] private static float F(float x) => Apply({|NUM0004:v => v * 2|}, x);
            """), ["F"]),
        ["NUM0004_ArrayAccess"] = (InK("""
            private static readonly float[] s_table = [1, 2];

            [ElementwiseKernel] private static float F(float x) => x * {|NUM0004:s_table[0]|};
            """), ["F"]),
        ["NUM0004_MutableField"] = (InK("""
            private static float s_scale = 2;

            [ElementwiseKernel] private static float F(float x) => x * {|NUM0004:s_scale|};
            """), ["F"]),

        // NUM0005: calls.
        ["NUM0005_MathFSin"] = (InK("[ElementwiseKernel] private static float F(float x) => {|NUM0005:MathF.Sin(x)|};"), ["F"]),
        ["NUM0005_MathExpDouble"] = (InK("[ElementwiseKernel] private static float F(float x) => x * {|NUM0005:Math.Exp(x)|} > 1 ? 1 : 0;"), ["F"]),
        ["NUM0005_Console"] = (InK("""
            [ElementwiseKernel]
            private static float F(float x)
            {
                float c = {|NUM0005:Console.Read()|};
                return x * c;
            }
            """), ["F"]),

        // NUM0006: non-float values.
        ["NUM0006_DoubleLocal"] = (InK("""
            [ElementwiseKernel]
            private static float F(float x)
            {
                double {|NUM0006:y|} = x;
                return (float)y;
            }
            """), ["F"]),
        ["NUM0006_DoubleCast"] = (InK("[ElementwiseKernel] private static float F(float x) => {|NUM0006:(double)x|} > 1 ? x : 0;"), ["F"]),
        ["NUM0006_DoubleLiteral"] = (InK("[ElementwiseKernel] private static float F(float x) => x > {|NUM0006:1.0|} ? x : 0;"), ["F"]),
        ["NUM0006_CastOfDoubleCall"] = (InK("[ElementwiseKernel] private static float F(float x) => (float){|NUM0006:Math.Exp(x)|};"), ["F"]),

        // NUM0007: custom derivatives.
        ["NUM0007_MissingMethod"] = (InK("""
            [ElementwiseKernel(Differentiable = true, Derivatives = ["Missing"])]
            private static float {|NUM0007:F|}(float x) => x * x;
            """), ["F"]),
        ["NUM0007_WrongSignature"] = (InK("""
            [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(D)])]
            private static float {|NUM0007:F|}(float x) => x * x;

            private static float D(float x, float y) => 2 * x;
            """), ["F"]),
        ["NUM0007_TooManyNames"] = (InK("""
            [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(D), nameof(D)])]
            private static float {|NUM0007:F|}(float x) => x * x;

            private static float D(float x) => 2 * x;
            """), ["F"]),

        // NUM0008: arity.
        ["NUM0008_FiveInputs"] = (InK("[ElementwiseKernel] private static float {|NUM0008:F|}(float a, float b, float c, float d, float e) => a + b + c + d + e;"), ["F"]),
        ["NUM0008_ThreeDifferentiableInputs"] = (InK("[ElementwiseKernel(Differentiable = true)] private static float {|NUM0008:F|}(float a, float b, float c) => a * b * c;"), ["F"]),

        // NUM0009: differentiating through a call that has no derivative.
        ["NUM0009_NonDifferentiableCallee"] = (InK("""
            [ElementwiseKernel] private static float G(float x) => x * x;

            [ElementwiseKernel(Differentiable = true)] private static float {|NUM0009:F|}(float x) => 2 * G(x);
            """), ["F"]),
        ["NUM0009_CalleeScalarDependsOnInput"] = (InK("""
            [ElementwiseKernel(Differentiable = true)] private static float G(float x, [Scalar] float a) => a * x;

            [ElementwiseKernel(Differentiable = true)] private static float {|NUM0009:F|}(float x) => G(x, x);
            """), ["F"]),

        // NUM0010: recursion.
        ["NUM0010_MutualHelpers"] = (InK("""
            private static float A(float x) => x > 0 ? B(x - 1) : x;

            private static float B(float x) => {|NUM0010:A(x)|} * 2;

            [ElementwiseKernel] private static float F(float x) => A(x);
            """), ["F"]),
        ["NUM0010_SelfCall"] = (InK("[ElementwiseKernel] private static float F(float x) => x > 0 ? {|NUM0010:F(x - 1)|} : 0;"), ["F"]),
        ["NUM0010_MutualKernels"] = (InK("""
            [ElementwiseKernel] private static float F(float x) => {|NUM0010:G(x)|} + 1;

            [ElementwiseKernel] private static float G(float x) => {|NUM0010:F(x)|} - 1;
            """), ["F", "G"]),

        // NUM0011: no tensor input.
        ["NUM0011_AllScalar"] = (InK("[ElementwiseKernel] private static float {|NUM0011:F|}([Scalar] float a, [Scalar] float b) => a * b;"), ["F"]),

        // NUM0012: names the generated API uses.
        ["NUM0012_Destination"] = (InK("[ElementwiseKernel] private static float F(float x, float {|NUM0012:destination|}) => x + destination;"), ["F"]),
        ["NUM0012_Gradient"] = (InK("[ElementwiseKernel] private static float F(float {|NUM0012:gradient|}) => gradient;"), ["F"]),
        ["NUM0012_Queue"] = (InK("[ElementwiseKernel] private static float F(float x, [Scalar] float {|NUM0012:queue|}) => x * queue;"), ["F"]),
    };

    public static TheoryData<string> Cases() => [.. s_cases.Keys];

    [Fact]
    public void EveryDescriptorHasACase()
    {
        var ids = s_cases.Keys.Select(k => k.Substring(0, 7)).ToHashSet();
        Assert.All(Enumerable.Range(1, 12).Select(i => $"NUM{i:0000}"), id => Assert.Contains(id, ids));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void ReportsExactlyTheMarkedDiagnostics(string name)
    {
        (string source, string[] rejected) = s_cases[name];
        AssertMarkedDiagnostics(source, rejected);
    }

    /// <summary>
    /// Runs the generator on a marked source and checks: exactly the marked diagnostics (id, file, span), all errors;
    /// no code for the <paramref name="rejected"/> kernels; whatever was generated compiles.
    /// </summary>
    internal static GeneratorRun AssertMarkedDiagnostics(string source, params string[] rejected)
    {
        MarkedSource marked = MarkedSource.Parse(source);
        Assert.NotEmpty(marked.Spans);

        GeneratorRun run = GeneratorHarness.Run(marked.Source);

        var actual = run.GeneratorDiagnostics
            .Select(d => (d.Id, d.Location.SourceSpan, d.Location.GetLineSpan().Path, Text: Text(marked.Source, d.Location.SourceSpan)))
            .OrderBy(d => d.SourceSpan.Start)
            .ToList();
        var expected = marked.Spans
            .Select(s => (s.Id, SourceSpan: s.Span, Path: "Kernels0.cs", Text: Text(marked.Source, s.Span)))
            .OrderBy(d => d.SourceSpan.Start)
            .ToList();
        Assert.Equal(expected, actual);
        Assert.All(run.GeneratorDiagnostics, d => Assert.Equal(DiagnosticSeverity.Error, d.Severity));

        foreach (string kernel in rejected)
        {
            Assert.DoesNotContain(run.Sources.Keys, hint => hint.EndsWith("." + kernel + ".g.cs", StringComparison.Ordinal));
            Assert.DoesNotContain(run.Sources.Values, text => text.Contains(kernel + "KernelInfos()", StringComparison.Ordinal));
        }

        GeneratorHarness.AssertGeneratedCodeCompiles(run);
        return run;
    }

    [Fact]
    public void MessagesNameTheKernelAndTheProblem()
    {
        GeneratorRun run = GeneratorHarness.Run(MarkedSource.Parse(s_cases["NUM0002_DoubleReturn"].Source).Source);
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("Kernel 'F' has an unsupported signature: it returns 'double', expected 'float'", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));

        run = GeneratorHarness.Run(MarkedSource.Parse(s_cases["NUM0008_ThreeDifferentiableInputs"].Source).Source);
        d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("Kernel 'F' has 3 tensor inputs; at most 2 are supported for a differentiable kernel", d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ValidKernelsBesideARejectedOneAreStillGenerated()
    {
        GeneratorRun run = GeneratorHarness.Run(MarkedSource.Parse(s_cases["NUM0009_NonDifferentiableCallee"].Source).Source);
        Assert.Contains("Demo.K.G.g.cs", run.Sources.Keys);
        Assert.Contains("GKernelInfos()", run.Sources["Demo.K.Kernels.g.cs"], StringComparison.Ordinal);
    }

    private static string Text(string source, TextSpan span) =>
        span.End <= source.Length ? source.Substring(span.Start, span.Length) : "<out of range>";
}
