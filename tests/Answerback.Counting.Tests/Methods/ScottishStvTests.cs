using Answerback.Counting.Formats;
using Answerback.Testing;

namespace Answerback.Counting.Tests;

public class ScottishStvTests
{
    private static readonly ScottishStv Method = new();

    public static TheoryData<string> OwnWards => ["renfrewshire_2017_ward3", "highland_2017_ward1", "edinburgh_2017_ward1"];

    [Theory]
    [MemberData(nameof(OwnWards))]
    public void Count_OfficialSheetInProjectData_ReproducesEveryStage(string ward)
    {
        var folder = Path.Combine(TestEnvironment.TestData, "Counting", "scotland");
        var report = Method.Count(BltFormat.Read(Path.Combine(folder, ward + ".blt")), new CountOptions());
        var sheet = OfficialSheet.Load(Path.Combine(folder, ward + ".json"));

        Assert.Empty(sheet.Differences(report));
    }

    [Fact]
    public void Count_AllFortyOfficialSheets_ReproduceEveryStage()
    {
        var data = TestEnvironment.RequireSharedData();
        var expected = Directory.GetFiles(Path.Combine(data, "stv", "expected"), "*.json").Order(StringComparer.Ordinal).ToList();
        var blts = Directory.GetFiles(Path.Combine(data, "stv", "blt"), "*.blt", SearchOption.AllDirectories)
            .ToDictionary(p => Path.GetFileNameWithoutExtension(p), StringComparer.Ordinal);
        Assert.Equal(40, expected.Count);
        var problems = new List<string>();
        foreach (var path in expected)
        {
            var ward = Path.GetFileNameWithoutExtension(path);
            var report = Method.Count(BltFormat.Read(blts[ward]), new CountOptions());
            problems.AddRange(OfficialSheet.Load(path).Differences(report).Select(p => ward + ": " + p));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Count_RenfrewshireEqualSurpluses_TransfersHigherAtLastUnequalStageFirst()
    {
        var report = Method.Count(BltFormat.Read(Path.Combine(TestEnvironment.TestData, "Counting", "scotland", "renfrewshire_2017_ward3.blt")), new CountOptions());

        // Both reach 1311 at stage 6; at stage 5 the eighth candidate had 1167 against 1103, so theirs goes first.
        Assert.StartsWith("surplus of " + report.Candidates[7], report.Stages[6].Action, StringComparison.Ordinal);
        Assert.Empty(report.Draws);
    }

    [Fact]
    public void Count_HighlandNobodyAtQuota_FillsSeatsUnderRule52()
    {
        var report = Method.Count(BltFormat.Read(Path.Combine(TestEnvironment.TestData, "Counting", "scotland", "highland_2017_ward1.blt")), new CountOptions());

        Assert.Equal(3, report.Elected.Count);
        Assert.All(report.Stages.Take(report.Stages.Count - 1), s => Assert.Empty(s.Elected));
        Assert.Equal(3, report.Stages[^1].Elected.Count);
    }

    [Fact]
    public void Count_SmallElection_MatchesHandCount()
    {
        // 3 candidates, 2 seats, 100 papers: quota = floor(100/3)+1 = 34.
        // A 60 -> surplus 26 at 26/60 = 0.43333 per paper; 40 of A's papers go on to B, 20 to C.
        var election = new Election(["A", "B", "C"], [Ballot.Ranked([0, 1], 40), Ballot.Ranked([0, 2], 20), Ballot.Ranked([1], 10), Ballot.Ranked([2], 30)], seats: 2);

        var report = Method.Count(election, new CountOptions());

        Assert.Equal("34.00000", report.Quota);
        Assert.Equal(["60.00000", "10.00000", "30.00000"], report.Stages[0].Totals);
        Assert.Equal("surplus of A at transfer value 0.43333", report.Stages[1].Action);
        // B: 10 + 40 * 0.43333 = 27.33320; C: 30 + 20 * 0.43333 = 38.66660; lost to truncation 26 - 25.99980 = 0.00020.
        Assert.Equal(["34.00000", "27.33320", "38.66660"], report.Stages[1].Totals);
        Assert.Equal("0.00020", report.Stages[1].NonTransferable);
        Assert.Equal(["A", "C"], report.Elected);
    }

    [Fact]
    public void Count_WithdrawnCandidate_GetsNothingAndPreferencesPassOver()
    {
        // B withdrawn: the 30 B>C papers count for C from the start; the 5 B-only papers are non-transferable.
        var election = new Election(["A", "B", "C"], [Ballot.Ranked([0], 40), Ballot.Ranked([1, 2], 30), Ballot.Ranked([2], 25), Ballot.Ranked([1], 5)], seats: 1, withdrawn: [1]);

        var report = Method.Count(election, new CountOptions());

        Assert.Equal(["40.00000", "0.00000", "55.00000"], report.Stages[0].Totals);
        Assert.Equal("95.00000", report.Valid);
        Assert.Equal(["C"], report.Elected);
    }

    [Fact]
    public void Count_MoreSeatsThanCandidates_Throws()
    {
        var election = new Election(["A", "B"], [Ballot.Ranked([0, 1])]);

        var ex = Assert.Throws<CountingException>(() => Method.Count(election, new CountOptions { Seats = 3 }));
        Assert.Contains("3 seats but only 2 candidates", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_EqualRanks_RejectedWithReason()
    {
        var election = new Election(["A", "B", "C"], [Ballot.WithRanks([[0, 1], [2]])]);

        var ex = Assert.Throws<CountingException>(() => Method.Count(election, new CountOptions()));
        Assert.Contains("equal at rank 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Count_TieAtEveryStage_DrawsLotWithSeedAndRecordsIt()
    {
        var election = new Election(["A", "B", "C"], [Ballot.Ranked([0], 5), Ballot.Ranked([1], 3), Ballot.Ranked([2], 3)]);

        var first = Method.Count(election, new CountOptions { Seed = 7 });
        var again = Method.Count(election, new CountOptions { Seed = 7 });

        var draw = Assert.Single(first.Draws);
        Assert.Equal("exclusion", draw.Purpose);
        Assert.Equal(["B", "C"], draw.Among);
        Assert.Equal(draw.Chosen, Assert.Single(again.Draws).Chosen);
        Assert.Equal("exclusion of " + draw.Chosen, first.Stages[1].Action);
    }
}
