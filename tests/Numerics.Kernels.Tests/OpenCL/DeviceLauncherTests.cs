using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Numerics.Kernels;
using Xunit;

namespace Numerics.Kernels.Tests.OpenCL;

/// <summary>
/// The generated device launchers (<c>Activations.Gelu(queue, x, destination)</c>, …) against a fake queue that
/// records what it is asked to launch: for every entry point in <see cref="Activations.Kernels"/>, float and
/// double, the launcher has the span entry point's parameters after the queue, and hands the queue the entry
/// point's <see cref="OpenCLKernelPair"/> with the buffers and scalars in the order its OpenCL source states.
/// Reflection only enumerates the launchers; <see cref="DirectCallsCompileAndBindByName"/> calls some directly.
/// </summary>
public sealed class DeviceLauncherTests
{
    public static TheoryData<string> EntryPoints() => [.. Activations.Kernels.Select(k => k.Name)];

    [Theory]
    [MemberData(nameof(EntryPoints))]
    public void LauncherPassesItsKernelAndArgumentsInOpenCLOrder(string name)
    {
        ElementwiseKernelInfo info = Activations.Kernels.Single(k => k.Name == name);
        Check<float>(info, info.OpenCL.Single, j => 0.5f + j);
        Check<double>(info, info.OpenCL.Double, j => 0.25 + j);
    }

