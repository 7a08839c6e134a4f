using System.Diagnostics;

namespace Answerback.Fuzz;

/// <summary>What one input did.</summary>
internal enum OutcomeKind
{
    /// <summary>Read without error.</summary>
    Success,

    /// <summary>Refused with the format's own error, naming the place.</summary>
    DocumentedError,

    /// <summary>Any other exception, or the documented exception without a place.</summary>
    Crash,

    /// <summary>Still running after the time limit.</summary>
    Hang,

    /// <summary>Allocated more than the memory bound.</summary>
    Memory,
}

internal sealed record Outcome(OutcomeKind Kind, string Signature, string Detail, TimeSpan Elapsed, long Allocated)
{
    public bool IsFinding => Kind is OutcomeKind.Crash or OutcomeKind.Hang or OutcomeKind.Memory;
}

/// <summary>
/// Runs inputs on a worker thread, so a hang can be timed out: the worker takes a batch, times each input and
/// classifies it; the caller watches the input in progress and, when it runs past the limit and a grace period,
/// abandons the worker (a background thread) and goes on with a new one. Memory is measured as the bytes the
/// worker thread allocated for the input, an upper bound on the reader's peak.
/// </summary>
internal sealed class Runner
{
    /// <summary>An input running longer than this is a finding.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    /// <summary>How long past the limit an input may run before its worker is abandoned (slow, or stuck?).</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(20);

    private Worker _worker = new();

    /// <summary>The memory bound: 64 MB plus 50 times the input's size, of heap growth while reading it.</summary>
    public static long MemoryBound(int inputLength) => (64L << 20) + (50L * inputLength);

    /// <summary>Workers given up on because their input never finished.</summary>
    public int Abandoned { get; private set; }

    public Outcome Run(FuzzFormat format, byte[] input) => Run(format, [input], null)[0];

    /// <summary>Runs every input; first writes them to <paramref name="current"/> (if given) so a crash that kills the process leaves them behind.</summary>
    public Outcome[] Run(FuzzFormat format, IReadOnlyList<byte[]> inputs, string? current)
    {
        var results = new Outcome[inputs.Count];
        var peaks = new long[inputs.Count];
        var from = 0;
        while (from < inputs.Count)
        {
            if (current is not null)
            {
                // One write per batch (a file write costs milliseconds on the shared machine): length-prefixed inputs.
                using var file = File.Create(current);
                using var writer = new BinaryWriter(file);
                foreach (var input in inputs.Skip(from))
                {
                    writer.Write(input.Length);
                    writer.Write(input);
                }
            }

            var worker = _worker;
            worker.Start(new Batch(format, inputs, from, results, current, peaks));
            // While waiting, sample the heap every few milliseconds for the input in progress.
            while (!worker.Wait(TimeSpan.FromMilliseconds(5)))
            {
                worker.SampleHeap();
                if (worker.Running > TimeLimit + Grace)
                {
                    break;
                }
            }

            if (worker.IsDone)
            {
                break;
            }

            var stuck = worker.Current;
            results[stuck] = new Outcome(OutcomeKind.Hang, "hang", $"still running after {(TimeLimit + Grace).TotalSeconds:0} s", TimeSpan.MaxValue, 0);
            Abandoned++;
            worker.Abandon();
            _worker = new Worker();
            from = stuck + 1;
        }

        // The bound is on memory in use, not on bytes allocated (a streaming reader allocates its input many times
        // over, as garbage): an input that allocated past the bound is a finding if the heap also grew past it.
        for (var i = 0; i < results.Length; i++)
        {
            if (results[i].Kind is OutcomeKind.Success or OutcomeKind.DocumentedError && results[i].Allocated > MemoryBound(inputs[i].Length) && peaks[i] > MemoryBound(inputs[i].Length))
            {
                results[i] = results[i] with
                {
                    Kind = OutcomeKind.Memory,
                    Signature = "memory",
                    Detail = $"heap grew by {peaks[i] >> 20} MB ({results[i].Allocated >> 20} MB allocated) for {inputs[i].Length} bytes (bound {MemoryBound(inputs[i].Length) >> 20} MB)",
                };
            }
        }

        return results;
    }

    /// <summary>Inputs that took longer than the limit on the clock but not in CPU time: the machine was busy.</summary>
    public static int LateUnderLoad => _lateUnderLoad;

    private static int _lateUnderLoad;

