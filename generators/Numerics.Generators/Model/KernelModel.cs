using System;

namespace Numerics.Generators.Model;

/// <summary>A parameter of a kernel definition.</summary>
/// <param name="Name">Its name in the definition, reused in the generated API.</param>
/// <param name="IsScalar">Per-call scalar rather than a tensor input.</param>
/// <param name="Documentation">Inner XML of its <c>&lt;param&gt;</c> doc, or empty.</param>
internal sealed record ParameterModel(string Name, bool IsScalar, string Documentation);

/// <summary>Documentation of a definition, as inner XML of its tags.</summary>
internal sealed record DocumentationModel(string Summary, string Remarks);

/// <summary>A kernel called by another one: what the OpenCL emitter needs to write it as a helper function.</summary>
/// <param name="TypeFullName">Declaring class, fully qualified with <c>global::</c>.</param>
/// <param name="Name">Kernel name.</param>
/// <param name="ParameterCount">Number of parameters (all passed as values).</param>
/// <param name="Value">The definition's expression.</param>
/// <param name="Partials">Partial derivatives with respect to each parameter (empty where not differentiable;
/// scalar parameters get none).</param>
internal sealed record DependencyModel(
    string TypeFullName,
    string Name,
    int ParameterCount,
    Expr Value,
    EquatableArray<PartialModel> Partials)
{
    public string Key => TypeFullName + "." + Name;
}

/// <summary>The derivative of a kernel with respect to one parameter.</summary>
internal sealed record PartialModel(int Parameter, Expr Derivative);

/// <summary>Everything the emitters need to know about one element-wise kernel definition.</summary>
/// <param name="Namespace">Namespace of the declaring class (empty for the global namespace).</param>
/// <param name="TypeName">Declaring class name.</param>
/// <param name="TypeFullName">Declaring class, fully qualified with <c>global::</c>.</param>
/// <param name="Name">Kernel name (the definition method's name).</param>
/// <param name="Parameters">Parameters in declaration order.</param>
/// <param name="Value">The definition's expression over <see cref="ParamExpr"/> indices.</param>
/// <param name="Differentiable">Whether Backward and Jvp entry points are generated.</param>
/// <param name="Partials">∂f/∂(tensor input), one per tensor input, when differentiable.</param>
/// <param name="EvaluateInDouble">Whether the float kernel computes in double lanes.</param>
/// <param name="DerivativesInDouble">Whether the float derivative kernels compute in double lanes.</param>
/// <param name="Dependencies">Kernels called directly or indirectly, for the OpenCL emitter.</param>
/// <param name="Documentation">The definition's docs.</param>
internal sealed record KernelModel(
    string Namespace,
    string TypeName,
    string TypeFullName,
    string Name,
    EquatableArray<ParameterModel> Parameters,
    Expr Value,
    bool Differentiable,
    EquatableArray<PartialModel> Partials,
    bool EvaluateInDouble,
    bool DerivativesInDouble,
    EquatableArray<DependencyModel> Dependencies,
    DocumentationModel Documentation)
{
    public int TensorCount
    {
        get
        {
            int count = 0;
            foreach (ParameterModel p in Parameters)
            {
                count += p.IsScalar ? 0 : 1;
            }

            return count;
        }
    }
}
