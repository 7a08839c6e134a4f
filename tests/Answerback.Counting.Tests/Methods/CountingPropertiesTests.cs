using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace Answerback.Counting.Tests;

public class CountingPropertiesTests
{
    private static readonly string[] AllMethods = ["plurality", "approval", "av", "scottish-stv", "meek-stv", "schulze", "ranked-pairs"];

    private static CountReport Count(string method, Election election) =>
        CountingMethods.Get(method).Count(election, new CountOptions { Seats = IsSingleWinner(method) ? null : election.Seats, Seed = 5 });

    private static bool IsSingleWinner(string method) => method is "av" or "schulze" or "ranked-pairs";

    [Property(MaxTest = 150)]
    public Property Count_BallotOrderReversed_SameReport() =>
        Prop.ForAll(ElectionGen.Arbitrary(), election =>
            AllMethods.All(m => ElectionGen.Json(Count(m, election)) == ElectionGen.Json(Count(m, election.Reversed()))));

    [Property(MaxTest = 100)]
    public Property Count_BallotsShuffled_SameReport() =>
        Prop.ForAll(
            ElectionGen.Elections().SelectMany(e => Gen.Shuffle(e.Ballots.ToArray()).Select(s => (e, s))).ToArbitrary(),
            pair =>
            {
                var (election, shuffled) = pair;
                var other = new Election(election.Candidates, shuffled, election.Seats);
                return AllMethods.All(m => ElectionGen.Json(Count(m, election)) == ElectionGen.Json(Count(m, other)));
            });

    [Property(MaxTest = 100)]
    public Property Count_GroupedAndUngroupedBallots_SameReport() =>
        Prop.ForAll(ElectionGen.Arbitrary(maxCandidates: 5), election =>
            AllMethods.All(m => ElectionGen.Json(Count(m, election)) == ElectionGen.Json(Count(m, election.Ungrouped()))
                && ElectionGen.Json(Count(m, election)) == ElectionGen.Json(Count(m, election.Ungrouped().Grouped()))));

    [Property(MaxTest = 200)]
    public Property Stv_EveryStage_TotalsPlusNonTransferableEqualValidPollExactly() =>
        Prop.ForAll(ElectionGen.Arbitrary(), election =>
            new[] { "scottish-stv", "meek-stv" }.All(m =>
            {
                var report = Count(m, election);
                var valid = decimal.Parse(report.Valid, CultureInfo.InvariantCulture);
                return report.Stages.All(s => s.Totals.Append(s.NonTransferable).Sum(t => decimal.Parse(t, CultureInfo.InvariantCulture)) == valid);
            }));

    [Property(MaxTest = 200)]
    public Property Av_MajorityOfFirstPreferences_Wins() =>
        Prop.ForAll(ElectionGen.Arbitrary(), election =>
        {
            // Add papers for C0 first outweighing every other paper: C0 has a majority of first preferences.
            var others = election.Ballots.Sum(b => b.Weight);
            var withMajority = new Election(election.Candidates, [.. election.Ballots, Ballot.Ranked([0], others + 1)], 1);
            return new AlternativeVote().Count(withMajority, new CountOptions()).Elected.SequenceEqual(["C0"]);
        });

    [Property(MaxTest = 200)]
    public Property CondorcetWinner_WinsSchulzeAndRankedPairs() =>
        Prop.ForAll(ElectionGen.Arbitrary(), election =>
        {
            var pairwise = new Schulze().Count(election, new CountOptions()).Pairwise!;
            var n = election.Candidates.Count;
            var winner = Enumerable.Range(0, n).Where(i => Enumerable.Range(0, n).All(j => j == i || pairwise[i][j] > pairwise[j][i])).ToList();
            if (winner.Count == 0)
            {
                return true; // no Condorcet winner in this election: nothing to check
            }

            var name = election.Candidates[winner[0]];
            return new Schulze().Count(election, new CountOptions()).Elected[0] == name
                && new RankedPairs().Count(election, new CountOptions()).Elected[0] == name;
        });

    [Property(MaxTest = 100)]
    public Property CondorcetWinnerByConstruction_WinsSchulzeAndRankedPairs() =>
        Prop.ForAll(ElectionGen.Arbitrary(), election =>
        {
            // Papers ranking C0 first, the rest in order, outweighing all others: C0 beats everyone head to head.
            var others = election.Ballots.Sum(b => b.Weight);
            var made = new Election(election.Candidates, [.. election.Ballots, Ballot.Ranked(Enumerable.Range(0, election.Candidates.Count), others + 1)], 1);
            return new Schulze().Count(made, new CountOptions()).Elected[0] == "C0"
                && new RankedPairs().Count(made, new CountOptions()).Elected[0] == "C0";
        });

    [Property(MaxTest = 100)]
    public Property Blt_WriteThenRead_SameElectionGrouped() =>
        Prop.ForAll(ElectionGen.Arbitrary(), election =>
        {
            using var writer = new StringWriter();
            Formats.BltFormat.Write(election, writer);
            using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(writer.ToString()));
            var back = Formats.BltFormat.Read(stream, "round-trip.blt");
            return back.Candidates.SequenceEqual(election.Candidates) && back.Seats == election.Seats
                && back.Ballots.SequenceEqual(election.Grouped().Ballots);
        });
}
