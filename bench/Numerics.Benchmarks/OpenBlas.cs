using System;
using System.Runtime.InteropServices;

namespace Numerics.Benchmarks;

/// <summary>
/// OpenBLAS (the Debian package <c>libopenblas0-pthread</c>) as the native peer of the GEMM benchmarks, loaded at run
/// time so the benchmarks build and run without it: <see cref="Available"/> says whether it loaded and
/// <see cref="Reason"/> why not.
/// </summary>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101;
    private const int NoTrans = 111;
    private const int Trans = 112;

    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> s_sgemm;
    private static readonly delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void> s_dgemm;
    private static readonly delegate* unmanaged<int, int, int, int, float, float*, int, float*, int, float, float*, int, void> s_sgemv;
    private static readonly delegate* unmanaged<int, void> s_setThreads;
    private static readonly delegate* unmanaged<sbyte*> s_config;

    static OpenBlas()
    {
        // OpenBLAS picks its kernels from CPUID and takes this VM's CPU for a Prescott (SSE3, ~5× slower); name the
        // core it should use unless the caller did. setenv, not Environment.SetEnvironmentVariable: the library
        // reads the C environment when it loads.
        if (Environment.GetEnvironmentVariable("OPENBLAS_CORETYPE") is null)
        {
            string core = System.Runtime.Intrinsics.X86.Avx512F.IsSupported ? "SkylakeX" : System.Runtime.Intrinsics.X86.Avx2.IsSupported ? "Haswell" : "";
            if (core.Length > 0 && OperatingSystem.IsLinux())
            {
                _ = SetEnvironment("OPENBLAS_CORETYPE", core, 0);
            }
        }

        foreach (string name in new[] { "libopenblas.so.0", "libopenblas.so", "openblas" })
        {
            if (NativeLibrary.TryLoad(name, out nint handle)
                && NativeLibrary.TryGetExport(handle, "cblas_sgemm", out nint sgemm)
                && NativeLibrary.TryGetExport(handle, "cblas_dgemm", out nint dgemm)
                && NativeLibrary.TryGetExport(handle, "cblas_sgemv", out nint sgemv)
                && NativeLibrary.TryGetExport(handle, "openblas_set_num_threads", out nint setThreads))
            {
                s_sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
                s_dgemm = (delegate* unmanaged<int, int, int, int, int, int, double, double*, int, double*, int, double, double*, int, void>)dgemm;
                s_sgemv = (delegate* unmanaged<int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemv;
                s_setThreads = (delegate* unmanaged<int, void>)setThreads;
                if (NativeLibrary.TryGetExport(handle, "openblas_get_config", out nint config))
                {
                    s_config = (delegate* unmanaged<sbyte*>)config;
                }

                Available = true;
                Reason = "loaded " + name;
                return;
            }
        }

        Reason = "libopenblas.so.0 not found (apt-get install libopenblas0-pthread)";
    }

    public static bool Available { get; }

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetEnvironment([MarshalAs(UnmanagedType.LPStr)] string name, [MarshalAs(UnmanagedType.LPStr)] string value, int overwrite);

    public static string Reason { get; }

    /// <summary>OpenBLAS's build description (version, target core), or the reason it is absent.</summary>
    public static string Config => s_config != null ? new string(s_config()) : Reason;

    public static void SetThreads(int threads)
    {
        Require();
        s_setThreads(threads);
    }

    /// <summary>Row-major <c>C = alpha·op(A)·op(B) + beta·C</c>.</summary>
    public static void Sgemm(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda, float* b, int ldb, float beta, float* c, int ldc)
    {
        Require();
        s_sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Row-major <c>C = alpha·op(A)·op(B) + beta·C</c> in double.</summary>
    public static void Dgemm(bool transA, bool transB, int m, int n, int k, double alpha, double* a, int lda, double* b, int ldb, double beta, double* c, int ldc)
    {
        Require();
        s_dgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
    }

    /// <summary>Row-major <c>y = alpha·op(A)·x + beta·y</c>, A stored m×n.</summary>
    public static void Sgemv(bool trans, int m, int n, float alpha, float* a, int lda, float* x, float beta, float* y)
    {
        Require();
        s_sgemv(RowMajor, trans ? Trans : NoTrans, m, n, alpha, a, lda, x, 1, beta, y, 1);
    }

    private static void Require()
    {
        if (!Available)
        {
            throw new InvalidOperationException("OpenBLAS is not available: " + Reason);
        }
    }
}
