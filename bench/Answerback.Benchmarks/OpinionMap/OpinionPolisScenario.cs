using System.Globalization;
using Answerback.OpinionMap;
using Answerback.OpinionMap.Polis;

namespace Answerback.Benchmarks.OpinionMap;

/// <summary>
/// The table of docs/opinion-map.md: every Pol.is export under a folder (default
/// <c>../shared/data/polis</c>) analysed with seeds 0–9:
/// <c>scenario opinion-polis [folder] [seeds]</c>. Prints, per conversation, the adjusted Rand
/// index against Pol.is's own groups (seed 0, and min / median / max over the seeds), the pairwise
/// ARI between the seeds' groupings (min / median / max over the 45 pairs), how many participants
/// were compared, how many Pol.is grouped that we did not, and the number of groups. The last
/// columns run the same analysis with the participants Pol.is grouped kept in the conversation
/// (<see cref="OpinionMapOptions.AlwaysInConversation"/>): Pol.is's in-conversation set is the
/// product of its history (before 2018 it grouped participants with a single vote, and once in,
/// a participant stays in), which a one-shot analysis of the final votes cannot know.
/// </summary>
public sealed class OpinionPolisScenario : IScenario
{
    public string Name => "opinion-polis";

    public int Run(string[] args)
    {
        var root = args.Length > 0 ? args[0] : Path.Combine("..", "shared", "data", "polis");
        var seeds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        var replay = args.Skip(2).Where(a => a.StartsWith("Replay=", StringComparison.Ordinal)).Select(a => int.Parse(a[7..], CultureInfo.InvariantCulture)).LastOrDefault();
        var baseOptions = WithOverrides(new OpinionMapOptions { ComputeBridging = false }, args.Skip(2).Where(a => !a.StartsWith("Replay=", StringComparison.Ordinal)));
        if (!Directory.Exists(root))
        {
            Console.Error.WriteLine($"{root}: no such folder (the Pol.is exports of ../shared/data/polis)");
            return 2;
        }

        Console.WriteLine("| conversation | ARI vs Pol.is (seed 0) | vs Pol.is seeds min / median / max | between seeds min / median / max | compared | Pol.is only | groups ours / Pol.is | on Pol.is's participants: vs Pol.is (seed 0) / between seeds min | compared | groups | Pol.is's groups separable in our map |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
        var seedZero = new List<double>();
        var seedZeroOnPolis = new List<double>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(folder);
            var conversation = PolisExport.ReadDirectory(folder);
            var timed = replay > 0 && File.Exists(Path.Combine(folder, "votes.csv"));
            var maps = Enumerable.Range(0, seeds)
                .Select(seed => timed
                    ? Replay(conversation.Matrix, baseOptions with { Seed = seed }, replay)
                    : OpinionMapper.Analyze(conversation.Matrix, baseOptions with { Seed = seed }))
                .ToList();
            var polis = maps.Select(map => AdjustedRandIndex.Compute(map, conversation.PolisGroups)).ToList();
            var pairs = Pairs(maps);
            var polisSet = conversation.PolisGroups.Where(kv => kv.Value is not null).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
            var onPolis = Enumerable.Range(0, seeds)
                .Select(seed => OpinionMapper.Analyze(conversation.Matrix, baseOptions with { Seed = seed, AlwaysInConversation = polisSet }))
                .ToList();
            var onPolisVs = AdjustedRandIndex.Compute(onPolis[0], conversation.PolisGroups);
            var onPolisPairs = Pairs(onPolis);
            var onPolisCompared = onPolis[0].Participants.Count(p => p.Group is not null && polisSet.Contains(p.Id));

            var first = maps[0];
            var polisOnly = first.Participants.Count(p => p.Group is null && conversation.PolisGroups.TryGetValue(p.Id, out var g) && g is not null);
            var polisGroups = conversation.PolisGroups.Values.OfType<int>().Distinct().Count();
            var compared = first.Participants.Count(p => p.Group is not null && conversation.PolisGroups.TryGetValue(p.Id, out var g) && g is not null);
            var vsPolis = polisGroups == 0 ? "n/a (no group-id)" : F(polis[0]);
            var vsPolisSpread = polisGroups == 0 ? "n/a" : Spread(polis);
            if (polisGroups > 0)
            {
                seedZero.Add(polis[0]);
                seedZeroOnPolis.Add(onPolisVs);
            }

            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {name} | {vsPolis} | {vsPolisSpread} | {Spread(pairs)} | {compared:N0} | {polisOnly:N0} | {first.Groups.Count} / {polisGroups} | {F(onPolisVs)} / {(onPolisPairs.Count == 0 ? "n/a" : F(onPolisPairs.Min()))} | {onPolisCompared:N0} | {onPolis[0].Groups.Count} | {F(Separable(onPolis[0], conversation.PolisGroups))} |"));
        }

        if (seedZero.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"mean ARI vs Pol.is (seed 0) over {seedZero.Count} conversations: {seedZero.Average():F3}; lowest {seedZero.Min():F3}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"on Pol.is's participants: mean {seedZeroOnPolis.Average():F3}; lowest {seedZeroOnPolis.Min():F3}"));
        }

        return 0;
    }

