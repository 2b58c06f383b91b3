using FsCheck;
using FsCheck.Xunit;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>
/// The conformance suite on the CPU span entry points. It needs no device, so it runs everywhere (also where the
/// OpenCL instance is skipped), in parallel with the other test classes; it makes no device buffers.
/// </summary>
public sealed class CpuConformanceTests(ITestOutputHelper output)
{
    private const string Seed = "(20260311,1709)";

    private static CpuBackend Backend => CpuBackend.Instance;

    [Theory]
    [MemberData(nameof(ElementwiseConformance.EntryPoints), MemberType = typeof(ElementwiseConformance))]
    public void MatchesTheReference(string entryPoint) => ElementwiseConformance.MatchesTheReference(Backend, entryPoint, output);

    [Property(Arbitrary = [typeof(ConformanceArbitraries)], MaxTest = 200, Replay = Seed)]
    public Property RandomSampleMatchesTheReference(ConformanceSample sample) => ElementwiseConformance.RandomSampleMatchesTheReference(Backend, sample);

    [Theory]
    [MemberData(nameof(ElementwiseConformance.EntryPoints), MemberType = typeof(ElementwiseConformance))]
    public void SpecialValues(string entryPoint) => ElementwiseConformance.SpecialValues(Backend, entryPoint, output);

    [Theory]
    [MemberData(nameof(ElementwiseConformance.EntryPoints), MemberType = typeof(ElementwiseConformance))]
    public void InPlaceMatchesOutOfPlace(string entryPoint) => ElementwiseConformance.InPlaceMatchesOutOfPlace(Backend, entryPoint);
}
