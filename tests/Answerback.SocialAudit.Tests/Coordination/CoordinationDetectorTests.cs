using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using static Answerback.SocialAudit.Tests.Posts;

namespace Answerback.SocialAudit.Tests.Coordination;

public class CoordinationDetectorTests
{
    private static CoordinationOptions Opt(CoordinationType type, double windowSeconds = 60, int minWeight = 1, bool loops = false) =>
        new() { Type = type, Window = TimeSpan.FromSeconds(windowSeconds), MinWeight = minWeight, IncludeSelfLoops = loops, Method = SimilarityMethod.Exhaustive };

    private static List<(string, string, int)> Edges(IReadOnlyList<Post> posts, CoordinationOptions o) =>
        CoordinationDetector.Detect(posts, o).Select(e => (e.Source, e.Target, e.Weight)).ToList();

    [Fact]
    public void Detect_CoTextAtExactlyTheWindow_IsAnEdge()
    {
        Post[] posts = [Text("A", 0, "vote no"), Text("B", 60, "vote no")];
        Assert.Equal([("A", "B", 1), ("B", "A", 1)], Edges(posts, Opt(CoordinationType.CoText, 60)));
    }

    [Fact]
    public void Detect_CoTextJustOutsideTheWindow_IsNoEdge()
    {
        Post[] posts = [Text("A", 0, "vote no"), Text("B", 60.0000001, "vote no")];
        Assert.Empty(Edges(posts, Opt(CoordinationType.CoText, 60)));
    }

    [Fact]
    public void Detect_WindowIsSymmetric_EarlierMatchCounts()
    {
        Post[] posts = [Text("B", 0, "x y"), Text("A", 30, "x y")];
        Assert.Equal([("A", "B", 1), ("B", "A", 1)], Edges(posts, Opt(CoordinationType.CoText, 30)));
    }

    [Fact]
    public void Detect_DirectedWeights_CountSourcePostsMatchedByTarget()
    {
        // A posts twice, both within the window of B's single post: A→B = 2, B→A = 1.
        Post[] posts = [Text("A", 0, "same"), Text("A", 10, "same"), Text("B", 5, "same")];
        Assert.Equal([("A", "B", 2), ("B", "A", 1)], Edges(posts, Opt(CoordinationType.CoText)));
    }

    [Fact]
    public void Detect_PostMatchedBySeveralPostsOfOneAccount_CountsOnce()
    {
        Post[] posts = [Text("A", 0, "same"), Text("B", 1, "same"), Text("B", 2, "same"), Text("B", 3, "same")];
        Assert.Equal([("A", "B", 1), ("B", "A", 3)], Edges(posts, Opt(CoordinationType.CoText)));
    }

    [Fact]
    public void Detect_SelfLoopsOff_AccountRepeatingItselfHasNoEdge()
    {
        Post[] posts = [Text("A", 0, "same"), Text("A", 5, "same")];
        Assert.Empty(Edges(posts, Opt(CoordinationType.CoText)));
    }

    [Fact]
    public void Detect_SelfLoopsOn_EveryPostMatchesItselfAsInTheToolkit()
    {
        Post[] posts = [Text("A", 0, "same"), Text("A", 5, "same"), Text("A", 500, "other")];
        Assert.Equal([("A", "A", 3)], Edges(posts, Opt(CoordinationType.CoText, loops: true)));
    }

    [Fact]
    public void Detect_RepostWithSameText_NeverCountsAsCoText()
    {
        Post[] posts = [Repost("A", 0, "orig", "Vote no"), Text("B", 1, "Vote no"), Repost("C", 2, "orig", "Vote no")];
        Assert.Empty(Edges(posts, Opt(CoordinationType.CoText)));
    }

    [Fact]
    public void Detect_MentionsCaseAndSpacing_AreIgnored()
    {
        Post[] posts = [Text("A", 0, "@bob Vote NO   on\tthe bill"), Text("B", 1, "vote no on the bill @carol.x")];
        Assert.Equal([("A", "B", 1), ("B", "A", 1)], Edges(posts, Opt(CoordinationType.CoText)));
    }

