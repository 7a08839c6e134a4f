namespace Answerback.SocialAudit.Tests.Coordination;

/// <summary>Recall of the MinHash/LSH candidates against the exhaustive comparison, measured on pairs near the threshold.</summary>
public class MinHashRecallTests
{
    [Fact]
    public void MinHash_PairsJustAboveThreshold_RecallAtLeast99Percent()
    {
        // 1,500 groups of 4 posts: a base of 20 distinct words and three copies each with one or two words changed,
        // so pair similarities lie between 0.67 and 1 with most between 0.8 and 0.9; groups are an hour apart.
        var random = new Random(7);
        var posts = new List<Post>();
        for (var g = 0; g < 1500; g++)
        {
            var words = Enumerable.Range(0, 20).Select(i => $"w{g}x{i}").ToArray();
            for (var c = 0; c < 4; c++)
            {
                var copy = (string[])words.Clone();
                for (var e = 0; e < c % 3; e++)
                {
                    copy[random.Next(copy.Length)] = $"e{g}x{c}x{e}";
                }

                posts.Add(Posts.Text("a" + c.ToString(System.Globalization.CultureInfo.InvariantCulture), g * 3600 + c, string.Join(' ', copy)));
            }
        }

        var options = new CoordinationOptions { Type = CoordinationType.CoSimilar, Window = TimeSpan.FromMinutes(5), Threshold = 0.8, MinTokens = 5 };
        var exhaustive = MatchedPairs(posts, options with { Method = SimilarityMethod.Exhaustive });
        var minHash = MatchedPairs(posts, options with { Method = SimilarityMethod.MinHash });
        Assert.True(exhaustive.Count > 5000, $"the test needs many pairs at or above 0.8, found {exhaustive.Count}");
        Assert.Subset(exhaustive, minHash);
        var recall = (double)minHash.Count / exhaustive.Count;
        Assert.True(recall >= 0.99, $"recall {recall:P3} ({minHash.Count} of {exhaustive.Count})");
    }

    private static HashSet<(int, int)> MatchedPairs(List<Post> posts, CoordinationOptions options)
    {
        var index = new PostIndex(posts);
        var tokens = TokenSets.Build(index, false, options.MinTokens);
        var pairs = new HashSet<(int, int)>();
        SimilarPairs.Find(index, tokens, options, (i, j) =>
        {
            if (tokens.Similar(i, j, options.Threshold))
            {
                pairs.Add((Math.Min(i, j), Math.Max(i, j)));
            }
        });
        return pairs;
    }
}
