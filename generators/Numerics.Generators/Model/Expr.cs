using System;
using System.Collections.Generic;
using System.Linq;

namespace Numerics.Generators.Model;

/// <summary>Arithmetic operators of the kernel language.</summary>
internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// <summary>Comparisons; they produce masks, not numbers.</summary>
internal enum CompareOp
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

/// <summary>Operators on masks.</summary>
internal enum LogicalOp
{
    And,
    Or,
}

/// <summary>The fixed math set a kernel may call (the functions of <c>Numerics.KernelMath</c>).</summary>
internal enum MathFunction
{
    Exp,
    Expm1,
    Log,
    Log1p,
    Tanh,
    Erf,
    Erfc,
    NormalCdf,
    NormalPdf,
    Sqrt,
    Abs,
    Floor,
    Min,
    Max,
    Clamp,
    CopySign,
    Fma,
    ExpMul,
    NormalCdfMul,
    GeluMul,
    SiluMul,
}

/// <summary>
/// A node of the kernel expression tree: the shared language of the parser, the differentiator and every emitter.
/// Nodes are immutable with structural equality and a hash computed once, so models compare cheaply and
/// emitters can share common subexpressions by dictionary lookup.
/// </summary>
internal abstract class Expr : IEquatable<Expr>
{
    private readonly int _hash;

    protected Expr(int hash) => _hash = hash;

    /// <summary>Whether the node is a mask (comparison or logical) rather than a number.</summary>
    public virtual bool IsMask => false;

    public abstract IEnumerable<Expr> Children { get; }

    public bool Equals(Expr? other) =>
        ReferenceEquals(this, other) || (other is not null && other._hash == _hash && other.GetType() == GetType() && EqualsCore(other));

    public override bool Equals(object? obj) => Equals(obj as Expr);

    public override int GetHashCode() => _hash;

    protected abstract bool EqualsCore(Expr other);

    protected static int Combine(int a, int b) => unchecked((a * 397) ^ b);

    protected static int Combine(int a, int b, int c) => Combine(Combine(a, b), c);
}

/// <summary>A constant, kept in both precisions so each emitter uses the value C# would.</summary>
internal sealed class ConstExpr : Expr
{
    public ConstExpr(double value, float single)
        : base(Combine(1, value.GetHashCode(), single.GetHashCode()))
    {
        Value = value;
        Single = single;
    }

    public static ConstExpr Of(double value) => new(value, (float)value);

    public double Value { get; }

    public float Single { get; }

    public bool IsZero => Value == 0 && Single == 0;

    public bool IsOne => Value == 1 && Single == 1;

    public override IEnumerable<Expr> Children => Array.Empty<Expr>();

    protected override bool EqualsCore(Expr other) =>
        other is ConstExpr c && c.Value.Equals(Value) && c.Single.Equals(Single);
}

/// <summary>A parameter of the kernel by position (tensor input, scalar, or an added gradient/tangent stream).</summary>
internal sealed class ParamExpr : Expr
{
    public ParamExpr(int index)
        : base(Combine(2, index)) => Index = index;

    public int Index { get; }

    public override IEnumerable<Expr> Children => Array.Empty<Expr>();

    protected override bool EqualsCore(Expr other) => other is ParamExpr p && p.Index == Index;
}

/// <summary>Negation.</summary>
internal sealed class NegateExpr : Expr
{
    public NegateExpr(Expr operand)
        : base(Combine(3, operand.GetHashCode())) => Operand = operand;

    public Expr Operand { get; }

    public override IEnumerable<Expr> Children => new[] { Operand };

    protected override bool EqualsCore(Expr other) => other is NegateExpr n && n.Operand.Equals(Operand);
}

/// <summary>Binary arithmetic.</summary>
internal sealed class BinaryExpr : Expr
{
    public BinaryExpr(BinaryOp op, Expr left, Expr right)
        : base(Combine(Combine(4, (int)op), left.GetHashCode(), right.GetHashCode()))
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public BinaryOp Op { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public override IEnumerable<Expr> Children => new[] { Left, Right };

    protected override bool EqualsCore(Expr other) =>
        other is BinaryExpr b && b.Op == Op && b.Left.Equals(Left) && b.Right.Equals(Right);
}

/// <summary>A comparison, producing a mask.</summary>
internal sealed class CompareExpr : Expr
{
    public CompareExpr(CompareOp op, Expr left, Expr right)
        : base(Combine(Combine(5, (int)op), left.GetHashCode(), right.GetHashCode()))
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public CompareOp Op { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public override bool IsMask => true;

    public override IEnumerable<Expr> Children => new[] { Left, Right };

    protected override bool EqualsCore(Expr other) =>
        other is CompareExpr c && c.Op == Op && c.Left.Equals(Left) && c.Right.Equals(Right);
}

/// <summary>And/or of two masks.</summary>
internal sealed class LogicalExpr : Expr
{
    public LogicalExpr(LogicalOp op, Expr left, Expr right)
        : base(Combine(Combine(6, (int)op), left.GetHashCode(), right.GetHashCode()))
    {
        Op = op;
        Left = left;
        Right = right;
    }

    public LogicalOp Op { get; }

    public Expr Left { get; }

    public Expr Right { get; }

    public override bool IsMask => true;

    public override IEnumerable<Expr> Children => new[] { Left, Right };

    protected override bool EqualsCore(Expr other) =>
        other is LogicalExpr l && l.Op == Op && l.Left.Equals(Left) && l.Right.Equals(Right);
}

/// <summary>Negation of a mask.</summary>
internal sealed class NotExpr : Expr
{
    public NotExpr(Expr operand)
        : base(Combine(7, operand.GetHashCode())) => Operand = operand;

    public Expr Operand { get; }

