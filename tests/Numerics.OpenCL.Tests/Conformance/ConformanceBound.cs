using System;
using System.Globalization;
using System.Linq;
using Numerics.Kernels;
using Numerics.Kernels.Tests.ActivationKernels;
using Numerics.Kernels.Tests.Infrastructure;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>
/// How far a backend's result may be from the double reference E at inputs x:
/// <c>|actual − E| ≤ U·ulp(max(|E|, S)) + F + P</c>, where
/// <list type="bullet">
/// <item>U is <see cref="SingleUlp"/> or <see cref="DoubleUlp"/>, in ulp of the element type;</item>
/// <item>S is the size of the terms that cancel in a derivative output (|gradient|·max(|∂f|, |g|) for product forms
/// f = x·g(x), see <see cref="ActivationCase.PartialScale"/>; Σ|tangentⱼ|·scaleⱼ for a JVP; |E| for a value), the
/// scale the kernel tests use, since no evaluation is accurate relative to a derivative's tiny value near its root;</item>
/// <item>F is the underflow allowance: one smallest normal of the element type times max(1, L), where the magnitude
/// is below that (subnormal results, devices that flush subnormals to zero, and intermediates such as σ(gate) or
/// Φ(gate) that are subnormal before a linear factor multiplies them), plus 2·(1 + min(|x₀|, 1024))·L smallest
/// subnormals everywhere (a subnormal intermediate keeps only its absolute accuracy, and product forms x·φ(x)
/// multiply it by |x|; this is what the CPU's double GELU′ needs near x = −37.7, where φ(x) is subnormal). L is the
/// product of the linear factors of the output (<see cref="ConformancePoint.LinearFactor"/>): |gradient| or
/// Σ|tangent|, times |up| for the gate terms of gated kernels;</item>
/// <item>P is the input-perturbation term: the largest |E(x̃) − E(x)| over the primal inputs moved by a relative
/// <see cref="SingleInputPerturbation"/> or <see cref="DoubleInputPerturbation"/> in every combination of signs. It
/// is the forward error of a mixed backward–forward stable evaluation (f(x(1 + δ))(1 + η)), so it grows with
/// the condition number |x·f′/f| exactly where an evaluation that rounds its arguments must be inaccurate.</item>
/// </list>
/// NaN must meet NaN, an infinite E must be met exactly, and an infinite result needs an E that rounds to it.
/// </summary>
/// <param name="Name">Name for messages.</param>
/// <param name="SingleUlp">U for <see cref="float"/>.</param>
/// <param name="DoubleUlp">U for <see cref="double"/>.</param>
/// <param name="SingleInputPerturbation">δ for <see cref="float"/> (0: no P term).</param>
/// <param name="DoubleInputPerturbation">δ for <see cref="double"/> (0: no P term).</param>
/// <param name="FloatIntermediates">
/// Whether float kernels evaluate in float throughout (the OpenCL kernels; the CPU's evaluate in double lanes where
/// the definition asks). Then two results of float range are also accepted: ±∞ (the sign of E) where an
/// intermediate exceeds float's range before a linear factor brings it back (up·∂ at up = ±MaxValue, times a
/// gradient below 1), and NaN where E is ±∞ because an infinite input multiplies an intermediate that underflows to
/// ±0 in float (GeGlu at gate = ±2⁻¹⁴⁹: gelu(gate) = gate/2 rounds to ±0, and ±0·∞ is NaN).
/// </param>
public sealed record ConformanceBound(string Name, double SingleUlp, double DoubleUlp, double SingleInputPerturbation, double DoubleInputPerturbation, bool FloatIntermediates = false)
{
    /// <summary>
    /// The CPU contract, as the kernel tests state it: 4 float ulp (the <c>Activations</c> float contract; the float
    /// kernels that need it evaluate in double lanes), 16 double ulp (the reference itself errs by up to ~5), no
    /// perturbation term.
    /// </summary>
    public static ConformanceBound Cpu { get; } = new("CPU (4 ulp float, 16 ulp double, at scale)", 4, 16, 0, 0);

    /// <summary>
    /// An OpenCL device: 32 ulp plus the perturbation term with δ = 8 units of roundoff (8·2⁻²⁴ float, 8·2⁻⁵³ double).
    /// Why: the generated OpenCL C calls the device's built-ins, which OpenCL C 1.2 (§7.4, table 7.1 and 7.2) allows
    /// to err by up to 3 ulp (exp, expm1, log), 2 (log1p), 5 (tanh), 16 (erf, erfc) and 2.5 (float division) in
    /// either type; the longest generated expressions (GELU′: erfc and exp; GELU-tanh′: two exp and a dozen
    /// arithmetic roundings) add at most 16 + 3 + 2.5 + 13·0.5 = 28 ulp, relative to the scale S, rounded up to 32.
    /// And the float kernels run in float on the device where the CPU's run in double lanes (GeluTanh, QuickGelu,
    /// Softplus, …): the rounding of an argument such as 1.702·x or 2·√(2/π)(x + 0.044715x³), a few roundings of up
    /// to 2⁻²⁴ each, is amplified by the function's condition number (about |u| in σ(u)'s tail), which no fixed ulp
    /// count covers and which P measures on the reference itself. 8 units of roundoff covers the longest such
    /// argument (GELU-tanh's u: five roundings and a rounded constant).
    /// </summary>
    public static ConformanceBound OpenCL { get; } = new(
        "OpenCL (32 ulp at scale + input perturbation of 8 units of roundoff)", 32, 32, 8 * Math.ScaleB(1.0, -24), 8 * Math.ScaleB(1.0, -53), FloatIntermediates: true);

