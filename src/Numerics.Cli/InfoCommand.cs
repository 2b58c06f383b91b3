using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Numerics.OpenCL;
using Spectre.Console;

namespace Numerics.Cli;

/// <summary><c>numerics info</c>: the machine as the kernels see it.</summary>
internal static class InfoCommand
{
    public static int Run()
    {
        var machine = new Table().Border(TableBorder.Rounded).AddColumns("", "");
        machine.AddRow("CPU", Markup.Escape(CpuModel()));
        machine.AddRow("Cores (threads per kernel)", $"{Environment.ProcessorCount} ({KernelThreading.MaxThreads})");
        machine.AddRow("Runtime", Markup.Escape($"{RuntimeInformation.FrameworkDescription} {RuntimeInformation.ProcessArchitecture}"));
        machine.AddRow("Vector512 / 256 / 128 accelerated", $"{Vector512.IsHardwareAccelerated} / {Vector256.IsHardwareAccelerated} / {Vector128.IsHardwareAccelerated}");
        machine.AddRow("Element-wise body (float, double)", $"{Platform.VectorBits<float>()}-bit, {Platform.VectorBits<double>()}-bit");
        machine.AddRow("Element-wise threading threshold", $"{KernelThreading.ElementwiseThreshold:N0} elements");
        machine.AddRow("GEMM micro-kernel (float, double)", $"{Platform.GemmMicroKernel<float>()}, {Platform.GemmMicroKernel<double>()}");
        machine.AddRow("GEMM blocks (float)", Platform.GemmBlockSizes<float>());
        machine.AddRow("GEMM blocks (double)", Platform.GemmBlockSizes<double>());
        machine.AddRow("GEMM threading threshold", $"{KernelThreading.GemmThreshold:N0} flops (2·m·n·k)");
        OpenCLDiscovery openCL = OpenCLRuntime.Discover();
        machine.AddRow("OpenCL", openCL.HasDevices
            ? $"{openCL.Devices.Count} device(s) on {openCL.Platforms.Count} platform(s)"
            : Markup.Escape($"no device: {openCL.Reason}"));
        AnsiConsole.Write(machine);
        WriteOpenCL(openCL);

        var kernels = new Table().Border(TableBorder.Rounded).Title("Element-wise kernels")
            .AddColumns("Definition", "Entry points", "float body", "double body");
        foreach (var group in Activations.Kernels.GroupBy(k => k.Definition))
        {
            var forward = group.First(k => k.Kind == Numerics.Kernels.ElementwiseKernelKind.Forward);
            var derivative = group.FirstOrDefault(k => k.Kind != Numerics.Kernels.ElementwiseKernelKind.Forward);
            string floatBody = Platform.BodyOf(forward, isDouble: false);
            if (derivative is not null && Platform.BodyOf(derivative, isDouble: false) != floatBody)
            {
                floatBody += $" (derivatives {Platform.BodyOf(derivative, isDouble: false)})";
            }

            kernels.AddRow(
                Markup.Escape($"{forward.Family}.{group.Key}"),
                Markup.Escape(string.Join(", ", group.Select(k => k.Name))),
                Markup.Escape(floatBody),
                Markup.Escape(Platform.BodyOf(forward, isDouble: true)));
        }

        AnsiConsole.Write(kernels);
        return 0;
    }

    /// <summary>One table per platform: every device with the properties the OpenCL backend uses.</summary>
    private static void WriteOpenCL(OpenCLDiscovery discovery)
    {
        foreach (OpenCLPlatform platform in discovery.Platforms)
        {
            var devices = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape($"OpenCL platform: {platform.Name} ({platform.Vendor}, {platform.Version})"))
                .AddColumns("Device", "Vendor", "Type", "Compute units", "Global memory", "Local memory", "Max work-group", "fp64", "OpenCL C", "Driver");
            foreach (OpenCLDevice device in platform.Devices)
            {
                devices.AddRow(
                    Markup.Escape(device.Name),
                    Markup.Escape(device.Vendor),
                    device.Type.ToString(),
                    device.ComputeUnits.ToString(CultureInfo.InvariantCulture),
                    Bytes(device.GlobalMemoryBytes),
                    Bytes(device.LocalMemoryBytes),
                    device.MaxWorkGroupSize.ToString(CultureInfo.InvariantCulture),
                    device.SupportsFp64 ? "yes" : "no",
                    Markup.Escape(device.OpenCLCVersion),
                    Markup.Escape(device.DriverVersion));
            }

            AnsiConsole.Write(devices);
        }

        // Problems met while looking, when devices were found anyway (with none, the reason is in the table above).
        if (discovery.HasDevices)
        {
            foreach (string problem in discovery.Problems)
            {
                AnsiConsole.MarkupLine($"[yellow]OpenCL:[/] {Markup.Escape(problem)}");
            }
        }
    }

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.##} GiB")
        : bytes >= 1L << 20
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.##} MiB")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.##} KiB");

    private static string CpuModel()
    {
        try
        {
            string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
            return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line.Split(':', 2)[1].Trim();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (UnauthorizedAccessException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}
