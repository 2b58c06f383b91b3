using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Numerics.OpenCL;

/// <summary>
/// Kernel objects of the backend's built-in programs (GEMM, softmax), one per queue and entry point, created on first
/// use through <see cref="OpenCLQueue.GetKernel"/> (so the program is compiled once per queue, by its cache).
/// </summary>
/// <remarks>
/// A cached kernel is shared by every thread using the queue: callers hold <see cref="OpenCLKernel.Sync"/> from their
/// first <c>SetArgument</c> to the enqueue, as <see cref="OpenCLQueue.Launch{T}"/> does for element-wise kernels. Entry
/// point names are unique across the built-in programs (the generator prefixes them with the declaring type), so the
/// name alone is the key. The table holds the queue weakly: the kernels go with it.
/// </remarks>
internal static class OpenCLKernelCache
{
    private static readonly ConditionalWeakTable<OpenCLQueue, ConcurrentDictionary<string, OpenCLKernel>> s_kernels = new();

    public static OpenCLKernel Get(OpenCLQueue queue, string source, string entryPoint)
    {
        ConcurrentDictionary<string, OpenCLKernel> kernels = s_kernels.GetValue(queue, static _ => new(System.StringComparer.Ordinal));
        if (kernels.TryGetValue(entryPoint, out OpenCLKernel? kernel))
        {
            return kernel;
        }

        OpenCLKernel created = queue.GetKernel(source, entryPoint);
        kernel = kernels.GetOrAdd(entryPoint, created);
        if (!ReferenceEquals(kernel, created))
        {
            created.Dispose();
        }

        return kernel;
    }
}
