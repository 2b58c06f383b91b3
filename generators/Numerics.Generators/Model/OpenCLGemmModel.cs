namespace Numerics.Generators.Model;

/// <summary>One tiled OpenCL GEMM kernel to generate (see <c>OpenCLGemmKernelAttribute</c>).</summary>
/// <param name="Namespace">Namespace of the declaring type (empty for the global namespace).</param>
/// <param name="TypeName">Declaring type's name.</param>
/// <param name="Keyword"><c>class</c> or <c>struct</c>.</param>
/// <param name="ElementType"><c>float</c> or <c>double</c>.</param>
/// <param name="TileM">Rows of C per work-group.</param>
/// <param name="TileN">Columns of C per work-group.</param>
/// <param name="TileK">Depth of one local-memory step.</param>
/// <param name="WorkPerThreadM">Rows of C per work-item.</param>
/// <param name="WorkPerThreadN">Columns of C per work-item.</param>
/// <param name="VectorWidth">Elements per global vector load.</param>
/// <param name="LocalMemory">Local-memory tiles (GPU form) or streaming from global memory (CPU form).</param>
internal sealed record OpenCLGemmModel(
    string Namespace,
    string TypeName,
    string Keyword,
    string ElementType,
    int TileM,
    int TileN,
    int TileK,
    int WorkPerThreadM,
    int WorkPerThreadN,
    int VectorWidth,
    bool LocalMemory)
{
    /// <summary>Work-items per group in dimension 0: along the columns of C with local memory, along the rows without.</summary>
    public int LocalX => LocalMemory ? TileN / WorkPerThreadN : TileM / WorkPerThreadM;

    /// <summary>Work-items per group in dimension 1.</summary>
    public int LocalY => LocalMemory ? TileM / WorkPerThreadM : TileN / WorkPerThreadN;

    public int WorkGroupSize => LocalX * LocalY;

    public bool IsDouble => ElementType == "double";

    /// <summary>Row length of the local A tile (k-major, <c>TileM</c> + 1 padding element).</summary>
    public int LocalStrideA => TileM + 1;

    /// <summary>Row length of the local B tile (k-major, <c>TileN</c> + 1 padding element).</summary>
    public int LocalStrideB => TileN + 1;

    public int LocalMemoryBytes => !LocalMemory ? 0 : TileK * (LocalStrideA + LocalStrideB) * (IsDouble ? 8 : 4);

    /// <summary>The OpenCL entry point prefix: <c>numerics_gemm_&lt;type&gt;</c>, ASCII letters, digits and underscores only.</summary>
    public string EntryPointPrefix
    {
        get
        {
            var b = new System.Text.StringBuilder("numerics_gemm_");
            foreach (char ch in TypeName)
            {
                b.Append(ch is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? char.ToLowerInvariant(ch) : '_');
            }

            return b.ToString();
        }
    }
}