    [Fact]
    public void Detect_UrlsDifferUnlessRemoved()
    {
        Post[] posts = [Text("A", 0, "read this https://a.example/1"), Text("B", 1, "Read this https://b.example/2")];
        Assert.Empty(Edges(posts, Opt(CoordinationType.CoText)));
        Assert.Equal(2, Edges(posts, Opt(CoordinationType.CoText) with { RemoveUrls = true }).Count);
    }

    [Fact]
    public void Detect_MinWeight_DropsLighterEdges()
    {
        Post[] posts = [Text("A", 0, "one"), Text("B", 1, "one"), Text("A", 100, "two"), Text("B", 101, "two"), Text("C", 102, "two")];
        Assert.Equal([("A", "B", 2), ("B", "A", 2)], Edges(posts, Opt(CoordinationType.CoText, minWeight: 2)));
    }

    [Fact]
    public void Detect_CoRepost_SameRepostedPostWithinWindow()
    {
        Post[] posts = [Repost("A", 0, "r1"), Repost("B", 10, "r1"), Repost("C", 10, "r2"), Text("D", 10, "r1")];
        Assert.Equal([("A", "B", 1), ("B", "A", 1)], Edges(posts, Opt(CoordinationType.CoRepost)));
    }

    [Fact]
    public void Detect_CoLinkPostWithTwoSharedUrls_CountsThePostOnce()
    {
        Post[] posts = [Link("A", 0, "u1", "u2"), Link("B", 1, "u1"), Link("B", 2, "u2"), Link("C", 3, "u2", "u2")];
        Assert.Equal(
            [("A", "B", 1), ("A", "C", 1), ("B", "A", 2), ("B", "C", 1), ("C", "A", 1), ("C", "B", 1)],
            Edges(posts, Opt(CoordinationType.CoLink)));
    }

    [Fact]
    public void Detect_CoLinkInRepost_DoesNotCount()
    {
        Post[] posts = [Link("A", 0, "u1"), Repost("B", 1, "x") with { Urls = ["u1"] }];
        Assert.Empty(Edges(posts, Opt(CoordinationType.CoLink)));
    }

    [Fact]
    public void Detect_CoReply_RepliesToTheSamePost()
    {
        Post[] posts = [Reply("A", 0, "target"), Reply("B", 30, "target"), Reply("C", 31, "other"), Reply("D", 200, "target")];
        Assert.Equal([("A", "B", 1), ("B", "A", 1)], Edges(posts, Opt(CoordinationType.CoReply)));
    }

    [Fact]
    public void Detect_CoSimilarAtExactlyTheThreshold_IsAnEdge()
    {
        // {a,b,c,d} vs {a,b,c,d,e}: Jaccard 4/5 = 0.8 exactly; {a,b,c} vs {a,b,c,d,e} = 0.6.
        Post[] posts = [Text("A", 0, "alpha beta gamma delta"), Text("B", 1, "Alpha beta, gamma delta epsilon!"), Text("C", 2, "alpha beta gamma")];
        var o = Opt(CoordinationType.CoSimilar) with { Threshold = 0.8, MinTokens = 3 };
        Assert.Equal([("A", "B", 1), ("B", "A", 1)], Edges(posts, o));
        Assert.Equal(Edges(posts, o), Edges(posts, o with { Method = SimilarityMethod.MinHash }));
    }

    [Fact]
    public void Detect_CoSimilarBelowMinTokens_IsIgnored()
    {
        Post[] posts = [Text("A", 0, "vote no"), Text("B", 1, "vote no")];
        Assert.Empty(Edges(posts, Opt(CoordinationType.CoSimilar) with { MinTokens = 3 }));
        Assert.Equal(2, Edges(posts, Opt(CoordinationType.CoSimilar) with { MinTokens = 2 }).Count);
    }

    public static TheoryData<CoordinationType> Types => [.. Enum.GetValues<CoordinationType>()];

