using System;
using System.IO;

namespace Numerics.Generators.Tests.Infrastructure;

/// <summary>
/// Library files that generated lanes need beside a test's declarations: the hand-written <c>ILanes</c> and
/// <c>LaneBits</c> (<c>kernels/Numerics.Kernels/Math/KernelMath.Lanes.cs</c>) and the internal
/// <c>VectorLanesAttribute</c>, both internal to the kernels assembly and so compiled into each test compilation
/// from the files themselves (linked beside the test assembly by the project file), so the output is checked against
/// the interface the library really has.
/// </summary>
internal static class LibrarySources
{
    /// <summary>
    /// The sources to add after a test's own: the two library files, and a stand-in for <c>VectorMath</c>, which
    /// <c>ILanes</c>' documentation names (<c>cref</c>).
    /// </summary>
    public static string[] ForLanes { get; } =
    [
        Read("KernelMath.Lanes.cs"),
        Read("VectorLanesAttribute.cs"),
        """
        namespace Numerics;

        /// <summary>Stand-in for the library's generic vector math, which the documentation of ILanes names.</summary>
        internal static class VectorMath<TD, TF>
        {
        }
        """,
    ];

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Library", name));
}
