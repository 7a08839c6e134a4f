using System.Net;
using System.Text;
using Answerback.Platform.Demo;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Organisations;

/// <summary>Issue 9, finding 11: a member list with an error on every line returned every error (17 MB of HTML for 400 KB).</summary>
public sealed class UploadLimitsTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UploadMembers_ThousandsOfBadLines_First100ThenACount(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        await session.PostFormAsync("/demo", [new("email", DemoData.OrganiserEmail)]);
        var csv = new StringBuilder("email\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append("not-an-address-").Append(i).Append('\n');
        }

        var page = await session.PostFileAsync("/organisations/" + DemoData.OrganisationSlug + "/members", [], "Upload", "members.csv", Encoding.UTF8.GetBytes(csv.ToString()));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        var text = WebSession.Text(page.Html);
        Assert.Contains("4900 more error(s) not listed", text, StringComparison.Ordinal);
        Assert.InRange(page.Html.Length, 1, 200_000);
    }
}
