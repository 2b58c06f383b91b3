using System.Collections.Concurrent;

namespace Numerics.OpenCL;

/// <summary>
/// Kernel objects of the backend's built-in programs (GEMM, softmax), one per queue and entry point, created on first
/// use through <see cref="OpenCLQueue.GetKernel"/> (so the program is compiled once per queue, by its cache).
/// </summary>
/// <remarks>
/// A cached kernel is shared by every thread using the queue: callers hold <see cref="OpenCLKernel.Sync"/> from their
/// first <c>SetArgument</c> to the enqueue, as <see cref="OpenCLQueue.Launch{T}"/> does for element-wise kernels. Entry
/// point names are unique across the built-in programs (the generator prefixes them with the declaring type), so the
/// name alone is the key. The table lives in the queue, and <see cref="OpenCLQueue.Dispose"/> releases its kernels.
/// </remarks>
internal static class OpenCLKernelCache
{
    public static OpenCLKernel Get(OpenCLQueue queue, string source, string entryPoint)
    {
        ConcurrentDictionary<string, OpenCLKernel> kernels = queue.BuiltInKernels;
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
