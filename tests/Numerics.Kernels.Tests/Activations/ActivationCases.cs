using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Numerics.Kernels.Tests.Reference;
using Xunit;

namespace Numerics.Kernels.Tests.ActivationKernels;

// Numerics.Kernels.Tests.Math (a namespace) would shadow System.Math here.
using Math = System.Math;

/// <summary>
/// One activation definition at one choice of scalars, with its double reference (value and one partial derivative
/// per tensor input) taken from <see cref="ActivationReference"/>.
/// </summary>
/// <param name="Definition">Definition name as in <c>Activations.Kernels</c> (<c>Gelu</c>, <c>SwiGlu</c>, …).</param>
/// <param name="Scalars">Scalar arguments in declaration order; the float kernels receive them rounded to float.</param>
/// <param name="Value">Reference f(a, b, scalars); b is ignored by one-input kernels.</param>
/// <param name="Partials">Reference ∂f/∂input for each tensor input.</param>
/// <param name="HasProductForm">
/// Whether f(x) = x·g(x) (GELU, SiLU, Mish, …): ∂f/∂x = g + x·g′ cancels at its root, and |g| = |f/x| is the size of
/// the terms that cancel.
/// </param>
/// <param name="Kinks">Points where the value or a derivative is not smooth (finite differences stay away).</param>
/// <param name="Monotone">Whether f is non-decreasing in its (first) input.</param>
public sealed record ActivationCase(
    string Definition,
    double[] Scalars,
    Func<double, double, double[], double> Value,
    Func<double, double, double[], double>[] Partials,
    bool HasProductForm,
    double[] Kinks,
    bool Monotone)
{
    /// <summary>Number of tensor inputs (1 or 2).</summary>
    public int Arity => Partials.Length;

    /// <summary>Display name with scalars, e.g. <c>Softplus(2, 10)</c>; the key of <see cref="ActivationCases.ById"/>.</summary>
    public string Id => Scalars.Length == 0
        ? Definition
        : $"{Definition}({string.Join(", ", Scalars.Select(s => s.ToString("R", CultureInfo.InvariantCulture)))})";

    /// <summary>The scalars as the float kernels see them, widened back to double for the reference.</summary>
    public double[] SingleScalars => Scalars.Select(s => (double)(float)s).ToArray();

    /// <summary>The scalars rounded to float.</summary>
    public float[] ScalarsAsSingle => Scalars.Select(s => (float)s).ToArray();

    /// <summary>Forward entry point.</summary>
    public ElementwiseKernelInfo Forward => ActivationCases.Entry(Definition);

    /// <summary>Backward (vector-Jacobian product) entry point.</summary>
    public ElementwiseKernelInfo Backward => ActivationCases.Entry(Definition + "Backward");

    /// <summary>Jacobian-vector product entry point.</summary>
    public ElementwiseKernelInfo Jvp => ActivationCases.Entry(Definition + "Jvp");

    /// <summary>
    /// Size of the terms that cancel in ∂f/∂input <paramref name="input"/> at (a, b): |∂| itself, or for product forms
    /// max(|∂|, |f/x|·|up|). An error bound relative to this is what any evaluation of the derivative can meet near its
    /// root.
    /// </summary>
    public double PartialScale(int input, double a, double b, double[] scalars)
    {
        double partial = Math.Abs(Partials[input](a, b, scalars));
        if (!HasProductForm || input != 0 || a == 0 || double.IsInfinity(a))
        {
            return partial;
        }

        double up = Arity == 2 ? b : 1;
        return Math.Max(partial, Math.Abs(Value(a, 1, scalars) / a * up));
    }

    /// <inheritdoc/>
    public override string ToString() => Id;
}

/// <summary>The table of activation cases every test in this folder iterates over.</summary>
public static class ActivationCases
{
    private static readonly Dictionary<string, ElementwiseKernelInfo> Entries =
        Activations.Kernels.ToDictionary(k => k.Name, StringComparer.Ordinal);

