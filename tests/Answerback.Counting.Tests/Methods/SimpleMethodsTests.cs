namespace Answerback.Counting.Tests;

public class SimpleMethodsTests
{
    [Fact]
    public void Plurality_Tennessee_ElectsMemphis()
    {
        var report = new Plurality().Count(TextbookElections.Tennessee(), new CountOptions());

        Assert.Equal(["Memphis"], report.Elected);
        Assert.Equal(["42", "26", "15", "17"], report.Stages[0].Totals);
    }

    [Fact]
    public void Plurality_TwoSeats_ElectsTopTwoInOrder()
    {
        var report = new Plurality().Count(TextbookElections.Tennessee(), new CountOptions { Seats = 2 });

        Assert.Equal(["Memphis", "Nashville"], report.Elected);
    }

    [Fact]
    public void Plurality_TieForLastSeat_DrawsLotReproducibly()
    {
        var election = new Election(["A", "B", "C"], [Ballot.SingleChoice(0, 5), Ballot.SingleChoice(1, 3), Ballot.SingleChoice(2, 3)], seats: 2);

        var first = new Plurality().Count(election, new CountOptions { Seed = 11 });
        var again = new Plurality().Count(election, new CountOptions { Seed = 11 });

        Assert.Equal("A", first.Elected[0]);
        var draw = Assert.Single(first.Draws);
        Assert.Equal(["B", "C"], draw.Among);
        Assert.Equal(first.Elected, again.Elected);
    }

    [Fact]
    public void Plurality_EqualFirstRank_Rejected()
    {
        var election = new Election(["A", "B"], [Ballot.Approval([0, 1])]);

        var ex = Assert.Throws<CountingException>(() => new Plurality().Count(election, new CountOptions()));
        Assert.Contains("ballot 1 marks 2 candidates equal first", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approval_ApprovalBallots_CountsEveryMark()
    {
        var election = new Election(["A", "B", "C"], [Ballot.Approval([0, 1], 4), Ballot.Approval([1, 2], 3), Ballot.Approval([2], 6)]);

        var report = new ApprovalVoting().Count(election, new CountOptions());

        Assert.Equal(["4", "7", "9"], report.Stages[0].Totals);
        Assert.Equal(["C"], report.Elected);
    }

    [Fact]
    public void Av_Tennessee_ElectsKnoxvilleAfterTwoExclusions()
    {
        var report = new AlternativeVote().Count(TextbookElections.Tennessee(), new CountOptions());

        Assert.Equal(["Knoxville"], report.Elected);
        Assert.Equal(["exclusion of Chattanooga", "exclusion of Nashville"], report.Stages.Skip(1).Select(s => s.Action));
        Assert.Equal(["42", "0", "0", "58"], report.Stages[^1].Totals);
    }

    [Fact]
    public void Av_MajorityOfFirstPreferences_ElectsAtFirstStage()
    {
        var election = new Election(["A", "B", "C"], [Ballot.Ranked([0], 51), Ballot.Ranked([1, 2], 30), Ballot.Ranked([2, 1], 19)]);

        var report = new AlternativeVote().Count(election, new CountOptions());

        Assert.Single(report.Stages);
        Assert.Equal(["A"], report.Elected);
    }

    [Fact]
    public void Av_TieForExclusion_BrokenByMostRecentRoundWhereTheyDiffered()
    {
        // Round 1: A 10, B 4, C 5, D 2 -> D out; one of D's papers goes to B. Round 2: A 10, B 5, C 5:
        // B and C are tied; at round 1 B had fewer, so B is excluded without a lot.
        var election = new Election(
            ["A", "B", "C", "D"],
            [Ballot.Ranked([0], 10), Ballot.Ranked([1], 4), Ballot.Ranked([2], 5), Ballot.Ranked([3, 1], 1), Ballot.Ranked([3], 1)]);

        var report = new AlternativeVote().Count(election, new CountOptions());

        Assert.Equal("exclusion of B", report.Stages[2].Action);
        Assert.Empty(report.Draws);
        Assert.Equal(["A"], report.Elected);
    }

    [Fact]
    public void Av_MajorityCountsOnlyContinuingVotes()
    {
        // Round 2: A 6 of 11 continuing votes (B's 3 papers exhausted) is a majority of continuing votes,
        // though not of the 14 valid votes.
        var election = new Election(["A", "B", "C"], [Ballot.Ranked([0], 6), Ballot.Ranked([2], 5), Ballot.Ranked([1], 3)]);

        var report = new AlternativeVote().Count(election, new CountOptions());

        Assert.Equal(2, report.Stages.Count);
        Assert.Equal("3", report.Stages[1].NonTransferable);
        Assert.Equal(["A"], report.Elected);
    }
}
