using Answerback.OpinionMap.Polis;
using Answerback.Testing;

namespace Answerback.OpinionMap.Tests;

/// <summary>Our groups against Pol.is's own (<c>group-id</c>) on the reference conversations in ../shared/data.</summary>
public sealed class PolisComparisonTests
{
    internal static double Ari(OpinionMap map, PolisConversation conversation)
    {
        var ours = new List<int>();
        var theirs = new List<int>();
        foreach (var p in map.Participants)
        {
            if (p.Group is int g && conversation.PolisGroups.TryGetValue(p.Id, out var t) && t is int polis)
            {
                ours.Add(g);
                theirs.Add(polis);
            }
        }

        return AdjustedRandIndex.Compute(ours, theirs);
    }

    [Theory]
    [InlineData("bg2050-volunteers")]
    [InlineData("scoop-hivemind.biodiversity")]
    [InlineData("scoop-hivemind.taxes")]
    public void Analyze_ReferenceConversation_AdjustedRandAtLeast085(string name)
    {
        var folder = Path.Combine(TestEnvironment.RequireSharedData(), "polis", name);
        var conversation = PolisExport.ReadDirectory(folder);

        var map = OpinionMapper.Analyze(conversation.Matrix);

        var ari = Ari(map, conversation);
        Assert.True(ari >= 0.85, $"{name}: ARI {ari:F3}");
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
