using System.Diagnostics;
using System.Globalization;
using System.Text;
using Answerback.Counting;
using Answerback.Counting.Formats;

namespace Answerback.Benchmarks.Counting;

/// <summary>
/// <c>scenario stv-blt-all</c>: reads the 1,100 Scottish BLT files, then counts them all by Scottish STV, once,
/// timing the two phases with a wall clock (single thread).
/// </summary>
public sealed class StvBltAllScenario : IScenario
{
    public string Name => "stv-blt-all";

    public int Run(string[] args)
    {
        var files = CountingData.BltFiles();
        var method = new ScottishStv();
        // One untimed pass so the JIT has compiled everything (the figures are for steady state).
        foreach (var file in files.Take(50))
        {
            method.Count(BltFormat.Read(file), new CountOptions());
        }

        // Wall clock and this process's CPU time: on a shared machine the CPU time is the steadier figure.
        var clock = Stopwatch.StartNew();
        var cpu = Cpu();
        var elections = files.Select(BltFormat.Read).ToArray();
        var read = clock.Elapsed;
        var readCpu = Cpu() - cpu;
        clock.Restart();
        cpu = Cpu();
        var elected = 0;
        foreach (var election in elections)
        {
            elected += method.Count(election, new CountOptions()).Elected.Count;
        }

        var count = clock.Elapsed;
        var countCpu = Cpu() - cpu;
        clock.Restart();
        cpu = Cpu();
        foreach (var election in elections)
        {
            method.Count(election, new CountOptions());
        }

        var second = clock.Elapsed;
        var secondCpu = Cpu() - cpu;
        clock.Restart();
        cpu = Cpu();
        foreach (var file in files)
        {
            method.Count(BltFormat.Read(file), new CountOptions());
        }

        var pipeline = clock.Elapsed;
        var pipelineCpu = Cpu() - cpu;
        var ballots = elections.Sum(e => e.TotalWeight);
        var distinct = elections.Sum(e => e.Ballots.Count);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{files.Length} elections, {ballots:N0} ballots ({distinct:N0} distinct), {elected} seats filled"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read:         wall {read.TotalMilliseconds,6:F0} ms, CPU {readCpu.TotalMilliseconds,6:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"count:        wall {count.TotalMilliseconds,6:F0} ms, CPU {countCpu.TotalMilliseconds,6:F0} ms (scottish-stv, one thread)"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"count again:  wall {second.TotalMilliseconds,6:F0} ms, CPU {secondCpu.TotalMilliseconds,6:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read+count each file in turn: wall {pipeline.TotalMilliseconds,6:F0} ms, CPU {pipelineCpu.TotalMilliseconds,6:F0} ms"));
        return 0;
    }

    internal static TimeSpan Cpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}

/// <summary>
/// <c>scenario stv-cvr-10m [PATH] [BALLOTS]</c>: writes a synthetic cast-vote-record CSV (default 10 million
/// ballots, 12 candidates, seeded), then, timed: reads it (streamed, identical rankings grouped) and counts
/// 4 seats by Scottish STV; prints wall-clock time and the process's peak working set.
/// </summary>
public sealed class StvCvr10MScenario : IScenario
{
    public string Name => "stv-cvr-10m";

    public int Run(string[] args)
    {
        var path = args.Length > 0 ? args[0] : Path.Combine(Path.GetTempPath(), "answerback-cvr-10m.csv");
        var ballots = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000_000;
        if (!File.Exists(path))
        {
            var make = Stopwatch.StartNew();
            Generate(path, ballots, candidates: 12, seed: 2026);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {path} ({new FileInfo(path).Length / 1e6:F0} MB) in {make.Elapsed.TotalSeconds:F1} s"));
        }

        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.PeakWorkingSet64;
        var cpu = StvBltAllScenario.Cpu();
        var clock = Stopwatch.StartNew();
        var election = CvrCsvFormat.Read(path, seats: 4);
        var read = clock.Elapsed;
        var report = new ScottishStv().Count(election, new CountOptions());
        var total = clock.Elapsed;
        var cpuTotal = StvBltAllScenario.Cpu() - cpu;
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{election.TotalWeight:N0} ballots, {election.Ballots.Count:N0} distinct, {election.Candidates.Count} candidates, {report.Stages.Count} stages, elected {string.Join(", ", report.Elected)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"read: {read.TotalSeconds:F2} s, count: {(total - read).TotalSeconds:F2} s, total: {total.TotalSeconds:F2} s (process CPU time {cpuTotal.TotalSeconds:F2} s), peak working set: {process.PeakWorkingSet64 / 1e6:F0} MB (before reading: {before / 1e6:F0} MB)"));
        return 0;
    }

    /// <summary>
    /// Ballots drawn from a seeded model: a voter picks a first choice by popularity, then continues with
    /// candidates of the same party (3 parties of 4) more often than others, stopping after each preference
    /// with probability 0.3, as partial rankings are common in real records.
    /// </summary>
    private static void Generate(string path, int ballots, int candidates, int seed)
    {
        var random = new Random(seed);
        var names = Enumerable.Range(0, candidates).Select(i => string.Create(CultureInfo.InvariantCulture, $"Candidate {(char)('A' + i)} (Party {i % 3 + 1})")).ToArray();
        var popularity = Enumerable.Range(0, candidates).Select(i => 1.0 + (candidates - i)).ToArray();
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 20);
        writer.Write("ballot");
        for (var r = 1; r <= candidates; r++)
        {
            writer.Write(string.Create(CultureInfo.InvariantCulture, $",rank{r}"));
        }

        writer.Write('\n');
        var used = new bool[candidates];
        var weights = new double[candidates];
        for (var b = 0; b < ballots; b++)
        {
            Array.Clear(used);
            writer.Write(b.ToString(CultureInfo.InvariantCulture));
            var last = -1;
            var written = 0;
            for (var r = 0; r < candidates; r++)
            {
                if (r > 0 && random.NextDouble() < 0.3)
                {
                    break;
                }

                double sum = 0;
                for (var c = 0; c < candidates; c++)
                {
                    weights[c] = used[c] ? 0 : popularity[c] * (last >= 0 && c % 3 == last % 3 ? 6 : 1);
                    sum += weights[c];
                }

                var x = random.NextDouble() * sum;
                var pick = 0;
                while (pick < candidates - 1 && (used[pick] || x >= weights[pick]))
                {
                    x -= weights[pick];
                    pick++;
                }

                if (used[pick])
                {
                    pick = Array.IndexOf(used, false); // rounding at the end of the range: take any unused candidate
                }

                used[pick] = true;
                last = pick;
                writer.Write(',');
                writer.Write(names[pick]);
                written++;
            }

            for (var r = written; r < candidates; r++)
            {
                writer.Write(',');
            }

            writer.Write('\n');
        }
    }
}
