using System;
using System.Threading;
using System.Threading.Tasks;

namespace Numerics.Cli.Accuracy;

/// <summary>
/// Sweeps float inputs through a kernel's float entry point and its double entry point (the reference: the same
/// definition evaluated in double lanes; the independent references live in the tests) and measures the error.
/// </summary>
internal static class AccuracyRunner
{
    private const int BlockSize = 1 << 16;

    /// <summary>Inputs that must be checked whatever the stride.</summary>
    private static readonly float[] s_special =
    {
        0f, -0f, float.Epsilon, -float.Epsilon, 1.1754942e-38f, -1.1754942e-38f, 1.17549435e-38f, -1.17549435e-38f,
        1f, -1f, 3f, -3f, 6f, -6f, 20f, -20f, float.MaxValue, float.MinValue, float.PositiveInfinity,
        float.NegativeInfinity, float.NaN, -0.7518f, -1.2785f, -1.1924f, 88.7f, -88.7f, -103.9f, -87.3f, 1e-30f, -1e-30f,
    };

    /// <summary>Number of blocks a sweep runs (for progress bars).</summary>
    public static long BlockCount(bool exhaustive) => exhaustive ? (1L << 32) / BlockSize : 16;

    /// <summary>
    /// Measures one case. Exhaustive: all 2^32 bit patterns. Otherwise every 4099th pattern (about a million inputs,
    /// ~2000 in every binade) plus special values.
    /// </summary>
    public static UlpMeter Measure(AccuracyCase c, bool exhaustive, Action onBlockDone, CancellationToken cancellationToken)
    {
        uint stride = exhaustive ? 1u : 4099u;
        long blocks = BlockCount(exhaustive);
        var total = new UlpMeter();
        object gate = new();
        int previousThreads = KernelThreading.MaxThreads;
        KernelThreading.MaxThreads = 1;
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
            Parallel.For(0L, blocks, options, () => new Worker(c), (block, _, worker) =>
            {
                worker.Fill(unchecked((uint)(block * BlockSize) * stride), stride);
                worker.Run(BlockSize);
                onBlockDone();
                return worker;
            }, worker =>
            {
                lock (gate)
                {
                    total.Merge(worker.Meter);
                }
            });

            var special = new Worker(c);
            s_special.CopyTo(special.Input);
            special.Run(s_special.Length);
            total.Merge(special.Meter);
        }
        finally
        {
            KernelThreading.MaxThreads = previousThreads;
        }

        return total;
    }

    private sealed class Worker
    {
        private readonly AccuracyCase _case;
        private readonly float[][] _singleInputs = new float[4][];
        private readonly double[][] _doubleInputs = new double[4][];
        private readonly float[][] _singleOutputs = { new float[BlockSize], new float[BlockSize] };
        private readonly double[][] _doubleOutputs = { new double[BlockSize], new double[BlockSize] };
        private readonly double[] _doubleScalars;

        public Worker(AccuracyCase c)
        {
            _case = c;
            int inputs = c.Kernel.Inputs.Count;
            for (int k = 0; k < 4; k++)
            {
                _singleInputs[k] = new float[k < inputs ? BlockSize : 0];
                _doubleInputs[k] = new double[k < inputs ? BlockSize : 0];
                if (k > 0 && k < inputs)
                {
                    float value = c.FixedInput(k);
                    Array.Fill(_singleInputs[k], value);
                    Array.Fill(_doubleInputs[k], value);
                }
            }

            _doubleScalars = Array.ConvertAll(c.Scalars, s => (double)s);
        }

        public UlpMeter Meter { get; } = new();

        /// <summary>The swept input.</summary>
        public float[] Input => _singleInputs[0];

        /// <summary>Fills the swept input with the bit patterns start, start + stride, … (wrapping).</summary>
        public void Fill(uint start, uint stride)
        {
            float[] x = _singleInputs[0];
            uint bits = start;
            for (int i = 0; i < x.Length; i++, bits = unchecked(bits + stride))
            {
                x[i] = BitConverter.UInt32BitsToSingle(bits);
            }
        }

        public void Run(int count)
        {
            float[] x = _singleInputs[0];
            double[] xd = _doubleInputs[0];
            for (int i = 0; i < count; i++)
            {
                xd[i] = x[i];
            }

            int outputs = _case.Kernel.Outputs.Count;
            Span<float> y0 = _singleOutputs[0].AsSpan(0, count);
            Span<float> y1 = outputs > 1 ? _singleOutputs[1].AsSpan(0, count) : default;
            Span<double> z0 = _doubleOutputs[0].AsSpan(0, count);
            Span<double> z1 = outputs > 1 ? _doubleOutputs[1].AsSpan(0, count) : default;
            _case.Kernel.Single(In(_singleInputs[0], count), In(_singleInputs[1], count), In(_singleInputs[2], count), In(_singleInputs[3], count), _case.Scalars, y0, y1);
            _case.Kernel.Double(In(_doubleInputs[0], count), In(_doubleInputs[1], count), In(_doubleInputs[2], count), In(_doubleInputs[3], count), _doubleScalars, z0, z1);
            Meter.Add(x.AsSpan(0, count), _singleOutputs[_case.Output].AsSpan(0, count), _doubleOutputs[_case.Output].AsSpan(0, count));
        }

        private static ReadOnlySpan<T> In<T>(T[] array, int count) => array.Length == 0 ? default : array.AsSpan(0, count);
    }
}
