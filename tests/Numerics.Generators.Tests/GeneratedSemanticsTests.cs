using System;
using System.Linq;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

public delegate void UnaryKernel(ReadOnlySpan<float> x, Span<float> destination);

public delegate void UnaryScalarKernel(ReadOnlySpan<float> x, float scalar, Span<float> destination);

/// <summary>Backward (x, gradient → destination) and Jvp (x, tangent → destination) of a unary kernel share this shape.</summary>
public delegate void UnaryDerivativeKernel(ReadOnlySpan<float> x, ReadOnlySpan<float> upstream, Span<float> destination);

/// <summary>Backward and Jvp of a unary kernel with one scalar: the scalar comes right after the tensor input, before the gradient or tangent.</summary>
public delegate void UnaryScalarDerivativeKernel(ReadOnlySpan<float> x, float scalar, ReadOnlySpan<float> upstream, Span<float> destination);

public delegate void BinaryKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> destination);

public delegate void BinaryBackwardKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> gradient, Span<float> aDestination, Span<float> bDestination);

public delegate void BinaryJvpKernel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, ReadOnlySpan<float> aTangent, ReadOnlySpan<float> bTangent, Span<float> destination);

/// <summary>Compiles <see cref="SemanticsKernels.Source"/> with its generated code once and loads it.</summary>
public sealed class SemanticsKernels : IDisposable
{
    public const string Source = """
        using Numerics.Kernels;
        using static Numerics.KernelMath;

        namespace Semantics;

        internal static partial class K
        {
            [ElementwiseKernel(Differentiable = true)]
            private static float Cubic(float x) => x * x * x + 2 * x;

            [ElementwiseKernel(Differentiable = true)]
            private static float Kink(float x) => x > 0 ? x : 0.5f * x;

            [ElementwiseKernel(Differentiable = true)]
            private static float MaxZero(float x) => Max(x, 0);

            [ElementwiseKernel(Differentiable = true)]
            private static float MinOne(float x) => Min(x, 1);

            [ElementwiseKernel(Differentiable = true)]
            private static float ClampUnit(float x) => Clamp(x, -1, 1);

            [ElementwiseKernel(Differentiable = true)]
            private static float Absolute(float x) => Abs(x);

            [ElementwiseKernel(Differentiable = true)]
            private static float MaxPair(float a, float b) => Max(a, b);

            [ElementwiseKernel(Differentiable = true)]
            private static float Product(float a, float b) => a * b + a;

            [ElementwiseKernel(Differentiable = true)]
            private static float FusedProduct(float a, float b) => Fma(a, b, a);

            // The rounding error of a·b, exact only if the product is fused: 0 everywhere if it were not.
            [ElementwiseKernel]
            private static float ProductError(float a, float b) => Fma(a, b, -(a * b));

            private static float Square(float v) => v * v;

            [ElementwiseKernel(Differentiable = true)]
            private static float ShiftedSquare(float x) => Square(x + 1);

            [ElementwiseKernel]
            private static float Affine(float x, [Scalar] float scale)
            {
                float y = scale * x;
                return y + 1;
            }

            [ElementwiseKernel(Differentiable = true)]
            private static float Leaky(float x, [Scalar] float slope) => x > 0 ? x : slope * x;

            // The custom derivative is deliberately not the true one, so the tests can see it being used.
            [ElementwiseKernel(Differentiable = true, Derivatives = [nameof(SoftDerivative)])]
            private static float Soft(float x) => x / (1 + Abs(x));

            private static float SoftDerivative(float x) => 7;

            [ElementwiseKernel(Differentiable = true)]
            private static float TwiceSoft(float x) => 2 * Soft(x);

            // The fused gated products, differentiated by the generator's rules (the library's GeGlu and SwiGlu give
            // their derivatives explicitly).
            [ElementwiseKernel(Differentiable = true)]
            private static float GatedGelu(float a, float b) => GeluMul(a, b);

            [ElementwiseKernel(Differentiable = true)]
            private static float GatedSilu(float a, float b) => SiluMul(a, b);

            // NaN and the guards (NaNPropagation): formulas that lose a NaN input, which keep their guard, and one that
            // propagates it through a select whose condition is false for NaN, which does not need it.
            [ElementwiseKernel(Differentiable = true)]
            private static float Heaviside(float x) => x > 0 ? 1 : 0;

            [ElementwiseKernel(Differentiable = true)]
            private static float SignOfX(float x) => CopySign(2, x);

            [ElementwiseKernel(Differentiable = true)]
            private static float ZeroUnlessOne(float x) => x != 1 ? 0 : x;

            [ElementwiseKernel(Differentiable = true)]
            private static float OutsideUnitIsZero(float x) => x < 0 || x > 1 ? 0 : x;

            [ElementwiseKernel(Differentiable = true)]
            private static float GatedByOther(float a, float b) => b > 0 ? a : 0;
        }
        """;

