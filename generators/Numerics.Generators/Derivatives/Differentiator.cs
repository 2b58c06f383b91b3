using System;
using System.Collections.Generic;
using Numerics.Generators.Model;
using static Numerics.Generators.Derivatives.ExprBuilder;

namespace Numerics.Generators.Derivatives;

/// <summary>
/// Symbolic differentiation of kernel expressions with respect to one parameter (forward mode over the DAG,
/// memoised per node so shared subexpressions stay shared).
/// </summary>
/// <remarks>
/// Conventions at kinks follow PyTorch's backward formulas: <c>max(a, b)</c> passes the derivative of
/// <c>a</c> only where <c>a &gt; b</c> (so relu′(0) = 0); <c>clamp(x, lo, hi)</c> passes it strictly inside
/// (hardtanh′ is 0 at its bounds); <c>|x|</c> has derivative 0 at 0; conditionals differentiate each branch.
/// </remarks>
internal sealed class Differentiator
{
    private static readonly double TwoOverSqrtPi = 2.0 / System.Math.Sqrt(System.Math.PI);

    private readonly int _parameter;
    private readonly Func<KernelCallExpr, int, bool> _calleeHasPartial;
    private readonly Dictionary<Expr, Expr> _memo = new();

    /// <param name="parameter">Index of the parameter to differentiate by.</param>
    /// <param name="calleeHasPartial">Whether a called kernel offers a partial derivative for a parameter position.</param>
    public Differentiator(int parameter, Func<KernelCallExpr, int, bool> calleeHasPartial)
    {
        _parameter = parameter;
        _calleeHasPartial = calleeHasPartial;
    }

    /// <summary>Set when a node cannot be differentiated; the message says why.</summary>
    public string? Error { get; private set; }

    public Expr Differentiate(Expr e)
    {
        if (_memo.TryGetValue(e, out Expr? known))
        {
            return known;
        }

        Expr d = e switch
        {
            ConstExpr => Zero,
            ParamExpr p => p.Index == _parameter ? One : Zero,
            NegateExpr n => Negate(Differentiate(n.Operand)),
            BinaryExpr b => Binary(b),
            ConditionalExpr c => Conditional(c.Condition, Differentiate(c.WhenTrue), Differentiate(c.WhenFalse)),
            MathCallExpr m => MathRule(m),
            KernelCallExpr k => KernelCallRule(k),
            _ => Fail($"'{e.GetType().Name}' has no derivative"),
        };
        _memo[e] = d;
        return d;
    }

    private Expr Fail(string message)
    {
        Error ??= message;
        return Zero;
    }

    private Expr Binary(BinaryExpr b)
    {
        Expr da = Differentiate(b.Left);
        Expr db = Differentiate(b.Right);
        return b.Op switch
        {
            BinaryOp.Add => Add(da, db),
            BinaryOp.Subtract => Subtract(da, db),
            BinaryOp.Multiply => Add(Multiply(da, b.Right), Multiply(b.Left, db)),

            // (a/b)' = a'/b − (a/b)·(b'/b): no b² that could overflow.
            BinaryOp.Divide => Subtract(Divide(da, b.Right), Multiply(b, Divide(db, b.Right))),
            _ => Fail($"operator {b.Op} has no derivative"),
        };
    }

