using FsCheck;
using FsCheck.Fluent;

namespace Answerback.Counting.Tests;

/// <summary>FsCheck generators of small random elections with strict, possibly partial, rankings.</summary>
internal static class ElectionGen
{
    public static Gen<Ballot> Ballots(int candidates) =>
        from order in Gen.Shuffle(Enumerable.Range(0, candidates).ToArray())
        from length in Gen.Choose(1, candidates)
        from weight in Gen.Choose(1, 30)
        select Ballot.Ranked(order.Take(length), weight);

    public static Gen<Election> Elections(int maxCandidates = 7) =>
        from n in Gen.Choose(2, maxCandidates)
        from seats in Gen.Choose(1, n - 1)
        from ballots in Gen.NonEmptyListOf(Ballots(n))
        select new Election([.. Enumerable.Range(0, n).Select(i => "C" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))], ballots, seats);

    public static Arbitrary<Election> Arbitrary(int maxCandidates = 7) =>
        Elections(maxCandidates).ToArbitrary();

    /// <summary>The same ballots, each weight-w entry split into w entries of weight 1.</summary>
    public static Election Ungrouped(this Election election) =>
        new(election.Candidates, election.Ballots.SelectMany(b => Enumerable.Repeat(b.WithWeight(1), (int)b.Weight)), election.Seats, election.Withdrawn, election.Title);

    /// <summary>The same ballots in reverse order.</summary>
    public static Election Reversed(this Election election) =>
        new(election.Candidates, election.Ballots.Reverse(), election.Seats, election.Withdrawn, election.Title);

    public static string Json(CountReport report)
    {
        using var writer = new StringWriter();
        Reports.ReportWriter.WriteJson(report, writer);
        return writer.ToString();
    }
}