    private readonly LoadedAssembly _loaded;

    public SemanticsKernels() => _loaded = GeneratorHarness.Load(GeneratorHarness.Run(Source));

    public T Get<T>(string name)
        where T : Delegate => _loaded.Method<T>("Semantics.K", name);

    public void Dispose() => _loaded.Dispose();
}

/// <summary>
/// Semantics through the generated code: the definitions in <see cref="SemanticsKernels"/> are compiled with their
/// generated entry points, which are called on hand-picked inputs and checked against hand-computed values. Every
/// check runs at several lengths (scalar loop, vector bodies with overlapped tails).
/// </summary>
public sealed class GeneratedSemanticsTests(SemanticsKernels kernels) : IClassFixture<SemanticsKernels>
{
    private static readonly float[] s_points = [-3, -2, -1.5f, -1, -0.5f, -0.25f, 0, 0.25f, 0.5f, 1, 1.5f, 2, 3];

    private static readonly int[] s_lengths = [1, 3, 13, 67];

    [Fact]
    public void CubicForwardBackwardAndJvp()
    {
        CheckUnary(kernels.Get<UnaryKernel>("Cubic"), x => x * x * x + 2 * x);
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("CubicBackward"), (x, g) => g * (3 * x * x + 2));
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("CubicJvp"), (x, t) => (3 * x * x + 2) * t);
    }

    [Fact]
    public void ConditionalKinkTakesTheFalseBranchAtZero()
    {
        CheckUnary(kernels.Get<UnaryKernel>("Kink"), x => x > 0 ? x : 0.5 * x);
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("KinkBackward"), (x, g) => g * (x > 0 ? 1 : 0.5));
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("KinkJvp"), (x, t) => t * (x > 0 ? 1 : 0.5));
    }

    [Fact]
    public void MinMaxClampAbsFollowTheDocumentedConventionsAtKinks()
    {
        // max(a, b) passes a's derivative only where a > b; min where a < b; clamp strictly inside; |x|' = 0 at 0.
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("MaxZeroBackward"), (x, g) => x > 0 ? g : 0);
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("MinOneBackward"), (x, g) => x < 1 ? g : 0);
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("ClampUnitBackward"), (x, g) => x > -1 && x < 1 ? g : 0);
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("AbsoluteBackward"), (x, g) => x > 0 ? g : x < 0 ? -g : 0);
        CheckUnary(kernels.Get<UnaryKernel>("ClampUnit"), x => Math.Clamp(x, -1, 1));

        var backward = kernels.Get<BinaryBackwardKernel>("MaxPairBackward");
        var jvp = kernels.Get<BinaryJvpKernel>("MaxPairJvp");
        float[] a = [-1, 0, 1, 2, 2, 0.5f];
        float[] b = [0, 0, 1, 1, 3, -0.5f];
        float[] g = [3, 3, 3, 3, 3, 3];
        float[] ta = [5, 5, 5, 5, 5, 5];
        float[] tb = [7, 7, 7, 7, 7, 7];
        var da = new float[a.Length];
        var db = new float[a.Length];
        var dt = new float[a.Length];
        backward(a, b, g, da, db);
        jvp(a, b, ta, tb, dt);
        for (int i = 0; i < a.Length; i++)
        {
            bool left = a[i] > b[i]; // ties go to the second argument
            Assert.Equal(left ? 3f : 0f, da[i]);
            Assert.Equal(left ? 0f : 3f, db[i]);
            Assert.Equal(left ? 5f : 7f, dt[i]);
        }
    }

    [Fact]
    public void TwoInputPartialsAndJvp()
    {
        foreach (int n in s_lengths)
        {
            CheckProductPlusFirstDerivatives("Product", Cycle(s_points, n, 0), Cycle(s_points, n, 5));
        }
    }

    /// <summary>Backward and JVP of a kernel computing f = a·b + a: ∂f/∂a = b + 1, ∂f/∂b = a.</summary>
    private void CheckProductPlusFirstDerivatives(string kernel, float[] a, float[] b)
    {
        int n = a.Length;
        float[] g = Cycle([2, -1, 0.5f], n, 0);
        float[] ta = Cycle([1, 3, -2], n, 1);
        float[] tb = Cycle([0.5f, -4], n, 0);
        var da = new float[n];
        var db = new float[n];
        var dt = new float[n];
        kernels.Get<BinaryBackwardKernel>(kernel + "Backward")(a, b, g, da, db);
        kernels.Get<BinaryJvpKernel>(kernel + "Jvp")(a, b, ta, tb, dt);
        for (int i = 0; i < n; i++)
        {
            AssertClose(g[i] * (b[i] + 1.0), da[i]);
            AssertClose(g[i] * (double)a[i], db[i]);
            AssertClose(((b[i] + 1.0) * ta[i]) + ((double)a[i] * tb[i]), dt[i]);
        }
    }

    /// <summary>
    /// GeluMul(a, b) = a·Φ(a)·b and SiluMul(a, b) = a·σ(a)·b: value, ∂/∂a = (Φ(a) + a·φ(a))·b or σ(a)·(1 + a·(1 − σ(a)))·b,
    /// ∂/∂b = the gate, and their JVP.
    /// </summary>
    [Theory]
    [InlineData("GatedGelu")]
    [InlineData("GatedSilu")]
    public void GatedProductsAndTheirDerivatives(string kernel)
    {
        bool gelu = kernel == "GatedGelu";
        double Gate(double a) => gelu ? a * NormalCdf(a) : a / (1 + Math.Exp(-a));
        double Slope(double a)
        {
            double s = 1 / (1 + Math.Exp(-a));
            return gelu ? NormalCdf(a) + a * Math.Exp(-0.5 * a * a) / Math.Sqrt(2 * Math.PI) : s * (1 + a * (1 - s));
        }

        foreach (int n in s_lengths)
        {
            float[] a = Cycle(s_points, n, 0), b = Cycle(s_points, n, 5);
            float[] g = Cycle([2, -1, 0.5f], n, 0), ta = Cycle([1, 3, -2], n, 1), tb = Cycle([0.5f, -4], n, 0);
            float[] y = new float[n], da = new float[n], db = new float[n], dt = new float[n];
            kernels.Get<BinaryKernel>(kernel)(a, b, y);
            kernels.Get<BinaryBackwardKernel>(kernel + "Backward")(a, b, g, da, db);
            kernels.Get<BinaryJvpKernel>(kernel + "Jvp")(a, b, ta, tb, dt);
            for (int i = 0; i < n; i++)
            {
                AssertClose(Gate(a[i]) * b[i], y[i], $"{kernel}({a[i]}, {b[i]})");
                AssertClose(g[i] * Slope(a[i]) * b[i], da[i], $"∂a at ({a[i]}, {b[i]})");
                AssertClose(g[i] * Gate(a[i]), db[i], $"∂b at ({a[i]}, {b[i]})");
                AssertClose((Slope(a[i]) * b[i] * ta[i]) + (Gate(a[i]) * tb[i]), dt[i], $"JVP at ({a[i]}, {b[i]})");
            }
        }
    }

    // System.Math has no erf; the series Φ(x) = ½ + φ(x)·Σ x^(2k+1)/(1·3·…·(2k+1)), to 1e-12 for |x| ≤ 3.
    private static double NormalCdf(double x)
    {
        double term = x, sum = x;
        for (int k = 1; k < 60; k++)
        {
            term *= x * x / (2 * k + 1);
            sum += term;
        }

        return 0.5 + Math.Exp(-0.5 * x * x) / Math.Sqrt(2 * Math.PI) * sum;
    }

    [Fact]
    public void FmaIsFusedAndDifferentiated()
    {
        var error = kernels.Get<BinaryKernel>("ProductError");
        var fused = kernels.Get<BinaryKernel>("FusedProduct");
        foreach (int n in s_lengths)
        {
            // (1 + 2^-12 + i·2^-20)² and friends: products whose low bits do not fit a float.
            float[] a = Enumerable.Range(0, n).Select(i => 1 + MathF.ScaleB(1, -12) + (i * MathF.ScaleB(1, -20))).ToArray();
            float[] b = Enumerable.Range(0, n).Select(i => -(1 + MathF.ScaleB(1, -12) + ((n - i) * MathF.ScaleB(1, -21)))).ToArray();
            var e = new float[n];
            var y = new float[n];
            error(a, b, e);
            fused(a, b, y);
            int inexact = 0;
            for (int i = 0; i < n; i++)
            {
                double exact = (double)a[i] * b[i];
                Assert.Equal(exact - (float)exact, (double)e[i]);
                inexact += e[i] != 0 ? 1 : 0;
                Assert.Equal((float)(exact + a[i]), y[i]);
            }

            Assert.True(inexact > 0, $"no inexact product among {n}: the test inputs are too easy");

            // FusedProduct = Fma(a, b, a) = a·b + a.
            CheckProductPlusFirstDerivatives("FusedProduct", a, b);
        }
    }

    [Fact]
    public void HelperMethodsAreInlined()
    {
        CheckUnary(kernels.Get<UnaryKernel>("ShiftedSquare"), x => (x + 1) * (x + 1));
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("ShiftedSquareBackward"), (x, g) => g * 2 * (x + 1));
    }

    [Fact]
    public void ScalarParameterIsPassedAndValidated()
    {
        var affine = kernels.Get<UnaryScalarKernel>("Affine");
        foreach (int n in s_lengths)
        {
            float[] x = Cycle(s_points, n, 0);
            var y = new float[n];
            affine(x, 2.5f, y);
            for (int i = 0; i < n; i++)
            {
                AssertClose((2.5 * x[i]) + 1, y[i]);
            }
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => affine(new float[4], float.NaN, new float[4]));
        Assert.Equal("scale", e.ParamName);
        var d = Assert.Throws<ArgumentException>(() => affine(new float[4], 1, new float[3]));
        Assert.Equal("destination", d.ParamName);
    }

    /// <summary>The spec order <c>LeakyBackward(x, slope, gradient, destination)</c> and <c>LeakyJvp(x, slope, tangent, destination)</c>.</summary>
    [Fact]
    public void ScalarsComeBeforeGradientAndTangent()
    {
        var backward = kernels.Get<UnaryScalarDerivativeKernel>("LeakyBackward");
        var jvp = kernels.Get<UnaryScalarDerivativeKernel>("LeakyJvp");
        foreach (int n in s_lengths)
        {
            float[] x = Cycle(s_points, n, 0);
            float[] u = Cycle([1, -2, 0.5f, 3], n, 0);
            var dx = new float[n];
            var dy = new float[n];
            backward(x, 0.25f, u, dx);
            jvp(x, 0.25f, u, dy);
            for (int i = 0; i < n; i++)
            {
                double expected = u[i] * (x[i] > 0 ? 1 : 0.25);
                AssertClose(expected, dx[i], $"x = {x[i]}, gradient = {u[i]}, n = {n}");
                AssertClose(expected, dy[i], $"x = {x[i]}, tangent = {u[i]}, n = {n}");
            }
        }

        var e = Assert.Throws<ArgumentOutOfRangeException>(() => backward(new float[4], float.NaN, new float[4], new float[4]));
        Assert.Equal("slope", e.ParamName);
    }

    [Fact]
    public void CustomDerivativeIsUsedDirectlyAndThroughACall()
    {
        CheckUnary(kernels.Get<UnaryKernel>("Soft"), x => x / (1 + Math.Abs(x)));
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("SoftBackward"), (x, g) => 7 * g);
        CheckUnary(kernels.Get<UnaryKernel>("TwiceSoft"), x => 2 * x / (1 + Math.Abs(x)));
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("TwiceSoftBackward"), (x, g) => 14 * g);
        CheckUnaryDerivative(kernels.Get<UnaryDerivativeKernel>("TwiceSoftJvp"), (x, t) => 14 * t);
    }

    [Fact]
    public void NaNInputGivesNaNInEveryOutput()
    {
        float[] x = [float.NaN, 1, float.NaN, -1, 0, float.NaN, 2, 3, float.NaN];
        var y = new float[x.Length];
        kernels.Get<UnaryKernel>("MaxZero")(x, y);
        Assert.All(Enumerable.Range(0, x.Length).Where(i => float.IsNaN(x[i])), i => Assert.True(float.IsNaN(y[i])));
        kernels.Get<UnaryDerivativeKernel>("MaxZeroBackward")(x, Enumerable.Repeat(1f, x.Length).ToArray(), y);
        Assert.All(Enumerable.Range(0, x.Length).Where(i => float.IsNaN(x[i])), i => Assert.True(float.IsNaN(y[i])));
    }

    [Theory]
    [InlineData("Heaviside")]
    [InlineData("SignOfX")]
    [InlineData("ZeroUnlessOne")]
    [InlineData("OutsideUnitIsZero")]
    [InlineData("Cubic")]
    [InlineData("Kink")]
    [InlineData("ClampUnit")]
    [InlineData("Absolute")]
    public void NaNInputGivesNaNWhetherOrNotTheGuardIsNeeded(string name)
    {
        UnaryKernel forward = kernels.Get<UnaryKernel>(name);
        UnaryDerivativeKernel backward = kernels.Get<UnaryDerivativeKernel>(name + "Backward");
        UnaryDerivativeKernel jvp = kernels.Get<UnaryDerivativeKernel>(name + "Jvp");
        foreach (int n in s_lengths.Append(40))
        {
            // NaN at every third position, so that vector bodies mix NaN and finite lanes.
            float[] x = Enumerable.Range(0, n).Select(i => i % 3 == 1 ? float.NaN : s_points[i % s_points.Length]).ToArray();
            float[] ones = Enumerable.Repeat(1f, n).ToArray();
            var y = new float[n];
            forward(x, y);
            AssertNaNWhereInputIs(x, y, $"{name}, n = {n}");
            backward(x, ones, y);
            AssertNaNWhereInputIs(x, y, $"{name}Backward, n = {n}");
            jvp(x, ones, y);
            AssertNaNWhereInputIs(x, y, $"{name}Jvp, n = {n}");
        }
    }

    [Fact]
    public void NaNInEitherInputOfABinaryKernelGivesNaN()
    {
        foreach (string name in new[] { "GatedByOther", "Product", "MaxPair" })
        {
            BinaryKernel forward = kernels.Get<BinaryKernel>(name);
            BinaryBackwardKernel backward = kernels.Get<BinaryBackwardKernel>(name + "Backward");
            foreach (int n in s_lengths.Append(40))
            {
                float[] a = Enumerable.Range(0, n).Select(i => i % 3 == 1 ? float.NaN : s_points[i % s_points.Length]).ToArray();
                float[] b = Enumerable.Range(0, n).Select(i => i % 4 == 2 ? float.NaN : s_points[(i + 5) % s_points.Length]).ToArray();
                bool[] either = a.Zip(b, (p, q) => float.IsNaN(p) || float.IsNaN(q)).ToArray();
                var y = new float[n];
                var z = new float[n];
                forward(a, b, y);
                backward(a, b, Enumerable.Repeat(1f, n).ToArray(), z, z.ToArray());
                for (int i = 0; i < n; i++)
                {
                    Assert.True(!either[i] || float.IsNaN(y[i]), $"{name}({a[i]}, {b[i]}) = {y[i]}, n = {n}");
                }
            }
        }
    }

    [Theory]
    [InlineData("Heaviside", true)]
    [InlineData("SignOfX", true)]
    [InlineData("ZeroUnlessOne", true)]
    [InlineData("OutsideUnitIsZero", false)]
    [InlineData("Cubic", false)]
    [InlineData("Kink", false)]
    [InlineData("ClampUnit", false)]
    public void CpuBodiesKeepTheNaNGuardOnlyWhereTheFormulaLosesNaN(string name, bool guarded)
    {
        // The forward kernel's float operator (its scalar and vector bodies); the guard compares x with itself.
        string source = GeneratorHarness.Run(SemanticsKernels.Source).Sources
            .Single(s => s.Key.EndsWith(".K." + name + ".g.cs", StringComparison.Ordinal)).Value;
        int start = source.IndexOf("struct " + name + "OperatorSingle ", StringComparison.Ordinal);
        Assert.True(start >= 0, source);
        int end = source.IndexOf("private readonly struct", start, StringComparison.Ordinal);
        string body = end < 0 ? source[start..] : source[start..end];
        Assert.Equal(guarded, body.Contains("Vector512.Equals(x0, x0)", StringComparison.Ordinal));
        Assert.Equal(guarded, body.Contains("float.IsNaN(x0)", StringComparison.Ordinal));
    }

    private static void AssertNaNWhereInputIs(float[] x, float[] y, string what)
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (float.IsNaN(x[i]))
            {
                Assert.True(float.IsNaN(y[i]), $"{what}: NaN input at {i} gave {y[i]}");
            }
        }
    }

    private static void CheckUnary(UnaryKernel kernel, Func<double, double> expected)
    {
        foreach (int n in s_lengths)
        {
            float[] x = Cycle(s_points, n, 0);
            var y = new float[n];
            kernel(x, y);
            for (int i = 0; i < n; i++)
            {
                AssertClose(expected(x[i]), y[i], $"x = {x[i]}, n = {n}");
            }
        }
    }

    private static void CheckUnaryDerivative(UnaryDerivativeKernel kernel, Func<double, double, double> expected)
    {
        foreach (int n in s_lengths)
        {
            float[] x = Cycle(s_points, n, 0);
            float[] u = Cycle([1, -2, 0.5f, 3], n, 0);
            var y = new float[n];
            kernel(x, u, y);
            for (int i = 0; i < n; i++)
            {
                AssertClose(expected(x[i], u[i]), y[i], $"x = {x[i]}, upstream = {u[i]}, n = {n}");
            }
        }
    }

    private static float[] Cycle(float[] values, int n, int offset) =>
        Enumerable.Range(0, n).Select(i => values[(i + offset) % values.Length]).ToArray();

    private static void AssertClose(double expected, float actual, string? context = null)
    {
        double tolerance = 1e-6 * Math.Max(1, Math.Abs(expected));
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected}, got {actual} ({context})");
    }
}
