using System.Collections.Generic;
using System.Linq;
using Numerics.Generators.Model;

namespace Numerics.Generators.Emit.Cpu;

/// <summary>
/// Writes an expression DAG as straight-line C# for one element type and one width (0 = scalar, or 128/256/512),
/// one local per distinct node, so shared subexpressions are computed once.
/// </summary>
/// <remarks>
/// In vector bodies a condition (a comparison, or <c>&amp;</c>, <c>|</c>, <c>!</c> of comparisons) is not given a
/// local: its text is written again at every <c>ConditionalSelect</c> that uses it. The JIT turns
/// <c>ConditionalSelect(Compare(a, b), x, y)</c> into a compare into an AVX-512 mask register and a masked blend, but a
/// comparison held in a local is first materialised as a vector (<c>vpmovm2d</c>) and blended bitwise
/// (<c>vpternlogd</c>); on the development machine (an Emerald Rapids Xeon) that round trip cost about 30 cycles of
/// the dependency chain each time (docs/kernels.md, "Conditions stay in mask registers"). Recomputing a comparison
/// costs one instruction.
/// </remarks>
internal sealed class CpuExpressionWriter
{
    private readonly bool _isDouble;
    private readonly int _width;
    private readonly string _prefix;

    public CpuExpressionWriter(bool isDouble, int width, string prefix = "t")
    {
        _isDouble = isDouble;
        _width = width;
        _prefix = prefix;
    }

    public string Element => _isDouble ? "double" : "float";

    /// <summary>The static vector class, <c>global::</c>-qualified (generated code sits among user types).</summary>
    public string VectorClass => GlobalNames.Vector(_width);

    /// <summary>The lane type: the element itself for width 0.</summary>
    public string LaneType => _width == 0 ? Element : GlobalNames.Vector(_width, Element);

    /// <summary>Writes locals for the roots and returns the name holding each root.</summary>
    public IReadOnlyList<string> Write(IndentedWriter writer, IReadOnlyList<Expr> roots, IReadOnlyDictionary<int, string> parameters)
    {
        var names = new Dictionary<Expr, string>();
        int next = 0;
        foreach (Expr node in ExprTraversal.PostOrder(roots))
        {
            if (node is ParamExpr p)
            {
                names[node] = parameters[p.Index];
                continue;
            }

            if (_width != 0 && IsCondition(node))
            {
                names[node] = "(" + Format(node, names) + ")";
                continue;
            }

            string name = _prefix + next++;
            writer.Line($"var {name} = {Format(node, names)};");
            names[node] = name;
        }

        return roots.Select(r => names[r]).ToList();
    }

    private static bool IsCondition(Expr node) => node is CompareExpr or LogicalExpr or NotExpr;

    private string Format(Expr node, Dictionary<Expr, string> names)
    {
        string Arg(Expr e) => names[e];
        bool scalar = _width == 0;
        switch (node)
        {
            case ConstExpr c:
                string literal = Literals.CSharp(c, _isDouble);
                return scalar ? literal : $"{VectorClass}.Create({literal})";

            case NegateExpr n:
                return "-" + Arg(n.Operand);

            case BinaryExpr b:
                string op = b.Op switch
                {
                    BinaryOp.Add => "+",
                    BinaryOp.Subtract => "-",
                    BinaryOp.Multiply => "*",
                    _ => "/",
                };
                return $"{Arg(b.Left)} {op} {Arg(b.Right)}";

            case CompareExpr c when scalar && c.Op == CompareOp.Equal && c.Left.Equals(c.Right):
                return $"!{Element}.IsNaN({Arg(c.Left)})";

            case CompareExpr c when scalar:
                string sop = c.Op switch
                {
                    CompareOp.Less => "<",
                    CompareOp.LessOrEqual => "<=",
                    CompareOp.Greater => ">",
                    CompareOp.GreaterOrEqual => ">=",
                    CompareOp.Equal => "==",
                    _ => "!=",
                };
                return $"{Arg(c.Left)} {sop} {Arg(c.Right)}";

            case CompareExpr c:
                return c.Op switch
                {
                    CompareOp.Less => $"{VectorClass}.LessThan({Arg(c.Left)}, {Arg(c.Right)})",
                    CompareOp.LessOrEqual => $"{VectorClass}.LessThanOrEqual({Arg(c.Left)}, {Arg(c.Right)})",
                    CompareOp.Greater => $"{VectorClass}.GreaterThan({Arg(c.Left)}, {Arg(c.Right)})",
                    CompareOp.GreaterOrEqual => $"{VectorClass}.GreaterThanOrEqual({Arg(c.Left)}, {Arg(c.Right)})",
                    CompareOp.Equal => $"{VectorClass}.Equals({Arg(c.Left)}, {Arg(c.Right)})",
                    _ => $"~{VectorClass}.Equals({Arg(c.Left)}, {Arg(c.Right)})",
                };

            case LogicalExpr l:
                return $"{Arg(l.Left)} {(l.Op == LogicalOp.And ? "&" : "|")} {Arg(l.Right)}";

            case NotExpr n:
                return (scalar ? "!" : "~") + Arg(n.Operand);

            case ConditionalExpr c:
                return scalar
                    ? $"{Arg(c.Condition)} ? {Arg(c.WhenTrue)} : {Arg(c.WhenFalse)}"
                    : $"{VectorClass}.ConditionalSelect({Arg(c.Condition)}, {Arg(c.WhenTrue)}, {Arg(c.WhenFalse)})";

            case MathCallExpr m:
                return $"global::Numerics.KernelMath.{m.Function}({string.Join(", ", m.Arguments.Select(Arg))})";

            case KernelCallExpr k:
                string method = k.Partial < 0 ? k.Name + "Core" : $"{k.Name}Partial{k.Partial}Core";
                return $"{k.TypeFullName}.{method}({string.Join(", ", k.Arguments.Select(Arg))})";

            default:
                throw new System.InvalidOperationException("Unknown node " + node.GetType().Name);
        }
    }
}
