namespace Answerback.SocialAudit;

/// <summary>The five coordination networks of the QUT coordination-network-toolkit.</summary>
public enum CoordinationType
{
    /// <summary>Identical text after normalisation (the toolkit's co_tweet). Reposts never count.</summary>
    CoText,

    /// <summary>Jaccard similarity of word-token sets at or above a threshold (co_similar_tweet). Reposts never count.</summary>
    CoSimilar,

    /// <summary>Reposts of the same post (co_retweet).</summary>
    CoRepost,

    /// <summary>The same URL shared (co_link). URLs inside reposts do not count.</summary>
    CoLink,

    /// <summary>Replies to the same post (co_reply). Reposts never count.</summary>
    CoReply,
}

/// <summary>How co-similar finds its pairs.</summary>
public enum SimilarityMethod
{
    /// <summary>MinHash signatures banded for candidates (LSH), each candidate checked with the exact Jaccard: no false positives.</summary>
    MinHash,

    /// <summary>Every pair of posts within the window is compared: exact, quadratic in the posts per window.</summary>
    Exhaustive,
}

/// <summary>Settings of a coordination run.</summary>
public sealed record CoordinationOptions
{
    /// <summary>Which network to build.</summary>
    public CoordinationType Type { get; init; } = CoordinationType.CoText;

    /// <summary>Two posts match only if |t1 − t2| ≤ Window (inclusive, symmetric).</summary>
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Edges with a weight below this are dropped.</summary>
    public int MinWeight { get; init; } = 1;

    /// <summary>
    /// Keep A→A edges. As in the toolkit, a post then matches itself, so a self-loop's weight is the number of the
    /// account's posts that take part in the network type at all (plus nothing else).
    /// </summary>
    public bool IncludeSelfLoops { get; init; }

    /// <summary>Remove http(s) words before comparing texts (co-text, co-similar).</summary>
    public bool RemoveUrls { get; init; }

    /// <summary>Co-similar: the least Jaccard similarity that counts (inclusive).</summary>
    public double Threshold { get; init; } = 0.8;

    /// <summary>Co-similar: posts with fewer distinct tokens are ignored (the toolkit's min_document_size_similarity).</summary>
    public int MinTokens { get; init; } = 5;

    /// <summary>Co-similar: MinHash with LSH (default) or the exhaustive comparison.</summary>
    public SimilarityMethod Method { get; init; } = SimilarityMethod.MinHash;

    /// <summary>MinHash: number of bands.</summary>
    public int Bands { get; init; } = 20;

    /// <summary>MinHash: rows (hash functions) per band. 20 × 4 gives a candidate probability of 99.997 % at Jaccard 0.8.</summary>
    public int RowsPerBand { get; init; } = 4;

    /// <summary>MinHash: seed of the hash family, for reproducible runs.</summary>
    public ulong Seed { get; init; } = 0x5EED;

    /// <summary>Called now and then with a line of progress (for long runs); may be null.</summary>
    public Action<string>? Progress { get; init; }

    internal void Validate()
    {
        if (Window < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Window), "The window must not be negative.");
        }

        if (MinWeight < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinWeight), "The minimum weight must be at least 1.");
        }

        if (Threshold is <= 0 or > 1 || double.IsNaN(Threshold))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), "The threshold must be above 0 and at most 1.");
        }

        if (Bands < 1 || RowsPerBand < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Bands), "Bands and rows per band must be at least 1.");
        }
    }
}

/// <summary>A directed edge: <see cref="Weight"/> of the source's distinct posts have at least one match by the target within the window.</summary>
public sealed record CoordinationEdge(string Source, string Target, int Weight, CoordinationType Type);