    /// <summary>The tolerance at one element and output, and the reference value; see the type's remarks.</summary>
    public (double Expected, double Tolerance) At(ConformancePoint point, bool isFloat, bool withPerturbation = true)
    {
        double expected = point.Expected();
        if (!double.IsFinite(expected))
        {
            return (expected, 0);
        }

        double magnitude = Math.Max(Math.Abs(expected), point.Scale());
        double linear = point.LinearFactor();
        double floor = Math.Max(1, linear) * (isFloat ? Ulp.SmallestNormalFloat : Ulp.SmallestNormalDouble);
        double subnormalIntermediate = 2 * (1 + Math.Min(Math.Abs(point.Inputs[0]), 1024)) * linear * (isFloat ? float.Epsilon : double.Epsilon);
        double tolerance = (isFloat ? SingleUlp * Ulp.OfFloat(magnitude) : DoubleUlp * Ulp.OfDouble(magnitude)) + (magnitude < floor ? floor : 0) + subnormalIntermediate;
        double delta = isFloat ? SingleInputPerturbation : DoubleInputPerturbation;
        if (withPerturbation && delta > 0)
        {
            tolerance += point.Perturbation(delta);
        }

        return (expected, tolerance);
    }

    /// <summary>Null when <paramref name="actual"/> meets the bound at <paramref name="point"/>, else why not.</summary>
    public string? Check(ConformancePoint point, double actual, bool isFloat)
    {
        // The cheap bound first; the perturbation term costs 2^arity more reference evaluations.
        (double expected, double tolerance) = At(point, isFloat, withPerturbation: false);
        if (Meets(actual, expected, tolerance, isFloat) || (isFloat && FloatIntermediates && FloatRangeResult(point, actual, expected)))
        {
            return null;
        }

        (expected, tolerance) = At(point, isFloat);
        return Meets(actual, expected, tolerance, isFloat)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"{point}: got {actual:R}, reference {expected:R}, |error| {Math.Abs(actual - expected):G4} > {Name} bound {tolerance:G4}");
    }

    /// <summary>The two float-range results <see cref="FloatIntermediates"/> accepts.</summary>
    public static bool FloatRangeResult(ConformancePoint point, double actual, double expected)
    {
        if (double.IsInfinity(actual) && double.IsFinite(expected))
        {
            return Math.Sign(actual) == Math.Sign(expected) && point.IntermediateMagnitude() > float.MaxValue;
        }

        return double.IsNaN(actual) && double.IsInfinity(expected)
            && point.Inputs.Any(double.IsInfinity)
            && point.Inputs.Take(point.Case.Arity).Any(x => x != 0 && Math.Abs(x) < Ulp.SmallestNormalFloat);
    }

    /// <summary>Whether a result is within <paramref name="tolerance"/> of the reference, with the special-value rules.</summary>
    public static bool Meets(double actual, double expected, double tolerance, bool isFloat)
    {
        if (double.IsNaN(expected) || double.IsNaN(actual))
        {
            return double.IsNaN(expected) && double.IsNaN(actual);
        }

        if (double.IsInfinity(expected))
        {
            return actual == expected;
        }

        if (double.IsInfinity(actual))
        {
            // Only where the reference itself rounds to that infinity.
            return isFloat && (double)(float)expected == actual;
        }

        return Math.Abs(actual - expected) <= tolerance;
    }
}

/// <summary>One output of one entry point at one element: the inputs (as the kernel saw them) and the case's scalars.</summary>
/// <param name="Info">The entry point.</param>
/// <param name="Case">The definition at the scalars used.</param>
/// <param name="Inputs">The element's inputs in <see cref="ElementwiseKernelInfo.Inputs"/> order.</param>
/// <param name="Scalars">The scalars as the kernel saw them (rounded to float for float kernels).</param>
/// <param name="Output">Which output.</param>
public sealed record ConformancePoint(ElementwiseKernelInfo Info, ActivationCase Case, double[] Inputs, double[] Scalars, int Output)
{
    /// <summary>
    /// The reference, composed in double with IEEE rules: Backward = gradient·∂ⱼ, JVP = Σ tangentⱼ·∂ⱼ (so 0·∞ gives
    /// NaN, as it must). A NaN in any input is NaN in every output.
    /// </summary>
    public double Expected() => Evaluate(Inputs);