    [Theory]
    [MemberData(nameof(Types))]
    public void Detect_RandomSmallInputs_EqualTheDefinitionComputedPairByPair(CoordinationType type)
    {
        var random = new Random(17 + (int)type);
        for (var round = 0; round < 40; round++)
        {
            var posts = RandomPosts(random, random.Next(1, 30));
            var o = Opt(type, random.Next(0, 40), random.Next(1, 3), random.Next(2) == 0) with
            {
                MinTokens = 2,
                Threshold = 0.5,
                Method = random.Next(2) == 0 ? SimilarityMethod.Exhaustive : SimilarityMethod.MinHash,
                // Many rows of few hash functions: at 0.5 MinHash must still find the pairs these tiny inputs have.
                Bands = 60,
                RowsPerBand = 1,
            };
            Assert.Equal(ReferenceNetwork.Compute(posts, o), Edges(posts, o));
        }
    }

    [Property(MaxTest = 60)]
    public Property Detect_OrderOfInput_DoesNotChangeTheNetwork(int seed)
    {
        var random = new Random(seed);
        var posts = RandomPosts(random, 25);
        var shuffled = posts.OrderBy(_ => random.Next()).ToList();
        var o = Opt(CoordinationType.CoText, 20);
        return (Edges(posts, o).SequenceEqual(Edges(shuffled, o))).ToProperty();
    }

    private static List<Post> RandomPosts(Random random, int count)
    {
        string[] words = ["vote", "no", "yes", "bill", "now", "@bob", "HTTPS://x.example/1", "Vote"];
        var posts = new List<Post>();
        for (var i = 0; i < count; i++)
        {
            var account = "u" + random.Next(5).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var t = random.Next(0, 100);
            var text = string.Join(' ', Enumerable.Range(0, random.Next(1, 5)).Select(_ => words[random.Next(words.Length)]));
            var post = random.Next(6) switch
            {
                0 => Repost(account, t, "r" + random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture), text),
                1 => Reply(account, t, "q" + random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture), null, text),
                _ => Text(account, t, text),
            };
            posts.Add(post with { Urls = Enumerable.Range(0, random.Next(3)).Select(_ => "l" + random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList() });
        }

        return posts;
    }
}

public class TextKeysTests
{
    [Fact]
    public void TextKeys_EveryTextHashingAlike_StillGroupsOnlyEqualTexts()
    {
        Post[] posts =
        [
            Posts.Text("A", 0, "alpha"), Posts.Text("B", 1, "ALPHA"), Posts.Text("C", 2, "beta"),
            Posts.Text("D", 3, "gamma"), Posts.Text("E", 4, "Gamma @x"), Posts.Text("F", 5, "delta"),
        ];
        var index = new PostIndex(posts);
        var items = CoordinationDetector.TextKeys(index, removeUrls: false, keepSingles: false, _ => 42UL);
        var groups = items.GroupBy(i => i.Key).Select(g => g.Select(i => posts[i.Post].AccountId).Order(StringComparer.Ordinal).ToArray())
            .OrderBy(g => g[0], StringComparer.Ordinal).ToList();
        Assert.Equal([["A", "B"], ["D", "E"]], groups);
        var withSingles = CoordinationDetector.TextKeys(index, removeUrls: false, keepSingles: true, _ => 42UL);
        Assert.Equal(4, withSingles.Select(i => i.Key).Distinct().Count());
    }
}

public class TextNormaliserTests
{
    [Theory]
    [InlineData("  Vote   NO\ton the\nBILL  ", false, "vote no on the bill")]
    [InlineData("@bob hello @carol.x world", false, "hello world")]
    [InlineData("mail me at a@b.example now", false, "mail me at a now")]
    [InlineData("read https://X.example/A now", false, "read https://x.example/a now")]
    [InlineData("read HTTPS://X.example/A now http://y", true, "read now")]
    [InlineData("https://only.example", true, "")]
    [InlineData("Ünïcödé ΣΊΣΥΦΟΣ", false, "ünïcödé σίσυφοσ")]
    [InlineData("\u00A0non\u2003breaking\u00A0", false, "non breaking")]
    public void Normalise_Examples_FollowTheToolkitsRules(string text, bool removeUrls, string expected)
    {
        Assert.Equal(expected, TextNormaliser.Normalise(text, removeUrls));
    }

    [Fact]
    public void Tokens_PunctuationDroppedInnerApostrophesKept()
    {
        Assert.Equal(["don't", "stop", "vote"], TextNormaliser.Tokens("Vote! Don't stop, vote... 'vote'"));
    }
}
