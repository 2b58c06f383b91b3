namespace Numerics.Gemm;

/// <summary>Cache block sizes of the blocked GEMM around one micro-kernel (its MR×NR tile is the kernel's own).</summary>
/// <param name="Kc">Depth of one packed panel pair: the k loop of one micro-kernel call.</param>
/// <param name="Mc">Rows of packed A per block (a multiple of MR), sized to stay in L2.</param>
/// <param name="Nc">Columns of packed B per block (a multiple of NR), sized to stay in L3.</param>
internal readonly record struct GemmBlocking(int Kc, int Mc, int Nc);

/// <summary>
/// The block-size table, one row per instruction set and element type. How they were chosen (docs/gemm.md): the
/// macro loop runs rows of tiles (ir outer, jr inner), so an MR×KC micro-panel of A stays in the 48 KiB L1d while
/// the KC×NC block of B streams from L2, which it must fit with room to spare (1 MiB of the 2 MiB); MC only sets
/// how much A one task packs (A is read once per block, from L2 or memory).
/// <para>
/// <see cref="Kc"/> is the same in every row on purpose: each element of C is a chain of fused multiply-adds over k
/// restarted every KC steps, so with one KC the product is bit-identical on every instruction set and thread count.
/// </para>
/// </summary>
internal static class GemmBlockSizes
{
    /// <summary>Depth of every packed panel, for every instruction set and element type.</summary>
    public const int Kc = 256;

    //                                                  tile     L1: A micro-panel   L2: B block (KC×NC)
    public static readonly GemmBlocking Single512 = new(Kc, 240, 1024); // 12×32   12 KiB              1 MiB
    public static readonly GemmBlocking Single256 = new(Kc, 240, 1024); //  6×16    6 KiB              1 MiB
    public static readonly GemmBlocking Single128 = new(Kc, 240, 1024); //  6×8     6 KiB              1 MiB
    public static readonly GemmBlocking SingleScalar = new(Kc, 64, 1024); // 2×4     2 KiB              1 MiB
    public static readonly GemmBlocking Double512 = new(Kc, 240, 512);  // 12×16   24 KiB              1 MiB
    public static readonly GemmBlocking Double256 = new(Kc, 120, 512);  //  6×8    12 KiB              1 MiB
    public static readonly GemmBlocking Double128 = new(Kc, 120, 512);  //  6×4    12 KiB              1 MiB
    public static readonly GemmBlocking DoubleScalar = new(Kc, 32, 512); // 2×4     4 KiB              1 MiB
}
