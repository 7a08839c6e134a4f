using System.Text;
using Answerback.Formats;
using Answerback.OpinionMap.Polis;
using Answerback.Testing;

namespace Answerback.OpinionMap.Tests;

public sealed class PolisExportTests
{
    private static readonly string London = Path.Combine(TestEnvironment.TestData, "OpinionMap", "london.youth.policing");

    private const string Comments = "timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,comment-body\n"
        + "1,0,0,0,0,1,false,\"Parks, please\"\n"
        + "2,1,0,0,0,-1,false,\"Line one\nline two\"\n"
        + "3,2,1,0,0,1,true,About this conversation\n";

    private static IReadOnlyList<StatementInfo> ReadComments(string text) =>
        PolisExport.ReadComments(Utf8(text), "comments.csv");

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void ReadComments_QuotedFieldsAndModeration_ParsedWithFlags()
    {
        var statements = ReadComments(Comments);

        Assert.Equal(["0", "1", "2"], statements.Select(s => s.Id));
        Assert.Equal("Parks, please", statements[0].Text);
        Assert.Equal("Line one\nline two", statements[1].Text);
        Assert.True(statements[1].IsModeratedOut);
        Assert.False(statements[0].IsModeratedOut);
        Assert.True(statements[2].IsMeta);
    }

    [Fact]
    public void ReadVotes_VotesWithTimestamps_LatestVoteWins()
    {
        var votes = "timestamp,datetime,comment-id,voter-id,vote\n"
            + "200,x,0,7,-1\n"
            + "100,x,0,7,1\n"
            + "150,x,2,7,0\n";

        var matrix = PolisExport.ReadVotes(ReadComments(Comments), Utf8(votes), "votes.csv");

        Assert.Equal(["7"], matrix.ParticipantIds);
        Assert.Equal((sbyte)-1, matrix.GetVote(0, 0));
        Assert.Equal((sbyte)0, matrix.GetVote(0, 2));
    }

