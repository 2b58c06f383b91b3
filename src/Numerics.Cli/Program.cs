using System;
using System.Linq;
using Numerics.Cli;
using Spectre.Console;

// The `numerics` command. With no arguments it runs the default job: `info`, a GEMM check, then the sampled accuracy check.
if (Console.IsOutputRedirected)
{
    // Logs and CI: wide enough that tables do not wrap.
    AnsiConsole.Profile.Width = 200;
}

string command = args.Length > 0 ? args[0] : "default";
string[] rest = args.Skip(1).ToArray();
try
{
    return command switch
    {
        "default" => InfoCommand.Run() == 0 && GemmCheckCommand.Run() == 0 ? AccuracyCommand.Run(Array.Empty<string>()) : 1,
        "info" => InfoCommand.Run(),
        "accuracy" => AccuracyCommand.Run(rest),
        "bench" => BenchCommand.Run(rest),
        "-h" or "--help" or "help" => Usage(0),
        _ => Usage(2),
    };
}
catch (ArgumentException e)
{
    AnsiConsole.MarkupLine($"[red]error:[/] {Markup.Escape(e.Message)}");
    return 2;
}

static int Usage(int code)
{
    Console.WriteLine("""
        numerics — source-generated numerical kernels for .NET

        usage:
          numerics                      info, a GEMM check against a double product, then the sampled accuracy check of every kernel
          numerics info                 vector widths, the body each kernel runs, threads, OpenCL devices
          numerics accuracy [options]   worst error in ulps of every float kernel against its double evaluation
              --exhaustive              all 2^32 float inputs per kernel (both cores, minutes per kernel)
              --kernel NAME             only this definition (e.g. Gelu) or entry point (e.g. GeluBackward); repeatable
              --markdown FILE           also write the table as Markdown
          numerics bench gemm [options] GEMM GFLOP/s per shape and % of the FMA peak measured in the same run
                                        (matrix-vector shapes: % of a copy of the matrix, paired the same way)
              --threads 1,2             thread counts (default: 1 and 2)
              --shape MxKxN             only this shape (float and double); repeatable
              --samples N               timed batches per figure, median reported (default 5)
          numerics bench activations [options]
                                        Sigmoid, Tanh, Gelu, Silu, Mish, Softplus, SwiGlu: GB/s, time against the
                                        TensorPrimitives form and % of the copy bandwidth, each paired in the same samples
              --threads 1,2             thread counts (default: 1 and 2)
              --size N                  element count; repeatable (default 4096, 1M, 16M)
              --kernel NAME             only this kernel; repeatable
              --samples N               paired samples per row, median reported (default 7)
          numerics bench --backend opencl [options]
                                        OpenCL SGEMM GFLOP/s (with and without copies) beside the CPU GEMM, and
                                        element-wise GB/s (Relu, Gelu); exits 1 with the reason when there is no device
              --size N                  only this GEMM size n (n×n×n); repeatable (default 512, 1024, 2048)
              --elements N              element-wise length (default 16M)
              --samples N               timed batches per figure (default 5)
        """);
    return code;
}
