using System.Text.Json;
using Answerback.Counting.Reports;

namespace Answerback.Counting.Tests;

public class ReportWriterTests
{
    private static CountReport SmallStv() =>
        new ScottishStv().Count(new Election(["A", "B", "C"], [Ballot.Ranked([0, 1], 40), Ballot.Ranked([0, 2], 20), Ballot.Ranked([1], 10), Ballot.Ranked([2], 30)], seats: 2, title: "Ward"), new CountOptions());

    [Fact]
    public void WriteJson_StvReport_UsesPublicContractNames()
    {
        using var writer = new StringWriter();

        ReportWriter.WriteJson(SmallStv(), writer);
        using var doc = JsonDocument.Parse(writer.ToString());
        var root = doc.RootElement;

        Assert.Equal("scottish-stv", root.GetProperty("method").GetString());
        Assert.Equal(2, root.GetProperty("seats").GetInt32());
        Assert.Equal("34.00000", root.GetProperty("quota").GetString());
        Assert.Equal(["A", "B", "C"], root.GetProperty("candidates").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["A", "C"], root.GetProperty("elected").EnumerateArray().Select(e => e.GetString()));
        var stage = root.GetProperty("stages")[0];
        Assert.Equal(1, stage.GetProperty("stage").GetInt32());
        Assert.Equal("first preferences", stage.GetProperty("action").GetString());
        Assert.Equal(["60.00000", "10.00000", "30.00000"], stage.GetProperty("totals").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("0.00000", stage.GetProperty("nonTransferable").GetString());
    }

    [Fact]
    public void WriteCsv_StvReport_OneRowPerStageWithCandidateColumns()
    {
        using var writer = new StringWriter();

        ReportWriter.WriteCsv(SmallStv(), writer);
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("stage,action,A,B,C,non-transferable,elected,excluded", lines[0]);
        Assert.Equal("2,surplus of A at transfer value 0.43333,34.00000,27.33320,38.66660,0.00020,C,", lines[2]);
        Assert.Equal(3, lines.Length);
    }

    [Fact]
    public void WriteText_StvReport_ShowsQuotaStagesAndElected()
    {
        using var writer = new StringWriter();

        ReportWriter.WriteText(SmallStv(), writer);
        var text = writer.ToString();

        Assert.Contains("Quota: 34.00000", text, StringComparison.Ordinal);
        Assert.Contains("Stage 2: surplus of A at transfer value 0.43333; elected: C", text, StringComparison.Ordinal);
        Assert.Contains("Elected: A, C", text, StringComparison.Ordinal);
        Assert.Matches(@"B\s+10\.00000\s+27\.33320", text);
    }

    [Fact]
    public void WriteJson_Schulze_IncludesPairwiseMatrixAndRanking()
    {
        using var writer = new StringWriter();

        ReportWriter.WriteJson(new Schulze().Count(TextbookElections.Schulze45(), new CountOptions()), writer);
        using var doc = JsonDocument.Parse(writer.ToString());

        Assert.Equal(20, doc.RootElement.GetProperty("pairwise")[0][1].GetInt64());
        Assert.Equal("E", doc.RootElement.GetProperty("ranking")[0].GetString());
    }
}
