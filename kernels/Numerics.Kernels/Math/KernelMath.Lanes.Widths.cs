using Numerics.Kernels;

namespace Numerics;

// The double lanes of the vectorised math, one per vector width. The generator writes each struct whole: the wrapped
// Vector128/256/512<double> and every ILanes member (KernelMath.Lanes.cs), the same at every width.

[VectorLanes(128)]
internal readonly partial struct Lanes128;

[VectorLanes(256)]
internal readonly partial struct Lanes256;

[VectorLanes(512)]
internal readonly partial struct Lanes512;
