namespace Answerback.Platform.Accountability;

/// <summary>
/// A share with its sample: <see cref="Count"/> of <see cref="Sample"/>, and when the sample is at least
/// <see cref="Scorecards.MinimumSample"/> the share with its Wilson score 95 % interval; below that,
/// <see cref="Value"/> is null: "too few to judge".
/// </summary>
public sealed record Proportion(int Count, int Sample, double? Value, double? Low, double? High)
{
    public bool Judged => Value is not null;

    public static Proportion Of(int count, int sample)
    {
        if (sample < Scorecards.MinimumSample)
        {
            return new Proportion(count, sample, null, null, null);
        }

        var (low, high) = Scorecards.Wilson(count, sample);
        return new Proportion(count, sample, (double)count / sample, low, high);
    }
}

/// <summary>A median time over <see cref="Sample"/> answers; null below the sample gate.</summary>
public sealed record Duration(int Sample, double? MedianMinutes)
{
    public bool Judged => MedianMinutes is not null;

    public static Duration Of(TimeSpan? median, int sample)
        => new(sample, sample >= Scorecards.MinimumSample && median is { } m ? Math.Round(m.TotalMinutes, 2) : null);
}

/// <summary>A campaign a representative took part in, as their scorecard lists it.</summary>
public sealed record ScorecardCampaign(string CampaignId, string PartyKey, string Excerpt, DateTimeOffset FirstPost, int Accounts, int TheirPosts);

/// <summary>How many of the scored posts came from one network.</summary>
public sealed record SourceCount(string Network, int Posts);

/// <summary>
/// A representative's public scorecard, precomputed after each import (<see cref="RecomputeAudit"/>):
/// every figure with its sample, the period and the sources it was computed from.
/// </summary>
public sealed record Scorecard
{
    public required Guid RepresentativeId { get; init; }

    public DateTimeOffset? PeriodStart { get; init; }

    public DateTimeOffset? PeriodEnd { get; init; }

    public required IReadOnlyList<SourceCount> Sources { get; init; }

    /// <summary>The network left out at the representative's request, if any.</summary>
    public string? ExcludedNetwork { get; init; }

    public int Posts { get; init; }

    /// <summary>Posts per week over the period; null below the sample gate (fewer than 10 posts).</summary>
    public double? PostsPerWeek { get; init; }

    public required Proportion Originals { get; init; }

    public required Proportion Reposts { get; init; }

    /// <summary>Replies to other accounts, of all posts (thread continuations excluded).</summary>
    public required Proportion Replies { get; init; }

    /// <summary>Replies and mentions received that they answered.</summary>
    public required Proportion MentionsAnswered { get; init; }

    public required Duration AnswerTime { get; init; }

    /// <summary>Posts by a rival party's representatives naming them or their party, that they answered.</summary>
    public required Proportion RivalAnswered { get; init; }

    public required Duration RivalAnswerTime { get; init; }

    public required Proportion CampaignPosts { get; init; }

    public required IReadOnlyList<ScorecardCampaign> Campaigns { get; init; }

    public DateTimeOffset ComputedAt { get; init; }
}

/// <summary>The sample gate and the interval used on every figure.</summary>
public static class Scorecards
{
    /// <summary>Below this sample a figure is "too few to judge" (WriteToThem's rule for response rates).</summary>
    public const int MinimumSample = 10;

    /// <summary>
    /// The Wilson score interval at 95 % (z = 1.959964) for <paramref name="k"/> successes of
    /// <paramref name="n"/> (Wilson 1927; Agresti and Coull 1998 recommend it over the normal interval for small n).
    /// </summary>
    public static (double Low, double High) Wilson(int k, int n)
    {
        if (n <= 0)
        {
            return (0, 1);
        }

        const double z = 1.959963984540054;
        var p = (double)k / n;
        var z2 = z * z;
        var centre = (p + (z2 / (2 * n))) / (1 + (z2 / n));
        var half = z * Math.Sqrt((p * (1 - p) / n) + (z2 / (4.0 * n * n))) / (1 + (z2 / n));
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}
