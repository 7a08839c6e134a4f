using System.Diagnostics;
using System.Globalization;
using Answerback.OpinionMap;

namespace Answerback.Benchmarks.OpinionMap;

/// <summary>
/// Full recompute of a synthetic conversation (planted groups, each participant casting a fixed
/// number of votes on random statements):
/// <c>scenario opinion-recompute [participants statements votesPerParticipant groups]</c>,
/// default 20,000 × 5,000 with 100 votes each (2 million votes).
/// </summary>
public sealed class OpinionRecomputeScenario : IScenario
{
    public string Name => "opinion-recompute";

    public int Run(string[] args) => OpinionScenarioRunner.Recompute(args, 20_000, 5_000, 100);
}

/// <summary>The national-scale recompute: 200,000 × 20,000 with 100 votes each (20 million votes).</summary>
public sealed class OpinionNationalScenario : IScenario
{
    public string Name => "opinion-national";

    public int Run(string[] args) => OpinionScenarioRunner.Recompute(args, 200_000, 20_000, 100);
}

/// <summary>
/// Incremental update: map 20,000 × 5,000 (2 million votes), then add 1,000 new votes and update
/// warm-started; times the update (merging the votes into the matrix plus the analysis).
/// </summary>
public sealed class OpinionIncrementalScenario : IScenario
{
    public string Name => "opinion-incremental";

    public int Run(string[] args)
    {
        var (participants, statements, votes, groups) = OpinionScenarioRunner.Parse(args, 20_000, 5_000, 100);
        var conversation = SyntheticConversation.Generate(participants, statements, groups, 0, seed: 1, votesPerParticipant: votes);
        var matrix = conversation.Matrix;
        var options = new OpinionMapOptions();
        var map = OpinionMapper.Analyze(matrix, options);
        Console.WriteLine($"initial map: {matrix.VoteCount:N0} votes, {map.Groups.Count} groups");

        var random = new Random(2);
        for (var round = 1; round <= 5; round++)
        {
            var batch = new List<VoteRecord>(1000);
            for (var i = 0; i < 1000; i++)
            {
                var p = random.Next(participants + 100); // some new participants too
                batch.Add(new VoteRecord(
                    "p" + p.ToString(CultureInfo.InvariantCulture),
                    random.Next(statements).ToString(CultureInfo.InvariantCulture),
                    (sbyte)random.Next(-1, 2),
                    10_000_000 + (round * 1000) + i));
            }

            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            var merged = matrix.WithVotes(batch);
            var mergeMs = stopwatch.Elapsed.TotalMilliseconds;
            var updated = OpinionMapper.Update(map, merged, options);
            var totalMs = stopwatch.Elapsed.TotalMilliseconds;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var kept = updated.Participants.Zip(map.Participants).Count(t => t.First.Group == t.Second.Group);
            Console.WriteLine($"update {round}: merge {mergeMs:F0} ms, total {totalMs:F0} ms wall, {cpu:F0} ms CPU; {kept:N0} of {map.Participants.Count:N0} kept their group id; {OpinionScenarioRunner.Phases(updated)}");
            matrix = merged;
            map = updated;
        }

        OpinionScenarioRunner.PrintMemory();
        return 0;
    }
}

internal static class OpinionScenarioRunner
{
    public static (int Participants, int Statements, int Votes, int Groups) Parse(string[] args, int participants, int statements, int votes)
    {
        int At(int i, int fallback) => args.Length > i ? int.Parse(args[i], CultureInfo.InvariantCulture) : fallback;
        return (At(0, participants), At(1, statements), At(2, votes), At(3, 3));
    }

    public static int Recompute(string[] args, int participants, int statements, int votes)
    {
        var (n, m, v, groups) = Parse(args, participants, statements, votes);
        var stopwatch = Stopwatch.StartNew();
        var conversation = SyntheticConversation.Generate(n, m, groups, 0, seed: 1, votesPerParticipant: v);
        var generateMs = stopwatch.Elapsed.TotalMilliseconds;
        Console.WriteLine($"generated {n:N0} participants x {m:N0} statements, {conversation.Matrix.VoteCount:N0} votes in {generateMs:F0} ms (not part of the recompute)");
        var before = GC.GetTotalAllocatedBytes();
        for (var run = 1; run <= 3; run++)
        {
            using var self = Process.GetCurrentProcess();
            var cpuBefore = self.TotalProcessorTime;
            stopwatch.Restart();
            var map = OpinionMapper.Analyze(conversation.Matrix, new OpinionMapOptions { Seed = run });
            var ms = stopwatch.Elapsed.TotalMilliseconds;
            self.Refresh();
            var cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;
            var ours = new List<int>();
            var truth = new List<int>();
            for (var i = 0; i < n; i++)
            {
                if (map.Participants[i].Group is int g)
                {
                    ours.Add(g);
                    truth.Add(conversation.PlantedGroups[i]);
                }
            }

            Console.WriteLine($"recompute {run}: {ms:F0} ms wall, {cpu:F0} ms CPU, {map.Groups.Count} groups, ARI vs planted {AdjustedRandIndex.Compute(ours, truth):F3}; {Phases(map)}");
        }

        Console.WriteLine($"allocated during the three recomputes: {(GC.GetTotalAllocatedBytes() - before) / 1e6:F0} MB");
        PrintMemory();
        return 0;
    }

    public static string Phases(Answerback.OpinionMap.OpinionMap map) =>
        $"PCA {map.PcaIterations} iterations, bridging {map.BridgingSweeps} sweeps; " + string.Join(", ", map.PhaseMilliseconds.Select(p => $"{p.Key} {p.Value:F0}"));

    public static void PrintMemory()
    {
        using var process = Process.GetCurrentProcess();
        Console.WriteLine($"peak working set (whole process, generator included): {process.PeakWorkingSet64 / 1e6:F0} MB");
    }
}
