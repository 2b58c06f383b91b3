using Numerics.Generators.Model;

namespace Numerics.Generators.Derivatives;

/// <summary>
/// Constructors that fold constants and drop symbolic zeros and ones. Used for derivative trees only: there a
/// zero is structural (the derivative of a constant), so <c>0·x → 0</c> is the intended meaning even where x
/// could be infinite. Parsed definitions are kept as written.
/// </summary>
internal static class ExprBuilder
{
    public static readonly ConstExpr Zero = ConstExpr.Of(0);
    public static readonly ConstExpr One = ConstExpr.Of(1);

    public static bool IsZero(Expr e) => e is ConstExpr c && c.IsZero;

    public static bool IsOne(Expr e) => e is ConstExpr c && c.IsOne;

    public static Expr Const(double value) => ConstExpr.Of(value);

    public static Expr Negate(Expr a) => a switch
    {
        ConstExpr c => new ConstExpr(-c.Value, -c.Single),
        NegateExpr n => n.Operand,
        _ => new NegateExpr(a),
    };

    public static Expr Add(Expr a, Expr b)
    {
        if (IsZero(a))
        {
            return b;
        }

        if (IsZero(b))
        {
            return a;
        }

        if (a is ConstExpr ca && b is ConstExpr cb)
        {
            return new ConstExpr(ca.Value + cb.Value, ca.Single + cb.Single);
        }

        return b is NegateExpr nb ? new BinaryExpr(BinaryOp.Subtract, a, nb.Operand) : new BinaryExpr(BinaryOp.Add, a, b);
    }

    public static Expr Subtract(Expr a, Expr b)
    {
        if (IsZero(b))
        {
            return a;
        }

        if (IsZero(a))
        {
            return Negate(b);
        }

        if (a is ConstExpr ca && b is ConstExpr cb)
        {
            return new ConstExpr(ca.Value - cb.Value, ca.Single - cb.Single);
        }

        return new BinaryExpr(BinaryOp.Subtract, a, b);
    }

    public static Expr Multiply(Expr a, Expr b)
    {
        if (IsZero(a) || IsZero(b))
        {
            return Zero;
        }

        if (IsOne(a))
        {
            return b;
        }

        if (IsOne(b))
        {
            return a;
        }

        if (a is ConstExpr ca && b is ConstExpr cb)
        {
            return new ConstExpr(ca.Value * cb.Value, ca.Single * cb.Single);
        }

        if (a is ConstExpr m && m.Value == -1 && m.Single == -1)
        {
            return Negate(b);
        }

        if (b is ConstExpr n && n.Value == -1 && n.Single == -1)
        {
            return Negate(a);
        }

        return new BinaryExpr(BinaryOp.Multiply, a, b);
    }

    public static Expr Divide(Expr a, Expr b)
    {
        if (IsZero(a))
        {
            return Zero;
        }

        if (IsOne(b))
        {
            return a;
        }

        if (a is ConstExpr ca && b is ConstExpr cb && !cb.IsZero)
        {
            return new ConstExpr(ca.Value / cb.Value, ca.Single / cb.Single);
        }

        return new BinaryExpr(BinaryOp.Divide, a, b);
    }

    public static Expr Conditional(Expr condition, Expr whenTrue, Expr whenFalse) =>
        whenTrue.Equals(whenFalse) ? whenTrue : new ConditionalExpr(condition, whenTrue, whenFalse);

    public static Expr Compare(CompareOp op, Expr a, Expr b) => new CompareExpr(op, a, b);

    public static Expr And(Expr a, Expr b) => new LogicalExpr(LogicalOp.And, a, b);

    public static Expr Call(MathFunction function, params Expr[] arguments) => new MathCallExpr(function, arguments);
}
