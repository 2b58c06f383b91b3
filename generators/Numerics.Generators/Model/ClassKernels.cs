namespace Numerics.Generators.Model;

/// <summary>A kernel's identity, for the per-class registry.</summary>
internal sealed record KernelName(string Namespace, string TypeName, string Name);

/// <summary>The kernels of one class, sorted by name.</summary>
internal sealed record ClassKernels(string Namespace, string TypeName, EquatableArray<string> Names);
