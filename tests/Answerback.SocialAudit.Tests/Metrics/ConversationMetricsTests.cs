using System.Text;
using static Answerback.SocialAudit.Tests.Posts;
using Answerback.Formats;

namespace Answerback.SocialAudit.Tests.Metrics;

public class ConversationMetricsTests
{
    private const string RegistryCsv = """
        network,handle,person,role,party,area_code
        csv,@Rep,Ruth Rep,councillor,Blue,W1
        csv,sam,Sam Other,councillor,Red,W2
        ,,Nia Noaccount,councillor,Green,W3
        csv,quiet,Quinn Quiet,councillor,Blue,W4
        ,,,,,W5
        """;

    private static Registry LoadRegistry() => Registry.Read(new MemoryStream(Encoding.UTF8.GetBytes(RegistryCsv)), "registry.csv");

    private static List<Post> Conversation() =>
    [
        Text("rep", 0, "Budget consultation opens today", "r1"),
        Reply("rep", 10, "r1", "rep", "(2/2) details at the library") with { Id = "r2" },
        Repost("rep", 20, "party-post") with { Id = "r3" },
        Text("rep", 30, "Agree with this") with { Id = "r4", Kind = PostKind.Quote, RepostOfId = "x" },
        Reply("rep", 40, "s1", "sam", "Good point Sam") with { Id = "r5" },
        Text("sam", 35, "Roads need fixing", "s1"),
        Reply("c1", 100, "r1", "rep", "What about the library?") with { Id = "c1p" },
        Reply("rep", 700, "c1p", "c1", "It stays open") with { Id = "r6" },
        Reply("c2", 200, "r1", "rep", "Why so late?") with { Id = "c2p" },
        Reply("rep", 3800, "c2p", "c2", "Sorry, the papers were late") with { Id = "r7" },
        Reply("c3", 300, "r1", null, "Ignored question") with { Id = "c3p" },
        Reply("rep", 4000, "nowhere", null, "A reply to a post we do not have") with { Id = "r8" },
    ];

    [Fact]
    public void Compute_RepresentativeConversation_CountsEachMeasure()
    {
        var metrics = ConversationMetrics.Compute(Conversation(), LoadRegistry());
        var rep = Assert.Single(metrics, m => m.AccountId == "rep");
        Assert.Equal("Ruth Rep", rep.Representative?.Person);
        Assert.Equal((8, 1, 4, 1, 1, 1), (rep.Posts, rep.Originals, rep.Replies, rep.ThreadContinuations, rep.Reposts, rep.Quotes));
        Assert.Equal((1, 2, 1), (rep.RepliesToRepresentatives, rep.RepliesToCitizens, rep.RepliesToUnknown));
        Assert.Equal(0.5, rep.ReplyShare);
        // c3's reply names no account but replies to r1, a post we have, so it counts as received by rep.
        Assert.Equal((3, 2), (rep.RepliesReceived, rep.RepliesAnswered));
        Assert.Equal(2.0 / 3, rep.AnsweredShare, 9);
        Assert.Equal(TimeSpan.FromSeconds(2100), rep.MedianResponse);
        Assert.Equal(TimeSpan.FromSeconds(3600), rep.Percentile90Response);
        Assert.DoesNotContain(metrics, m => m.AccountId.StartsWith('c'));
    }

    [Fact]
    public void Compute_WithoutRegistry_ReportsEveryAuthorAndCountsRepliesToEveryoneAsCitizens()
    {
        var metrics = ConversationMetrics.Compute(Conversation());
        Assert.Equal(["c1", "c2", "c3", "rep", "sam"], metrics.Select(m => m.AccountId).Order(StringComparer.Ordinal));
        var rep = metrics.Single(m => m.AccountId == "rep");
        Assert.Equal((0, 3), (rep.RepliesToRepresentatives, rep.RepliesToCitizens));
    }

    [Fact]
    public void Compute_ByMonth_SplitsPeriods()
    {
        var posts = new List<Post> { Text("a", 0, "x"), Text("a", 40 * 86400, "y"), Text("a", 41 * 86400, "z") };
        var metrics = ConversationMetrics.Compute(posts, period: MetricsPeriod.Month);
        Assert.Equal([("2026-05", 1), ("2026-06", 2)], metrics.Select(m => (m.Period, m.Posts)));
    }

    [Fact]
    public void Compute_CampaignPosts_GiveTheShare()
    {
        var posts = new List<Post> { Text("a", 0, "x", "1"), Text("a", 1, "y", "2"), Text("a", 2, "z", "3"), Text("a", 3, "w", "4") };
        var metrics = ConversationMetrics.Compute(posts, campaignPostIds: new HashSet<(string, string)> { ("csv", "2") });
        Assert.Equal(0.25, Assert.Single(metrics).CampaignShare);
    }

    [Fact]
    public void Presence_EveryAreaListedIncludingThoseWithoutActivity()
    {
        var areas = ConversationMetrics.Presence(Conversation(), LoadRegistry());
        Assert.Equal(["W1", "W2", "W3", "W4", "W5"], areas.Select(a => a.AreaCode));
        Assert.Equal([true, true, false, false, false], areas.Select(a => a.HasPresence));
        Assert.Equal(8, areas[0].Members.Single().Metrics!.Posts);
        Assert.Null(areas[2].Members.Single().Metrics);
        Assert.Equal("Quinn Quiet", areas[3].Members.Single().Entry.Person);
        Assert.Empty(areas[4].Members);
    }

    [Fact]
    public void RegistryRead_WrongColumnCount_NamesTheLine()
    {
        var ex = Assert.Throws<InputFormatException>(() => Registry.Read(new MemoryStream(Encoding.UTF8.GetBytes("network,handle,person,role,party,area_code\nx,a,b,c,d,W1\nx,a,b\n")), "reg.csv"));
        Assert.Equal(("reg.csv", 3L), (ex.File, ex.Line));
    }

    [Fact]
    public void NearestRank_AndMedian_FollowTheirDefinitions()
    {
        TimeSpan[] values = [.. new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }.Select(s => TimeSpan.FromSeconds(s))];
        Assert.Equal(TimeSpan.FromSeconds(9), ConversationMetrics.NearestRank(values, 0.9));
        Assert.Equal(TimeSpan.FromSeconds(5.5), ConversationMetrics.Median(values));
        Assert.Null(ConversationMetrics.Median([]));
    }
}
