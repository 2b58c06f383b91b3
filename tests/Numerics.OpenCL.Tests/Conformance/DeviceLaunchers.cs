using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Numerics.Kernels;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>
/// Finds the generated typed launcher of an entry point (<c>Activations.Gelu(IElementwiseDeviceQueue, IDeviceBuffer&lt;float&gt;,
/// IDeviceBuffer&lt;float&gt;)</c>) and calls it with buffers and scalars bound by parameter name, so the suite drives every
/// launcher, in its own parameter order, from the registry's lists. (Reflection is test-side only: it binds ~150
/// launchers without a hand-written table that could drift from the generator.)
/// </summary>
public static class DeviceLaunchers
{
    private static readonly ConcurrentDictionary<(string Name, Type Element), MethodInfo> Cache = new();

    /// <summary>The launcher of <paramref name="info"/> for element type <typeparamref name="T"/>; throws when there is none or it does not match the registry.</summary>
    public static MethodInfo Find<T>(ElementwiseKernelInfo info)
        where T : unmanaged =>
        Cache.GetOrAdd((info.Name, typeof(T)), key =>
        {
            MethodInfo[] candidates = typeof(Activations).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.Name == key.Name)
                .Where(m =>
                {
                    ParameterInfo[] p = m.GetParameters();
                    return p.Length > 0 && p[0].ParameterType == typeof(IElementwiseDeviceQueue)
                        && p.Skip(1).All(q => q.ParameterType == typeof(IDeviceBuffer<T>) || q.ParameterType == typeof(T));
                })
                .ToArray();
            if (candidates.Length != 1)
            {
                throw new InvalidOperationException($"Expected one launcher Activations.{key.Name}(IElementwiseDeviceQueue, …) for {typeof(T).Name}, found {candidates.Length}.");
            }

            string[] expected = [.. info.Inputs, .. info.Scalars, .. info.Outputs];
            string[] actual = candidates[0].GetParameters().Skip(1).Select(p => p.Name!).ToArray();
            if (!expected.OrderBy(s => s, StringComparer.Ordinal).SequenceEqual(actual.OrderBy(s => s, StringComparer.Ordinal)))
            {
                throw new InvalidOperationException($"Launcher {key.Name} takes ({string.Join(", ", actual)}), the registry lists ({string.Join(", ", expected)}).");
            }

            return candidates[0];
        });

    /// <summary>Calls the launcher: <paramref name="inputs"/>, <paramref name="scalars"/> and <paramref name="outputs"/> in the registry's order.</summary>
    public static void Launch<T>(
        ElementwiseKernelInfo info, IElementwiseDeviceQueue queue, IReadOnlyList<IDeviceBuffer<T>?> inputs, IReadOnlyList<T> scalars, IReadOnlyList<IDeviceBuffer<T>?> outputs)
        where T : unmanaged
    {
        MethodInfo launcher = Find<T>(info);
        ParameterInfo[] parameters = launcher.GetParameters();
        object?[] arguments = new object?[parameters.Length];
        arguments[0] = queue;
        for (int i = 1; i < parameters.Length; i++)
        {
            string name = parameters[i].Name!;
            int k;
            arguments[i] = (k = IndexOf(info.Inputs, name)) >= 0 ? inputs[k]
                : (k = IndexOf(info.Scalars, name)) >= 0 ? scalars[k]
                : outputs[IndexOf(info.Outputs, name)];
        }

        // DoNotWrapExceptions: the launcher's own exceptions reach the caller unchanged.
        launcher.Invoke(null, BindingFlags.DoNotWrapExceptions, binder: null, arguments, culture: null);
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (int i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
