namespace Numerics.Generators.Emit;

/// <summary>
/// Fully qualified names of every type generated code mentions. Generated code sits in the user's namespace (and,
/// for element-wise kernels, in the user's class), where a user type named <c>Vector512</c> or <c>Span</c> is found
/// before anything a <c>using</c> directive imports, and a <c>using</c> alias inside the namespace would clash with
/// it (CS0576); a <c>global::</c> name binds the same way wherever it is written.
/// </summary>
internal static class GlobalNames
{
    public const string MethodImpl = "global::System.Runtime.CompilerServices.MethodImpl";

    public const string MethodImplOptions = "global::System.Runtime.CompilerServices.MethodImplOptions";

    /// <summary>The attribute line of a method the JIT should inline.</summary>
    public const string AggressiveInlining = "[" + MethodImpl + "(" + MethodImplOptions + ".AggressiveInlining)]";

    /// <summary>The attribute line of a method the JIT should compile fully optimised at once.</summary>
    public const string AggressiveOptimization = "[" + MethodImpl + "(" + MethodImplOptions + ".AggressiveOptimization)]";

    public const string Span = "global::System.Span";

    public const string ReadOnlySpan = "global::System.ReadOnlySpan";

    public const string ArgumentException = "global::System.ArgumentException";

    public const string ArgumentOutOfRangeException = "global::System.ArgumentOutOfRangeException";

    public const string ArgumentNullException = "global::System.ArgumentNullException";

    public const string NotSupportedException = "global::System.NotSupportedException";

    public const string IReadOnlyList = "global::System.Collections.Generic.IReadOnlyList";

    /// <summary>The namespace of the kernels runtime (<c>Elementwise</c>, <c>ElementwiseChecks</c>, <c>OpenCLKernelPair</c>, …).</summary>
    public const string Kernels = "global::Numerics.Kernels";

    /// <summary>The x86 hardware intrinsics (<c>Avx512F</c>, …).</summary>
    public const string X86 = "global::System.Runtime.Intrinsics.X86";

    /// <summary>The interface of the <see cref="double"/> lanes of the vectorised math (kernels assembly, namespace <c>Numerics</c>).</summary>
    public const string ILanes = "global::Numerics.ILanes";

    /// <summary>The bit patterns the lanes share (<c>SqrtHalf</c>, <c>Magic</c>, …).</summary>
    public const string LaneBits = "global::Numerics.LaneBits";

    /// <summary><c>Vector128</c>, <c>Vector256</c> or <c>Vector512</c> (the static class).</summary>
    public static string Vector(int width) => "global::System.Runtime.Intrinsics.Vector" + width;

    /// <summary><c>Vector512&lt;float&gt;</c> etc.</summary>
    public static string Vector(int width, string element) => $"{Vector(width)}<{element}>";
}
