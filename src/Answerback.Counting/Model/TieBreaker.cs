namespace Answerback.Counting;

/// <summary>
/// Resolves ties the way the rules do: look back to the most recent earlier stage at which the tied
/// candidates had unequal totals, and, failing that, draw lots with a seeded generator, recording the draw.
/// </summary>
internal sealed class TieBreaker(int seed, IReadOnlyList<string> names)
{
    private readonly Random _random = new(seed);
    private readonly List<long[]> _history = [];

    public List<LotDraw> Draws { get; } = [];

    /// <summary>Records a stage's totals for later look-backs (the array is copied).</summary>
    public void Record(long[] totals) => _history.Add((long[])totals.Clone());

    /// <summary>
    /// From <paramref name="tied"/>, the one with the lowest (or highest) total at the most recent recorded stage
    /// where they differ; when several remain tied at every stage, a lot decides among them.
    /// </summary>
    public int Pick(IReadOnlyList<int> tied, bool lowest, int stage, string purpose)
    {
        var remaining = tied.Order().ToList();
        for (var s = _history.Count - 1; s >= 0 && remaining.Count > 1; s--)
        {
            var totals = _history[s];
            var best = lowest ? remaining.Min(c => totals[c]) : remaining.Max(c => totals[c]);
            remaining = [.. remaining.Where(c => totals[c] == best)];
        }

        return remaining.Count == 1 ? remaining[0] : Draw(remaining, stage, purpose);
    }

    /// <summary>Draws one of <paramref name="tied"/> by lot and records it.</summary>
    public int Draw(IReadOnlyList<int> tied, int stage, string purpose)
    {
        var ordered = tied.Order().ToList();
        var chosen = ordered[_random.Next(ordered.Count)];
        Draws.Add(new LotDraw(stage, purpose, [.. ordered.Select(c => names[c])], names[chosen]));
        return chosen;
    }

    /// <summary>A random order of <paramref name="items"/> (Fisher-Yates with the seeded generator), recorded as draws.</summary>
    public List<int> Shuffle(IReadOnlyList<int> items, int stage, string purpose)
    {
        var pool = items.Order().ToList();
        var order = new List<int>();
        while (pool.Count > 0)
        {
            var pick = pool.Count == 1 ? pool[0] : Draw(pool, stage, purpose);
            order.Add(pick);
            pool.Remove(pick);
        }

        return order;
    }
}
