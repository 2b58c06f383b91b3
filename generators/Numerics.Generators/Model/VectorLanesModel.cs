namespace Numerics.Generators.Model;

/// <summary>One width of <see cref="double"/> lanes to generate: a wrapper over <c>Vector{Bits}&lt;double&gt;</c> implementing <c>ILanes</c>.</summary>
/// <param name="Namespace">Namespace of the declaring struct (empty for the global namespace).</param>
/// <param name="TypeName">Struct name.</param>
/// <param name="Accessibility">The struct's declared accessibility keyword, <c>internal</c> or <c>public</c>.</param>
/// <param name="Bits">128, 256 or 512.</param>
internal sealed record VectorLanesModel(
    string Namespace,
    string TypeName,
    string Accessibility,
    int Bits);
