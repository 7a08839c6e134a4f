using Answerback.Testing;

namespace Answerback.SocialAudit.Tests.Coordination;

/// <summary>
/// The QUT toolkit's own sample inputs (copied into tests/data/SocialAudit with attribution). The co-retweet file's
/// expected node counts come from the toolkit's tests/test_graph_construction.py; our copy has one more row
/// (uid0 reposts rtid0 at t = 1), which adds uid0 to the self-loop case (1 s, weight 2, loops): 6 nodes, not 5.
/// </summary>
public class QutSampleFileTests
{
    private static List<Post> Load(string name) =>
        PostSources.Read(Path.Combine(TestEnvironment.TestData, "SocialAudit", name)).ToList();

    private static List<(string, string, int)> Edges(List<Post> posts, CoordinationType type, double window, int minWeight = 1, bool loops = false) =>
        CoordinationDetector.Detect(posts, new CoordinationOptions { Type = type, Window = TimeSpan.FromSeconds(window), MinWeight = minWeight, IncludeSelfLoops = loops, MinTokens = 0 })
            .Select(e => (e.Source, e.Target, e.Weight)).ToList();

    private static int Nodes(List<(string, string, int)> edges) => edges.SelectMany(e => new[] { e.Item1, e.Item2 }).Distinct().Count();

    [Theory]
    [InlineData(1, 1, false, 2)]
    [InlineData(1, 1, true, 9)]
    [InlineData(1, 2, false, 0)]
    [InlineData(1, 2, true, 6)]
    [InlineData(60, 1, false, 6)]
    [InlineData(60, 1, true, 9)]
    public void CoRepost_ToolkitTestSettings_GiveTheToolkitsNodeCounts(double window, int minWeight, bool loops, int nodes)
    {
        Assert.Equal(nodes, Nodes(Edges(Load("qut-coretweet_test_input.csv"), CoordinationType.CoRepost, window, minWeight, loops)));
    }

    [Fact]
    public void CoRepost_SixtySecondWindow_GivesTheseEdges()
    {
        // rtid0: uid0 at 0 and 1, uid1 at 59; rtid1: 60/70; rtid2: 70/131 (61 s, outside); rtid3: 30/89; rtid4: 40/41.
        Assert.Equal(
            [("uid0", "uid1", 2), ("uid1", "uid0", 1), ("uid2", "uid3", 1), ("uid3", "uid2", 1), ("uid4", "uid5", 2), ("uid5", "uid4", 2)],
            Edges(Load("qut-coretweet_test_input.csv"), CoordinationType.CoRepost, 60));
    }

    [Fact]
    public void SampleData_CoText_PairsIdenticalNonRepostTexts()
    {
        // "notebook apple" (user 2, user 1), "dog apple" (9, 1), "squirrel" (7, 6), "dog" (2, 8); "camel", "pencil", "pear" and
        // "banana" repeat only in reposts; "cat dog" repeats within user 8.
        Assert.Equal(
            [("1", "2", 1), ("1", "9", 1), ("2", "1", 1), ("2", "8", 1), ("6", "7", 1), ("7", "6", 1), ("8", "2", 1), ("9", "1", 1)],
            Edges(Load("qut-sample_data.csv"), CoordinationType.CoText, 1));
    }

    [Fact]
    public void SampleData_CoRepost_CountsDistinctRepostsPerTarget()
    {
        var edges = Edges(Load("qut-sample_data.csv"), CoordinationType.CoRepost, 1);
        Assert.Contains(("8", "9", 2), edges);
        Assert.Contains(("9", "8", 1), edges);
        Assert.DoesNotContain(edges, e => e.Item1 == "6" && e.Item2 == "6");
    }

    [Fact]
    public void SampleData_CoReply_RepliesToMessage10()
    {
        var edges = Edges(Load("qut-sample_data.csv"), CoordinationType.CoReply, 1);
        Assert.Contains(("4", "7", 1), edges);
        Assert.Contains(("2", "4", 1), edges);
        Assert.Contains(("8", "1", 1), edges);
    }

    public static TheoryData<CoordinationType> Types => [.. Enum.GetValues<CoordinationType>()];

    [Theory]
    [MemberData(nameof(Types))]
    public void SampleData_EveryType_EqualsTheDefinitionPairByPair(CoordinationType type)
    {
        var posts = Load("qut-sample_data.csv");
        foreach (var loops in new[] { false, true })
        {
            var o = new CoordinationOptions { Type = type, Window = TimeSpan.FromSeconds(1), IncludeSelfLoops = loops, MinTokens = 0, Threshold = 0.5, Method = SimilarityMethod.Exhaustive };
            var expected = ReferenceNetwork.Compute(posts, o);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, CoordinationDetector.Detect(posts, o).Select(e => (e.Source, e.Target, e.Weight)).ToList());
        }
    }

    [Fact]
    public void SharedReferenceData_CoRepost_MatchesTheCopy()
    {
        var shared = TestEnvironment.RequireSharedData();
        var posts = PostSources.Read(Path.Combine(shared, "coordination", "qut-coretweet_test_input.csv")).ToList();
        Assert.Equal(Edges(Load("qut-coretweet_test_input.csv"), CoordinationType.CoRepost, 60), Edges(posts, CoordinationType.CoRepost, 60));
    }
}
