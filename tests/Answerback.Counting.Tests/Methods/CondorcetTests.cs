namespace Answerback.Counting.Tests;

public class CondorcetTests
{
    [Fact]
    public void Schulze_FortyFiveVoterExample_ElectsE()
    {
        var report = new Schulze().Count(TextbookElections.Schulze45(), new CountOptions());

        Assert.Equal(["E"], report.Elected);
        Assert.Equal(["E", "A", "C", "B", "D"], report.Ranking);
        Assert.Empty(report.Draws);
    }

    [Fact]
    public void Schulze_FortyFiveVoterExample_ReportsPublishedPairwiseMatrix()
    {
        var report = new Schulze().Count(TextbookElections.Schulze45(), new CountOptions());

        // Schulze (2011), table for the 45-voter example: d[A,*] = -, 20, 26, 30, 22.
        Assert.NotNull(report.Pairwise);
        Assert.Equal([0L, 20, 26, 30, 22], report.Pairwise[0]);
        Assert.Equal([25L, 0, 16, 33, 18], report.Pairwise[1]);
        Assert.Equal([19L, 29, 0, 17, 24], report.Pairwise[2]);
        Assert.Equal([15L, 12, 28, 0, 14], report.Pairwise[3]);
        Assert.Equal([23L, 27, 21, 31, 0], report.Pairwise[4]);
    }

    [Fact]
    public void RankedPairs_FortyFiveVoterExampleByMargins_ElectsA()
    {
        var report = new RankedPairs().Count(TextbookElections.Schulze45(), new CountOptions());

        Assert.Equal(["A"], report.Elected);
    }

    [Theory]
    [InlineData("schulze")]
    [InlineData("ranked-pairs")]
    public void Count_Tennessee_ElectsCondorcetWinnerNashville(string method)
    {
        var report = CountingMethods.Get(method).Count(TextbookElections.Tennessee(), new CountOptions());

        Assert.Equal(["Nashville"], report.Elected);
        Assert.Equal("Nashville", report.Ranking![0]);
    }

    [Fact]
    public void Schulze_EqualRanksAndUnrankedCandidates_CountsThemLevel()
    {
        // 3 voters: A=B > C; 2 voters: C (A and B unranked). A and B are level everywhere: a lot decides.
        var election = new Election(["A", "B", "C"], [Ballot.WithRanks([[0, 1], [2]], 3), Ballot.Ranked([2], 2)]);

        var report = new Schulze().Count(election, new CountOptions { Seed = 3 });

        Assert.Equal([0L, 0, 3], report.Pairwise![0]);
        Assert.Equal(["0", "0", "2"], report.Stages[0].Totals); // A=B first has no single first preference
        Assert.Equal("3", report.Stages[0].NonTransferable);
        Assert.Equal([2L, 2, 0], report.Pairwise[2]);
        var draw = Assert.Single(report.Draws, d => d.Purpose == "winner");
        Assert.Equal(["A", "B"], draw.Among);
        Assert.Equal(draw.Chosen, report.Elected[0]);
    }

    [Fact]
    public void Schulze_SeveralSeatsRequested_Throws()
    {
        var ex = Assert.Throws<CountingException>(() => new Schulze().Count(TextbookElections.Tennessee(), new CountOptions { Seats = 2 }));

        Assert.Contains("elects one candidate", ex.Message, StringComparison.Ordinal);
    }
}
