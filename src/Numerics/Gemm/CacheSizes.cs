using System;
using System.Runtime.Intrinsics.X86;

namespace Numerics.Gemm;

/// <summary>The cache sizes the GEMM block table follows, read once from the processor.</summary>
internal static class CacheSizes
{
    /// <summary>The L2 size assumed where the processor does not report one: 1 MiB per core, as on AMD Zen 4 and 5.</summary>
    public const long DefaultL2Bytes = 1 << 20;

    /// <summary>Bytes of L2 per core: CPUID leaf 0x80000006 (ECX bits 31–16, in KiB; AMD and Intel alike), else <see cref="DefaultL2Bytes"/>.</summary>
    public static readonly long L2Bytes = ReadL2Bytes();

    /// <summary>Whether <see cref="L2Bytes"/> came from the processor rather than <see cref="DefaultL2Bytes"/>.</summary>
    public static readonly bool L2Reported = ReadL2FromCpuId() is >= 128 and <= 64 * 1024;

    private static long ReadL2Bytes()
    {
        // A hypervisor may report nothing or nonsense: anything outside 128 KiB … 64 MiB is not taken.
        long kib = ReadL2FromCpuId();
        return kib is >= 128 and <= 64 * 1024 ? kib * 1024 : DefaultL2Bytes;
    }

    private static long ReadL2FromCpuId()
    {
        if (!X86Base.IsSupported)
        {
            return 0;
        }

        const uint ExtendedBase = 0x80000000, L2Leaf = 0x80000006;
        (int maxExtended, _, _, _) = X86Base.CpuId(unchecked((int)ExtendedBase), 0);
        if ((uint)maxExtended < L2Leaf)
        {
            return 0;
        }

        (_, _, int ecx, _) = X86Base.CpuId(unchecked((int)L2Leaf), 0);
        return (uint)ecx >> 16;
    }
}
