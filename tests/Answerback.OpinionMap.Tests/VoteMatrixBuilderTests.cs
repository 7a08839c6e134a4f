namespace Answerback.OpinionMap.Tests;

public sealed class VoteMatrixBuilderTests
{
    private static VoteMatrixBuilder WithStatements(params string[] ids)
    {
        var builder = new VoteMatrixBuilder();
        foreach (var id in ids)
        {
            builder.AddStatement(new StatementInfo(id));
        }

        return builder;
    }

    [Fact]
    public void Build_SeveralVotesOnOneStatement_LatestByTimestampWins()
    {
        var builder = WithStatements("a", "b");
        builder.AddVote("p1", "a", 1, 300);
        builder.AddVote("p1", "a", -1, 100); // older, added later: loses
        builder.AddVote("p1", "b", 0, 50);
        builder.AddVote("p1", "b", 1, 50); // same time, added later: wins

        var matrix = builder.Build();

        Assert.Equal(2, matrix.VoteCount);
        Assert.Equal((sbyte)1, matrix.GetVote(0, 0));
        Assert.Equal((sbyte)1, matrix.GetVote(0, 1));
    }

    [Fact]
    public void Build_UnseenStatement_IsMissingNotPass()
    {
        var builder = WithStatements("a", "b", "c");
        builder.AddVote("p1", "a", 0, 1);
        builder.AddVote("p2", "c", -1, 2);

        var matrix = builder.Build();

        Assert.Equal((sbyte)0, matrix.GetVote(0, 0));
        Assert.Null(matrix.GetVote(0, 1));
        Assert.Null(matrix.GetVote(1, 0));
        Assert.Equal((sbyte)-1, matrix.GetVote(1, 2));
        Assert.Equal(2, matrix.VoteCount);
    }

    [Fact]
    public void AddVote_ValueOutsideMinusOneToOne_Throws()
    {
        var builder = WithStatements("a");
        Assert.Throws<ArgumentOutOfRangeException>(() => builder.AddVote("p1", "a", 2, 0));
    }

    [Fact]
    public void AddVote_UnknownStatement_Throws()
    {
        var builder = WithStatements("a");
        Assert.Throws<ArgumentException>(() => builder.AddVote("p1", "zzz", 1, 0));
    }

    [Fact]
    public void AddStatement_DuplicateId_Throws()
    {
        var builder = WithStatements("a");
        Assert.Throws<ArgumentException>(() => builder.AddStatement(new StatementInfo("a")));
    }

    [Fact]
    public void WithVotes_NewAndRepeatedVotes_MergesLatestAndAppendsParticipants()
    {
        var builder = WithStatements("a", "b", "c");
        builder.AddVote("p1", "a", 1, 10);
        builder.AddVote("p1", "c", 1, 10);
        builder.AddVote("p2", "b", -1, 10);
        var matrix = builder.Build();

        var updated = matrix.WithVotes(
        [
            new VoteRecord("p1", "a", -1, 20), // newer: replaces
            new VoteRecord("p1", "b", 0, 20), // new cell
            new VoteRecord("p2", "b", 1, 5), // older than stored: ignored
            new VoteRecord("p3", "c", 1, 30), // new participant
        ]);

        Assert.Equal(3, updated.ParticipantCount);
        Assert.Equal((sbyte)-1, updated.GetVote(0, 0));
        Assert.Equal((sbyte)0, updated.GetVote(0, 1));
        Assert.Equal((sbyte)1, updated.GetVote(0, 2));
        Assert.Equal((sbyte)-1, updated.GetVote(1, 1));
        Assert.Equal((sbyte)1, updated.GetVote(2, 2));
        Assert.Equal(5, updated.VoteCount);
        Assert.Equal(3, matrix.VoteCount); // the original is unchanged
    }

    [Fact]
    public void WithVotes_UnknownStatement_Throws()
    {
        var matrix = WithStatements("a").Build();
        Assert.Throws<ArgumentException>(() => matrix.WithVotes([new VoteRecord("p", "x", 1, 0)]));
    }
}
