using System.Text;
using System.Text.Json.Nodes;
using Answerback.Counting;
using Answerback.Counting.Formats;
using Answerback.Platform.Primaries;

namespace Answerback.Platform.Tests.Primaries;

public class BoardCountTests
{
    public static TheoryData<string> Methods() => [.. TestBoards.Methods];

    [Theory]
    [MemberData(nameof(Methods))]
    public void WriteBlt_CountedAsTheCliCountsIt_GivesThePublishedResult(string method)
    {
        for (var seed = 1; seed <= 40; seed++)
        {
            var board = TestBoards.RandomClosed(method, candidates: 2 + (seed % 5), ballots: 1 + (seed * 7 % 60), seed);

            // What `answerback count ballots.blt --method M --seed S` does: read the file, count with the seed.
            using var writer = new StringWriter();
            BoardCount.WriteBlt(board, writer);
            using var blt = new MemoryStream(Encoding.UTF8.GetBytes(writer.ToString()));
            var election = BltFormat.Read(blt, "ballots.blt");
            var recount = CountingMethods.Get(method).Count(election, new CountOptions { Seed = board.Result!["seed"]!.GetValue<int>() });

            Assert.True(JsonNode.DeepEquals(board.Result, BoardCount.ReportJson(recount)), $"{method}, seed {seed}");
            Assert.Equal(board.Entries.Count, election.TotalWeight);
        }
    }

    [Fact]
    public void Count_WorkedExample_BobWinsOnFirstPreferences()
    {
        var report = BoardCount.Count(TestBoards.WorkedExample(), seed: 1);

        Assert.Equal(["Bob Jones"], report.Elected);
        Assert.Equal(["1", "2", "0"], report.Stages[0].Totals);
        Assert.Equal("Example ward candidate", report.Title);
    }

    [Fact]
    public void WriteBlt_WorkedExample_OneLinePerDistinctBallot()
    {
        using var writer = new StringWriter();
        BoardCount.WriteBlt(TestBoards.WorkedExample(), writer);

        Assert.Equal("3 1\n1 2 1 3 0\n1 1 0\n1 2 3 0\n0\n\"Ann Smith\"\n\"Bob Jones\"\n\"Cy Patel\"\n\"Example ward candidate\"\n", writer.ToString());
    }

    [Fact]
    public void Election_OpenBoard_Refused() =>
        Assert.Throws<InvalidOperationException>(() => BoardCount.Election(TestBoards.WorkedExample(closed: false)));
}