    /// <summary>Every case: every definition, with two choices of each scalar parameter.</summary>
    public static IReadOnlyList<ActivationCase> All { get; } = Build();

    /// <summary>Cases by <see cref="ActivationCase.Id"/>.</summary>
    public static IReadOnlyDictionary<string, ActivationCase> ById { get; } = All.ToDictionary(c => c.Id, StringComparer.Ordinal);

    /// <summary>The case at default parameters for each definition (the parameters of <see cref="ActivationReference.Unary"/>).</summary>
    public static IReadOnlyDictionary<string, ActivationCase> Defaults { get; } =
        All.GroupBy(c => c.Definition).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>Case ids as theory data.</summary>
    public static TheoryData<string> Ids
    {
        get
        {
            TheoryData<string> data = [];
            foreach (ActivationCase c in All)
            {
                data.Add(c.Id);
            }

            return data;
        }
    }

    /// <summary>Definition names as theory data.</summary>
    public static TheoryData<string> Definitions
    {
        get
        {
            TheoryData<string> data = [];
            foreach (string name in Defaults.Keys)
            {
                data.Add(name);
            }

            return data;
        }
    }

    /// <summary>Every generated entry point name (forward, backward, JVP) as theory data.</summary>
    public static TheoryData<string> EntryPoints
    {
        get
        {
            TheoryData<string> data = [];
            foreach (ElementwiseKernelInfo info in Activations.Kernels)
            {
                data.Add(info.Name);
            }

            return data;
        }
    }

    /// <summary>The generated entry point called <paramref name="name"/>.</summary>
    public static ElementwiseKernelInfo Entry(string name) =>
        Entries.TryGetValue(name, out ElementwiseKernelInfo? info)
            ? info
            : throw new KeyNotFoundException($"Activations.Kernels has no entry point '{name}'.");

    /// <summary>Scalars for an entry point at the definition's default case (valid values for validation and memory tests).</summary>
    public static double[] DefaultScalars(ElementwiseKernelInfo info) => Defaults[info.Definition].Scalars;

