using System;
using System.Globalization;
using Spectre.Console;

namespace Numerics.Cli;

/// <summary>
/// Part of the default job: <see cref="Blas.Gemm(Transpose, Transpose, int, int, int, float, ReadOnlySpan{float}, int, ReadOnlySpan{float}, int, float, Span{float}, int)"/>
/// on a few shapes that take each path (direct small, vector m = 1 and n = 1, blocked on one and both cores) and
/// every transpose pair, against a double-precision product: the worst error as a fraction of the bound
/// k·u·Σₚ|a·b| that a float dot product of length k meets (u = 2⁻²⁴). Rates are for <c>numerics bench gemm</c>.
/// </summary>
internal static class GemmCheckCommand
{
    private static readonly (int M, int K, int N)[] s_shapes = [(17, 19, 23), (1, 1000, 777), (555, 300, 1), (300, 700, 257), (512, 512, 512)];

    public static int Run()
    {
        var table = new Table().Border(TableBorder.Rounded).Title("GEMM against a double-precision product")
            .AddColumns("m×k×n", "op(A), op(B)", "worst error / bound");
        table.Columns[2].RightAligned();
        bool ok = true;
        var random = new Random(7);
        foreach ((int m, int k, int n) in s_shapes)
        {
            foreach (Transpose transA in new[] { Transpose.None, Transpose.Transpose })
            {
                foreach (Transpose transB in new[] { Transpose.None, Transpose.Transpose })
                {
                    float[] a = Fill(random, m * k), b = Fill(random, k * n), c = new float[m * n];
                    int lda = transA == Transpose.None ? k : m, ldb = transB == Transpose.None ? n : k;
                    Blas.Gemm(transA, transB, m, n, k, 1f, a, lda, b, ldb, 0f, c, n);
                    double worst = WorstRelativeToBound(transA, transB, m, n, k, a, lda, b, ldb, c);
                    ok &= worst <= 1;
                    table.AddRow(
                        $"{m}×{k}×{n}",
                        $"{Name(transA)}, {Name(transB)}",
                        (worst <= 1 ? "[green]" : "[red]") + worst.ToString("F4", CultureInfo.InvariantCulture) + "[/]");
                }
            }
        }

        AnsiConsole.Write(table);
        return ok ? 0 : 1;
    }

    private static string Name(Transpose t) => t == Transpose.None ? "N" : "T";

    private static float[] Fill(Random random, int length)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)(2 * random.NextDouble() - 1);
        }

        return values;
    }

    private static double WorstRelativeToBound(Transpose transA, Transpose transB, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c)
    {
        double worst = 0;
        double u = Math.ScaleB(1.0, -24);
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double exact = 0, magnitude = 0;
                for (int p = 0; p < k; p++)
                {
                    double x = transA == Transpose.None ? a[i * lda + p] : a[p * lda + i];
                    double y = transB == Transpose.None ? b[p * ldb + j] : b[j * ldb + p];
                    exact += x * y;
                    magnitude += Math.Abs(x * y);
                }

                double bound = k * u * magnitude;
                double error = Math.Abs(c[i * n + j] - exact);
                worst = Math.Max(worst, bound > 0 ? error / bound : error > 0 ? double.PositiveInfinity : 0);
            }
        }

        return worst;
    }
}
