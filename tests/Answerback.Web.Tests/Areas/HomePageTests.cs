using System.Net;
using Answerback.Platform.Demo;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Areas;

/// <summary>The home page and area pages over the demo data.</summary>
public sealed class HomePageTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_DemoMode_ListsCambridgeAndItsFourteenWards(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var page = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebSession.Text(page.Html);
        Assert.Contains("Cambridge", text, StringComparison.Ordinal);
        Assert.Contains("14 areas within Cambridge", text, StringComparison.Ordinal);
        foreach (var ward in new[] { "Abbey", "Arbury", "Castle", "Cherry Hinton", "Coleridge", "East Chesterton", "King's Hedges", "Market", "Newnham", "Petersfield", "Queen Edith's", "Romsey", "Trumpington", "West Chesterton" })
        {
            Assert.Contains(ward, text, StringComparison.Ordinal);
        }

        Assert.Contains("This site shows demo data", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_WardPage_ShowsCodeParentAndWhatHappens(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        var home = await session.GetAsync("/");
        var href = System.Text.RegularExpressions.Regex.Match(home.Html, "href=\"(/areas/[^\"]+)\">Arbury<").Groups[1].Value;

        var page = await session.GetAsync(href);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebSession.Text(page.Html);
        Assert.Contains("Arbury", text, StringComparison.Ordinal);
        Assert.Contains("E05013051", text, StringComparison.Ordinal);
        Assert.Contains("Part of Cambridge", text, StringComparison.Ordinal);
        Assert.Contains(DemoData.OrganisationName, text, StringComparison.Ordinal);
        Assert.Contains("This site shows demo data", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_UnknownArea_NotFound(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var page = await session.GetAsync("/areas/atlantis");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Contains("Page not found", page.Html, StringComparison.Ordinal);
    }
}