    private static IReadOnlyList<ActivationCase> Build()
    {
        // Kinks shared by many definitions; per-definition ones are added below.
        double[] none = [];
        List<ActivationCase> cases = [];

        void Unary(string name, Func<double, double[], double> f, Func<double, double[], double> d, bool product, double[] kinks, bool monotone, params double[][] scalarSets)
        {
            if (scalarSets.Length == 0)
            {
                scalarSets = [[]];
            }

            foreach (double[] s in scalarSets)
            {
                cases.Add(new ActivationCase(name, s, (a, _, p) => f(a, p), [(a, _, p) => d(a, p)], product, kinks, monotone));
            }
        }

        void Gated(string name, Func<double, double, double> f, Func<double, double, double> dGate, Func<double, double, double> dUp, bool product, double[] kinks)
        {
            cases.Add(new ActivationCase(name, [], (a, b, _) => f(a, b), [(a, b, _) => dGate(a, b), (a, b, _) => dUp(a, b)], product, kinks, Monotone: false));
        }

        Unary("Step", (x, _) => ActivationReference.Step(x), (x, _) => ActivationReference.StepDerivative(x), false, [0], true);
        Unary("Sigmoid", (x, _) => ActivationReference.Sigmoid(x), (x, _) => ActivationReference.SigmoidDerivative(x), false, none, true);
        Unary("Tanh", (x, _) => ActivationReference.Tanh(x), (x, _) => ActivationReference.TanhDerivative(x), false, none, true);
        Unary("Relu", (x, _) => ActivationReference.Relu(x), (x, _) => ActivationReference.ReluDerivative(x), false, [0], true);
        Unary("Relu6", (x, _) => ActivationReference.Relu6(x), (x, _) => ActivationReference.Relu6Derivative(x), false, [0, 6], true);
        Unary("LeakyRelu", (x, s) => ActivationReference.LeakyRelu(x, s[0]), (x, s) => ActivationReference.LeakyReluDerivative(x, s[0]), false, [0], true, [0.01], [0.2]);
        cases.Add(new ActivationCase(
            "PRelu", [],
            (a, b, _) => ActivationReference.PRelu(a, b),
            [(a, b, _) => ActivationReference.PReluDerivativeX(a, b), (a, b, _) => ActivationReference.PReluDerivativeSlope(a, b)],
            false, [0], Monotone: false));
        Unary("Elu", (x, s) => ActivationReference.Elu(x, s[0]), (x, s) => ActivationReference.EluDerivative(x, s[0]), false, [0], true, [1], [0.5]);
        Unary("Selu", (x, _) => ActivationReference.Selu(x), (x, _) => ActivationReference.SeluDerivative(x), false, [0], true);
        Unary("Celu", (x, s) => ActivationReference.Celu(x, s[0]), (x, s) => ActivationReference.CeluDerivative(x, s[0]), false, [0], true, [1], [2]);
        Unary("Gelu", (x, _) => ActivationReference.Gelu(x), (x, _) => ActivationReference.GeluDerivative(x), true, none, false);
        Unary("GeluTanh", (x, _) => ActivationReference.GeluTanh(x), (x, _) => ActivationReference.GeluTanhDerivative(x), true, none, false);
        Unary("QuickGelu", (x, _) => ActivationReference.QuickGelu(x), (x, _) => ActivationReference.QuickGeluDerivative(x), true, none, false);
        Unary("Silu", (x, _) => ActivationReference.Silu(x), (x, _) => ActivationReference.SiluDerivative(x), true, none, false);
        Unary("Swish", (x, s) => ActivationReference.Swish(x, s[0]), (x, s) => ActivationReference.SwishDerivative(x, s[0]), true, none, false, [1], [1.5]);
        Unary("Mish", (x, _) => ActivationReference.Mish(x), (x, _) => ActivationReference.MishDerivative(x), true, none, false);
        Unary("Softplus", (x, s) => ActivationReference.Softplus(x, s[0], s[1]), (x, s) => ActivationReference.SoftplusDerivative(x, s[0], s[1]), false, [20, 5], true, [1, 20], [2, 10], [0.3, 15]);
        Unary("LogSigmoid", (x, _) => ActivationReference.LogSigmoid(x), (x, _) => ActivationReference.LogSigmoidDerivative(x), false, none, true);
        Unary("Softsign", (x, _) => ActivationReference.Softsign(x), (x, _) => ActivationReference.SoftsignDerivative(x), false, [0], true);
        Unary("HardSigmoid", (x, _) => ActivationReference.HardSigmoid(x), (x, _) => ActivationReference.HardSigmoidDerivative(x), false, [-3, 3], true);
        Unary("HardSwish", (x, _) => ActivationReference.HardSwish(x), (x, _) => ActivationReference.HardSwishDerivative(x), true, [-3, 3], false);
        Unary("HardTanh", (x, s) => ActivationReference.HardTanh(x, s[0], s[1]), (x, s) => ActivationReference.HardTanhDerivative(x, s[0], s[1]), false, [-1, 1, -2, 0.5], true, [-1, 1], [-2, 0.5]);
        Gated("Glu", ActivationReference.Glu, ActivationReference.GluDerivativeGate, ActivationReference.GluDerivativeUp, false, none);
        Gated("ReGlu", ActivationReference.ReGlu, ActivationReference.ReGluDerivativeGate, ActivationReference.ReGluDerivativeUp, false, [0]);
        Gated("GeGlu", ActivationReference.GeGlu, ActivationReference.GeGluDerivativeGate, ActivationReference.GeGluDerivativeUp, true, none);
        Gated("SwiGlu", ActivationReference.SwiGlu, ActivationReference.SwiGluDerivativeGate, ActivationReference.SwiGluDerivativeUp, true, none);
        return cases;
    }
}
