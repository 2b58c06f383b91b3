using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Numerics.Kernels;

/// <summary>Loads and stores of one lane type, so a driver can be written once for every width.</summary>
internal interface ISimdWidth<T, TVector>
{
    static abstract int Count { get; }

    static abstract TVector Load(ref readonly T source, nuint index);

    static abstract void Store(TVector value, ref T destination, nuint index);
}

internal readonly struct Width512<T> : ISimdWidth<T, Vector512<T>>
{
    public static int Count => Vector512<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(ref readonly T source, nuint index) => Vector512.LoadUnsafe(in source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
}

internal readonly struct Width256<T> : ISimdWidth<T, Vector256<T>>
{
    public static int Count => Vector256<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(ref readonly T source, nuint index) => Vector256.LoadUnsafe(in source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
}

internal readonly struct Width128<T> : ISimdWidth<T, Vector128<T>>
{
    public static int Count => Vector128<T>.Count;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(ref readonly T source, nuint index) => Vector128.LoadUnsafe(in source, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, ref T destination, nuint index) => value.StoreUnsafe(ref destination, index);
}
