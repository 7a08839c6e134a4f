namespace Answerback.Counting;

/// <summary>How to count: the seats (overriding the election's) and the seed for any drawing of lots.</summary>
public sealed record CountOptions
{
    /// <summary>Seats to fill; null takes the election's own number.</summary>
    public int? Seats { get; init; }

    /// <summary>Seeds the generator used when a rule falls back to lot, so a recount draws the same.</summary>
    public int Seed { get; init; } = 1;
}

/// <summary>A counting rule. Implementations are stateless and safe to share.</summary>
public interface ICountingMethod
{
    /// <summary>The method's name as used on the command line and in reports (e.g. <c>scottish-stv</c>).</summary>
    string Name { get; }

    /// <summary>Counts the election and returns every stage.</summary>
    /// <exception cref="CountingException">The election cannot be counted by this method.</exception>
    CountReport Count(Election election, CountOptions options);
}

/// <summary>
/// The result of a count: every stage with each candidate's total, the quota, who is elected and when,
/// the lots drawn and, for Condorcet methods, the pairwise matrix. Figures are decimal strings at the
/// method's precision, so the report shows exactly what the count computed.
/// </summary>
public sealed record CountReport
{
    /// <summary>The method's name (e.g. <c>scottish-stv</c>).</summary>
    public required string Method { get; init; }

    /// <summary>The election's title, if any.</summary>
    public string? Title { get; init; }

    /// <summary>Seats filled.</summary>
    public required int Seats { get; init; }

    /// <summary>The valid poll (total weight of counted ballots) at the method's precision.</summary>
    public required string Valid { get; init; }

    /// <summary>The quota, for methods that have one (the final quota for Meek STV).</summary>
    public string? Quota { get; init; }

    /// <summary>Candidate names in input order.</summary>
    public required IReadOnlyList<string> Candidates { get; init; }

    /// <summary>Elected candidates in order of election.</summary>
    public required IReadOnlyList<string> Elected { get; init; }

    /// <summary>Every stage of the count.</summary>
    public required IReadOnlyList<CountStage> Stages { get; init; }

    /// <summary>The seed of the generator used for lots.</summary>
    public required int Seed { get; init; }

    /// <summary>Every lot drawn, in order.</summary>
    public IReadOnlyList<LotDraw> Draws { get; init; } = [];

    /// <summary>For Schulze and ranked pairs: <c>Pairwise[i][j]</c> is the weight of ballots ranking i above j.</summary>
    public IReadOnlyList<IReadOnlyList<long>>? Pairwise { get; init; }

    /// <summary>For Schulze and ranked pairs: every candidate, best first.</summary>
    public IReadOnlyList<string>? Ranking { get; init; }
}

/// <summary>One stage of a count.</summary>
/// <param name="Stage">1-based stage number.</param>
/// <param name="Action">What the stage did: "first preferences", "surplus of X at transfer value V", "exclusion of Y".</param>
/// <param name="Totals">One decimal string per candidate, in input order.</param>
/// <param name="NonTransferable">Papers (or value) no longer counting for anyone, including fractions lost to truncation.</param>
/// <param name="Elected">Candidates elected at the end of this stage, in order.</param>
/// <param name="Excluded">Candidates excluded in this stage.</param>
public sealed record CountStage(int Stage, string Action, IReadOnlyList<string> Totals, string NonTransferable, IReadOnlyList<string> Elected, IReadOnlyList<string> Excluded);

/// <summary>A lot drawn where the rule fell back to chance.</summary>
/// <param name="Stage">The stage at which it was drawn.</param>
/// <param name="Purpose">What the draw decided (e.g. "exclusion").</param>
/// <param name="Among">The tied candidates, in input order.</param>
/// <param name="Chosen">The candidate the lot chose.</param>
public sealed record LotDraw(int Stage, string Purpose, IReadOnlyList<string> Among, string Chosen);
