using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Numerics.Kernels;
using Numerics.OpenCL;
using Spectre.Console;

namespace Numerics.Cli;

/// <summary>
/// <c>numerics bench --backend opencl</c> (or <c>numerics bench gemm --backend opencl</c>): the OpenCL GEMM
/// (<see cref="OpenCLBlas"/>) at n = 512, 1024, 2048 with and without the host↔device copies, beside the CPU
/// <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
/// on one thread and on all; then element-wise Relu and Gelu on 16M floats on the device (with and without copies) and
/// through the CPU span API. Medians of timed batches (Stopwatch), as <see cref="BenchCommand"/>. Without a device it
/// prints the discovery reason and returns 1.
/// </summary>
internal static class OpenCLBenchCommand
{
    public static int Run(IReadOnlyList<string> args)
    {
        var sizes = new List<int>();
        int samples = 5, elements = 16 << 20;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--size" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int size) && size > 0 && size <= 8192:
                    sizes.Add(size);
                    i++;
                    break;
                case "--samples" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int s) && s > 0:
                    samples = s;
                    i++;
                    break;
                case "--elements" when i + 1 < args.Count && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out int e) && e > 0:
                    elements = e;
                    i++;
                    break;
                default:
                    throw new ArgumentException($"Unknown or incomplete option '{args[i]}' for 'numerics bench --backend opencl'. Run 'numerics help'.");
            }
        }

        if (sizes.Count == 0)
        {
            sizes.AddRange([512, 1024, 2048]);
        }

        OpenCLDiscovery discovery = OpenCLRuntime.Discover();
        OpenCLDevice? device = discovery.Devices.FirstOrDefault(d => d.Type == OpenCLDeviceType.Gpu) ?? discovery.Devices.FirstOrDefault();
        if (device is null)
        {
            Console.Error.WriteLine($"No OpenCL device: {discovery.Reason}");
            return 1;
        }

        int saved = KernelThreading.MaxThreads;
        try
        {
            using var queue = new OpenCLQueue(device);
            OpenCLGemmKernelSource kernel = OpenCLBlas.KernelFor(device, isDouble: false);
            var gemm = new Table().Border(TableBorder.Rounded)
                .Title($"SGEMM C = A·B (n×n, beta = 0) on {device.Name}, kernel {kernel.Name}: median of {samples} timed batches, GFLOP/s")
                .AddColumns("n", "OpenCL", "OpenCL + copies", "CPU 1 thread", $"CPU {Environment.ProcessorCount} threads", "OpenCL / CPU 1 thread");
            var elementwise = new Table().Border(TableBorder.Rounded)
                .Title($"Element-wise, {elements:N0} floats on {device.Name}: GB/s (one read + one write per element)")
                .AddColumns("kernel", "OpenCL", "OpenCL + copies", "CPU span API");
            for (int column = 1; column < 6; column++)
            {
                gemm.Columns[column].RightAligned();
            }

            for (int column = 1; column < 4; column++)
            {
                elementwise.Columns[column].RightAligned();
            }

            AnsiConsole.Status().Start("measuring", context =>
            {
                foreach (int n in sizes)
                {
                    context.Status($"GEMM n = {n}");
                    (double device, double copies, double cpu1, double cpuAll) = MeasureGemm(queue, n, samples);
                    gemm.AddRow(Str(n), Str(device / 1e9, "F1"), Str(copies / 1e9, "F1"), Str(cpu1 / 1e9, "F1"), Str(cpuAll / 1e9, "F1"), Str(100 * device / cpu1, "F0") + " %");
                }

                foreach (string name in new[] { "Relu", "Gelu" })
                {
                    context.Status($"{name}, {elements} floats");
                    (double device, double copies, double cpu) = MeasureElementwise(queue, name, elements, samples);
                    elementwise.AddRow(name, Str(device / 1e9, "F1"), Str(copies / 1e9, "F1"), Str(cpu / 1e9, "F1"));
                }
            });

            AnsiConsole.Write(gemm);
            AnsiConsole.Write(elementwise);
            AnsiConsole.MarkupLine("[grey]OpenCL: the kernel alone (enqueue + clFinish). + copies: upload of the inputs, the kernel, download of the result.[/]");
        }
        finally
        {
            KernelThreading.MaxThreads = saved;
        }

        return 0;
    }

    private static (double Device, double Copies, double Cpu1, double CpuAll) MeasureGemm(OpenCLQueue queue, int n, int samples)
    {
        var random = new Random(42);
        float[] a = Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] b = Enumerable.Range(0, n * n).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] c = new float[n * n];
        double flops = 2.0 * n * n * n;
        using var da = new DeviceBuffer<float>(queue, a);
        using var db = new DeviceBuffer<float>(queue, b);
        using var dc = new DeviceBuffer<float>(queue, n * n);
        void Kernel() => OpenCLBlas.Gemm(queue, Transpose.None, Transpose.None, n, n, n, 1f, da, n, db, n, 0f, dc, n);
        double device = Median(samples, () =>
        {
            Kernel();
            queue.Finish();
        }, flops);
        double copies = Median(samples, () =>
        {
            da.CopyFrom(a);
            db.CopyFrom(b);
            Kernel();
            dc.CopyTo(c);
        }, flops);
        KernelThreading.MaxThreads = 1;
        double cpu1 = Median(samples, () => Blas.Gemm(Transpose.None, Transpose.None, n, n, n, 1f, a, n, b, n, 0f, c, n), flops);
        KernelThreading.MaxThreads = Environment.ProcessorCount;
        double cpuAll = Median(samples, () => Blas.Gemm(Transpose.None, Transpose.None, n, n, n, 1f, a, n, b, n, 0f, c, n), flops);
        return (device, copies, cpu1, cpuAll);
    }

    private static (double Device, double Copies, double Cpu) MeasureElementwise(OpenCLQueue queue, string name, int elements, int samples)
    {
        var random = new Random(7);
        float[] x = Enumerable.Range(0, elements).Select(_ => (float)(random.NextDouble() * 8 - 4)).ToArray();
        float[] y = new float[elements];
        using var dx = new DeviceBuffer<float>(queue, x);
        using var dy = new DeviceBuffer<float>(queue, elements);
        Action launch = name == "Relu" ? () => Activations.Relu(queue, dx, dy) : () => Activations.Gelu(queue, dx, dy);
        Action cpu = name == "Relu" ? () => Activations.Relu(x, y) : () => Activations.Gelu(x, y);
        double bytes = 2.0 * sizeof(float) * elements;
        double device = Median(samples, () =>
        {
            launch();
            queue.Finish();
        }, bytes);
        double copies = Median(samples, () =>
        {
            dx.CopyFrom(x);
            launch();
            dy.CopyTo(y);
        }, bytes);
        return (device, copies, Median(samples, cpu, bytes));
    }

    /// <summary>Work per second, the median over <paramref name="samples"/> batches of about 0.2 s after a warm-up.</summary>
    private static double Median(int samples, Action call, double work)
    {
        call();
        var watch = Stopwatch.StartNew();
        call();
        int repeats = (int)Math.Clamp(0.2 / Math.Max(watch.Elapsed.TotalSeconds, 1e-7), 1, 100_000);
        var rates = new double[samples];
        for (int s = 0; s < samples; s++)
        {
            watch.Restart();
            for (int r = 0; r < repeats; r++)
            {
                call();
            }

            rates[s] = work * repeats / watch.Elapsed.TotalSeconds;
        }

        Array.Sort(rates);
        return rates[samples / 2];
    }

    private static string Str(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    private static string Str(int value) => value.ToString(CultureInfo.InvariantCulture);
}
