using System.Linq;
using FsCheck;
using Numerics.Kernels;
using Xunit;
using Xunit.Abstractions;

namespace Numerics.OpenCL.Tests.Conformance;

/// <summary>
/// The conformance suite on the test device, through the generated typed launchers, on the collection's shared queue
/// (each program compiles once per run). Skipped with the discovery reason where there is no device; fails under
/// CI=true. Also compares the device with the CPU on the same inputs. <see cref="OpenCLTest"/> fails any test that
/// leaves device buffers alive.
/// </summary>
public sealed class OpenCLConformanceTests(QueueFixture fixture, ITestOutputHelper output) : OpenCLTest(fixture)
{
    private const string Seed = "(20260311,1709)";

    private OpenCLBackend Backend => new(Queue);

    [OpenCLTheory]
    [MemberData(nameof(ElementwiseConformance.EntryPoints), MemberType = typeof(ElementwiseConformance))]
    public void MatchesTheReference(string entryPoint) => ElementwiseConformance.MatchesTheReference(Backend, entryPoint, output);

    [OpenCLProperty(Arbitrary = [typeof(ConformanceArbitraries)], MaxTest = 200, Replay = Seed)]
    public Property RandomSampleMatchesTheReference(ConformanceSample sample) => ElementwiseConformance.RandomSampleMatchesTheReference(Backend, sample);

    [OpenCLTheory]
    [MemberData(nameof(ElementwiseConformance.EntryPoints), MemberType = typeof(ElementwiseConformance))]
    public void SpecialValues(string entryPoint) => ElementwiseConformance.SpecialValues(Backend, entryPoint, output);

    [OpenCLTheory]
    [MemberData(nameof(ElementwiseConformance.EntryPoints), MemberType = typeof(ElementwiseConformance))]
    public void InPlaceMatchesOutOfPlace(string entryPoint) => ElementwiseConformance.InPlaceMatchesOutOfPlace(Backend, entryPoint);

    [OpenCLProperty(Arbitrary = [typeof(ConformanceArbitraries)], MaxTest = 200, Replay = Seed)]
    public Property AgreesWithTheCpu(ConformanceSample sample) => ElementwiseConformance.BackendsAgree(CpuBackend.Instance, Backend, sample);

    /// <summary>Every registry entry has a float and a double launcher whose parameters are the registry's names.</summary>
    [OpenCLFact]
    public void EveryEntryPointHasTypedLaunchers()
    {
        foreach (ElementwiseKernelInfo info in Activations.Kernels)
        {
            Assert.NotNull(DeviceLaunchers.Find<float>(info));
            Assert.NotNull(DeviceLaunchers.Find<double>(info));
        }

        output.WriteLine($"{Activations.Kernels.Count} entry points, {Activations.Kernels.Count * 2} launchers.");
        Assert.Equal(Activations.Kernels.Count, Activations.Kernels.Select(k => k.Name).Distinct().Count());
    }
}
