using FsCheck;
using FsCheck.Xunit;

namespace Answerback.OpinionMap.Tests;

public sealed class VoteMatrixPropertyTests
{
    private static List<VoteRecord> RandomVotes(int seed, int count)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(_ => new VoteRecord(
            "p" + random.Next(12).ToString(System.Globalization.CultureInfo.InvariantCulture),
            "s" + random.Next(8).ToString(System.Globalization.CultureInfo.InvariantCulture),
            (sbyte)random.Next(-1, 2),
            random.Next(50)))];
    }

    private static VoteMatrixBuilder Statements()
    {
        var builder = new VoteMatrixBuilder();
        for (var s = 0; s < 8; s++)
        {
            builder.AddStatement(new StatementInfo("s" + s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return builder;
    }

    /// <summary>Every (participant, statement) pair voted on is stored once, holding its latest vote (last added among equal times).</summary>
    [Property(MaxTest = 200)]
    public bool Build_AnyVotes_OneCellPerPairHoldingTheLatestVote(PositiveInt seed, NonNegativeInt count)
    {
        var votes = RandomVotes(seed.Get, count.Get % 300);
        var builder = Statements();
        foreach (var v in votes)
        {
            builder.AddVote(v.ParticipantId, v.StatementId, v.Value, v.Timestamp);
        }

        var matrix = builder.Build();
        var expected = votes
            .Select((v, i) => (v, i))
            .GroupBy(t => (t.v.ParticipantId, t.v.StatementId))
            .ToDictionary(g => g.Key, g => g.OrderBy(t => t.v.Timestamp).ThenBy(t => t.i).Last().v.Value);
        var actual = matrix.EnumerateVotes().ToDictionary(v => (v.ParticipantId, v.StatementId), v => v.Value);
        return matrix.VoteCount == expected.Count
            && expected.All(kv => actual.TryGetValue(kv.Key, out var value) && value == kv.Value);
    }

    /// <summary>Building from part of the votes and merging the rest with WithVotes gives the same matrix as building from all.</summary>
    [Property(MaxTest = 200)]
    public bool WithVotes_SplitAnywhere_SameAsBuildingFromAll(PositiveInt seed, NonNegativeInt count, NonNegativeInt split)
    {
        var votes = RandomVotes(seed.Get, count.Get % 300);
        var cut = votes.Count == 0 ? 0 : split.Get % (votes.Count + 1);
        var all = Statements();
        foreach (var v in votes)
        {
            all.AddVote(v.ParticipantId, v.StatementId, v.Value, v.Timestamp);
        }

        var part = Statements();
        foreach (var v in votes.Take(cut))
        {
            part.AddVote(v.ParticipantId, v.StatementId, v.Value, v.Timestamp);
        }

        var merged = part.Build().WithVotes(votes.Skip(cut));
        var expected = all.Build().EnumerateVotes().Select(v => (v.ParticipantId, v.StatementId, v.Value, v.Timestamp)).Order();
        var actual = merged.EnumerateVotes().Select(v => (v.ParticipantId, v.StatementId, v.Value, v.Timestamp)).Order();
        return expected.SequenceEqual(actual);
    }
}