    private Expr MathRule(MathCallExpr m)
    {
        Expr u = m.Arguments[0];
        Expr du = Differentiate(u);
        switch (m.Function)
        {
            case MathFunction.Exp:
                return Multiply(m, du);
            case MathFunction.Expm1:
                return Multiply(Call(MathFunction.Exp, u), du);
            case MathFunction.Log:
                return Divide(du, u);
            case MathFunction.Log1p:
                return Divide(du, Add(One, u));
            case MathFunction.Tanh:
                return Multiply(Subtract(One, Multiply(m, m)), du);
            case MathFunction.Erf:
                return Multiply(Multiply(Const(TwoOverSqrtPi), Call(MathFunction.Exp, Negate(Multiply(u, u)))), du);
            case MathFunction.Erfc:
                return Negate(Multiply(Multiply(Const(TwoOverSqrtPi), Call(MathFunction.Exp, Negate(Multiply(u, u)))), du));
            case MathFunction.NormalCdf:
                return Multiply(Call(MathFunction.NormalPdf, u), du);
            case MathFunction.NormalPdf:
                return Negate(Multiply(Multiply(u, m), du));
            case MathFunction.Sqrt:
                return Divide(du, Multiply(Const(2), m));
            case MathFunction.Abs:
                return Conditional(Compare(CompareOp.Greater, u, Zero), du,
                    Conditional(Compare(CompareOp.Less, u, Zero), Negate(du), Zero));
            case MathFunction.Floor:
                return Zero;
            case MathFunction.Min:
                return Conditional(Compare(CompareOp.Less, u, m.Arguments[1]), du, Differentiate(m.Arguments[1]));
            case MathFunction.Max:
                return Conditional(Compare(CompareOp.Greater, u, m.Arguments[1]), du, Differentiate(m.Arguments[1]));
            case MathFunction.Clamp:
            {
                Expr lo = m.Arguments[1];
                Expr hi = m.Arguments[2];
                Expr inside = And(Compare(CompareOp.Greater, u, lo), Compare(CompareOp.Less, u, hi));
                return Conditional(inside, du, Conditional(Compare(CompareOp.LessOrEqual, u, lo), Differentiate(lo), Differentiate(hi)));
            }

            case MathFunction.CopySign:
            {
                // d/du copysign(u, s) = sign(u)·sign(s)·u′; the sign argument contributes nothing almost everywhere.
                Expr signs = Multiply(Call(MathFunction.CopySign, One, u), Call(MathFunction.CopySign, One, m.Arguments[1]));
                return Multiply(signs, du);
            }

            case MathFunction.Fma:
                // (u·v + w)′ = u′·v + u·v′ + w′
                return Add(Add(Multiply(du, m.Arguments[1]), Multiply(u, Differentiate(m.Arguments[1]))), Differentiate(m.Arguments[2]));

            case MathFunction.ExpMul:
                // (e^u·v)′ = e^u·v·u′ + e^u·v′
                return Add(Multiply(m, du), Multiply(Call(MathFunction.Exp, u), Differentiate(m.Arguments[1])));

            case MathFunction.NormalCdfMul:
                // (v·Φ(u))′ = v·φ(u)·u′ + Φ(u)·v′
                return Add(Multiply(Multiply(m.Arguments[1], Call(MathFunction.NormalPdf, u)), du),
                    Multiply(Call(MathFunction.NormalCdf, u), Differentiate(m.Arguments[1])));

            case MathFunction.GeluMul:
                // (u·Φ(u)·v)′ = (Φ(u) + u·φ(u))·v·u′ + u·Φ(u)·v′
                return Add(Multiply(Multiply(Add(Call(MathFunction.NormalCdf, u), Multiply(u, Call(MathFunction.NormalPdf, u))), m.Arguments[1]), du),
                    Multiply(Call(MathFunction.NormalCdfMul, u, u), Differentiate(m.Arguments[1])));

            case MathFunction.SiluMul:
            {
                // (u·σ(u)·v)′ = σ(u)·(1 + u·(1 − σ(u)))·v·u′ + u·σ(u)·v′, σ(u) = 1/(1 + e^(−u))
                Expr sigmoid = Divide(One, Add(One, Call(MathFunction.Exp, Negate(u))));
                Expr slope = Multiply(sigmoid, Add(One, Multiply(u, Subtract(One, sigmoid))));
                return Add(Multiply(Multiply(slope, m.Arguments[1]), du), Multiply(Call(MathFunction.SiluMul, u, One), Differentiate(m.Arguments[1])));
            }

            default:
                return Fail($"function {m.Function} has no derivative");
        }
    }

    private Expr KernelCallRule(KernelCallExpr call)
    {
        if (call.Partial >= 0)
        {
            return Fail($"second derivatives of '{call.Name}' are not supported");
        }

        Expr sum = Zero;
        for (int j = 0; j < call.Arguments.Length; j++)
        {
            Expr dj = Differentiate(call.Arguments[j]);
            if (IsZero(dj))
            {
                continue;
            }

            if (!_calleeHasPartial(call, j))
            {
                return Fail($"argument {j + 1} of '{call.Name}' depends on a differentiated input, but '{call.Name}' has no derivative for it (mark it Differentiable, and pass scalars that do not depend on tensor inputs)");
            }

            sum = Add(sum, Multiply(new KernelCallExpr(call.TypeFullName, call.Name, j, call.Arguments.AsImmutableArray()), dj));
        }

        return sum;
    }
}
