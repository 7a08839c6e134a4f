namespace Answerback.OpinionMap;

/// <summary>
/// The adjusted Rand index (Hubert and Arabie, 1985) of two partitions of the same items: 1 when
/// they agree exactly (up to renaming the groups), about 0 for chance agreement.
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>
    /// ARI of a map's groups against another grouping of the same participants (such as Pol.is's
    /// <c>group-id</c>), over the participants both group; NaN when there are none.
    /// </summary>
    public static double Compute(OpinionMap map, IReadOnlyDictionary<string, int?> groups)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(groups);
        var ours = new List<int>();
        var theirs = new List<int>();
        foreach (var p in map.Participants)
        {
            if (p.Group is int g && groups.TryGetValue(p.Id, out var t) && t is int other)
            {
                ours.Add(g);
                theirs.Add(other);
            }
        }

        return ours.Count == 0 ? double.NaN : Compute(ours, theirs);
    }

    /// <summary>
    /// ARI of two maps' groups over the same participants (two seeds, say); a participant one map
    /// did not group counts as a group of its own.
    /// </summary>
    public static double Compute(OpinionMap first, OpinionMap second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        return Compute(
            first.Participants.Select(p => p.Group ?? -1).ToList(),
            second.Participants.Select(p => p.Group ?? -1).ToList());
    }

    /// <summary>ARI of two labelings of equal length (labels are arbitrary integers).</summary>
    public static double Compute(IReadOnlyList<int> first, IReadOnlyList<int> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException("The two labelings must cover the same items.", nameof(second));
        }

        var n = first.Count;
        var table = new Dictionary<(int, int), long>();
        var rows = new Dictionary<int, long>();
        var cols = new Dictionary<int, long>();
        for (var i = 0; i < n; i++)
        {
            table[(first[i], second[i])] = table.GetValueOrDefault((first[i], second[i])) + 1;
            rows[first[i]] = rows.GetValueOrDefault(first[i]) + 1;
            cols[second[i]] = cols.GetValueOrDefault(second[i]) + 1;
        }

        static double Pairs(long k) => k * (k - 1) / 2.0;
        var index = table.Values.Sum(Pairs);
        var a = rows.Values.Sum(Pairs);
        var b = cols.Values.Sum(Pairs);
        var total = Pairs(n);
        if (total == 0)
        {
            return 1;
        }

        var expected = a * b / total;
        var max = (a + b) / 2;
        if (max == expected)
        {
            return 1; // both partitions are trivial (one group, or all singletons) and equal in kind
        }

        return (index - expected) / (max - expected);
    }
}
