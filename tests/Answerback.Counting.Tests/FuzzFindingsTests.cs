using Answerback.Counting.Formats;
using Answerback.Formats;
using Answerback.Testing;

namespace Answerback.Counting.Tests;

/// <summary>
/// Inputs the fuzzing campaign (fuzz/, docs/reliability.md) found crashing a reader, shrunk to a few bytes
/// (tests/data/Counting/fuzz). Each must now be refused with the format's own error, naming the file.
/// </summary>
public class FuzzFindingsTests
{
    private static string Data(string name) => Path.Combine(TestEnvironment.TestData, "Counting", "fuzz", name);

    [Fact]
    public void Blt_HugeCandidateCount_RefusedOnTheHeaderLineInsteadOfExhaustingMemory()
    {
        var path = Data("huge-candidate-count.blt");

        var ex = Assert.Throws<InputFormatException>(() => BltFormat.Read(path));

        Assert.Equal((path, 1), (ex.File, ex.Line));
        Assert.Contains("at most 100000 are supported", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void PrefLib_HugeAlternativeCount_RefusedOnItsLineInsteadOfExhaustingMemory()
    {
        var path = Data("huge-alternative-count.soi");

        var ex = Assert.Throws<InputFormatException>(() => PrefLibFormat.Read(path));

        Assert.Equal((path, 2), (ex.File, ex.Line));
        Assert.StartsWith("expected a number of alternatives from 1 to 100000", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Blt_WithdrawnCandidateIntMinValue_RefusedNamingTheLineInsteadOfOverflowing()
    {
        var path = Data("withdrawn-int-min.blt");

        var ex = Assert.Throws<InputFormatException>(() => BltFormat.Read(path));

        Assert.Equal((path, 2, "expected withdrawn candidates as negative numbers from -1 to -4, found '-2147483648'."), (ex.File, ex.Line, ex.Problem));
    }

    [Fact]
    public void Blt_WeightsAddingUpPastLongMaxValue_RefusedOnTheLineThatOverflows()
    {
        // Each weight fits; their sum does not, and every count sums the weights.
        var path = Data("total-weight-overflow.blt");

        var ex = Assert.Throws<InputFormatException>(() => BltFormat.Read(path));

        Assert.Equal((path, 3), (ex.File, ex.Line));
        Assert.StartsWith("the ballots' weights add up to more than", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Blt_GapsThenTiedCandidates_ReadInsteadOfOverrunningTheRankBuffer()
    {
        // Found by reading the parser after the campaign: five gaps, then a tie, wrote past the ballot's buffer.
        var election = BltFormat.Read(Data("gaps-then-tie.blt"));

        var ballot = Assert.Single(election.Ballots);
        Assert.Equal(6, ballot.RankCount);
        Assert.Equal([0, 1], ballot.Rank(5).ToArray());
    }

    [Fact]
    public void PrefLib_AlternativeCountGivenTwiceDifferently_RefusedOnTheSecondLine()
    {
        var path = Data("alternative-count-twice.toi");

        var ex = Assert.Throws<InputFormatException>(() => PrefLibFormat.Read(path));

        Assert.Equal((path, 3, "a second '# NUMBER ALTERNATIVES' line says 3, the first said 4."), (ex.File, ex.Line, ex.Problem));
    }

    [Fact]
    public void JsonBallots_CountsAddingUpPastLongMaxValue_RefusedNamingTheBallot()
    {
        var path = Data("total-count-overflow.json");

        var ex = Assert.Throws<InputFormatException>(() => JsonBallotFormat.Read(path));

        Assert.Equal(path, ex.File);
        Assert.StartsWith("ballot 2: the ballots' weights add up to more than", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("invalid-utf8-title.json")]
    [InlineData("invalid-utf8-rank.json")]
    [InlineData("unpaired-surrogate-key.json")]
    public void JsonBallots_TextThatCannotBeDecoded_RefusedNamingTheFile(string name)
    {
        var path = Data(name);

        var ex = Assert.Throws<InputFormatException>(() => JsonBallotFormat.Read(path));

        Assert.Equal(path, ex.File);
        Assert.Equal("a name or key is not valid UTF-8 text or holds an unpaired \\u surrogate escape.", ex.Problem);
    }
}
