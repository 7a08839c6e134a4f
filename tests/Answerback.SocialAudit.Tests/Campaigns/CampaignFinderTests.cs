using static Answerback.SocialAudit.Tests.Posts;

namespace Answerback.SocialAudit.Tests.Campaigns;

public class CampaignFinderTests
{
    private static readonly CampaignOptions TenMinutes = new() { Window = TimeSpan.FromMinutes(10) };

    [Fact]
    public void Find_ThreeAccountsSameTextWithinWindow_IsOneCampaign()
    {
        Post[] posts =
        [
            Text("B", 120, "The council LIED about the budget @cllr"),
            Text("A", 0, "the council lied about the budget"),
            Text("C", 300, "The council lied   about the budget"),
            Text("D", 100, "something else entirely"),
        ];
        var campaign = Assert.Single(CampaignFinder.Find(posts, TenMinutes));
        Assert.Equal("A", campaign.Earliest.AccountId);
        Assert.Equal("the council lied about the budget", campaign.Text);
        Assert.Equal(["A", "B", "C"], campaign.Accounts);
        Assert.Equal(5.0, campaign.SpreadMinutes, 9);
        Assert.False(campaign.NearIdentical);
    }

    [Fact]
    public void Find_OnlyTwoAccounts_IsNoCampaign()
    {
        Post[] posts = [Text("A", 0, "same words here"), Text("B", 10, "same words here"), Text("A", 20, "same words here")];
        Assert.Empty(CampaignFinder.Find(posts, TenMinutes));
    }

    [Fact]
    public void Find_CopiesHoursApart_AreNotACampaign()
    {
        Post[] posts = [Text("A", 0, "good morning all"), Text("B", 3600, "good morning all"), Text("C", 7200, "good morning all")];
        Assert.Empty(CampaignFinder.Find(posts, TenMinutes));
    }

    [Fact]
    public void Find_EditedCopies_JoinedOnlyWhenNearIdenticalIsOn()
    {
        Post[] posts =
        [
            Text("A", 0, "one two three four five six seven eight nine ten"),
            Text("B", 60, "one two three four five six seven eight nine eleven"),
            Text("C", 120, "one two three four five six seven eight nine twelve"),
        ];
        var campaign = Assert.Single(CampaignFinder.Find(posts, TenMinutes));
        Assert.True(campaign.NearIdentical);
        Assert.Empty(CampaignFinder.Find(posts, TenMinutes with { IncludeNearIdentical = false }));
    }

    [Fact]
    public void Find_RepostsOfTheSameText_AreNotACampaign()
    {
        Post[] posts = [Repost("A", 0, "x", "vote no now"), Repost("B", 1, "x", "vote no now"), Repost("C", 2, "x", "vote no now")];
        Assert.Empty(CampaignFinder.Find(posts, TenMinutes));
    }

    [Fact]
    public void Find_SyntheticPlant_RecoversTextCampaignsWithFullPrecisionAndRecall()
    {
        var data = SyntheticPosts.Generate(new SyntheticOptions { Seed = 42, Accounts = 300, OrganicPosts = 20_000, GroupsPerKind = 15, Span = TimeSpan.FromDays(10) });
        var found = CampaignFinder.Find(data.Posts, TenMinutes);
        var planted = data.Planted.Where(p => p.Kind is PlantKind.ExactCopies or PlantKind.EditedCopies).ToList();
        var plantedPosts = planted.SelectMany(p => p.PostIds).ToHashSet(StringComparer.Ordinal);
        var foundPosts = found.SelectMany(c => c.Posts.Select(p => p.Id)).ToHashSet(StringComparer.Ordinal);
        var truePositives = foundPosts.Count(plantedPosts.Contains);
        var precision = (double)truePositives / foundPosts.Count;
        var recall = (double)truePositives / plantedPosts.Count;
        Assert.Equal(1.0, precision);
        Assert.Equal(1.0, recall);
        Assert.Equal(planted.Count, found.Count);
        foreach (var plant in planted)
        {
            var match = Assert.Single(found, c => c.Posts.Any(p => p.Id == plant.PostIds[0]));
            Assert.Equal(plant.PostIds.Order(StringComparer.Ordinal), match.Posts.Select(p => p.Id).Order(StringComparer.Ordinal));
            Assert.Equal(plant.Kind == PlantKind.EditedCopies, match.NearIdentical);
        }
    }

    [Fact]
    public void Detect_SyntheticPlant_CoRepostAndCoLinkConnectEveryPlantedPair()
    {
        var data = SyntheticPosts.Generate(new SyntheticOptions { Seed = 5, Accounts = 300, OrganicPosts = 10_000, GroupsPerKind = 10 });
        foreach (var (kind, type) in new[] { (PlantKind.Reposts, CoordinationType.CoRepost), (PlantKind.Links, CoordinationType.CoLink) })
        {
            var edges = CoordinationDetector.Detect(data.Posts, new CoordinationOptions { Type = type, Window = TimeSpan.FromMinutes(5) })
                .Select(e => (e.Source, e.Target)).ToHashSet();
            var expected = data.Planted.Where(p => p.Kind == kind)
                .SelectMany(p => p.Accounts.SelectMany(a => p.Accounts.Where(b => b != a).Select(b => (a, b)))).ToHashSet();
            Assert.Subset(edges, expected);
            // Organic reposts are of random posts over a month, so few organic edges are expected, but not none.
            var precision = (double)edges.Count(expected.Contains) / edges.Count;
            Assert.True(precision > 0.9, $"{type}: precision {precision:P1}");
        }
    }
}
