using System;

namespace Numerics.Gemm;

/// <summary>Cache block sizes of the blocked GEMM around one micro-kernel (its MR×NR tile is the kernel's own).</summary>
/// <param name="Kc">Depth of one packed panel pair: the k loop of one micro-kernel call.</param>
/// <param name="Mc">Rows of packed A per block (a multiple of MR), sized to stay in L2.</param>
/// <param name="Nc">Columns of packed B per block (a multiple of NR), sized to stay in L3.</param>
/// <param name="InPlaceAColumns">
/// A is read in place (its rows, or for op(A) = Aᵀ its k steps) rather than packed when a block of B has at most this
/// many columns (each row panel of A then feeds only a few tiles, too few to repay its packing); 0: always packed.
/// A product on one thread reads a row-major A in place at any width (<see cref="GemmBlocked{T, TKernel}"/>).
/// </param>
internal readonly record struct GemmBlocking(int Kc, int Mc, int Nc, int InPlaceAColumns = 0);

/// <summary>
/// The block-size table, one row per instruction set and element type. How they were chosen (docs/gemm.md): the
/// macro loop runs rows of tiles (ir outer, jr inner), so an MR×KC micro-panel of A stays in the 48 KiB L1d while
/// the KC×NC block of B streams from L2, which it must fit with room to spare: NC makes it half of this core's L2
/// (<see cref="BlockColumns"/>: 512 KiB on a 1 MiB L2, NC 512); MC only sets how much A one task packs (A is read
/// once per block, from L2 or memory). KC is 256 for both types: the widest A micro-panel is 12 KiB (12×256 floats,
/// 6×256 doubles).
/// <para>
/// KC is one per element type, the same on every instruction set, on purpose: each element of C is a chain of fused
/// multiply-adds over k restarted every KC steps, so the product is bit-identical on every instruction set and
/// thread count.
/// </para>
/// </summary>
internal static class GemmBlockSizes
{
    /// <summary>Depth of every packed float panel, on every instruction set.</summary>
    public const int SingleKc = 256;

    /// <summary>Depth of every packed double panel, on every instruction set.</summary>
    /// <remarks>
    /// 128 until session 13. On AMD Zen 5 (1 MiB L2), KC 256 with NC 256 against KC 128 with NC 512, paired, 6×32
    /// tile: one thread 1024³ 1.004 and 1.010, 2048³ 1.016, 512³ 1.023, 4096×256×256 1.088, 2048×128×2048 1.010; two
    /// threads 1024³ 1.034–1.056, 2048³ 1.033, 512³ 1.052, 4096×256×256 1.048, 2048×128×2048 1.032. Half as many
    /// passes over C, whose traffic the two cores share.
    /// </remarks>
    public const int DoubleKc = 256;

    /// <summary>Depth of the packed panels of <typeparamref name="T"/> (float or double).</summary>
    public static int Kc<T>() => typeof(T) == typeof(float) ? SingleKc : DoubleKc;

    /// <summary>
    /// Columns of every float B block on this machine: a KC×NC block (KC·sizeof = 1 KiB per column) fills half of one
    /// core's L2. NC does not change any result (only KC orders the sums), so it may follow the machine. Declared
    /// before the table, whose initialisers read it.
    /// </summary>
    public static readonly int SingleNc = BlockColumns(CacheSizes.L2Bytes, SingleKc * sizeof(float));

    /// <summary>Columns of every double B block on this machine (2 KiB per column: half of <see cref="SingleNc"/>).</summary>
    public static readonly int DoubleNc = BlockColumns(CacheSizes.L2Bytes, DoubleKc * sizeof(double));

    /// <summary>
    /// The NC whose KC×NC block of B, at <paramref name="columnBytes"/> bytes per column, fills half of an L2 of
    /// <paramref name="l2Bytes"/>: a multiple of 64 columns (every tile's NR divides it), between 256 and 2048.
    /// </summary>
    /// <remarks>
    /// Half, because the block is streamed from L2 once per row panel of A while A's panels and C's rows pass
    /// through the same cache. Paired runs (docs/gemm.md), on a 1 MiB L2 (AMD Zen 5), one thread, NC 512 / 1024:
    /// double 1024³ 1.05–1.11, 2048³ 1.04–1.12; float 1.02 and 1.01; on a 2 MiB L2 (Intel Emerald Rapids) NC 1024
    /// was the best (NC 512 0.97–0.99).
    /// </remarks>
    internal static int BlockColumns(long l2Bytes, int columnBytes)
    {
        long columns = l2Bytes / 2 / columnBytes;
        return (int)Math.Clamp(columns / 64 * 64, 256, 2048);
    }

    // A is read in place (not packed) up to InPlaceAColumns = 256 columns of B per block: each row panel of A then
    // feeds at most 8 tiles (12×32), too few to repay the transposing copy. Paired runs, in place / packed, 1 thread:
    // float 12×32 2048×64×64 1.18, 4096×256×256 1.01, 1024³ (nc = 1024) 1.01, 512³ (nc = 512) 0.95; double 6×32
    // 2048×64×64 1.27, 4096×256×256 1.06; float 6×16 2048×64×64 1.28, 4096×256×256 1.04 (docs/gemm.md).
    //                                                tile     L1: A micro-panel   L2: B block (KC×NC, 1 MiB L2)
    // MC 120 for the 12×32 tile: ten row panels per task, so two threads get twice as many row tasks per KC step as
    // with 240 (paired, order randomised per round, two threads, 120 / 240: 1024³ 1.014 and 1.022, 2048³ 1.018,
    // 512³ 1.051, 4096×256×256 1.019, 2048×128×2048 0.998, 2048×64×64 0.988; one thread 0.989 and 1.009).
    public static readonly GemmBlocking Single512 = new(SingleKc, 120, SingleNc, InPlaceAColumns); // 12×32   12 KiB   512 KiB
    public static readonly GemmBlocking Single256 = new(SingleKc, 240, SingleNc, InPlaceAColumns); //  6×16    6 KiB   512 KiB
    public static readonly GemmBlocking Single128 = new(SingleKc, 240, SingleNc, InPlaceAColumns); //  6×8     6 KiB   512 KiB
    public static readonly GemmBlocking SingleScalar = new(SingleKc, 64, SingleNc, InPlaceAColumns); // 2×4     2 KiB   512 KiB
    public static readonly GemmBlocking Double512 = new(DoubleKc, 240, DoubleNc, InPlaceAColumns);  //  6×32   12 KiB   512 KiB
    public static readonly GemmBlocking Double256 = new(DoubleKc, 120, DoubleNc, InPlaceAColumns);  //  6×8    12 KiB   512 KiB
    public static readonly GemmBlocking Double128 = new(DoubleKc, 120, DoubleNc, InPlaceAColumns);  //  6×4    12 KiB   512 KiB
    public static readonly GemmBlocking DoubleScalar = new(DoubleKc, 32, DoubleNc, InPlaceAColumns); // 2×4     4 KiB   512 KiB

    /// <summary>Columns of a B block up to which A is read in place rather than packed.</summary>
    private const int InPlaceAColumns = 256;
}
