namespace Answerback.Counting;

/// <summary>The counting methods by name, as used on the command line and in reports.</summary>
public static class CountingMethods
{
    private static readonly ICountingMethod[] All =
        [new Plurality(), new ApprovalVoting(), new AlternativeVote(), new ScottishStv(), new MeekStv(), new Schulze(), new RankedPairs()];

    /// <summary>Every method's name: plurality, approval, av, scottish-stv, meek-stv, schulze, ranked-pairs.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(m => m.Name)];

    /// <summary>The method called <paramref name="name"/> (ordinal, case-sensitive).</summary>
    /// <exception cref="CountingException">No method has that name.</exception>
    public static ICountingMethod Get(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal))
        ?? throw new CountingException($"unknown method '{name}'; expected one of {string.Join(", ", Names)}.");
}
