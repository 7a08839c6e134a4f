namespace Answerback.Counting.Tests;

public class MeekStvTests
{
    [Fact]
    public void Count_SurplusPassesOn_KeepValueBringsWinnerDownToQuota()
    {
        // 100 votes, 2 seats: quota = 100/3 + 0.000000001 = 33.333333334 (truncated at nine places).
        // A (60, all A>B) keeps about 33.3333 of each vote; B reaches 20 + 26.6667 = 46.67 and is elected.
        var election = new Election(["A", "B", "C"], [Ballot.Ranked([0, 1], 60), Ballot.Ranked([1], 20), Ballot.Ranked([2], 20)], seats: 2);

        var report = new MeekStv().Count(election, new CountOptions());

        Assert.Equal("33.333333334", report.Quota);
        Assert.Equal(["A", "B"], report.Elected);
        var last = report.Stages[^1];
        Assert.StartsWith("33.3333", last.Totals[0], StringComparison.Ordinal);
        Assert.StartsWith("46.6666", last.Totals[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Count_ExclusionReflowsThroughElectedCandidate()
    {
        // Meek's distinguishing feature: when C is excluded, the C>A>B papers pass through A (already
        // elected) and A keeps part of each (Scottish STV would pass all 10 to B, giving B 35).
        // A's A-only papers shed their surplus as non-transferable, which lowers the quota. At convergence
        // A keeps k of each vote with 50k = q and 61 - 10k = 2q: k = 61/110, q = 27.7272..., B = 25 + 10(1 - k) = 29.4545...
        var election = new Election(
            ["A", "B", "C", "D"],
            [Ballot.Ranked([0], 40), Ballot.Ranked([1], 25), Ballot.Ranked([2, 0, 1], 10), Ballot.Ranked([3], 26)],
            seats: 2);

        var report = new MeekStv().Count(election, new CountOptions());

        Assert.Contains(report.Stages, s => s.Action.StartsWith("exclusion of C", StringComparison.Ordinal));
        Assert.Equal(["A", "B"], report.Elected);
        Assert.StartsWith("29.454", report.Stages[^1].Totals[1], StringComparison.Ordinal);
        Assert.StartsWith("27.727", report.Quota, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_EveryStage_TotalsPlusNonTransferableEqualValid()
    {
        var report = new MeekStv().Count(TextbookElections.Schulze45().WithSeats(2), new CountOptions());

        foreach (var stage in report.Stages)
        {
            var sum = stage.Totals.Append(stage.NonTransferable).Sum(t => decimal.Parse(t, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(decimal.Parse(report.Valid, System.Globalization.CultureInfo.InvariantCulture), sum);
        }
    }
}

internal static class ElectionExtensions
{
    public static Election WithSeats(this Election election, int seats) =>
        new(election.Candidates, election.Ballots, seats, election.Withdrawn, election.Title);
}
