using System.Collections.Generic;
using System.Linq;
using Numerics.Generators.Derivatives;
using Numerics.Generators.Model;

namespace Numerics.Generators.Emit;

/// <summary>The three entry points derived from one definition.</summary>
internal enum VariantKind
{
    Forward,
    Backward,
    Jvp,
}

/// <summary>A stream of a variant: an input, scalar or output name and, for inputs and scalars, the parameter index it binds.</summary>
internal sealed record Stream(string Name, int Parameter, string Documentation);

/// <summary>What a parameter of a generated method is.</summary>
internal enum StreamRole
{
    Input,
    Scalar,
    Output,
}

/// <summary>
/// One parameter of a generated C# method: the stream, its role and its position among the variant's
/// <see cref="KernelVariant.Inputs"/>, <see cref="KernelVariant.Scalars"/> or <see cref="KernelVariant.Outputs"/>
/// (the OpenCL argument order and the <c>ElementwiseInvoker</c> slot).
/// </summary>
internal sealed record SignatureParameter(Stream Stream, StreamRole Role, int Index);

/// <summary>
/// One generated entry point: its inputs (tensor parameters first, then the gradient or tangents), scalars,
/// outputs and the output expressions over parameter indices. Index <c>P</c> (the definition's parameter count)
/// is the gradient; <c>P + k</c> is the tangent of the k-th tensor input.
/// </summary>
/// <remarks>
/// Two orders: <see cref="Inputs"/>, <see cref="Scalars"/>, <see cref="Outputs"/> is the OpenCL argument order
/// (and the invoker's slots); <see cref="Signature"/> is the C# parameter order, which puts the scalars right
/// after the definition's tensor inputs, before the gradient or tangents:
/// <c>Name(inputs…, scalars…, destination)</c>, <c>NameBackward(inputs…, scalars…, gradient, destinations…)</c>,
/// <c>NameJvp(inputs…, scalars…, tangents…, destination)</c>.
/// </remarks>
internal sealed class KernelVariant
{
    public KernelVariant(KernelModel model, VariantKind kind)
    {
        Model = model;
        Kind = kind;
        Name = kind switch
        {
            VariantKind.Backward => model.Name + "Backward",
            VariantKind.Jvp => model.Name + "Jvp",
            _ => model.Name,
        };

        var tensors = model.Parameters.Select((p, i) => (p, i)).Where(t => !t.p.IsScalar).ToList();
        Scalars = model.Parameters.Select((p, i) => (p, i)).Where(t => t.p.IsScalar)
            .Select(t => new Stream(t.p.Name, t.i, t.p.Documentation)).ToList();
        var inputs = tensors.Select(t => new Stream(t.p.Name, t.i, t.p.Documentation)).ToList();
        var outputs = new List<Stream>();
        var roots = new List<Expr>();
        int p = model.Parameters.Length;

        switch (kind)
        {
            case VariantKind.Forward:
                outputs.Add(new Stream("destination", -1, "The destination; at least as long as the inputs."));
                roots.Add(model.Value);
                break;

            case VariantKind.Backward:
            {
                inputs.Add(new Stream("gradient", p, "The upstream gradient ∂L/∂f, one per element."));
                var gradient = new ParamExpr(p);
                foreach (PartialModel partial in model.Partials)
                {
                    string name = tensors.Count == 1 ? "destination" : model.Parameters[partial.Parameter].Name + "Destination";
                    outputs.Add(new Stream(name, -1, $"Receives gradient · ∂f/∂{model.Parameters[partial.Parameter].Name}; at least as long as the inputs."));
                    // Not simplified: gradient · 0 must still give NaN for a NaN or infinite gradient (IEEE), as in PyTorch.
                    roots.Add(new BinaryExpr(BinaryOp.Multiply, gradient, partial.Derivative));
                }

                break;
            }

            case VariantKind.Jvp:
            {
                // Not simplified, like the backward product: a NaN or infinite tangent propagates through a zero partial.
                Expr? sum = null;
                int k = 0;
                foreach (PartialModel partial in model.Partials)
                {
                    string name = tensors.Count == 1 ? "tangent" : model.Parameters[partial.Parameter].Name + "Tangent";
                    inputs.Add(new Stream(name, p + k, $"The tangent (direction) for {model.Parameters[partial.Parameter].Name}."));
                    Expr term = new BinaryExpr(BinaryOp.Multiply, partial.Derivative, new ParamExpr(p + k));
                    sum = sum is null ? term : new BinaryExpr(BinaryOp.Add, sum, term);
                    k++;
                }

                outputs.Add(new Stream("destination", -1, "Receives Σ ∂f/∂xᵢ · tangentᵢ; at least as long as the inputs."));
                roots.Add(sum!);
                break;
            }
        }

        // NaN in any tensor input gives NaN in every output (comparisons with NaN would otherwise pick a branch). The
        // CPU bodies leave out the guards of inputs the formula provably propagates NaN from (NaNPropagation); the
        // OpenCL kernels keep them all (fmin, fmax and clamp drop a NaN there).
        var guarded = new List<Expr>(roots.Count);
        var cpuRoots = new List<Expr>(roots.Count);
        foreach (Expr unguarded in roots)
        {
            Expr root = unguarded, cpuRoot = unguarded;
            foreach (var t in Enumerable.Reverse(tensors))
            {
                var x = new ParamExpr(t.i);
                root = new ConditionalExpr(new CompareExpr(CompareOp.Equal, x, x), root, x);
                if (!NaNPropagation.Propagates(unguarded, t.i))
                {
                    cpuRoot = new ConditionalExpr(new CompareExpr(CompareOp.Equal, x, x), cpuRoot, x);
                }
            }

            guarded.Add(root);
            cpuRoots.Add(cpuRoot);
        }

        Inputs = inputs;
        Outputs = outputs;
        Roots = guarded;
        CpuRoots = cpuRoots;

        var signature = new List<SignatureParameter>();
        signature.AddRange(inputs.Take(tensors.Count).Select((s, i) => new SignatureParameter(s, StreamRole.Input, i)));
        signature.AddRange(Scalars.Select((s, j) => new SignatureParameter(s, StreamRole.Scalar, j)));
        signature.AddRange(inputs.Skip(tensors.Count).Select((s, i) => new SignatureParameter(s, StreamRole.Input, tensors.Count + i)));
        signature.AddRange(outputs.Select((s, k) => new SignatureParameter(s, StreamRole.Output, k)));
        Signature = signature;
    }

    public KernelModel Model { get; }

    public VariantKind Kind { get; }

    public string Name { get; }

    public IReadOnlyList<Stream> Inputs { get; }

    public IReadOnlyList<Stream> Scalars { get; }

    public IReadOnlyList<Stream> Outputs { get; }

    /// <summary>The output expressions, each guarded so that a NaN in any tensor input gives NaN (the OpenCL kernels).</summary>
    public IReadOnlyList<Expr> Roots { get; }

    /// <summary>
    /// The output expressions for the CPU bodies: guarded like <see cref="Roots"/> except for the inputs from which
    /// the expression provably propagates NaN by itself (<see cref="NaNPropagation"/>).
    /// </summary>
    public IReadOnlyList<Expr> CpuRoots { get; }

    /// <summary>The parameters of the C# entry point, in declaration order.</summary>
    public IReadOnlyList<SignatureParameter> Signature { get; }

    public static IEnumerable<KernelVariant> All(KernelModel model)
    {
        yield return new KernelVariant(model, VariantKind.Forward);
        if (model.Differentiable)
        {
            yield return new KernelVariant(model, VariantKind.Backward);
            yield return new KernelVariant(model, VariantKind.Jvp);
        }
    }
}
