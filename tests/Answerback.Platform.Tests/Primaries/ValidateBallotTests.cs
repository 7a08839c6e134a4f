using Answerback.Platform.Common;
using Answerback.Platform.Primaries;

namespace Answerback.Platform.Tests.Primaries;

public class ValidateBallotTests
{
    private static readonly string[] Candidates = ["Ann Smith", "Bob Jones", "Cy Patel", "Di Wong"];

    private static Result<BoardBallot> Ranked(string method, params string?[] ranks) => ValidateBallot.Check(method, Candidates, new BallotForm(Ranks: ranks));

    [Theory]
    [InlineData("av")]
    [InlineData("scottish-stv")]
    [InlineData("meek-stv")]
    [InlineData("schulze")]
    [InlineData("ranked-pairs")]
    public void Ranked_NumbersBesideCandidates_BallotInPreferenceOrder(string method)
    {
        var check = Ranked(method, "2", "", " 1 ", "3");

        Assert.True(check.Succeeded);
        Assert.Equal("3 1 4", check.Value!.Text);
    }

    [Theory]
    [InlineData("av")]
    [InlineData("scottish-stv")]
    [InlineData("meek-stv")]
    public void Ranked_GapForTransferableVote_RefusedOnTheRanks(string method)
    {
        var check = Ranked(method, "1", "2", "4", null);

        var error = Assert.Single(check.Errors);
        Assert.Equal("Ranks", error.Field);
        Assert.Contains("No candidate is numbered 3", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("schulze")]
    [InlineData("ranked-pairs")]
    public void Ranked_GapForCondorcet_ClosedUp(string method)
    {
        var check = Ranked(method, "4", "1", null, "2");

        Assert.Equal("2 4 1", check.Value!.Text);
    }

    [Theory]
    [InlineData("av")]
    [InlineData("schulze")]
    public void Ranked_RepeatedNumber_RefusedOnTheSecondCandidate(string method)
    {
        var check = Ranked(method, "1", "2", "2", "3");

        var error = Assert.Single(check.Errors);
        Assert.Equal("Ranks[2]", error.Field);
        Assert.Equal("Bob Jones and Cy Patel are both numbered 2; give each number to one candidate.", error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("5")]
    [InlineData("first")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void Ranked_NotANumberFrom1ToN_RefusedOnThatField(string rank)
    {
        var check = Ranked("av", "1", rank);

        var error = Assert.Single(check.Errors);
        Assert.Equal("Ranks[1]", error.Field);
        Assert.Equal("Bob Jones: enter a number from 1 to 4, or leave it blank.", error.Message);
    }

    [Fact]
    public void Ranked_NothingNumbered_Refused()
    {
        var check = Ranked("av", "", null, " ", "");

        Assert.Equal("Ranks", Assert.Single(check.Errors).Field);
    }

    [Fact]
    public void Ranked_MoreRanksThanCandidates_Refused() =>
        Assert.Equal("Ranks", Assert.Single(Ranked("av", "1", "2", "3", "4", "5").Errors).Field);

    [Fact]
    public void Approval_TickedBoxes_AscendingBallot()
    {
        var check = ValidateBallot.Check("approval", Candidates, new BallotForm(Approved: ["4", "1", "3"]));

        Assert.Equal("1 3 4", check.Value!.Text);
    }

    [Theory]
    [InlineData(new string[0], "Tick at least one candidate.")]
    [InlineData(new[] { "1", "1" }, "Ann Smith is ticked twice; tick each candidate once.")]
    [InlineData(new[] { "9" }, "'9' is not one of the candidates (1 to 4); reload the ballot.")]
    public void Approval_Bad_RefusedOnApproved(string[] ticked, string message)
    {
        var error = Assert.Single(ValidateBallot.Check("approval", Candidates, new BallotForm(Approved: ticked)).Errors);

        Assert.Equal(("Approved", message), (error.Field, error.Message));
    }

    [Fact]
    public void Plurality_OneChoice_BallotOfOneNumber() =>
        Assert.Equal("3", ValidateBallot.Check("plurality", Candidates, new BallotForm(Choice: "3")).Value!.Text);

    [Theory]
    [InlineData(null, "Choose one candidate.")]
    [InlineData("0", "'0' is not one of the candidates (1 to 4); reload the ballot.")]
    public void Plurality_Bad_RefusedOnChoice(string? choice, string message)
    {
        var error = Assert.Single(ValidateBallot.Check("plurality", Candidates, new BallotForm(Choice: choice)).Errors);

        Assert.Equal(("Choice", message), (error.Field, error.Message));
    }
}
