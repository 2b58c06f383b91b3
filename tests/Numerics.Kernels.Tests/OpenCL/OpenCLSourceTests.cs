using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Numerics.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.Kernels.Tests.OpenCL;

/// <summary>
/// The generated OpenCL C of every activation kernel: each program is valid OpenCL C 1.2 (clang, warnings as
/// errors), and its entry point is <c>__kernel void &lt;EntryPoint&gt;(inputs, scalars, outputs, const int n)</c>
/// with the names and order its <see cref="OpenCLKernelSource"/> descriptor states.
/// </summary>
public sealed class OpenCLSourceTests(ITestOutputHelper output)
{
    private static readonly string[] s_clangNames = ["clang-14", "clang"];

    public static IEnumerable<(ElementwiseKernelInfo Info, OpenCLKernelSource Source)> Sources() =>
        Activations.Kernels.SelectMany(info => new[] { (info, info.OpenCL.Single), (info, info.OpenCL.Double) });

    [Fact]
    public void EveryKernelHasBothElementTypes()
    {
        Assert.NotEmpty(Activations.Kernels);
        foreach (ElementwiseKernelInfo info in Activations.Kernels)
        {
            Assert.Equal(info.Name, info.OpenCL.Name);
            Assert.Equal("float", info.OpenCL.Single.ElementType);
            Assert.Equal("double", info.OpenCL.Double.ElementType);
            Assert.False(info.OpenCL.Single.RequiresFp64);
            Assert.True(info.OpenCL.Double.RequiresFp64);
            Assert.Contains("#pragma OPENCL EXTENSION cl_khr_fp64 : enable", info.OpenCL.Double.Source, StringComparison.Ordinal);
            Assert.DoesNotContain("double", info.OpenCL.Single.Source, StringComparison.Ordinal);
        }

        var entryPoints = Sources().Select(s => s.Source.EntryPoint).ToList();
        Assert.Equal(entryPoints.Count, entryPoints.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EntryPointArgumentsAreInputsScalarsOutputsThenN()
    {
        foreach ((ElementwiseKernelInfo info, OpenCLKernelSource cl) in Sources())
        {
            Assert.Equal(info.Inputs, cl.Inputs);
            Assert.Equal(info.Scalars, cl.Scalars);
            Assert.Equal(info.Outputs, cl.Outputs);

            string t = cl.ElementType;
            var expected = new List<string>();
            // Arguments are positional (the C# names may be OpenCL keywords); the descriptor lists the C# names in order.
            expected.AddRange(cl.Inputs.Select((_, k) => $"__global const {t}* input{k}"));
            expected.AddRange(cl.Scalars.Select((_, j) => $"const {t} scalar{j}"));
            expected.AddRange(cl.Outputs.Select((_, k) => $"__global {t}* output{k}"));
            expected.Add("const int n");

            string header = $"__kernel void {cl.EntryPoint}(";
            int start = cl.Source.IndexOf(header, StringComparison.Ordinal);
            Assert.True(start >= 0, $"{cl.EntryPoint}: '{header}' not found in its source.");
            Assert.Equal(-1, cl.Source.IndexOf(header, start + 1, StringComparison.Ordinal));
            Assert.Single(Regex.Matches(cl.Source, @"__kernel\s"));
            int end = cl.Source.IndexOf(')', start);
            string[] arguments = cl.Source.Substring(start + header.Length, end - start - header.Length).Split(',').Select(a => a.Trim()).ToArray();
            Assert.Equal(expected, arguments);
        }
    }

    [Fact]
    public void SourcesAreValidOpenCL12()
    {
        string? clang = FindClang();
        if (clang is null)
        {
            string message = $"None of {string.Join(", ", s_clangNames)} is on PATH, so the OpenCL sources were not compiled. Install clang-14 (apt-get install clang-14).";
            Assert.False(string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase), message);
            output.WriteLine(message);
            return;
        }

        string directory = Path.Combine(Path.GetTempPath(), "numerics-opencl-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            // One translation unit per program (they share helper names), all syntax-checked by a few clang runs.
            var files = Sources().Select(s =>
            {
                string path = Path.Combine(directory, s.Source.EntryPoint + ".cl");
                File.WriteAllText(path, s.Source.Source);
                return path;
            }).ToList();

            int batches = Math.Clamp(Environment.ProcessorCount, 1, 8);
            var failures = new List<string>();
            Parallel.For(0, batches, batch =>
            {
                string[] mine = files.Where((_, i) => i % batches == batch).ToArray();
                if (mine.Length == 0)
                {
                    return;
                }

                (int exitCode, string log) = RunClang(clang, mine);
                if (exitCode != 0)
                {
                    lock (failures)
                    {
                        failures.Add(log);
                    }
                }
            });

            output.WriteLine($"{Path.GetFileName(clang)} checked {files.Count} OpenCL C 1.2 programs in {batches} batches.");
            Assert.True(failures.Count == 0, "clang rejected generated OpenCL:\n" + string.Join("\n", failures));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static (int ExitCode, string Log) RunClang(string clang, IEnumerable<string> files)
    {
        var start = new ProcessStartInfo(clang)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { "-x", "cl", "-cl-std=CL1.2", "-fsyntax-only", "-Xclang", "-finclude-default-header", "-Werror" }.Concat(files))
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result + stderr);
    }

    private static string? FindClang()
    {
        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return s_clangNames
            .SelectMany(name => path.Select(dir => Path.Combine(dir, name)))
            .FirstOrDefault(File.Exists);
    }
}
