using System.Globalization;
using System.Text;

namespace Answerback.SocialAudit;

/// <summary>What kind of coordination a planted group is.</summary>
public enum PlantKind
{
    /// <summary>The same text, copied word for word (case and mentions varied).</summary>
    ExactCopies,

    /// <summary>A text with one word changed in each copy (pairwise Jaccard ≥ 0.818).</summary>
    EditedCopies,

    /// <summary>Reposts of the same post.</summary>
    Reposts,

    /// <summary>The same link with different words.</summary>
    Links,
}

/// <summary>A planted group: the known answer.</summary>
/// <param name="Kind">What was planted.</param>
/// <param name="PostIds">The posts of the group.</param>
/// <param name="Accounts">The distinct accounts.</param>
public sealed record PlantedGroup(PlantKind Kind, IReadOnlyList<string> PostIds, IReadOnlyList<string> Accounts);

/// <summary>Settings of the generator.</summary>
public sealed record SyntheticOptions
{
    /// <summary>Seed: the same seed gives the same data.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Accounts posting organically.</summary>
    public int Accounts { get; init; } = 500;

    /// <summary>Organic posts (random words, replies, reposts).</summary>
    public int OrganicPosts { get; init; } = 5_000;

    /// <summary>Groups planted of each <see cref="PlantKind"/>.</summary>
    public int GroupsPerKind { get; init; } = 10;

    /// <summary>Accounts in a planted group (at least 3).</summary>
    public int GroupSize { get; init; } = 8;