    [Theory]
    [InlineData("timestamp,comment-id,voter-id\n1,0,7\n", "votes.csv:1: missing column 'vote'")]
    [InlineData("timestamp,comment-id,voter-id,vote\n1,0,7,1\n2,99,7,1\n", "votes.csv:3: vote for unknown statement '99'")]
    [InlineData("timestamp,comment-id,voter-id,vote\n1,0,7,2\n", "votes.csv:2: vote is 2; expected -1 (disagree), 0 (pass) or 1 (agree)")]
    [InlineData("timestamp,comment-id,voter-id,vote\n1,0,7,yes\n", "votes.csv:2: vote is 'yes'")]
    [InlineData("timestamp,comment-id,vote,voter-id,vote\n1,0,1,7,1\n", "votes.csv:1:36: duplicate column name 'vote' (columns 3 and 5)")]
    [InlineData("timestamp,comment-id,voter-id,vote\n1,0,7\n", "votes.csv:2: expected 4 columns as in the header, found 3")]
    [InlineData("timestamp,comment-id,voter-id,vote\nsoon,0,7,1\n", "votes.csv:2: timestamp is 'soon'")]
    public void ReadVotes_BadInput_ErrorNamesFileLineAndExpectation(string votes, string expected)
    {
        var error = Assert.Throws<InputFormatException>(() =>
            PolisExport.ReadVotes(ReadComments(Comments), Utf8(votes), "votes.csv"));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadVotes_ErrorAfterMultilineField_ReportsPhysicalLine()
    {
        var votes = "timestamp,comment-id,voter-id,vote,note\n1,0,7,1,\"two\nlines\"\n2,0,8,5,x\n";

        var error = Assert.Throws<InputFormatException>(() =>
            PolisExport.ReadVotes(ReadComments(Comments), Utf8(votes), "votes.csv"));

        Assert.Equal(4, error.Line);
    }

    [Theory]
    [InlineData("comment-id,moderated\n0,1\n0,1\n", "comments.csv:3: comment-id '0' already appeared on line 2")]
    [InlineData("comment-id,moderated\n0,7\n", "comments.csv:2: moderated is 7")]
    [InlineData("id,moderated\n0,1\n", "comments.csv:1: missing column 'comment-id'")]
    public void ReadComments_BadInput_ErrorNamesFileAndLine(string comments, string expected)
    {
        var error = Assert.Throws<InputFormatException>(() => ReadComments(comments));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("participant,group-id,0,1\n5,0,1,3\n", "participants-votes.csv:2: vote on statement '1' is 3")]
    [InlineData("participant,group-id,0,77\n5,0,1,1\n", "participants-votes.csv:1: column '77' names a statement that is not in comments.csv")]
    [InlineData("participant,0,0\n5,1,1\n", "participants-votes.csv:1:15: duplicate column name '0' (columns 2 and 3)")]
    [InlineData("group-id,0\n0,1\n", "participants-votes.csv:1: missing column 'participant'")]
    public void ReadParticipantsVotes_BadInput_ErrorNamesFileAndLine(string text, string expected)
    {
        var error = Assert.Throws<InputFormatException>(() =>
            PolisExport.ReadParticipantsVotes(ReadComments(Comments), Utf8(text), "participants-votes.csv"));
        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadDirectory_VotesAndParticipantsFiles_AgreeOnEveryVote()
    {
        var fromVotes = PolisExport.ReadDirectory(London).Matrix;
        using var stream = File.OpenRead(Path.Combine(London, "participants-votes.csv"));
        var (fromParticipants, groups) = PolisExport.ReadParticipantsVotes(null, stream, "participants-votes.csv");

        var a = fromVotes.EnumerateVotes().Select(v => (v.ParticipantId, v.StatementId, v.Value)).Order().ToList();
        var b = fromParticipants.EnumerateVotes().Select(v => (v.ParticipantId, v.StatementId, v.Value)).Order().ToList();
        Assert.Equal(a, b);
        Assert.NotEmpty(groups);
    }

    [Fact]
    public void WriteDirectory_ThenRead_RoundTripsVotesModerationAndGroups()
    {
        var original = PolisExport.ReadDirectory(London).Matrix;
        var map = OpinionMapper.Analyze(original);
        var folder = Directory.CreateTempSubdirectory("answerback-polis-");
        try
        {
            PolisExport.WriteDirectory(original, map, folder.FullName);
            var again = PolisExport.ReadDirectory(folder.FullName);

            Assert.Equal(
                original.EnumerateVotes().Select(v => (v.ParticipantId, v.StatementId, v.Value, v.Timestamp)).Order(),
                again.Matrix.EnumerateVotes().Select(v => (v.ParticipantId, v.StatementId, v.Value, v.Timestamp)).Order());
            Assert.Equal(original.Statements.Select(s => (s.Id, s.IsModeratedOut, s.Text)), again.Matrix.Statements.Select(s => (s.Id, s.IsModeratedOut, s.Text)));
            foreach (var p in map.Participants)
            {
                Assert.Equal(p.Group, again.PolisGroups[p.Id]);
            }
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadDirectory_OnlyVotesAndComments_IsEnough()
    {
        var folder = Directory.CreateTempSubdirectory("answerback-polis-");
        try
        {
            File.Copy(Path.Combine(London, "comments.csv"), Path.Combine(folder.FullName, "comments.csv"));
            File.Copy(Path.Combine(London, "votes.csv"), Path.Combine(folder.FullName, "votes.csv"));

            var conversation = PolisExport.ReadDirectory(folder.FullName);
            var map = OpinionMapper.Analyze(conversation.Matrix);

            Assert.Empty(conversation.PolisGroups);
            Assert.Equal(PolisExport.ReadDirectory(London).Matrix.VoteCount, conversation.Matrix.VoteCount);
            Assert.NotEmpty(map.Groups);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadDirectory_VotesWithoutComments_NamesTheMissingFile()
    {
        var folder = Directory.CreateTempSubdirectory("answerback-polis-");
        try
        {
            File.Copy(Path.Combine(London, "votes.csv"), Path.Combine(folder.FullName, "votes.csv"));

            var error = Assert.Throws<FileNotFoundException>(() => PolisExport.ReadDirectory(folder.FullName));

            Assert.Contains("needs comments.csv", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void ReadDirectory_EmptyFolder_SaysWhatIsExpected()
    {
        var folder = Directory.CreateTempSubdirectory("answerback-polis-");
        try
        {
            var error = Assert.Throws<FileNotFoundException>(() => PolisExport.ReadDirectory(folder.FullName));
            Assert.Contains("votes.csv with comments.csv, or participants-votes.csv", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
