namespace Numerics;

/// <summary>Whether a matrix operand of <see cref="Blas"/> is used as stored or transposed.</summary>
public enum Transpose
{
    /// <summary>Use the matrix as stored: op(X) = X.</summary>
    None = 0,

    /// <summary>Use the transpose: op(X) = Xᵀ.</summary>
    Transpose = 1,
}
