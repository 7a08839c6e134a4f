using Answerback.Formats;
using System.Text;
using Answerback.Counting.Formats;

namespace Answerback.Counting.Tests;

public class BltFormatTests
{
    private static Election Parse(string text) => BltFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.blt");

    private static InputFormatException Fails(string text) => Assert.Throws<InputFormatException>(() => Parse(text));

    [Fact]
    public void Read_WithdrawnQuotedNamesAndTitle_ReadsEverything()
    {
        var election = Parse("3 2\n-2\n4 1 2 3 0\n2 3 0\n0\n\"Ann \"\"A\"\" Smith\"\nBob\n\"Cy\" \"Party\"\n\"The title\"\n");

        Assert.Equal(["Ann \"A\" Smith", "Bob", "Cy \"Party\""], election.Candidates);
        Assert.Equal(2, election.Seats);
        Assert.Equal([1], election.Withdrawn);
        Assert.Equal("The title", election.Title);
        Assert.Equal([Ballot.Ranked([0, 1, 2], 4), Ballot.Ranked([2], 2)], election.Ballots);
    }

    [Fact]
    public void Read_EqualRanks_KeptForMethodsThatTakeThem()
    {
        var election = Parse("3 1\n5 1=2 3 0\n0\nA\nB\nC\n");

        var ballot = Assert.Single(election.Ballots);
        Assert.False(ballot.IsStrict);
        Assert.Equal([0, 1], ballot.Rank(0).ToArray());
    }

    [Fact]
    public void Read_OneLinePerBallot_GroupsIdenticalLinesInFirstSeenOrder()
    {
        var election = Parse("3 1\n1 2 1 0\n1 1 0\n1 2 1 0\n2 1 0\n1 3 0\n0\nA\nB\nC\n");

        Assert.Equal([Ballot.Ranked([1, 0], 2), Ballot.Ranked([0], 3), Ballot.Ranked([2], 1)], election.Ballots);
    }

    [Fact]
    public void Read_TrailingCommaVariant_Tolerated()
    {
        var election = Parse("2 1,\n3 1 2 0,\n0,\nA,\nB,\nTitle,");

        Assert.Equal(["A", "B"], election.Candidates);
        Assert.Equal(3, election.TotalWeight);
    }

    [Fact]
    public void Read_UnknownCandidateNumber_NamesFileAndLine()
    {
        var ex = Fails("2 1\n3 1 2 0\n1 3 0\n0\nA\nB\n");

        Assert.Equal("test.blt:3: expected a candidate number from 1 to 2, found '3'.", ex.Message);
    }

    [Fact]
    public void Read_MissingZeroTerminator_NamesLine()
    {
        var ex = Fails("2 1\n3 1 2\n0\nA\nB\n");

        Assert.Equal("test.blt:2: the ballot line does not end with 0.", ex.Message);
    }

    [Fact]
    public void Read_MissingEndOfBallotsLine_Explains()
    {
        var ex = Fails("2 1\n3 1 2 0\n");

        Assert.Contains("not ended by a line '0'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MoreSeatsThanCandidates_NamesFirstLine()
    {
        var ex = Fails("2 3\n3 1 2 0\n0\nA\nB\n");

        Assert.Equal("test.blt:1: 3 seats but only 2 candidates.", ex.Message);
    }

    [Fact]
    public void Read_EmptyFile_SaysSo()
    {
        var ex = Fails("   \n");

        Assert.Equal("test.blt: the file is empty; expected a first line 'candidates seats'.", ex.Message);
    }

    [Fact]
    public void Read_NonNumericWeight_NamesLineAndToken()
    {
        var ex = Fails("2 1\nx 1 2 0\n0\nA\nB\n");

        Assert.Equal("test.blt:2: expected a positive whole-number weight at the start of the ballot, found 'x'.", ex.Message);
    }

    [Fact]
    public void Read_MissingNames_SaysHowManyExpected()
    {
        var ex = Fails("2 1\n3 1 2 0\n0\nA\n");

        Assert.Contains("expected 2 candidate names", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_ThenRead_RoundTripsWithdrawnAndNames()
    {
        var election = new Election(["A \"x\"", "B", "C"], [Ballot.Ranked([0, 2], 3), Ballot.WithRanks([[1, 2], [0]], 2)], 2, [1], "T");
        using var writer = new StringWriter();

        BltFormat.Write(election, writer);
        var back = Parse(writer.ToString());

        Assert.Equal(election.Candidates, back.Candidates);
        Assert.Equal(election.Withdrawn, back.Withdrawn);
        Assert.Equal(election.Ballots, back.Ballots);
        Assert.Equal("T", back.Title);
    }
}
