using System.Collections.Generic;

namespace Numerics.Generators.Model;

/// <summary>
/// Proves, from an expression alone, that it is NaN whenever one parameter is NaN, under the semantics of the CPU
/// bodies: IEEE arithmetic; ordered comparisons false and <c>!=</c> true on NaN; the <c>KernelMath</c> functions,
/// which all return NaN for a NaN argument (their documented special values; <c>Min</c>, <c>Max</c> and
/// <c>Clamp</c> are the IEEE 754-2019 NaN-propagating forms), but for <c>CopySign</c>, whose sign argument only
/// gives a sign.
/// </summary>
/// <remarks>
/// The generator wraps every output in <c>x == x ? result : x</c> per tensor input so that a NaN input gives NaN
/// whatever the formula's comparisons pick; where this proves the formula propagates NaN by itself, the CPU bodies
/// leave that guard out (a compare and a blend per input and vector). The proof is conservative: a call to another
/// kernel, or a function it does not know, is taken as not propagating, and so is a select whose condition it cannot
/// decide unless both branches propagate. OpenCL keeps every guard: its <c>fmin</c>, <c>fmax</c> and <c>clamp</c>
/// return the other operand for a NaN.
/// </remarks>
internal sealed class NaNPropagation
{
    private readonly int _parameter;
    private readonly Dictionary<Expr, bool> _values = new();
    private readonly Dictionary<Expr, Mask> _masks = new();

    private NaNPropagation(int parameter) => _parameter = parameter;

    /// <summary>What a condition is known to be when the parameter is NaN.</summary>
    private enum Mask
    {
        Unknown,
        False,
        True,
    }

    /// <summary>Whether <paramref name="expression"/> is NaN whenever parameter <paramref name="parameter"/> is.</summary>
    public static bool Propagates(Expr expression, int parameter) => new NaNPropagation(parameter).IsNaN(expression);

    private bool IsNaN(Expr e)
    {
        if (_values.TryGetValue(e, out bool known))
        {
            return known;
        }

        bool result = e switch
        {
            ParamExpr p => p.Index == _parameter,
            ConstExpr c => double.IsNaN(c.Value) && float.IsNaN(c.Single),
            NegateExpr n => IsNaN(n.Operand),
            BinaryExpr b => IsNaN(b.Left) || IsNaN(b.Right),
            ConditionalExpr c => Condition(c.Condition) switch
            {
                Mask.True => IsNaN(c.WhenTrue),
                Mask.False => IsNaN(c.WhenFalse),
                _ => IsNaN(c.WhenTrue) && IsNaN(c.WhenFalse),
            },
            MathCallExpr m => MathCall(m),
            _ => false,
        };

        _values[e] = result;
        return result;
    }

    private bool MathCall(MathCallExpr m)
    {
        switch (m.Function)
        {
            case MathFunction.CopySign:
                return IsNaN(m.Arguments[0]);

            case MathFunction.Exp:
            case MathFunction.Expm1:
            case MathFunction.Log:
            case MathFunction.Log1p:
            case MathFunction.Tanh:
            case MathFunction.Erf:
            case MathFunction.Erfc:
            case MathFunction.NormalCdf:
            case MathFunction.NormalPdf:
            case MathFunction.Sqrt:
            case MathFunction.Abs:
            case MathFunction.Floor:
            case MathFunction.Min:
            case MathFunction.Max:
            case MathFunction.Clamp:
            case MathFunction.Fma:
            case MathFunction.ExpMul:
            case MathFunction.NormalCdfMul:
            case MathFunction.GeluMul:
            case MathFunction.SiluMul:
                foreach (Expr argument in m.Arguments)
                {
                    if (IsNaN(argument))
                    {
                        return true;
                    }
                }

                return false;

            default:
                return false;
        }
    }

    private Mask Condition(Expr e)
    {
        if (_masks.TryGetValue(e, out Mask known))
        {
            return known;
        }

        Mask result = e switch
        {
            CompareExpr c when IsNaN(c.Left) || IsNaN(c.Right) => c.Op == CompareOp.NotEqual ? Mask.True : Mask.False,
            NotExpr n => Condition(n.Operand) switch
            {
                Mask.True => Mask.False,
                Mask.False => Mask.True,
                _ => Mask.Unknown,
            },
            LogicalExpr l => Logical(l),
            _ => Mask.Unknown,
        };

        _masks[e] = result;
        return result;
    }

    private Mask Logical(LogicalExpr l)
    {
        Mask left = Condition(l.Left), right = Condition(l.Right);
        if (l.Op == LogicalOp.And)
        {
            return left == Mask.False || right == Mask.False ? Mask.False
                : left == Mask.True && right == Mask.True ? Mask.True
                : Mask.Unknown;
        }

        return left == Mask.True || right == Mask.True ? Mask.True
            : left == Mask.False && right == Mask.False ? Mask.False
            : Mask.Unknown;
    }
}
