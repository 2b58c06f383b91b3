using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Numerics.Gemm;

/// <summary>
/// The few register operations the hand-written BLAS drivers need, for one register width, so each driver loop is
/// written once and specialised by the JIT per width (the micro-kernels themselves are generated).
/// </summary>
internal unsafe interface IVectorOps<T, TV>
    where T : unmanaged
{
    static abstract int Count { get; }

    static abstract TV Zero { get; }

    static abstract TV Load(T* source);

    static abstract void Store(TV value, T* destination);

    static abstract TV Broadcast(T value);

    /// <summary>a·b + c, rounded once.</summary>
    static abstract TV FusedMultiplyAdd(TV a, TV b, TV c);

    static abstract TV Multiply(TV a, TV b);

    static abstract T Sum(TV value);

    /// <summary>
    /// The first <paramref name="count"/> elements at <paramref name="source"/> (0 &lt; count ≤ <see cref="Count"/>), the
    /// other lanes zero; memory past them is not touched (AVX masked loads suppress faults on masked-off lanes).
    /// </summary>
    static abstract TV LoadFirst(T* source, int count);

    /// <summary>Stores the first <paramref name="count"/> lanes of <paramref name="value"/>; memory past them is not touched.</summary>
    static abstract void StoreFirst(TV value, T* destination, int count);
}

internal readonly unsafe struct Ops512<T> : IVectorOps<T, Vector512<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector512<T>.Count;

    public static Vector512<T> Zero => Vector512<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Load(T* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Broadcast(T value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> FusedMultiplyAdd(Vector512<T> a, Vector512<T> b, Vector512<T> c) =>
        typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector512.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> Multiply(Vector512<T> a, Vector512<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector512<T> value) => Vector512.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<T> LoadFirst(T* source, int count)
    {
        if (Avx512F.IsSupported)
        {
            return typeof(T) == typeof(float)
                ? Avx512F.MaskLoad((float*)source, Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle(), Vector512<float>.Zero).As<float, T>()
                : Avx512F.MaskLoad((double*)source, Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).AsDouble(), Vector512<double>.Zero).As<double, T>();
        }

        Vector512<T> v = Vector512<T>.Zero;
        for (int e = 0; e < count; e++)
        {
            v = v.WithElement(e, source[e]);
        }

        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Vector512<T> value, T* destination, int count)
    {
        if (Avx512F.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                Avx512F.MaskStore((float*)destination, Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle(), value.AsSingle());
            }
            else
            {
                Avx512F.MaskStore((double*)destination, Vector512.LessThan(Vector512<long>.Indices, Vector512.Create((long)count)).AsDouble(), value.AsDouble());
            }

            return;
        }

        for (int e = 0; e < count; e++)
        {
            destination[e] = value.GetElement(e);
        }
    }
}

internal readonly unsafe struct Ops256<T> : IVectorOps<T, Vector256<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector256<T>.Count;

    public static Vector256<T> Zero => Vector256<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Load(T* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Broadcast(T value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> FusedMultiplyAdd(Vector256<T> a, Vector256<T> b, Vector256<T> c) =>
        typeof(T) == typeof(float)
            ? Vector256.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector256.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> Multiply(Vector256<T> a, Vector256<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector256<T> value) => Vector256.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<T> LoadFirst(T* source, int count)
    {
        if (Avx.IsSupported)
        {
            return typeof(T) == typeof(float)
                ? Avx.MaskLoad((float*)source, Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle()).As<float, T>()
                : Avx.MaskLoad((double*)source, Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).AsDouble()).As<double, T>();
        }

        Vector256<T> v = Vector256<T>.Zero;
        for (int e = 0; e < count; e++)
        {
            v = v.WithElement(e, source[e]);
        }

        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Vector256<T> value, T* destination, int count)
    {
        if (Avx.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                Avx.MaskStore((float*)destination, Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle(), value.AsSingle());
            }
            else
            {
                Avx.MaskStore((double*)destination, Vector256.LessThan(Vector256<long>.Indices, Vector256.Create((long)count)).AsDouble(), value.AsDouble());
            }

            return;
        }

        for (int e = 0; e < count; e++)
        {
            destination[e] = value.GetElement(e);
        }
    }
}

internal readonly unsafe struct Ops128<T> : IVectorOps<T, Vector128<T>>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => Vector128<T>.Count;

    public static Vector128<T> Zero => Vector128<T>.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Load(T* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128<T> value, T* destination) => value.Store(destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Broadcast(T value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> FusedMultiplyAdd(Vector128<T> a, Vector128<T> b, Vector128<T> c) =>
        typeof(T) == typeof(float)
            ? Vector128.FusedMultiplyAdd(a.AsSingle(), b.AsSingle(), c.AsSingle()).As<float, T>()
            : Vector128.FusedMultiplyAdd(a.AsDouble(), b.AsDouble(), c.AsDouble()).As<double, T>();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> Multiply(Vector128<T> a, Vector128<T> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(Vector128<T> value) => Vector128.Sum(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<T> LoadFirst(T* source, int count)
    {
        if (Avx.IsSupported)
        {
            return typeof(T) == typeof(float)
                ? Avx.MaskLoad((float*)source, Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(count)).AsSingle()).As<float, T>()
                : Avx.MaskLoad((double*)source, Vector128.LessThan(Vector128<long>.Indices, Vector128.Create((long)count)).AsDouble()).As<double, T>();
        }

        Vector128<T> v = Vector128<T>.Zero;
        for (int e = 0; e < count; e++)
        {
            v = v.WithElement(e, source[e]);
        }

        return v;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(Vector128<T> value, T* destination, int count)
    {
        if (Avx.IsSupported)
        {
            if (typeof(T) == typeof(float))
            {
                Avx.MaskStore((float*)destination, Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(count)).AsSingle(), value.AsSingle());
            }
            else
            {
                Avx.MaskStore((double*)destination, Vector128.LessThan(Vector128<long>.Indices, Vector128.Create((long)count)).AsDouble(), value.AsDouble());
            }

            return;
        }

        for (int e = 0; e < count; e++)
        {
            destination[e] = value.GetElement(e);
        }
    }
}

/// <summary>One element per "register": the fallback when vectors or hardware fused multiply-add are missing.</summary>
internal readonly unsafe struct OpsScalar<T> : IVectorOps<T, T>
    where T : unmanaged, IFloatingPointIeee754<T>
{
    public static int Count => 1;

    public static T Zero => T.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Load(T* source) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(T value, T* destination) => *destination = value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Broadcast(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T FusedMultiplyAdd(T a, T b, T c) => T.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Multiply(T a, T b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sum(T value) => value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T LoadFirst(T* source, int count) => *source;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StoreFirst(T value, T* destination, int count) => *destination = value;
}
