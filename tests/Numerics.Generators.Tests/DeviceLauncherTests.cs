using System;
using System.Reflection;
using Numerics.Generators.Tests.Infrastructure;
using Xunit;

namespace Numerics.Generators.Tests;

/// <summary>
/// The typed device launchers as a user meets them: user code in the same compilation calls
/// <c>K.LeakyBackward(queue, x, slope, gradient, destination)</c> and the span overloads of the same names with a
/// fake <c>IElementwiseDeviceQueue</c>; it must compile with no warning (no overload ambiguity), and the queue must
/// receive the kernel's OpenCL sources with the buffers and scalars in the OpenCL order.
/// </summary>
public sealed class DeviceLauncherTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Globalization;
        using Numerics.Kernels;
        using static Numerics.KernelMath;

        namespace Demo;

        internal static partial class K
        {
            [ElementwiseKernel(Differentiable = true)]
            private static float Leaky(float x, [Scalar] float slope) => x > 0 ? x : slope * x;

            [ElementwiseKernel(Differentiable = true)]
            private static float Mix(float a, float b, [Scalar] float weight) => weight * a * b + Exp(b);
        }

        internal sealed class Buffer<T>(string name) : IDeviceBuffer<T>
            where T : unmanaged
        {
            public string Name { get; } = name;

            public int Length => 4;
        }

        internal sealed class RecordingQueue : IElementwiseDeviceQueue
        {
            public List<string> Calls { get; } = new();

            public List<OpenCLKernelPair> Kernels { get; } = new();

            public void Launch<T>(OpenCLKernelPair kernel, ReadOnlySpan<IDeviceBuffer<T>> inputs, ReadOnlySpan<T> scalars, ReadOnlySpan<IDeviceBuffer<T>> outputs)
                where T : unmanaged
            {
                var parts = new List<string>();
                foreach (IDeviceBuffer<T> b in inputs)
                {
                    parts.Add(((Buffer<T>)b).Name);
                }

                parts.Add("|");
                foreach (T s in scalars)
                {
                    parts.Add(Convert.ToString(s, CultureInfo.InvariantCulture)!);
                }

                parts.Add("|");
                foreach (IDeviceBuffer<T> b in outputs)
                {
                    parts.Add(((Buffer<T>)b).Name);
                }

                Kernels.Add(kernel);
                Calls.Add($"{kernel.Name} {typeof(T).Name}: {string.Join(" ", parts)}");
            }
        }

        internal static class User
        {
            public static string[] Run()
            {
                var queue = new RecordingQueue();
                Buffer<float> x = new("x"), a = new("a"), b = new("b"), g = new("g"), t = new("t"), u = new("u"), y = new("y"), z = new("z");
                K.Leaky(queue, x, 0.5f, y);
                K.LeakyBackward(queue, x, 0.5f, g, y);
                K.LeakyJvp(queue, x, 0.5f, t, y);
                K.Mix(queue, a, b, 2f, y);
                K.MixBackward(queue, a, b, 2f, g, y, z);
                K.MixJvp(queue, a, b, 2f, t, u, y);
                K.LeakyBackward(queue, new Buffer<double>("xd"), 0.25, new Buffer<double>("gd"), new Buffer<double>("yd"));

                // The span entry points of the same names bind as before.
                float[] xs = { -1, 2 }, gs = { 3, 4 }, ds = new float[2];
                K.Leaky(xs, 0.5f, ds);
                K.LeakyBackward(xs, 0.5f, gs, ds);
                K.LeakyJvp(xs.AsSpan(), 0.5f, gs, ds.AsSpan());

                bool same = ReferenceEquals(queue.Kernels[1], K.OpenCL.LeakyBackward) && ReferenceEquals(queue.Kernels[5], K.OpenCL.MixJvp);
                string nullName = "";
                try
                {
                    K.MixBackward(queue, a, b, 2f, g, y, null!);
                }
                catch (ArgumentNullException e)
                {
                    nullName = e.ParamName ?? "";
                }

                queue.Calls.Add($"same kernels: {same}; spans: {ds[0]} {ds[1]}; null: {nullName}");
                return queue.Calls.ToArray();
            }
        }
        """;

    [Fact]
    public void UserCodeCallsLaunchersAndSpanEntryPointsOfTheSameName()
    {
        GeneratorRun run = GeneratorHarness.Run(Source);
        GeneratorHarness.AssertCompilesCleanly(run);
        using LoadedAssembly loaded = GeneratorHarness.Load(run);
        MethodInfo method = loaded.Assembly.GetType("Demo.User", throwOnError: true)!.GetMethod("Run")!;
        string[] calls = (string[])method.Invoke(null, null)!;
        Assert.Equal(
            [
                "Leaky Single: x | 0.5 | y",
                "LeakyBackward Single: x g | 0.5 | y",
                "LeakyJvp Single: x t | 0.5 | y",
                "Mix Single: a b | 2 | y",
                "MixBackward Single: a b g | 2 | y z",
                "MixJvp Single: a b t u | 2 | y",
                "LeakyBackward Double: xd gd | 0.25 | yd",
                "same kernels: True; spans: 1.5 4; null: bDestination",
            ],
            calls);
    }

    /// <summary>A launcher call with the span API's old order (gradient before the scalars) does not compile.</summary>
    [Fact]
    public void GradientBeforeScalarsDoesNotCompile()
    {
        GeneratorRun run = GeneratorHarness.Run(Source.Replace("K.LeakyBackward(queue, x, 0.5f, g, y);", "K.LeakyBackward(queue, x, g, 0.5f, y);", StringComparison.Ordinal));
        Assert.Contains(run.CompilationProblems, d => d.Id == "CS1503");
    }
}