    private static Outcome RunOne(FuzzFormat format, byte[] input)
    {
        Exception? error = null;
        var before = GC.GetAllocatedBytesForCurrentThread();
        // The process's CPU time: the caller's thread waits meanwhile, so this is the reader's (and the GC's).
        // On a machine shared with other builds a starved reader can pass the limit on the clock alone.
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        try
        {
            format.Read(input);
        }
#pragma warning disable CA1031 // every exception is an outcome to classify, not a failure of the harness
        catch (Exception ex)
#pragma warning restore CA1031
        {
            error = ex;
        }

        var elapsed = clock.Elapsed;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (elapsed > TimeLimit)
        {
            var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
            if (cpu > TimeLimit)
            {
                return new Outcome(OutcomeKind.Hang, "slow", $"took {elapsed.TotalMilliseconds:0} ms ({cpu.TotalMilliseconds:0} ms of CPU)", elapsed, allocated);
            }

            Interlocked.Increment(ref _lateUnderLoad);
        }

        if (error is not null)
        {
            return format.IsDocumentedError(error)
                ? new Outcome(OutcomeKind.DocumentedError, error.GetType().Name, error.Message, elapsed, allocated)
                : new Outcome(OutcomeKind.Crash, Signature(error), error.ToString(), elapsed, allocated);
        }

        return new Outcome(OutcomeKind.Success, "", "", elapsed, allocated);
    }

    /// <summary>The exception type and the innermost Answerback frame: one finding per place that throws.</summary>
    private static string Signature(Exception error)
    {
        var frame = new StackTrace(error, fNeedFileInfo: false).GetFrames()
            .Select(f => f.GetMethod())
            .FirstOrDefault(m => m?.DeclaringType?.FullName?.StartsWith("Answerback.", StringComparison.Ordinal) == true
                && m.DeclaringType.FullName?.StartsWith("Answerback.Fuzz", StringComparison.Ordinal) == false);
        var where = frame is null ? "?" : $"{frame.DeclaringType!.FullName}.{frame.Name}";
        return $"{error.GetType().Name} at {where}";
    }

    private sealed record Batch(FuzzFormat Format, IReadOnlyList<byte[]> Inputs, int From, Outcome[] Results, string? Current, long[] Peaks);

    // Not disposable: a worker lives as long as the process, and an abandoned one may still be running.
#pragma warning disable CA1001
    private sealed class Worker
#pragma warning restore CA1001
    {
        private readonly SemaphoreSlim _go = new(0);
        private readonly ManualResetEventSlim _done = new(false);
        private Batch? _batch;
        private int _current;
        private long _started;
        private bool _abandoned;
        private long _baseline;

        public Worker()
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = "fuzz worker" };
            thread.Start();
        }

        public int Current => Volatile.Read(ref _current);

        public bool IsDone => _done.IsSet;

        /// <summary>How long the input in progress has been running.</summary>
        public TimeSpan Running => Stopwatch.GetElapsedTime(Volatile.Read(ref _started));

        /// <summary>Records the heap's growth since the input in progress started (it includes garbage not yet collected).</summary>
        public void SampleHeap()
        {
            var batch = _batch!;
            var i = Current;
            var grown = GC.GetTotalMemory(forceFullCollection: false) - Volatile.Read(ref _baseline);
            if (i >= batch.From && grown > batch.Peaks[i])
            {
                batch.Peaks[i] = grown;
            }
        }

        public void Start(Batch batch)
        {
            _batch = batch;
            Volatile.Write(ref _started, Stopwatch.GetTimestamp());
            _done.Reset();
            _go.Release();
        }

        public bool Wait(TimeSpan timeout) => _done.Wait(timeout);

        /// <summary>Should the stuck input ever finish, the worker stops instead of going on with the batch.</summary>
        public void Abandon() => Volatile.Write(ref _abandoned, true);

        private void Loop()
        {
            while (true)
            {
                _go.Wait();
                var batch = _batch!;
                for (var i = batch.From; i < batch.Inputs.Count; i++)
                {
                    Volatile.Write(ref _baseline, GC.GetTotalMemory(forceFullCollection: false));
                    Volatile.Write(ref _current, i);
                    Volatile.Write(ref _started, Stopwatch.GetTimestamp());
                    var outcome = RunOne(batch.Format, batch.Inputs[i]);
                    SampleHeap();
                    if (Volatile.Read(ref _abandoned))
                    {
                        return;
                    }

                    batch.Results[i] = outcome;
                }

                _done.Set();
            }
        }
    }
}
