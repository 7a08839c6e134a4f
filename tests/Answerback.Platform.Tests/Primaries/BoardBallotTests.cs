using Answerback.Counting;
using Answerback.Platform.Primaries;

namespace Answerback.Platform.Tests.Primaries;

public class BoardBallotTests
{
    [Theory]
    [InlineData("2 1 3", BallotKind.Ranked)]
    [InlineData("1 3", BallotKind.Approval)]
    [InlineData("3", BallotKind.Plurality)]
    [InlineData("10", BallotKind.Ranked)]
    public void TryParse_BoardForm_RoundTrips(string text, BallotKind kind)
    {
        Assert.True(BoardBallot.TryParse(text, kind, 10, out var ballot, out _));
        Assert.Equal(text, ballot.Text);
    }

    [Theory]
    [InlineData("", BallotKind.Ranked, "empty")]
    [InlineData("1  2", BallotKind.Ranked, "single spaces")]
    [InlineData(" 1 2", BallotKind.Ranked, "single spaces")]
    [InlineData("1 2 ", BallotKind.Ranked, "single spaces")]
    [InlineData("01 2", BallotKind.Ranked, "no leading zeros")]
    [InlineData("1 +2", BallotKind.Ranked, "single spaces")]
    [InlineData("1 2 1", BallotKind.Ranked, "candidate 1 is marked more than once")]
    [InlineData("1 4", BallotKind.Ranked, "there is no candidate 4")]
    [InlineData("3 1", BallotKind.Approval, "ascending")]
    [InlineData("1 2", BallotKind.Plurality, "plurality takes one")]
    public void TryParse_NotTheBoardForm_SaysWhy(string text, BallotKind kind, string expected)
    {
        Assert.False(BoardBallot.TryParse(text, kind, 3, out _, out var problem));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ToCountingBallot_EachKind_TheEnginesShape()
    {
        Assert.Equal(Ballot.Ranked([1, 0, 2]), Parse("2 1 3", BallotKind.Ranked).ToCountingBallot());
        Assert.Equal(Ballot.Approval([0, 2]), Parse("1 3", BallotKind.Approval).ToCountingBallot());
        Assert.Equal(Ballot.SingleChoice(2), Parse("3", BallotKind.Plurality).ToCountingBallot());
    }

    [Theory]
    [InlineData("plurality", BallotKind.Plurality)]
    [InlineData("approval", BallotKind.Approval)]
    [InlineData("av", BallotKind.Ranked)]
    [InlineData("meek-stv", BallotKind.Ranked)]
    [InlineData("ranked-pairs", BallotKind.Ranked)]
    public void KindFor_Method(string method, BallotKind expected) => Assert.Equal(expected, BoardBallot.KindFor(method));

    [Fact]
    public void KindFor_UnknownMethod_Refused() => Assert.Throws<ArgumentException>(() => BoardBallot.KindFor("stv"));

    private static BoardBallot Parse(string text, BallotKind kind) =>
        BoardBallot.TryParse(text, kind, 3, out var ballot, out var problem) ? ballot : throw new InvalidOperationException(problem);
}