    [Fact]
    public void EveryLauncherBelongsToAKernel()
    {
        MethodInfo[] launchers = typeof(Activations).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters() is [{ } first, ..] && first.ParameterType == typeof(IElementwiseDeviceQueue))
            .ToArray();
        Assert.Equal(2 * Activations.Kernels.Count, launchers.Length);
        Assert.All(launchers, m => Assert.Contains(Activations.Kernels, k => k.Name == m.Name));
    }

    /// <summary>Calls written as a user writes them: overload resolution picks the launcher (one more parameter than the span entry point).</summary>
    [Fact]
    public void DirectCallsCompileAndBindByName()
    {
        var queue = new RecordingQueue();
        NamedBuffer<float> x = new("x"), slope = new("slope"), gate = new("gate"), up = new("up"), gradient = new("gradient");
        NamedBuffer<float> destination = new("destination"), other = new("other"), tangent = new("tangent");

        Activations.Gelu(queue, x, destination);
        Activations.LeakyReluBackward(queue, x, 0.01f, gradient, destination);
        Activations.LeakyReluJvp(queue, x, 0.01f, tangent, destination);
        Activations.PReluBackward(queue, x, slope, gradient, destination, other);
        Activations.SwiGluJvp(queue, gate, up, tangent, other, destination);
        Activations.HardTanh(queue, new NamedBuffer<double>("x"), -2.0, 3.0, new NamedBuffer<double>("destination"));

        Assert.Collection(
            queue.Calls,
            c => Assert.Equal(("Gelu", "Single", "x | | destination"), (c.Kernel.Name, c.ElementType.Name, c.Arguments)),
            c => Assert.Equal(("LeakyReluBackward", "x gradient | 0.01 | destination"), (c.Kernel.Name, c.Arguments)),
            c => Assert.Equal(("LeakyReluJvp", "x tangent | 0.01 | destination"), (c.Kernel.Name, c.Arguments)),
            c => Assert.Equal(("PReluBackward", "x slope gradient | | destination other"), (c.Kernel.Name, c.Arguments)),
            c => Assert.Equal(("SwiGluJvp", "gate up tangent other | | destination"), (c.Kernel.Name, c.Arguments)),
            c => Assert.Equal(("HardTanh", "Double", "x | -2 3 | destination"), (c.Kernel.Name, c.ElementType.Name, c.Arguments)));
        Assert.Same(Activations.OpenCL.LeakyReluBackward, queue.Calls[1].Kernel);

        // The span entry points of the same names still bind (one parameter fewer).
        float[] xs = [-1, 2], gs = [3, 4], ds = new float[2];
        Activations.LeakyReluBackward(xs, 0.5f, gs, ds);
        Assert.Equal([1.5f, 4], ds);
    }

    [Fact]
    public void NullArgumentsAreRejectedByName()
    {
        var queue = new RecordingQueue();
        NamedBuffer<float> x = new("x"), y = new("y");
        Assert.Equal("queue", Assert.Throws<ArgumentNullException>(() => Activations.Gelu(null!, x, y)).ParamName);
        Assert.Equal("x", Assert.Throws<ArgumentNullException>(() => Activations.Gelu(queue, null!, y)).ParamName);
        Assert.Equal("gradient", Assert.Throws<ArgumentNullException>(() => Activations.LeakyReluBackward(queue, x, 0.01f, null!, y)).ParamName);
        Assert.Equal("slopeDestination", Assert.Throws<ArgumentNullException>(() => Activations.PReluBackward(queue, x, x, x, y, null!)).ParamName);
        Assert.Empty(queue.Calls);
    }

    /// <summary>The buffer and scalar lists are built on the stack (inline arrays), so a launch costs no managed allocation.</summary>
    [Fact]
    public void LaunchersDoNotAllocate()
    {
        var queue = new CountingQueue();
        NamedBuffer<float> a = new("a"), b = new("b"), c = new("c"), d = new("d"), e = new("e");
        NamedBuffer<double> x = new("x"), y = new("y");

        void Launch()
        {
            Activations.Gelu(queue, a, b);
            Activations.LeakyReluBackward(queue, a, 0.01f, b, c);
            Activations.SoftplusJvp(queue, a, 2, 10, b, c);
            Activations.SwiGluJvp(queue, a, b, c, d, e);
            Activations.PReluBackward(queue, a, b, c, d, e);
            Activations.HardTanh(queue, x, -1.0, 1.0, y);
        }

        Launch();

        // The least of five measured rounds: a launcher that allocates does so in every round, while the runtime
        // (tiering, call counting while other tests run) can charge a one-off allocation to this thread in one of
        // them (12 KB once in a full-suite run, never alone).
        long least = long.MaxValue;
        const int Rounds = 5;
        for (int round = 0; round < Rounds; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                Launch();
            }

            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, least);
        int launches = 1 + Rounds * 100;
        Assert.Equal(launches * 6, queue.Launches);
        Assert.Equal(launches * (2 + 3 + 3 + 5 + 5 + 2), queue.Buffers);
        Assert.Equal(launches * (1 + 2 + 2), queue.Scalars);
    }

    private static void Check<T>(ElementwiseKernelInfo info, OpenCLKernelSource source, Func<int, T> scalarValue)
        where T : unmanaged
    {
        // Spec order of the C# parameters: the definition's tensor inputs, the scalars, the gradient or tangents, the outputs.
        int arity = Activations.Kernels.Single(k => k.Name == info.Definition).Inputs.Count;
        string[] order = [.. info.Inputs.Take(arity), .. info.Scalars, .. info.Inputs.Skip(arity), .. info.Outputs];

        MethodInfo launcher = Overload(info.Name, typeof(IElementwiseDeviceQueue), typeof(IDeviceBuffer<T>));
        MethodInfo span = Overload(info.Name, typeof(ReadOnlySpan<T>));
        Assert.Equal(order, span.GetParameters().Select(p => p.Name));
        ParameterInfo[] parameters = launcher.GetParameters();
        Assert.Equal(["queue", .. order], parameters.Select(p => p.Name));
        Assert.Equal(parameters.Skip(1).Select(p => p.ParameterType), span.GetParameters().Select(p => DeviceType<T>(p.ParameterType)));

        var queue = new RecordingQueue();
        var scalars = info.Scalars.ToList();
        object?[] arguments = parameters
            .Select((p, i) => i == 0 ? queue : p.ParameterType == typeof(T) ? scalarValue(scalars.IndexOf(p.Name!)) : (object)new NamedBuffer<T>(p.Name!))
            .ToArray();
        launcher.Invoke(null, arguments);

        Launch call = Assert.Single(queue.Calls);
        Assert.Same(info.OpenCL, call.Kernel);
        Assert.Equal(typeof(T), call.ElementType);
        Assert.Equal(source.Inputs, call.Inputs);
        Assert.Equal(source.Scalars.Select(s => (object)scalarValue(scalars.IndexOf(s))), call.Scalars);
        Assert.Equal(source.Outputs, call.Outputs);
    }

    /// <summary>The one public static overload of <paramref name="name"/> whose parameter types start with <paramref name="leading"/>.</summary>
    private static MethodInfo Overload(string name, params Type[] leading) =>
        Assert.Single(typeof(Activations).GetMethods(BindingFlags.Public | BindingFlags.Static), m =>
            m.Name == name && m.GetParameters().Select(p => p.ParameterType).Take(leading.Length).SequenceEqual(leading));

    /// <summary>The launcher parameter type that stands for a span entry point's parameter type.</summary>
    private static Type DeviceType<T>(Type spanParameter)
        where T : unmanaged =>
        spanParameter == typeof(ReadOnlySpan<T>) || spanParameter == typeof(Span<T>) ? typeof(IDeviceBuffer<T>) : spanParameter;

    private sealed record Launch(OpenCLKernelPair Kernel, Type ElementType, string[] Inputs, object[] Scalars, string[] Outputs)
    {
        /// <summary>Inputs, scalars and outputs as one line, e.g. <c>x gradient | 0.01 | destination</c>.</summary>
        public string Arguments =>
            string.Join(" | ", new[] { Inputs, Scalars.Select(s => Convert.ToString(s, System.Globalization.CultureInfo.InvariantCulture)!), Outputs }
                .Select(group => string.Join(" ", group))).Replace("  ", " ", StringComparison.Ordinal);
    }

    private sealed class NamedBuffer<T>(string name) : IDeviceBuffer<T>
        where T : unmanaged
    {
        public string Name { get; } = name;

        public int Length => 4;
    }

    private sealed class RecordingQueue : IElementwiseDeviceQueue
    {
        public List<Launch> Calls { get; } = [];

        public void Launch<T>(OpenCLKernelPair kernel, ReadOnlySpan<IDeviceBuffer<T>> inputs, ReadOnlySpan<T> scalars, ReadOnlySpan<IDeviceBuffer<T>> outputs)
            where T : unmanaged =>
            Calls.Add(new Launch(kernel, typeof(T), Names(inputs), scalars.ToArray().Select(s => (object)s).ToArray(), Names(outputs)));

        private static string[] Names<T>(ReadOnlySpan<IDeviceBuffer<T>> buffers)
            where T : unmanaged =>
            buffers.ToArray().Select(b => ((NamedBuffer<T>)b).Name).ToArray();
    }

    /// <summary>Counts what it is given and allocates nothing.</summary>
    private sealed class CountingQueue : IElementwiseDeviceQueue
    {
        public int Launches { get; private set; }

        public int Buffers { get; private set; }

        public int Scalars { get; private set; }

        public void Launch<T>(OpenCLKernelPair kernel, ReadOnlySpan<IDeviceBuffer<T>> inputs, ReadOnlySpan<T> scalars, ReadOnlySpan<IDeviceBuffer<T>> outputs)
            where T : unmanaged
        {
            Launches++;
            Buffers += inputs.Length + outputs.Length;
            Scalars += scalars.Length;
        }
    }
}
