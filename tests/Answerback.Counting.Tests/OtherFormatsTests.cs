using Answerback.Formats;
using System.Text;
using Answerback.Counting.Formats;

namespace Answerback.Counting.Tests;

public class OtherFormatsTests
{
    private static MemoryStream Text(string text) => new(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void CvrCsv_RowsWithBlanksAndRepeats_GroupsIdenticalRankings()
    {
        var csv = "id,rank1,rank2,rank3\n1,Bob,Ann,\n2,Ann,,\n3,Bob,Ann,\n4,\"Cy, Jr\",Bob,Ann\n";

        var election = CvrCsvFormat.Read(Text(csv), "cvr.csv", seats: 2);

        Assert.Equal(["Ann", "Bob", "Cy, Jr"], election.Candidates);
        Assert.Equal(2, election.Seats);
        Assert.Equal([Ballot.Ranked([1, 0], 2), Ballot.Ranked([0], 1), Ballot.Ranked([2, 1, 0], 1)], election.Ballots);
    }

    [Fact]
    public void CvrCsv_ManyCandidatesAndLongRankings_GroupedLikeShortOnes()
    {
        // 20 candidates named N00..N19; rows mention them so that later names get high internal numbers and
        // long rankings, exercising both the compact and the general grouping of identical rankings.
        var names = Enumerable.Range(0, 20).Select(i => "N" + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var header = "ballot," + string.Join(',', Enumerable.Range(1, 20).Select(r => "rank" + r.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var full = string.Join(',', names);
        var reversed = string.Join(',', names.Reverse());
        var shortRow = "N01,,N00" + new string(',', 17);
        var csv = $"{header}\n1,{full}\n2,{shortRow}\n3,{reversed}\n4,{full}\n5,{shortRow}\n6,{full}\n";

        var election = CvrCsvFormat.Read(Text(csv), "many.csv");

        Assert.Equal(names, election.Candidates);
        Assert.Equal(3, election.Ballots.Count);
        Assert.Equal(Ballot.Ranked(Enumerable.Range(0, 20), 3), election.Ballots[0]);
        Assert.Equal(Ballot.WithRanks([[1], [], [0]], 2), election.Ballots[1]);
        Assert.Equal(Ballot.Ranked(Enumerable.Range(0, 20).Reverse(), 1), election.Ballots[2]);
    }

    [Fact]
    public void CvrCsv_LargeFileReadInParts_SameElectionAsOnePass()
    {
        var random = new Random(4);
        var names = new[] { "Ann", "Bob", "Cy", "Dee", "\"Eve, Q\"" };
        var rows = new StringBuilder("id,rank1,rank2,rank3\n");
        for (var i = 0; i < 5000; i++)
        {
            var order = names.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            while (order.Count < 3)
            {
                order.Add(string.Empty);
            }

            rows.Append(i).Append(',').AppendJoin(',', order).Append('\n');
        }

        var path = Path.Combine(Path.GetTempPath(), $"answerback-parts-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, rows.ToString());
        try
        {
            var inParts = CvrCsvFormat.Read(path, 2, partMinimum: 4096);
            var onePass = CvrCsvFormat.Read(Text(rows.ToString()), path, 2);

            Assert.Equal(onePass.Candidates, inParts.Candidates);
            Assert.Equal(onePass.Ballots, inParts.Ballots);
            Assert.Equal(5000, inParts.TotalWeight);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CvrCsv_ErrorInLaterPart_ReportsLineInWholeFile()
    {
        var rows = new StringBuilder("rank1,rank2\n");
        for (var i = 0; i < 3000; i++)
        {
            rows.Append(i == 2500 ? "Ann,Ann\n" : "Ann,Bob\n");
        }

        var path = Path.Combine(Path.GetTempPath(), $"answerback-parts-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, rows.ToString());
        try
        {
            var ex = Assert.Throws<InputFormatException>(() => CvrCsvFormat.Read(path, 1, partMinimum: 2048));

            Assert.Equal($"{path}:2502: candidate 'Ann' is ranked more than once.", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void CvrCsv_InnerBlank_IsAGapThatStvRejects()
    {
        var election = CvrCsvFormat.Read(Text("rank1,rank2,rank3\nAnn,,Bob\n"), "cvr.csv");

        Assert.False(Assert.Single(election.Ballots).IsStrict);
        var ex = Assert.Throws<CountingException>(() => new ScottishStv().Count(election, new CountOptions()));
        Assert.Contains("gap at rank 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CvrCsv_CandidateRankedTwice_NamesLine()
    {
        var ex = Assert.Throws<InputFormatException>(() => CvrCsvFormat.Read(Text("rank1,rank2\nAnn,Bob\nAnn,Ann\n"), "cvr.csv"));

        Assert.Equal("cvr.csv:3: candidate 'Ann' is ranked more than once.", ex.Message);
    }

    [Fact]
    public void CvrCsv_NoRankColumns_NamesHeader()
    {
        var ex = Assert.Throws<InputFormatException>(() => CvrCsvFormat.Read(Text("a,b\nAnn,Bob\n"), "cvr.csv"));

        Assert.StartsWith("cvr.csv:1: missing column 'rank1' (expected rank1 ... rankN; the header has: a, b)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CvrCsv_WrongColumnCount_NamesLine()
    {
        var ex = Assert.Throws<InputFormatException>(() => CvrCsvFormat.Read(Text("rank1,rank2\nAnn,Bob,Cy\n"), "cvr.csv"));

        Assert.Equal("cvr.csv:2: expected 2 columns as in the header, found 3", ex.Message);
    }

    [Fact]
    public void PrefLib_Soi_ReadsNamesCountsAndOrders()
    {
        var soi = "# FILE NAME: x.soi\n# TITLE: Example\n# DATA TYPE: soi\n# NUMBER ALTERNATIVES: 3\n# ALTERNATIVE NAME 1: Ann\n# ALTERNATIVE NAME 2: Bob\n# ALTERNATIVE NAME 3: Cy\n12: 1,3,2\n5: 2\n";

        var election = PrefLibFormat.Read(Text(soi), "x.soi");

        Assert.Equal(["Ann", "Bob", "Cy"], election.Candidates);
        Assert.Equal("Example", election.Title);
        Assert.Equal([Ballot.Ranked([0, 2, 1], 12), Ballot.Ranked([1], 5)], election.Ballots);
    }

    [Fact]
    public void PrefLib_Toi_BracesAreEqualRanks()
    {
        var toi = "# NUMBER ALTERNATIVES: 3\n4: 2,{1,3}\n";

        var ballot = Assert.Single(PrefLibFormat.Read(Text(toi), "x.toi").Ballots);

        Assert.Equal([1], ballot.Rank(0).ToArray());
        Assert.Equal([0, 2], ballot.Rank(1).ToArray());
        Assert.Equal(4, ballot.Weight);
    }

    [Fact]
    public void PrefLib_AlternativeOutOfRange_NamesLine()
    {
        var ex = Assert.Throws<InputFormatException>(() => PrefLibFormat.Read(Text("# NUMBER ALTERNATIVES: 2\n1: 1,2\n3: 3,1\n"), "x.soi"));

        Assert.StartsWith("x.soi:3: expected an alternative number from 1 to 2", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void JsonBallots_WriteThenRead_RoundTrips()
    {
        var election = new Election(["A", "B", "C"], [Ballot.Ranked([0, 2], 3), Ballot.WithRanks([[1, 2], [0]], 2), Ballot.Ranked([], 1)], 2, [2], "T");
        using var stream = new MemoryStream();

        JsonBallotFormat.Write(election, stream);
        stream.Position = 0;
        var back = JsonBallotFormat.Read(stream, "b.json");

        Assert.Equal(election.Candidates, back.Candidates);
        Assert.Equal(election.Ballots, back.Ballots);
        Assert.Equal(election.Withdrawn, back.Withdrawn);
        Assert.Equal(2, back.Seats);
    }

    [Fact]
    public void JsonBallots_UnknownCandidate_NamesBallot()
    {
        var json = "{\"candidates\":[\"A\",\"B\"],\"ballots\":[{\"ranks\":[\"A\"]},{\"ranks\":[\"Z\"]}]}";

        var ex = Assert.Throws<InputFormatException>(() => JsonBallotFormat.Read(Text(json), "b.json"));

        Assert.Equal("b.json: ballot 2: unknown candidate 'Z'.", ex.Message);
    }

    [Fact]
    public void JsonBallots_BrokenJson_NamesLine()
    {
        var ex = Assert.Throws<InputFormatException>(() => JsonBallotFormat.Read(Text("{\n\"candidates\": [\"A\",\n"), "b.json"));

        Assert.StartsWith("b.json:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", ex.Message, StringComparison.Ordinal);
    }
}
