namespace Numerics.Gemm;

/// <summary>One validated product <c>C = alpha·op(A)·op(B) + beta·C</c> over pinned memory (row-major).</summary>
internal unsafe struct GemmArgs<T>
    where T : unmanaged
{
    public Transpose TransA;
    public Transpose TransB;
    public int M;
    public int N;
    public int K;
    public T Alpha;
    public T* A;
    public nint Lda;
    public T* B;
    public nint Ldb;
    public T Beta;
    public T* C;
    public nint Ldc;

    /// <summary>Address of op(A)[i, p].</summary>
    public readonly T* OpA(nint i, nint p) => TransA == Transpose.None ? A + i * Lda + p : A + p * Lda + i;

    /// <summary>Address of op(B)[p, j].</summary>
    public readonly T* OpB(nint p, nint j) => TransB == Transpose.None ? B + p * Ldb + j : B + j * Ldb + p;
}
