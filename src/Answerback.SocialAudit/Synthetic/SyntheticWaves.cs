using System.Globalization;

namespace Answerback.SocialAudit;

/// <summary>Settings of <see cref="SyntheticWaves"/>.</summary>
public sealed record WaveOptions
{
    /// <summary>Seed: the same seed gives the same data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Accounts, all of them coordinating.</summary>
    public int Accounts { get; init; } = 2_000;

    /// <summary>Waves each account joins on average.</summary>
    public int WavesPerAccount { get; init; } = 80;

    /// <summary>Fewest accounts in a wave.</summary>
    public int MinWaveSize { get; init; } = 3;

    /// <summary>Most accounts in a wave.</summary>
    public int MaxWaveSize { get; init; } = 30;

    /// <summary>A wave's posts fall within this span (keep it within the detection window so every pair matches).</summary>
    public TimeSpan WaveSpread { get; init; } = TimeSpan.FromSeconds(40);

    /// <summary>Posts that share no key with any other, added to the waves' posts.</summary>
    public int OrganicPosts { get; init; } = 40_000;

    /// <summary>The period covered, from 2026-01-01.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(30);
}

/// <summary>
/// Dense coordination: a fixed set of accounts, each joining many waves of 3–30 accounts that all post the same
/// text (co-text), repost the same post (co-repost), share the same link (co-link) or reply to the same post
/// (co-reply) within seconds — the four types in turn. With 2,000 accounts and 80 waves each this gives
/// 200,000 posts and millions of edges: the shape on which a per-pair hash table with a weak hash goes quadratic.
/// Texts other than co-text's are unique, so each wave is an edge of its own type only.
/// </summary>
public static class SyntheticWaves
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The posts, in time order.</summary>
    public static List<Post> Generate(WaveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Accounts < options.MaxWaveSize || options.MinWaveSize < 2 || options.MaxWaveSize < options.MinWaveSize)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "need 2 ≤ MinWaveSize ≤ MaxWaveSize ≤ Accounts");
        }

        var random = new Random(options.Seed);
        var accounts = Enumerable.Range(0, options.Accounts).Select(i => "u" + i.ToString("D5", CultureInfo.InvariantCulture)).ToArray();
        var meanSize = (options.MinWaveSize + options.MaxWaveSize) / 2.0;
        var waves = (int)Math.Round(options.Accounts * (double)options.WavesPerAccount / meanSize);
        var posts = new List<Post>();
        var members = new HashSet<int>();
        var spanTicks = options.Span.Ticks - options.WaveSpread.Ticks;
        for (var w = 0; w < waves; w++)
        {
            var size = random.Next(options.MinWaveSize, options.MaxWaveSize + 1);
            members.Clear();
            while (members.Count < size)
            {
                members.Add(random.Next(options.Accounts));
            }

            // Whole milliseconds: the QUT CSV holds seconds as a decimal, read back exactly.
            var at = Start.AddMilliseconds(Math.Floor(random.NextDouble() * spanTicks / TimeSpan.TicksPerMillisecond));
            var wave = w.ToString(CultureInfo.InvariantCulture);
            var kind = w % 4;
            foreach (var m in members)
            {
                var time = at.AddMilliseconds(random.Next((int)options.WaveSpread.TotalMilliseconds));
                var id = "w" + wave + "-" + accounts[m];
                var own = $"{accounts[m]} on wave {wave}: my own words";
                posts.Add(kind switch
                {
                    0 => Make(id, accounts[m], time, $"Wave {wave}: the council must act now on the budget", PostKind.Original),
                    1 => Make(id, accounts[m], time, "", PostKind.Repost) with { RepostOfId = "origin-" + wave },
                    2 => Make(id, accounts[m], time, own, PostKind.Original) with { Urls = ["https://news.example/" + wave] },
                    _ => Make(id, accounts[m], time, own, PostKind.Reply) with { ReplyToPostId = "thread-" + wave },
                });
            }
        }

        for (var i = 0; i < options.OrganicPosts; i++)
        {
            var account = accounts[random.Next(options.Accounts)];
            var time = Start.AddMilliseconds(Math.Floor(random.NextDouble() * options.Span.TotalMilliseconds));
            posts.Add(Make("o" + i.ToString(CultureInfo.InvariantCulture), account, time, $"{account} thinks aloud, note {i.ToString(CultureInfo.InvariantCulture)}", PostKind.Original));
        }

        posts.Sort((a, b) => a.Time.CompareTo(b.Time));
        return posts;
    }

    private static Post Make(string id, string account, DateTimeOffset time, string text, PostKind kind) => new()
    {
        Network = "csv",
        Id = id,
        AccountId = account,
        Handle = account,
        Time = time,
        Text = text,
        Kind = kind,
        Visibility = PostVisibility.Public,
    };
}
