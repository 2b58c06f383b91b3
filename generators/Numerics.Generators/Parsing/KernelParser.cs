using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Numerics.Generators.Derivatives;
using Numerics.Generators.Diagnostics;
using Numerics.Generators.Model;

namespace Numerics.Generators.Parsing;

/// <summary>The result of parsing one definition: a model when it is translatable, and diagnostics.</summary>
internal sealed record ParseResult(KernelModel? Model, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>Syntax and symbols of one kernel definition → <see cref="KernelModel"/> with diagnostics.</summary>
internal sealed class KernelParser
{
    public const string AttributeName = "Numerics.Kernels.ElementwiseKernelAttribute";
    private const string ScalarAttributeName = "Numerics.Kernels.ScalarAttribute";
    private const string KernelMathName = "Numerics.KernelMath";
    private const int MaxInputs = 4;
    private const int MaxDifferentiableInputs = 2;

    private static readonly HashSet<string> s_reservedNames = new(StringComparer.Ordinal)
    {
        "destination", "gradient", "tangent", "op", "n", "queue",
    };

    private static readonly Dictionary<string, (MathFunction Function, int Arity)> s_kernelMath = new(StringComparer.Ordinal)
    {
        ["Exp"] = (MathFunction.Exp, 1),
        ["Expm1"] = (MathFunction.Expm1, 1),
        ["Log"] = (MathFunction.Log, 1),
        ["Log1p"] = (MathFunction.Log1p, 1),
        ["Tanh"] = (MathFunction.Tanh, 1),
        ["Erf"] = (MathFunction.Erf, 1),
        ["Erfc"] = (MathFunction.Erfc, 1),
        ["NormalCdf"] = (MathFunction.NormalCdf, 1),
        ["NormalPdf"] = (MathFunction.NormalPdf, 1),
        ["Sqrt"] = (MathFunction.Sqrt, 1),
        ["Abs"] = (MathFunction.Abs, 1),
        ["Floor"] = (MathFunction.Floor, 1),
        ["Min"] = (MathFunction.Min, 2),
        ["Max"] = (MathFunction.Max, 2),
        ["Clamp"] = (MathFunction.Clamp, 3),
        ["CopySign"] = (MathFunction.CopySign, 2),
        ["Fma"] = (MathFunction.Fma, 3),
        ["ExpMul"] = (MathFunction.ExpMul, 2),
        ["NormalCdfMul"] = (MathFunction.NormalCdfMul, 2),
        ["GeluMul"] = (MathFunction.GeluMul, 2),
        ["SiluMul"] = (MathFunction.SiluMul, 2),
    };

    // The subset of System.MathF (and Math.Clamp's float overload) with the same meaning.
    private static readonly HashSet<string> s_mathF = new(StringComparer.Ordinal)
    {
        "Exp", "Log", "Tanh", "Sqrt", "Abs", "Floor", "Min", "Max", "CopySign",
    };

    private readonly List<DiagnosticInfo> _diagnostics = new();
    private readonly Dictionary<string, DependencyModel> _dependencies = new(StringComparer.Ordinal);
    private readonly CancellationToken _cancellationToken;
    private readonly Compilation _compilation;

    // Kernels whose dependency model is being built by an enclosing parser (shared by nested parsers).
    private readonly HashSet<string> _building;

    private KernelParser(Compilation compilation, CancellationToken cancellationToken, HashSet<string>? building = null)
    {
        _compilation = compilation;
        _cancellationToken = cancellationToken;
        _building = building ?? new HashSet<string>(StringComparer.Ordinal);
    }

    /// <summary>Parses the definition marked with the kernel attribute.</summary>
    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var parser = new KernelParser(context.SemanticModel.Compilation, cancellationToken);
        var method = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        KernelModel? model = parser.ParseKernel(method, syntax, context.Attributes[0], new List<string>());
        return new ParseResult(parser._diagnostics.Count == 0 ? model : null, parser._diagnostics.ToEquatableArray());
    }

    private void Report(DiagnosticDescriptor descriptor, Location? location, params string[] arguments) =>
        _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, arguments));

    private KernelModel? ParseKernel(IMethodSymbol method, MethodDeclarationSyntax syntax, AttributeData attribute, List<string> callers)
    {
        Location location = syntax.Identifier.GetLocation();
        INamedTypeSymbol type = method.ContainingType;
        bool typeOk = type.IsStatic && type.ContainingType is null && !type.IsGenericType && type.DeclaringSyntaxReferences
            .Select(r => r.GetSyntax(_cancellationToken))
            .OfType<ClassDeclarationSyntax>()
            .All(c => c.Modifiers.Any(SyntaxKind.PartialKeyword));
        if (!typeOk)
        {
            Report(DiagnosticDescriptors.ContainingTypeNotStaticPartial, location, method.Name);
            return null;
        }

        if (!CheckSignature(method, location))
        {
            return null;
        }

        if (method.Name is "Kernels" or "OpenCL")
        {
            Report(DiagnosticDescriptors.ReservedName, location, method.Name, method.Name);
            return null;
        }

        var parameters = new List<ParameterModel>();
        Dictionary<string, string> paramDocs = ReadParamDocs(method, out DocumentationModel docs);
        foreach (IParameterSymbol p in method.Parameters)
        {
            if (s_reservedNames.Contains(p.Name) || p.Name.StartsWith("__", StringComparison.Ordinal)
                || p.Name.EndsWith("Destination", StringComparison.Ordinal) || p.Name.EndsWith("Tangent", StringComparison.Ordinal))
            {
                Report(DiagnosticDescriptors.ReservedName, p.Locations.FirstOrDefault(), method.Name, p.Name);
            }

            bool isScalar = p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == ScalarAttributeName);
            parameters.Add(new ParameterModel(p.Name, isScalar, paramDocs.TryGetValue(p.Name, out string? d) ? d : string.Empty));
        }

        int tensorCount = parameters.Count(p => !p.IsScalar);
        if (tensorCount == 0)
        {
            Report(DiagnosticDescriptors.NoTensorInput, location, method.Name);
            return null;
        }

        bool differentiable = NamedBool(attribute, "Differentiable");
        bool evaluateInDouble = NamedBool(attribute, "EvaluateInDouble");
        bool derivativesInDouble = NamedBool(attribute, "DerivativesInDouble");
        if (tensorCount > MaxInputs || (differentiable && tensorCount > MaxDifferentiableInputs))
        {
            Report(DiagnosticDescriptors.TooManyInputs, location, method.Name, tensorCount.ToString(CultureInfo.InvariantCulture),
                (differentiable ? MaxDifferentiableInputs : MaxInputs).ToString(CultureInfo.InvariantCulture),
                differentiable ? " for a differentiable kernel" : string.Empty);
            return null;
        }

        var stack = new List<string>(callers) { Key(method) };
        Expr? value = ParseBody(method, syntax, stack);
        if (value is null)
        {
            return null;
        }

        var partials = new List<PartialModel>();
        if (!differentiable && NamedStrings(attribute, "Derivatives").Length > 0)
        {
            Report(DiagnosticDescriptors.InvalidDerivative, location, string.Join(", ", NamedStrings(attribute, "Derivatives")), method.Name,
                "Derivatives is set but Differentiable is not");
            return null;
        }

        if (differentiable)
        {
            string?[] custom = NamedStrings(attribute, "Derivatives");
            if (custom.Length > tensorCount)
            {
                Report(DiagnosticDescriptors.InvalidDerivative, location, string.Join(", ", custom), method.Name,
                    $"{custom.Length} names given for {tensorCount} tensor inputs");
                return null;
            }

            int tensorIndex = 0;
            for (int i = 0; i < parameters.Count; i++)
            {
                if (parameters[i].IsScalar)
                {
                    continue;
                }

                string? name = tensorIndex < custom.Length ? custom[tensorIndex] : null;
                tensorIndex++;
                Expr? derivative = string.IsNullOrEmpty(name)
                    ? Differentiate(value, i, method.Name, location)
                    : ParseCustomDerivative(method, name!, location, new List<string> { Key(method) + "'" });
                if (derivative is null)
                {
                    return null;
                }

                partials.Add(new PartialModel(i, derivative));
            }
        }

        string ns = type.ContainingNamespace.IsGlobalNamespace ? string.Empty : type.ContainingNamespace.ToDisplayString();
        return new KernelModel(
            ns,
            type.Name,
            FullName(type),
            method.Name,
            parameters.ToEquatableArray(),
            value,
            differentiable,
            partials.ToEquatableArray(),
            evaluateInDouble,
            derivativesInDouble,
            _dependencies.Values.OrderBy(d => d.Key, StringComparer.Ordinal).ToEquatableArray(),
            docs);
    }

    private Expr? Differentiate(Expr value, int parameter, string kernelName, Location location)
    {
        var differentiator = new Differentiator(parameter, CalleeHasPartial);
        Expr derivative = differentiator.Differentiate(value);
        if (differentiator.Error is not null)
        {
            Report(DiagnosticDescriptors.NotDifferentiable, location, kernelName, differentiator.Error);
            return null;
        }

        return derivative;
    }

    private bool CalleeHasPartial(KernelCallExpr call, int parameter) =>
        _dependencies.TryGetValue(call.Key, out DependencyModel? dependency) && dependency.Partials.Any(p => p.Parameter == parameter);

    private bool CheckSignature(IMethodSymbol method, Location location)
    {
        string? problem = null;
        if (!method.IsStatic)
        {
            problem = "it must be static";
        }
        else if (method.IsGenericMethod)
        {
            problem = "it must not be generic";
        }
        else if (method.ReturnType.SpecialType != SpecialType.System_Single)
        {
            problem = $"it returns '{method.ReturnType.ToDisplayString()}', expected 'float'";
        }
        else if (method.Parameters.Length == 0)
        {
            problem = "it has no parameters";
        }
        else
        {
            IParameterSymbol? bad = method.Parameters.FirstOrDefault(p => p.Type.SpecialType != SpecialType.System_Single || p.RefKind != RefKind.None);
            if (bad is not null)
            {
                problem = $"parameter '{bad.Name}' is '{bad.Type.ToDisplayString()}'{(bad.RefKind != RefKind.None ? " by reference" : string.Empty)}, expected 'float'";
            }
        }

        if (problem is not null)
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, location, method.Name, problem);
            return false;
        }

        return true;
    }

    private static bool NamedBool(AttributeData attribute, string name) =>
        attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value.Value is true;

    private static string?[] NamedStrings(AttributeData attribute, string name)
    {
        TypedConstant value = attribute.NamedArguments.FirstOrDefault(a => a.Key == name).Value;
        return value.Kind == TypedConstantKind.Array && !value.IsNull
            ? value.Values.Select(v => v.Value as string).ToArray()
            : Array.Empty<string?>();
    }

    private static string FullName(INamedTypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string Key(IMethodSymbol method) => FullName(method.ContainingType) + "." + method.Name;

    private Dictionary<string, string> ReadParamDocs(IMethodSymbol method, out DocumentationModel docs)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        docs = new DocumentationModel(string.Empty, string.Empty);
        string? xml = method.GetDocumentationCommentXml(cancellationToken: _cancellationToken);
        if (string.IsNullOrWhiteSpace(xml))
        {
            return result;
        }

        try
        {
            XElement root = XElement.Parse(xml);
            docs = new DocumentationModel(Inner(root.Element("summary")), Inner(root.Element("remarks")));
            foreach (XElement p in root.Elements("param"))
            {
                string? name = (string?)p.Attribute("name");
                if (name is not null)
                {
                    result[name] = Inner(p);
                }
            }
        }
        catch (System.Xml.XmlException)
        {
            // Malformed docs are the compiler's to report (CS1570); the kernel is still generated.
        }

        return result;
    }

    private static string Inner(XElement? element)
    {
        if (element is null)
        {
            return string.Empty;
        }

        string text = string.Concat(element.Nodes().Select(n => n.ToString(SaveOptions.DisableFormatting)));
        IEnumerable<string> lines = text.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim());
        return string.Join("\n", lines).Trim();
    }

    private Expr? ParseCustomDerivative(IMethodSymbol kernel, string name, Location location, List<string> stack)
    {
        IMethodSymbol[] candidates = kernel.ContainingType.GetMembers(name).OfType<IMethodSymbol>().ToArray();
        IMethodSymbol? derivative = candidates.FirstOrDefault(m => m.Parameters.Length == kernel.Parameters.Length
            && m.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Single)) ?? candidates.FirstOrDefault();
        if (derivative is null)
        {
            Report(DiagnosticDescriptors.InvalidDerivative, location, name, kernel.Name, $"no method '{name}' in '{kernel.ContainingType.Name}'");
            return null;
        }

        bool sameShape = derivative.IsStatic && !derivative.IsGenericMethod
            && derivative.ReturnType.SpecialType == SpecialType.System_Single
            && derivative.Parameters.Length == kernel.Parameters.Length
            && derivative.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Single && p.RefKind == RefKind.None);
        if (!sameShape)
        {
            Report(DiagnosticDescriptors.InvalidDerivative, location, name, kernel.Name, "it must be a static method returning float with the kernel's parameters");
            return null;
        }

        if (derivative.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not MethodDeclarationSyntax syntax)
        {
            Report(DiagnosticDescriptors.InvalidDerivative, location, name, kernel.Name, "its source is not available");
            return null;
        }

        return ParseBody(derivative, syntax, stack);
    }

    /// <summary>Parses a method body into one expression (locals are substituted).</summary>
    private Expr? ParseBody(IMethodSymbol method, MethodDeclarationSyntax syntax, List<string> stack)
    {
        SemanticModel model = _compilation.GetSemanticModel(syntax.SyntaxTree);
        var scope = new Scope(method, model, stack);
        if (syntax.ExpressionBody is { } arrow)
        {
            return ParseExpression(arrow.Expression, scope);
        }

        if (syntax.Body is null)
        {
            Report(DiagnosticDescriptors.UnsupportedSignature, syntax.Identifier.GetLocation(), method.Name, "it has no body");
            return null;
        }

        SyntaxList<StatementSyntax> statements = syntax.Body.Statements;
        for (int i = 0; i < statements.Count; i++)
        {
            _cancellationToken.ThrowIfCancellationRequested();
            StatementSyntax statement = statements[i];
            switch (statement)
            {
                case LocalDeclarationStatementSyntax local:
                    foreach (VariableDeclaratorSyntax variable in local.Declaration.Variables)
                    {
                        bool isMaskLocal = model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol { Type.SpecialType: SpecialType.System_Boolean };
                        if (model.GetDeclaredSymbol(variable, _cancellationToken) is ILocalSymbol symbol
                            && symbol.Type.SpecialType is not (SpecialType.System_Single or SpecialType.System_Boolean))
                        {
                            Report(DiagnosticDescriptors.NonFloatType, variable.Identifier.GetLocation(), variable.Identifier.Text, symbol.Type.ToDisplayString());
                            return null;
                        }

                        if (variable.Initializer is null)
                        {
                            Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetLocation(), Short(statement));
                            return null;
                        }

                        Expr? value = ParseExpression(variable.Initializer.Value, scope);
                        if (value is null)
                        {
                            return null;
                        }

                        if (value.IsMask != isMaskLocal)
                        {
                            Report(DiagnosticDescriptors.UnsupportedExpression, variable.Initializer.Value.GetLocation(), Short(variable.Initializer.Value));
                            return null;
                        }

                        scope.Locals[variable.Identifier.Text] = value;
                    }

                    break;

                case ReturnStatementSyntax ret when i == statements.Count - 1 && ret.Expression is not null:
                    return ParseExpression(ret.Expression, scope);

                default:
                    Report(DiagnosticDescriptors.UnsupportedStatement, statement.GetLocation(), Short(statement));
                    return null;
            }
        }

        Report(DiagnosticDescriptors.UnsupportedStatement, syntax.Body.CloseBraceToken.GetLocation(), "}");
        return null;
    }

    private static string Short(SyntaxNode node)
    {
        string text = node.ToString().Replace("\r", " ").Replace("\n", " ");
        return text.Length > 60 ? text.Substring(0, 57) + "..." : text;
    }

    private sealed class Scope
    {
        public Scope(IMethodSymbol method, SemanticModel model, List<string> stack)
        {
            Method = method;
            Model = model;
            Stack = stack;
        }

        public IMethodSymbol Method { get; }

        public SemanticModel Model { get; }

        public List<string> Stack { get; }

        public Dictionary<string, Expr> Locals { get; } = new(StringComparer.Ordinal);
    }

    private Expr? Unsupported(ExpressionSyntax syntax)
    {
        Report(DiagnosticDescriptors.UnsupportedExpression, syntax.GetLocation(), Short(syntax));
        return null;
    }

    private Expr? ParseExpression(ExpressionSyntax syntax, Scope scope)
    {
        _cancellationToken.ThrowIfCancellationRequested();

        // Integer sub-expressions keep C#'s integer meaning (1 / 2 is 0): a constant is taken as the compiler folds
        // it; anything else integer-typed is not float arithmetic and is rejected.
        ITypeSymbol? type = scope.Model.GetTypeInfo(syntax, _cancellationToken).Type;
        if (type is { SpecialType: SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_Int16 or SpecialType.System_Byte })
        {
            Optional<object?> constant = scope.Model.GetConstantValue(syntax, _cancellationToken);
            if (constant.HasValue && constant.Value is not null)
            {
                return ConstExpr.Of(Convert.ToDouble(constant.Value, CultureInfo.InvariantCulture));
            }

            // `x > 0 ? 1 : 0` is an int in C#, converted exactly on return: parse it like its float twin. A call
            // goes on to be reported as a call.
            if (syntax is ConditionalExpressionSyntax or ParenthesizedExpressionSyntax { Expression: ConditionalExpressionSyntax } or InvocationExpressionSyntax)
            {
                return ParseNonConstant(syntax, scope);
            }

            Report(DiagnosticDescriptors.NonFloatType, syntax.GetLocation(), Short(syntax), type.ToDisplayString());
            return null;
        }

        return ParseNonConstant(syntax, scope);
    }

    private Expr? ParseNonConstant(ExpressionSyntax syntax, Scope scope)
    {
        switch (syntax)
        {
            case ParenthesizedExpressionSyntax p:
                return ParseExpression(p.Expression, scope);

            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                return ParseLiteral(literal);

            case CastExpressionSyntax cast:
            {
                ITypeSymbol? target = scope.Model.GetTypeInfo(cast.Type, _cancellationToken).Type;
                if (target?.SpecialType != SpecialType.System_Single)
                {
                    Report(DiagnosticDescriptors.NonFloatType, cast.GetLocation(), Short(cast), target?.ToDisplayString() ?? "?");
                    return null;
                }

                ITypeSymbol? source = scope.Model.GetTypeInfo(cast.Expression, _cancellationToken).Type;
                if (source?.SpecialType is not (SpecialType.System_Single or SpecialType.System_Int32))
                {
                    Report(DiagnosticDescriptors.NonFloatType, cast.Expression.GetLocation(), Short(cast.Expression), source?.ToDisplayString() ?? "?");
                    return null;
                }

                return ParseExpression(cast.Expression, scope);
            }

            case PrefixUnaryExpressionSyntax unary:
            {
                Expr? operand = ParseExpression(unary.Operand, scope);
                if (operand is null)
                {
                    return null;
                }

                return unary.Kind() switch
                {
                    SyntaxKind.UnaryMinusExpression when !operand.IsMask => operand is ConstExpr c ? new ConstExpr(-c.Value, -c.Single) : new NegateExpr(operand),
                    SyntaxKind.UnaryPlusExpression when !operand.IsMask => operand,
                    SyntaxKind.LogicalNotExpression when operand.IsMask => new NotExpr(operand),
                    _ => Unsupported(unary),
                };
            }

            case BinaryExpressionSyntax binary:
                return ParseBinary(binary, scope);

            case ConditionalExpressionSyntax conditional:
            {
                Expr? condition = ParseExpression(conditional.Condition, scope);
                Expr? whenTrue = ParseExpression(conditional.WhenTrue, scope);
                Expr? whenFalse = ParseExpression(conditional.WhenFalse, scope);
                if (condition is null || whenTrue is null || whenFalse is null)
                {
                    return null;
                }

                return condition.IsMask && !whenTrue.IsMask && !whenFalse.IsMask
                    ? new ConditionalExpr(condition, whenTrue, whenFalse)
                    : Unsupported(conditional);
            }

            case InvocationExpressionSyntax invocation:
                return ParseInvocation(invocation, scope);

            case IdentifierNameSyntax or MemberAccessExpressionSyntax:
                return ParseName(syntax, scope);

            default:
                return Unsupported(syntax);
        }
    }

    private Expr? ParseLiteral(LiteralExpressionSyntax literal)
    {
        object? value = literal.Token.Value;
        string text = literal.Token.Text.Replace("_", string.Empty);
        if (value is float or int or double)
        {
            string digits = text.TrimEnd('f', 'F', 'd', 'D', 'm', 'M');
            double wide = !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && !text.StartsWith("0b", StringComparison.OrdinalIgnoreCase)
                && double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
                ? parsed
                : Convert.ToDouble(value, CultureInfo.InvariantCulture);
            float single = value is float f ? f : (float)wide;
            if (value is double)
            {
                Report(DiagnosticDescriptors.NonFloatType, literal.GetLocation(), text, "double");
                return null;
            }

            return new ConstExpr(wide, single);
        }

        Report(DiagnosticDescriptors.NonFloatType, literal.GetLocation(), text, value?.GetType().Name ?? "?");
        return null;
    }

    private Expr? ParseBinary(BinaryExpressionSyntax binary, Scope scope)
    {
        Expr? left = ParseExpression(binary.Left, scope);
        Expr? right = ParseExpression(binary.Right, scope);
        if (left is null || right is null)
        {
            return null;
        }

        SyntaxKind kind = binary.Kind();
        if (kind is SyntaxKind.LogicalAndExpression or SyntaxKind.LogicalOrExpression)
        {
            return left.IsMask && right.IsMask
                ? new LogicalExpr(kind == SyntaxKind.LogicalAndExpression ? LogicalOp.And : LogicalOp.Or, left, right)
                : Unsupported(binary);
        }

        if (left.IsMask || right.IsMask)
        {
            return Unsupported(binary);
        }

        switch (kind)
        {
            case SyntaxKind.AddExpression:
                return Fold(BinaryOp.Add, left, right);
            case SyntaxKind.SubtractExpression:
                return Fold(BinaryOp.Subtract, left, right);
            case SyntaxKind.MultiplyExpression:
                return Fold(BinaryOp.Multiply, left, right);
            case SyntaxKind.DivideExpression:
                return Fold(BinaryOp.Divide, left, right);
            case SyntaxKind.LessThanExpression:
                return new CompareExpr(CompareOp.Less, left, right);
            case SyntaxKind.LessThanOrEqualExpression:
                return new CompareExpr(CompareOp.LessOrEqual, left, right);
            case SyntaxKind.GreaterThanExpression:
                return new CompareExpr(CompareOp.Greater, left, right);
            case SyntaxKind.GreaterThanOrEqualExpression:
                return new CompareExpr(CompareOp.GreaterOrEqual, left, right);
            case SyntaxKind.EqualsExpression:
                return new CompareExpr(CompareOp.Equal, left, right);
            case SyntaxKind.NotEqualsExpression:
                return new CompareExpr(CompareOp.NotEqual, left, right);
            default:
                return Unsupported(binary);
        }
    }

    /// <summary>Folds constant operands the way C# folds constant expressions (float in float, and double alongside).</summary>
    private static Expr Fold(BinaryOp op, Expr left, Expr right)
    {
        if (left is ConstExpr a && right is ConstExpr b)
        {
            return op switch
            {
                BinaryOp.Add => new ConstExpr(a.Value + b.Value, a.Single + b.Single),
                BinaryOp.Subtract => new ConstExpr(a.Value - b.Value, a.Single - b.Single),
                BinaryOp.Multiply => new ConstExpr(a.Value * b.Value, a.Single * b.Single),
                _ => new ConstExpr(a.Value / b.Value, a.Single / b.Single),
            };
        }

        return new BinaryExpr(op, left, right);
    }

    private Expr? ParseName(ExpressionSyntax syntax, Scope scope)
    {
        ISymbol? symbol = scope.Model.GetSymbolInfo(syntax, _cancellationToken).Symbol;
        switch (symbol)
        {
            case IParameterSymbol parameter when SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol, scope.Method):
                return new ParamExpr(parameter.Ordinal);

            case ILocalSymbol local when scope.Locals.TryGetValue(local.Name, out Expr? value):
                return value;

            case ILocalSymbol { IsConst: true } constLocal when constLocal.ConstantValue is float or int:
                return ConstExpr.Of(Convert.ToDouble(constLocal.ConstantValue, CultureInfo.InvariantCulture));

            case IFieldSymbol { IsConst: true } field:
                return ParseConstField(field, syntax);

            default:
                return Unsupported(syntax);
        }
    }

    private Expr? ParseConstField(IFieldSymbol field, ExpressionSyntax use)
    {
        if (field.Type.SpecialType is not (SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Double))
        {
            Report(DiagnosticDescriptors.NonFloatType, use.GetLocation(), field.Name, field.Type.ToDisplayString());
            return null;
        }

        double wide = Convert.ToDouble(field.ConstantValue, CultureInfo.InvariantCulture);
        float single = field.ConstantValue is float f ? f : (float)wide;

        // A float constant written with more digits than float holds keeps them for the double kernel.
        if (field.Type.SpecialType == SpecialType.System_Single
            && field.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is VariableDeclaratorSyntax { Initializer.Value: { } init })
        {
            ExpressionSyntax inner = init;
            bool negate = false;
            if (inner is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus)
            {
                negate = true;
                inner = minus.Operand;
            }

            if (inner is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.NumericLiteralExpression)
                && double.TryParse(literal.Token.Text.Replace("_", string.Empty).TrimEnd('f', 'F', 'd', 'D'), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed)
                && (float)parsed == Math.Abs(single))
            {
                wide = negate ? -parsed : parsed;
            }
        }

        return new ConstExpr(wide, single);
    }

    private Expr? ParseInvocation(InvocationExpressionSyntax invocation, Scope scope)
    {
        if (scope.Model.GetSymbolInfo(invocation, _cancellationToken).Symbol is not IMethodSymbol callee)
        {
            return UnsupportedCall(invocation);
        }

        var arguments = new List<Expr>();
        foreach (ArgumentSyntax argument in invocation.ArgumentList.Arguments)
        {
            if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(SyntaxKind.None))
            {
                return Unsupported(argument.Expression);
            }

            Expr? value = ParseExpression(argument.Expression, scope);
            if (value is null)
            {
                return null;
            }

            if (value.IsMask)
            {
                return Unsupported(argument.Expression);
            }

            arguments.Add(value);
        }

        // Optional parameters left out at the call take their declared defaults.
        for (int i = arguments.Count; i < callee.Parameters.Length; i++)
        {
            IParameterSymbol parameter = callee.Parameters[i];
            if (!parameter.HasExplicitDefaultValue || parameter.ExplicitDefaultValue is not (float or int or double))
            {
                return UnsupportedCall(invocation);
            }

            arguments.Add(ConstExpr.Of(Convert.ToDouble(parameter.ExplicitDefaultValue, CultureInfo.InvariantCulture)));
        }

        string owner = callee.ContainingType.ToDisplayString();
        bool floatOverload = callee.ReturnType.SpecialType == SpecialType.System_Single
            && callee.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Single);
        if (floatOverload && s_kernelMath.TryGetValue(callee.Name, out (MathFunction Function, int Arity) entry) && entry.Arity == arguments.Count
            && (owner == KernelMathName || (owner == "System.MathF" && s_mathF.Contains(callee.Name)) || (owner == "System.Math" && callee.Name == "Clamp")))
        {
            return new MathCallExpr(entry.Function, arguments);
        }

        AttributeData? kernelAttribute = callee.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeName);
        if (kernelAttribute is not null && floatOverload && callee.IsStatic)
        {
            return ParseKernelCall(callee, kernelAttribute, arguments, invocation, scope);
        }

        // A plain static float helper written in source is inlined at the call site.
        if (floatOverload && callee.IsStatic && !callee.IsGenericMethod && callee.Parameters.All(p => p.RefKind == RefKind.None)
            && callee.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is MethodDeclarationSyntax helper
            && (helper.Body is not null || helper.ExpressionBody is not null))
        {
            string key = Key(callee);
            if (scope.Stack.Contains(key))
            {
                Report(DiagnosticDescriptors.RecursiveCall, invocation.GetLocation(), scope.Stack[0].Split('.').Last(), callee.Name);
                return null;
            }

            scope.Stack.Add(key);
            Expr? body = ParseBody(callee, helper, scope.Stack);
            scope.Stack.RemoveAt(scope.Stack.Count - 1);
            return body is null ? null : ExprSubstitution.Substitute(body, arguments);
        }

        return UnsupportedCall(invocation);
    }

    private Expr? UnsupportedCall(InvocationExpressionSyntax invocation)
    {
        Report(DiagnosticDescriptors.UnsupportedCall, invocation.GetLocation(), Short(invocation.Expression));
        return null;
    }

    private Expr? ParseKernelCall(IMethodSymbol callee, AttributeData attribute, List<Expr> arguments, InvocationExpressionSyntax invocation, Scope scope)
    {
        string key = Key(callee);
        var call = new KernelCallExpr(FullName(callee.ContainingType), callee.Name, -1, arguments);
        if (scope.Stack.Contains(key))
        {
            Report(DiagnosticDescriptors.RecursiveCall, invocation.GetLocation(), scope.Stack[0].Split('.').Last(), callee.Name);
            return null;
        }

        // Being built further up (a custom derivative calling its own kernel): the outer level records it.
        if (_dependencies.ContainsKey(key) || _building.Contains(key))
        {
            return call;
        }

        if (callee.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(_cancellationToken) is not MethodDeclarationSyntax calleeSyntax)
        {
            return UnsupportedCall(invocation);
        }

        // The callee is validated as a kernel of its own (it reports its own errors); its model supplies the
        // value and partials that the OpenCL emitter writes as helper functions.
        _building.Add(key);
        var sub = new KernelParser(_compilation, _cancellationToken, _building);
        KernelModel? model = sub.ParseKernel(callee, calleeSyntax, attribute, new List<string>(scope.Stack));
        _building.Remove(key);
        if (model is null || sub._diagnostics.Count > 0)
        {
            bool recursive = sub._diagnostics.Any(d => d.Id == DiagnosticDescriptors.RecursiveCall.Id);
            if (recursive)
            {
                Report(DiagnosticDescriptors.RecursiveCall, invocation.GetLocation(), scope.Stack[0].Split('.').Last(), callee.Name);
            }
            else
            {
                Report(DiagnosticDescriptors.CalleeHasErrors, invocation.GetLocation(), scope.Stack[0].Split('.').Last().TrimEnd('\''), callee.Name);
            }

            return null;
        }

        foreach (DependencyModel dependency in model.Dependencies)
        {
            _dependencies[dependency.Key] = dependency;
        }

        _dependencies[key] = new DependencyModel(model.TypeFullName, model.Name, model.Parameters.Length, model.Value, model.Partials);
        return call;
    }
}
