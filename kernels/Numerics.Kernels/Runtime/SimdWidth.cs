using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Numerics.Kernels;

/// <summary>Loads and stores of one lane type, so a driver can be written once for every width.</summary>
internal interface ISimdWidth<T, TVector>
{
    static abstract int Count { get; }

    static abstract TVector Load(ref readonly T source, nuint index);

    static abstract void Store(TVector value, ref T destination, nuint index);

    /// <summary>
    /// Stores a vector around the caches (x86 <c>movntps/movntpd</c>) where the instruction set has it, a plain store
    /// elsewhere. The destination must be pinned and aligned to the vector size; the stores are weakly ordered until
    /// <see cref="Streaming.Fence"/>.
    /// </summary>
    static abstract void StoreNonTemporal(TVector value, ref T destination, nuint index);
}

/// <summary>Cache hints of the streaming loop, for every width.</summary>
internal static class Streaming
{
    /// <summary>Asks for the 64-byte line holding <c>source[index]</c> to be brought into L1 (x86 <c>prefetcht0</c>; nothing elsewhere). Never faults.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void Prefetch<T>(ref readonly T source, nuint index)
    {
        if (Sse.IsSupported)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref Unsafe.AsRef(in source), index)));
        }
    }

    /// <summary>Orders the non-temporal stores before every later store (x86 <c>sfence</c>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Fence()
    {
        if (Sse.IsSupported)
        {
            Sse.StoreFence();
        }
    }
}

internal readonly struct Width512<T> : ISimdWidth<T, Vector512<T>>
{
    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source, nuint index) => Vector512.LoadUnsafe(in source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreNonTemporal(Vector512<T> value, ref T destination, nuint index)
    {
        void* address = Unsafe.AsPointer(ref Unsafe.Add(ref destination, index));
        if (typeof(T) == typeof(float) && Avx512F.IsSupported)
        {
            Avx512F.StoreAlignedNonTemporal((float*)address, value.AsSingle());
        }
        else if (typeof(T) == typeof(double) && Avx512F.IsSupported)
        {
            Avx512F.StoreAlignedNonTemporal((double*)address, value.AsDouble());
        }
        else
        {
            value.StoreUnsafe(ref destination, index);
        }
    }
}

internal readonly struct Width256<T> : ISimdWidth<T, Vector256<T>>
{
    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref readonly T source, nuint index) => Vector256.LoadUnsafe(in source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreNonTemporal(Vector256<T> value, ref T destination, nuint index)
    {
        void* address = Unsafe.AsPointer(ref Unsafe.Add(ref destination, index));
        if (typeof(T) == typeof(float) && Avx.IsSupported)
        {
            Avx.StoreAlignedNonTemporal((float*)address, value.AsSingle());
        }
        else if (typeof(T) == typeof(double) && Avx.IsSupported)
        {
            Avx.StoreAlignedNonTemporal((double*)address, value.AsDouble());
        }
        else
        {
            value.StoreUnsafe(ref destination, index);
        }
    }
}

internal readonly struct Width128<T> : ISimdWidth<T, Vector128<T>>
{
    public static int Count => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref readonly T source, nuint index) => Vector128.LoadUnsafe(in source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static unsafe void StoreNonTemporal(Vector128<T> value, ref T destination, nuint index)
    {
        void* address = Unsafe.AsPointer(ref Unsafe.Add(ref destination, index));
        if (typeof(T) == typeof(float) && Sse.IsSupported)
        {
            Sse.StoreAlignedNonTemporal((float*)address, value.AsSingle());
        }
        else if (typeof(T) == typeof(double) && Sse2.IsSupported)
        {
            Sse2.StoreAlignedNonTemporal((double*)address, value.AsDouble());
        }
        else
        {
            value.StoreUnsafe(ref destination, index);
        }
    }
}