    /// <summary>A planted group posts within this span.</summary>
    public TimeSpan GroupSpread { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Look-alikes: common short phrases posted by many accounts, each at least this far apart, that must not be flagged.</summary>
    public TimeSpan LookAlikeSpacing { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Number of look-alike phrases (each posted by <see cref="GroupSize"/> accounts).</summary>
    public int LookAlikes { get; init; } = 10;

    /// <summary>Words in an organic post.</summary>
    public int WordsPerPost { get; init; } = 14;

    /// <summary>Distinct words organic posts draw from.</summary>
    public int Vocabulary { get; init; } = 20_000;

    /// <summary>The period covered, from 2026-01-01.</summary>
    public TimeSpan Span { get; init; } = TimeSpan.FromDays(30);
}

/// <summary>The generated posts and the known answers.</summary>
/// <param name="Posts">All posts, in time order.</param>
/// <param name="Planted">The planted groups.</param>
public sealed record SyntheticDataSet(IReadOnlyList<Post> Posts, IReadOnlyList<PlantedGroup> Planted);

/// <summary>
/// Generates posts with planted coordination and known answers: organic posts of random words (originals, replies,
/// reposts of random posts), planted exact and edited copies, coordinated reposts and links, and organic look-alikes
/// (the same short phrase by many accounts, but hours apart) that a correct detector must not flag.
/// </summary>
public static class SyntheticPosts
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Generates a data set.</summary>
    public static SyntheticDataSet Generate(SyntheticOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var random = new Random(options.Seed);
        var words = Enumerable.Range(0, options.Vocabulary).Select(Word).ToArray();
        var posts = new List<Post>(options.OrganicPosts + (options.GroupsPerKind * 4 * options.GroupSize));
        var next = 0L;
        string NextId() => (next++).ToString(CultureInfo.InvariantCulture);
        // One string per account, shared by its posts, as an importer's interning would give.
        var accountNames = Enumerable.Range(0, options.Accounts).Select(a => "acct" + a.ToString(CultureInfo.InvariantCulture)).ToArray();
        string Account(int a) => accountNames[a];
        var spanTicks = options.Span.Ticks;
        var builder = new StringBuilder();
        string Sentence(int count)
        {
            builder.Clear();
            for (var w = 0; w < count; w++)
            {
                if (w > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(words[random.Next(words.Length)]);
            }

            return builder.ToString();
        }

        // Organic posts are created in time order, so that they lie in memory in the order an import of a
        // time-ordered file would give (sorting objects afterwards would scatter them and measure cache misses).
        var organicTicks = new long[options.OrganicPosts];
        for (var i = 0; i < organicTicks.Length; i++)
        {
            organicTicks[i] = (long)(random.NextDouble() * spanTicks);
        }

        Array.Sort(organicTicks);
        for (var i = 0; i < options.OrganicPosts; i++)
        {
            var account = random.Next(options.Accounts);
            var time = Start.AddTicks(organicTicks[i]);
            var roll = random.Next(100);
            Post? parent = roll >= 75 && roll < 90 && posts.Count > 0 ? posts[random.Next(posts.Count)] : null;
            var post = new Post
            {
                Network = "synthetic",
                Id = NextId(),
                AccountId = Account(account),
                Handle = Account(account),
                Time = time,
                Text = roll < 90 ? Sentence(options.WordsPerPost) : "",
                Visibility = PostVisibility.Public,
                Kind = parent is not null ? PostKind.Reply : roll >= 90 ? PostKind.Repost : PostKind.Original,
                ReplyToPostId = parent?.Id,
                ReplyToAccountId = parent?.AccountId,
                RepostOfId = roll >= 90 ? "organic" + random.Next(options.OrganicPosts).ToString(CultureInfo.InvariantCulture) : null,
            };
            posts.Add(post);
        }

        var planted = new List<PlantedGroup>();
        var groupSize = Math.Max(3, options.GroupSize);
        foreach (var kind in Enum.GetValues<PlantKind>())
        {
            for (var g = 0; g < options.GroupsPerKind; g++)
            {
                var start = Start.AddTicks((long)(random.NextDouble() * (spanTicks - options.GroupSpread.Ticks)));
                // Distinct accounts drawn by rejection: cheap, as a group is small beside the accounts.
                var chosen = new HashSet<int>();
                var accounts = new List<int>(groupSize);
                while (accounts.Count < Math.Min(groupSize, options.Accounts))
                {
                    var candidate = random.Next(options.Accounts);
                    if (chosen.Add(candidate))
                    {
                        accounts.Add(candidate);
                    }
                }

                var baseText = Sentence(20);
                var link = $"https://campaign.example/{kind}/{g}";
                var ids = new List<string>();
                foreach (var a in accounts)
                {
                    var time = start.AddTicks((long)(random.NextDouble() * options.GroupSpread.Ticks));
                    var post = new Post { Network = "synthetic", Id = NextId(), AccountId = Account(a), Handle = Account(a), Time = time, Visibility = PostVisibility.Public };
                    post = kind switch
                    {
                        PlantKind.ExactCopies => post with { Text = (random.Next(2) == 0 ? "@someone " : "") + (random.Next(2) == 0 ? baseText.ToUpperInvariant() : baseText) },
                        PlantKind.EditedCopies => post with { Text = ReplaceOneWord(baseText, words, random) },
                        PlantKind.Reposts => post with { Kind = PostKind.Repost, RepostOfId = $"planted-repost-{g}" },
                        _ => post with { Text = Sentence(options.WordsPerPost) + " " + link, Urls = [link] },
                    };
                    posts.Add(post);
                    ids.Add(post.Id);
                }

                planted.Add(new PlantedGroup(kind, ids, accounts.Select(Account).ToList()));
            }
        }

        for (var l = 0; l < options.LookAlikes; l++)
        {
            var phrase = "good morning " + Sentence(6);
            var first = Start.AddTicks((long)(random.NextDouble() * spanTicks / 2));
            for (var k = 0; k < groupSize; k++)
            {
                var a = random.Next(options.Accounts);
                posts.Add(new Post
                {
                    Network = "synthetic",
                    Id = NextId(),
                    AccountId = Account(a),
                    Handle = Account(a),
                    Time = first + (options.LookAlikeSpacing * k),
                    Text = phrase,
                    Visibility = PostVisibility.Public,
                });
            }
        }

        posts.Sort((x, y) => x.Time.CompareTo(y.Time));
        return new SyntheticDataSet(posts, planted);
    }

    private static string ReplaceOneWord(string text, string[] words, Random random)
    {
        var parts = text.Split(' ');
        parts[random.Next(parts.Length)] = "edit" + words[random.Next(words.Length)];
        return string.Join(' ', parts);
    }

    /// <summary>A pronounceable word for a number (distinct numbers give distinct words).</summary>
    private static string Word(int n)
    {
        const string consonants = "bcdfghjklmnprstvz";
        const string vowels = "aeiou";
        var s = new StringBuilder();
        do
        {
            s.Append(consonants[n % consonants.Length]);
            n /= consonants.Length;
            s.Append(vowels[n % vowels.Length]);
            n /= vowels.Length;
        }
        while (n > 0);
        return s.ToString();
    }
}
