namespace Numerics.Gemm;

/// <summary>Cache block sizes of the blocked GEMM around one micro-kernel (its MR×NR tile is the kernel's own).</summary>
/// <param name="Kc">Depth of one packed panel pair: the k loop of one micro-kernel call.</param>
/// <param name="Mc">Rows of packed A per block (a multiple of MR), sized to stay in L2.</param>
/// <param name="Nc">Columns of packed B per block (a multiple of NR), sized to stay in L3.</param>
internal readonly record struct GemmBlocking(int Kc, int Mc, int Nc);

/// <summary>
/// The block-size table, one row per instruction set and element type. How they were chosen (docs/gemm.md):
/// a KC×NR micro-panel of B plus an MR×KC micro-panel of A fit in the 48 KiB L1d with room for C's tile; an
/// MC×KC block of A fills about half of the 2 MiB L2; a KC×NC panel of B a few MiB of the shared L3.
/// <para>
/// <see cref="Kc"/> is the same in every row on purpose: each element of C is a chain of fused multiply-adds over k
/// restarted every KC steps, so with one KC the product is bit-identical on every instruction set and thread count.
/// </para>
/// </summary>
internal static class GemmBlockSizes
{
    /// <summary>Depth of every packed panel, for every instruction set and element type.</summary>
    public const int Kc = 256;

    //                                                  tile      KC   MC    NC     L1: B + A micro-panels        L2: A block
    public static readonly GemmBlocking Single512 = new(Kc, 480, 4096); // 12×32   32 KiB + 12 KiB               480 KiB
    public static readonly GemmBlocking Single256 = new(Kc, 240, 4096); //  6×16   16 KiB +  6 KiB               240 KiB
    public static readonly GemmBlocking Single128 = new(Kc, 120, 4096); //  6×8     8 KiB +  6 KiB               120 KiB
    public static readonly GemmBlocking SingleScalar = new(Kc, 64, 1024); // 2×4     4 KiB +  2 KiB                64 KiB
    public static readonly GemmBlocking Double512 = new(Kc, 240, 2048); // 12×16   32 KiB + 24 KiB               480 KiB
    public static readonly GemmBlocking Double256 = new(Kc, 120, 2048); //  6×8    16 KiB + 12 KiB               240 KiB
    public static readonly GemmBlocking Double128 = new(Kc, 60, 2048);  //  6×4     8 KiB + 12 KiB               120 KiB
    public static readonly GemmBlocking DoubleScalar = new(Kc, 32, 1024); // 2×4     8 KiB +  4 KiB                64 KiB
}