    /// <summary>
    /// Option overrides after the folder and seed count, as NAME=VALUE (GroupRestarts,
    /// NearEqualSpread, GroupCountMargin, MinGroupFraction), to compare variants of the group stage
    /// with the same scenario. <c>Replay=N</c> (read by <see cref="Run"/>) replays the votes instead.
    /// </summary>
    private static OpinionMapOptions WithOverrides(OpinionMapOptions options, IEnumerable<string> overrides)
    {
        foreach (var item in overrides)
        {
            var parts = item.Split('=', 2);
            var value = parts.Length == 2 ? parts[1] : throw new ArgumentException($"{item}: expected NAME=VALUE");
            options = parts[0] switch
            {
                nameof(OpinionMapOptions.GroupRestarts) => options with { GroupRestarts = int.Parse(value, CultureInfo.InvariantCulture) },
                nameof(OpinionMapOptions.NearEqualSpread) => options with { NearEqualSpread = double.Parse(value, CultureInfo.InvariantCulture) },
                nameof(OpinionMapOptions.GroupCountMargin) => options with { GroupCountMargin = double.Parse(value, CultureInfo.InvariantCulture) },
                nameof(OpinionMapOptions.MinGroupFraction) => options with { MinGroupFraction = double.Parse(value, CultureInfo.InvariantCulture) },
                _ => throw new ArgumentException($"{parts[0]}: not an option this scenario can set"),
            };
        }

        return options;
    }

    /// <summary>
    /// The conversation as it happened (<c>Replay=N</c>, for exports whose <c>votes.csv</c> has
    /// times): the votes in time order in N batches of equal size, a one-shot analysis of the
    /// first batch and an incremental update after each later one, as a live conversation's map
    /// is kept up to date.
    /// </summary>
    private static Answerback.OpinionMap.OpinionMap Replay(VoteMatrix matrix, OpinionMapOptions options, int batches)
    {
        var votes = matrix.EnumerateVotes().OrderBy(v => v.Timestamp).ToList();
        var builder = new VoteMatrixBuilder();
        foreach (var statement in matrix.Statements)
        {
            builder.AddStatement(statement);
        }

        var current = builder.Build();
        Answerback.OpinionMap.OpinionMap? map = null;
        for (var b = 0; b < batches; b++)
        {
            var from = (int)((long)votes.Count * b / batches);
            var to = (int)((long)votes.Count * (b + 1) / batches);
            current = current.WithVotes(votes.GetRange(from, to - from));
            map = map is null ? OpinionMapper.Analyze(current, options) : OpinionMapper.Update(map, current, options);
        }

        return map ?? OpinionMapper.Analyze(current, options);
    }

    /// <summary>
    /// How well Pol.is's own groups are separated in our map: the share of the participants Pol.is
    /// grouped that lie nearer (in the plane of the two components) to their own Pol.is group's
    /// centre than to any other's. Near 1, a clustering of the plane can find Pol.is's groups; well
    /// below, Pol.is's groups were not formed from this map of these votes, and no clustering of it
    /// can reproduce them.
    /// </summary>
    private static double Separable(Answerback.OpinionMap.OpinionMap map, IReadOnlyDictionary<string, int?> polis)
    {
        var placed = map.Participants
            .Where(p => polis.TryGetValue(p.Id, out var g) && g is not null)
            .Select(p => (p.X, p.Y, Group: polis[p.Id]!.Value))
            .ToList();
        var centres = placed.GroupBy(p => p.Group).ToDictionary(g => g.Key, g => (X: g.Average(p => p.X), Y: g.Average(p => p.Y)));
        var nearer = placed.Count(p => centres.MinBy(c => ((p.X - c.Value.X) * (p.X - c.Value.X)) + ((p.Y - c.Value.Y) * (p.Y - c.Value.Y))).Key == p.Group);
        return placed.Count == 0 ? double.NaN : (double)nearer / placed.Count;
    }

    /// <summary>ARI between every pair of maps (the seeds' groupings).</summary>
    private static List<double> Pairs(List<Answerback.OpinionMap.OpinionMap> maps)
    {
        var pairs = new List<double>();
        for (var i = 0; i < maps.Count; i++)
        {
            for (var j = i + 1; j < maps.Count; j++)
            {
                pairs.Add(AdjustedRandIndex.Compute(maps[i], maps[j]));
            }
        }

        return pairs;
    }

    private static string Spread(List<double> values)
    {
        if (values.Count == 0)
        {
            return "n/a";
        }

        var sorted = values.Order().ToList();
        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        return $"{F(sorted[0])} / {F(median)} / {F(sorted[^1])}";
    }

    private static string F(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