    public override bool IsMask => true;

    public override IEnumerable<Expr> Children => new[] { Operand };

    protected override bool EqualsCore(Expr other) => other is NotExpr n && n.Operand.Equals(Operand);
}

/// <summary><c>condition ? whenTrue : whenFalse</c>; both branches are evaluated (they are pure).</summary>
internal sealed class ConditionalExpr : Expr
{
    public ConditionalExpr(Expr condition, Expr whenTrue, Expr whenFalse)
        : base(Combine(Combine(8, condition.GetHashCode()), whenTrue.GetHashCode(), whenFalse.GetHashCode()))
    {
        Condition = condition;
        WhenTrue = whenTrue;
        WhenFalse = whenFalse;
    }

    public Expr Condition { get; }

    public Expr WhenTrue { get; }

    public Expr WhenFalse { get; }

    public override IEnumerable<Expr> Children => new[] { Condition, WhenTrue, WhenFalse };

    protected override bool EqualsCore(Expr other) =>
        other is ConditionalExpr c && c.Condition.Equals(Condition) && c.WhenTrue.Equals(WhenTrue) && c.WhenFalse.Equals(WhenFalse);
}

/// <summary>A call to a function of the math set.</summary>
internal sealed class MathCallExpr : Expr
{
    public MathCallExpr(MathFunction function, IReadOnlyList<Expr> arguments)
        : base(Combine(9, (int)function, new EquatableArray<Expr>(arguments).GetHashCode()))
    {
        Function = function;
        Arguments = new EquatableArray<Expr>(arguments);
    }

    public MathFunction Function { get; }

    public EquatableArray<Expr> Arguments { get; }

    public override IEnumerable<Expr> Children => Arguments;

    protected override bool EqualsCore(Expr other) =>
        other is MathCallExpr m && m.Function == Function && m.Arguments.Equals(Arguments);
}

/// <summary>
/// A call to another kernel definition: its value (<see cref="Partial"/> = −1) or its partial derivative with
/// respect to its <see cref="Partial"/>-th parameter.
/// </summary>
internal sealed class KernelCallExpr : Expr
{
    public KernelCallExpr(string typeFullName, string name, int partial, IReadOnlyList<Expr> arguments)
        : base(Combine(Combine(10, StringComparer.Ordinal.GetHashCode(typeFullName)), StringComparer.Ordinal.GetHashCode(name) + partial, new EquatableArray<Expr>(arguments).GetHashCode()))
    {
        TypeFullName = typeFullName;
        Name = name;
        Partial = partial;
        Arguments = new EquatableArray<Expr>(arguments);
    }

    /// <summary>Fully qualified name of the class, with <c>global::</c>.</summary>
    public string TypeFullName { get; }

    public string Name { get; }

    public int Partial { get; }

    public EquatableArray<Expr> Arguments { get; }

    /// <summary>Key of the callee in a model's dependency list.</summary>
    public string Key => TypeFullName + "." + Name;

    public override IEnumerable<Expr> Children => Arguments;

    protected override bool EqualsCore(Expr other) =>
        other is KernelCallExpr k && k.Partial == Partial && k.Name == Name && k.TypeFullName == TypeFullName && k.Arguments.Equals(Arguments);
}

/// <summary>Traversals over expression DAGs.</summary>
internal static class ExprTraversal
{
    /// <summary>Distinct nodes reachable from the roots, children before parents.</summary>
    public static List<Expr> PostOrder(IEnumerable<Expr> roots)
    {
        var seen = new HashSet<Expr>();
        var order = new List<Expr>();
        var stack = new Stack<(Expr Node, bool Expanded)>();
        foreach (Expr root in roots.Reverse())
        {
            stack.Push((root, false));
        }

        while (stack.Count > 0)
        {
            (Expr node, bool expanded) = stack.Pop();
            if (expanded)
            {
                if (seen.Add(node))
                {
                    order.Add(node);
                }

                continue;
            }

            if (seen.Contains(node))
            {
                continue;
            }

            stack.Push((node, true));
            foreach (Expr child in node.Children.Reverse())
            {
                if (!seen.Contains(child))
                {
                    stack.Push((child, false));
                }
            }
        }

        return order;
    }
}

/// <summary>Rebuilds an expression with parameters replaced (used to inline helper methods at their call sites).</summary>
internal static class ExprSubstitution
{
    public static Expr Substitute(Expr root, IReadOnlyList<Expr> arguments)
    {
        var memo = new Dictionary<Expr, Expr>();
        Expr Visit(Expr e)
        {
            if (memo.TryGetValue(e, out Expr? done))
            {
                return done;
            }

            Expr result = e switch
            {
                ParamExpr p => arguments[p.Index],
                ConstExpr => e,
                NegateExpr n => new NegateExpr(Visit(n.Operand)),
                BinaryExpr b => new BinaryExpr(b.Op, Visit(b.Left), Visit(b.Right)),
                CompareExpr c => new CompareExpr(c.Op, Visit(c.Left), Visit(c.Right)),
                LogicalExpr l => new LogicalExpr(l.Op, Visit(l.Left), Visit(l.Right)),
                NotExpr n => new NotExpr(Visit(n.Operand)),
                ConditionalExpr c => new ConditionalExpr(Visit(c.Condition), Visit(c.WhenTrue), Visit(c.WhenFalse)),
                MathCallExpr m => new MathCallExpr(m.Function, m.Arguments.Select(Visit).ToList()),
                KernelCallExpr k => new KernelCallExpr(k.TypeFullName, k.Name, k.Partial, k.Arguments.Select(Visit).ToList()),
                _ => throw new InvalidOperationException("Unknown node " + e.GetType().Name),
            };
            memo[e] = result;
            return result;
        }

        return Visit(root);
    }
}
