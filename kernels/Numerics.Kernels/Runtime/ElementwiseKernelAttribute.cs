using System;

namespace Numerics.Kernels;

/// <summary>
/// Marks a <see langword="static"/> method of a <see langword="static partial"/> class as an element-wise
/// kernel definition. The method is plain scalar C# over <see cref="float"/>; the Numerics source generator
/// turns it into span entry points for <see cref="float"/> and <see cref="double"/> with
/// <c>Vector512</c>/<c>Vector256</c>/<c>Vector128</c> bodies, a scalar tail, multi-threading, optional
/// derivative kernels and OpenCL C source.
/// </summary>
/// <remarks>
/// <para>
/// A definition may use arithmetic, comparisons, <c>?:</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>, local
/// variables, <see langword="const"/> values, calls to other kernel definitions and the functions of
/// <see cref="KernelMath"/> (<c>Exp, Expm1, Log, Log1p, Tanh, Erf, Erfc, NormalCdf, NormalPdf, Sqrt, Abs,
/// Min, Max, Clamp, Floor, CopySign, ExpMul, NormalCdfMul</c>; the same names on <see cref="MathF"/> are accepted where they exist).
/// Anything else is reported at compile time with a <c>NUM0xxx</c> diagnostic.
/// </para>
/// <para>
/// Parameters are tensor inputs unless marked with <see cref="ScalarAttribute"/>, which makes them per-call
/// scalars. The method name becomes the name of the public entry points.
/// </para>
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class ElementwiseKernelAttribute : Attribute
{
    /// <summary>
    /// Generate <c>NameBackward</c> (vector-Jacobian product) and <c>NameJvp</c> (Jacobian-vector product)
    /// from the symbolic derivative of the definition, or from <see cref="Derivatives"/> where given.
    /// </summary>
    public bool Differentiable { get; set; }

    /// <summary>
    /// Names of methods in the same class that give the partial derivative with respect to each tensor input,
    /// in parameter order (<see langword="null"/> or an empty string for an input whose derivative is found
    /// symbolically). Each method takes the same parameters as the kernel. Use this where the symbolic
    /// derivative is numerically worse than a hand-written form.
    /// </summary>
    public string[]? Derivatives { get; set; }

    /// <summary>
    /// Evaluate the <see cref="float"/> kernel in <see cref="double"/> lanes and round once at the end.
    /// Use this where the single-precision formula is ill-conditioned (an argument that is scaled before an
    /// exponential, for example); it costs about half the throughput.
    /// </summary>
    public bool EvaluateInDouble { get; set; }

    /// <summary>
    /// Evaluate only the <see cref="float"/> derivative kernels (Backward, Jvp) in <see cref="double"/> lanes: for
    /// a function that is well-conditioned in single precision but whose derivative has a zero, near which single
    /// precision loses relative accuracy.
    /// </summary>
    public bool DerivativesInDouble { get; set; }
}

/// <summary>
/// Marks a parameter of an element-wise kernel definition as a per-call scalar (a slope, a threshold)
/// rather than a tensor input. Scalars sit between the input spans and the destination in the generated API.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class ScalarAttribute : Attribute
{
}
