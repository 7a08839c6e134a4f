namespace Answerback.Counting.Tests;

/// <summary>Published textbook elections used by several test classes.</summary>
internal static class TextbookElections
{
    /// <summary>
    /// The 45-voter example of Schulze's paper (also on Wikipedia's "Schulze method" page): candidates A to E.
    /// Schulze elects E; ranked pairs by margins elects A.
    /// </summary>
    public static Election Schulze45() => new(
        ["A", "B", "C", "D", "E"],
        [
            Ballot.Ranked([0, 2, 1, 4, 3], 5),
            Ballot.Ranked([0, 3, 4, 2, 1], 5),
            Ballot.Ranked([1, 4, 3, 0, 2], 8),
            Ballot.Ranked([2, 0, 1, 4, 3], 3),
            Ballot.Ranked([2, 0, 4, 1, 3], 7),
            Ballot.Ranked([2, 1, 0, 3, 4], 2),
            Ballot.Ranked([3, 2, 4, 1, 0], 7),
            Ballot.Ranked([4, 1, 0, 3, 2], 8),
        ]);

    /// <summary>
    /// The "Tennessee capital" example (Wikipedia's voting-method pages), per 100 voters: Memphis 42
    /// (M&gt;N&gt;C&gt;K), Nashville 26 (N&gt;C&gt;K&gt;M), Chattanooga 15 (C&gt;K&gt;N&gt;M), Knoxville 17 (K&gt;C&gt;N&gt;M).
    /// Plurality: Memphis; AV: Knoxville; Condorcet winner (Schulze, ranked pairs): Nashville.
    /// </summary>
    public static Election Tennessee() => new(
        ["Memphis", "Nashville", "Chattanooga", "Knoxville"],
        [
            Ballot.Ranked([0, 1, 2, 3], 42),
            Ballot.Ranked([1, 2, 3, 0], 26),
            Ballot.Ranked([2, 3, 1, 0], 15),
            Ballot.Ranked([3, 2, 1, 0], 17),
        ]);
}
