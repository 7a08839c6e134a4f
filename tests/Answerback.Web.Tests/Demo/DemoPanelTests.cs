using System.Net;
using Answerback.Platform.Demo;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Demo;

/// <summary>The "sign in as ..." panel: there in demo mode, absent otherwise.</summary>
public sealed class DemoPanelTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignInAs_Organiser_SignedInWithOrganiserRole(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var signIn = await session.PostFormAsync("/demo", [new("email", DemoData.OrganiserEmail)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);

        var me = await session.GetAsync("/accounts/me");
        Assert.Equal(HttpStatusCode.OK, me.Status);
        var text = WebSession.Text(me.Html);
        Assert.Contains("Olivia Organiser", text, StringComparison.Ordinal);
        Assert.Contains("Organiser of " + DemoData.OrganisationName, text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignInAs_NotADemoPerson_Refused(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"real-{provider}@example.org");
        using var session = app.Session();

        var signIn = await session.PostFormAsync("/demo", [new("email", $"real-{provider}@example.org")]);

        Assert.Equal(HttpStatusCode.BadRequest, signIn.Status);
        Assert.Equal(HttpStatusCode.Redirect, (await session.GetAsync("/accounts/me")).Status);
    }
}

/// <summary>Outside demo mode the panel does not exist.</summary>
public sealed class DemoPanelAbsentTests(PlainAppFixture apps) : IClassFixture<PlainAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_DemoOff_NotFoundAndNoBanner(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var panel = await session.GetAsync("/demo");
        var home = await session.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, panel.Status);
        Assert.DoesNotContain("This site shows demo data", home.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Cambridge", home.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Post_DemoOff_NotFound(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        // Any page's token will do: the point is that the demo handler refuses even a valid post.
        var token = await session.TokenAsync("/accounts/sign-in");
        using var form = new FormUrlEncodedContent([new("email", DemoData.OrganiserEmail), new("__RequestVerificationToken", token)]);

        var response = await session.Client.PostAsync(new Uri("/demo", UriKind.Relative), form, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