    /// <summary>The size of the terms that cancel in this output (see <see cref="ConformanceBound"/>).</summary>
    public double Scale()
    {
        double a = Inputs[0], b = Case.Arity == 2 ? Inputs[1] : 0;
        return Info.Kind switch
        {
            ElementwiseKernelKind.Forward => Math.Abs(Case.Value(a, b, Scalars)),
            ElementwiseKernelKind.Backward => Math.Abs(Inputs[Case.Arity]) * Case.PartialScale(Output, a, b, Scalars),
            _ => Enumerable.Range(0, Case.Arity).Sum(j => Math.Abs(Inputs[Case.Arity + j]) * Case.PartialScale(j, a, b, Scalars)),
        };
    }

    /// <summary>
    /// The factors applied after the activation's own functions, by which their absolute error (an underflowed
    /// intermediate) is magnified: |gradient| (Backward), Σ|tangentⱼ| (JVP), 1 (value); for gated kernels
    /// (f = up·a(gate)) the terms through the gate also carry max(1, |up|) (up may be applied before or after the
    /// other factors, so an intermediate may underflow on either side of it).
    /// </summary>
    public double LinearFactor()
    {
        bool gated = Case.Arity == 2 && Case.Definition != "PRelu";
        double up = gated && double.IsFinite(Inputs[1]) ? Math.Max(1, Math.Abs(Inputs[1])) : 1;
        double Through(int input) => input == 0 ? up : 1;
        double factor = Info.Kind switch
        {
            ElementwiseKernelKind.Forward => up,
            ElementwiseKernelKind.Backward => Math.Abs(Inputs[Case.Arity]) * Through(Output),
            _ => Enumerable.Range(0, Case.Arity).Sum(j => Math.Abs(Inputs[Case.Arity + j]) * Through(j)),
        };
        return double.IsFinite(factor) ? factor : 0;
    }

    /// <summary>
    /// max |E(x̃) − E(x)| over the primal inputs moved by a relative ±<paramref name="delta"/> (finite inputs only),
    /// taken for each term of a JVP (Σⱼ tangentⱼ·∂ⱼ) separately and summed: the device errs in each term
    /// independently, so the perturbations must not cancel between terms as they do in the exact sum.
    /// </summary>
    public double Perturbation(double delta)
    {
        int terms = Info.Kind == ElementwiseKernelKind.Jvp ? Case.Arity : 1;
        double sum = 0;
        for (int term = 0; term < terms; term++)
        {
            double at = Evaluate(Inputs, terms > 1 ? term : -1);
            double worst = 0;
            for (int signs = 0; signs < 1 << Case.Arity; signs++)
            {
                double[] moved = (double[])Inputs.Clone();
                for (int j = 0; j < Case.Arity; j++)
                {
                    double x = Inputs[j] * (1 + ((signs >> j & 1) == 0 ? delta : -delta));
                    moved[j] = double.IsFinite(x) ? x : Inputs[j];
                }

                double value = Evaluate(moved, terms > 1 ? term : -1);
                if (!double.IsNaN(value))
                {
                    worst = Math.Max(worst, Math.Abs(value - at));
                }
            }

            sum += worst;
        }

        return sum;
    }

    /// <summary>
    /// The largest magnitude a float evaluation forms before the final linear factors: |E| for a value, the scaled
    /// partial (up·∂ for a gate) without the gradient or tangent for derivatives.
    /// </summary>
    public double IntermediateMagnitude()
    {
        double a = Inputs[0], b = Case.Arity == 2 ? Inputs[1] : 0;
        return Info.Kind switch
        {
            ElementwiseKernelKind.Forward => Math.Abs(Expected()),
            ElementwiseKernelKind.Backward => Case.PartialScale(Output, a, b, Scalars),
            _ => Enumerable.Range(0, Case.Arity).Max(j => Case.PartialScale(j, a, b, Scalars)),
        };
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Info.Name}[{Info.Outputs[Output]}] ({Case.Id}) at ({string.Join(", ", Inputs.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))})");

    private double Evaluate(double[] x, int term = -1)
    {
        if (x.Any(double.IsNaN))
        {
            return double.NaN;
        }

        double a = x[0];
        double b = Case.Arity == 2 ? x[1] : 0;
        return Info.Kind switch
        {
            ElementwiseKernelKind.Forward => Case.Value(a, b, Scalars),
            ElementwiseKernelKind.Backward => x[Case.Arity] * Case.Partials[Output](a, b, Scalars),
            _ when term >= 0 => x[Case.Arity + term] * Case.Partials[term](a, b, Scalars),
            _ => Enumerable.Range(0, Case.Arity).Sum(j => x[Case.Arity + j] * Case.Partials[j](a, b, Scalars)),
        };
    }
}
