using System.Net;
using Answerback.Platform.Demo;
using Answerback.Platform.Residency;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Residency;

/// <summary>Verifying residency through the page, with the demo register.</summary>
public sealed class VerificationTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_UnclaimedEntry_VerifiedInWardAndCity(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        await session.PostFormAsync("/demo", [new("email", DemoData.NewResidentEmail)]);

        // Typed loosely (lower case, no space): the platform normalises both.
        var page = await session.PostFormAsync("/residency/verify",
            [new("Input.ElectorNumber", DemoData.UnclaimedElectorNumber.ToLowerInvariant()), new("Input.Postcode", DemoData.UnclaimedPostcode.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant())]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var text = WebSession.Text(page.Html);
        Assert.Contains("Residency verified", text, StringComparison.Ordinal);
        Assert.Contains("Arbury", text, StringComparison.Ordinal);
        Assert.Contains("Cambridge", text, StringComparison.Ordinal);
        var me = WebSession.Text((await session.GetAsync("/accounts/me")).Html);
        Assert.Contains("Arbury verified", me, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_WrongNumberOrClaimedEntry_SameMessage(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"guesser-{provider}@example.org");
        using var session = app.Session();
        await session.SignInAsync($"guesser-{provider}@example.org");

        var unknown = await session.PostFormAsync("/residency/verify", [new("Input.ElectorNumber", "ZZ9-9999"), new("Input.Postcode", "CB4 2JB")]);
        // The verified demo resident's entry exists but is taken: the answer must not differ.
        var claimed = await session.PostFormAsync("/residency/verify",
            [new("Input.ElectorNumber", DemoData.VerifiedResidentElectorNumber), new("Input.Postcode", DemoData.VerifiedResidentPostcode)]);

        Assert.Equal(HttpStatusCode.OK, unknown.Status);
        Assert.Equal(HttpStatusCode.OK, claimed.Status);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(VerifyResidency.NotMatchedMessage).Replace("&#39;", "&#x27;", StringComparison.Ordinal), unknown.Html, StringComparison.Ordinal);
        Assert.Equal(MainContent(unknown.Html), MainContent(claimed.Html));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Verify_FiveFailures_SixthRefusedEvenWithRightDetails(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"unlucky-{provider}@example.org");
        using var session = app.Session();
        await session.SignInAsync($"unlucky-{provider}@example.org");
        for (var i = 0; i < 5; i++)
        {
            var failed = await session.PostFormAsync("/residency/verify", [new("Input.ElectorNumber", "ZZ1-000" + i), new("Input.Postcode", "CB4 2JB")]);
            Assert.Equal(HttpStatusCode.OK, failed.Status);
        }

        var sixth = await session.PostFormAsync("/residency/verify",
            [new("Input.ElectorNumber", DemoData.SecondUnclaimedElectorNumber), new("Input.Postcode", DemoData.SecondUnclaimedPostcode)]);

        Assert.Equal(HttpStatusCode.TooManyRequests, sixth.Status);
        Assert.Contains("Too many attempts", sixth.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Residency verified", sixth.Html, StringComparison.Ordinal);

        // An hour later (by the injected clock) the right details work.
        app.Time.Advance(TimeSpan.FromMinutes(61));
        var later = await session.PostFormAsync("/residency/verify",
            [new("Input.ElectorNumber", DemoData.SecondUnclaimedElectorNumber), new("Input.Postcode", DemoData.SecondUnclaimedPostcode)]);
        Assert.Contains("Residency verified", later.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Declare_Postcode_ShownAsUnverified(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"declarer-{provider}@example.org");
        using var session = app.Session();
        await session.SignInAsync($"declarer-{provider}@example.org");
        var form = await session.GetAsync("/residency/declare");
        var romsey = System.Text.RegularExpressions.Regex.Match(form.Html, "<option value=\"([0-9a-f-]+)\">Romsey, Cambridge</option>").Groups[1].Value;

        var page = await session.PostFormAsync("/residency/declare", [new("Input.AreaId", romsey), new("Input.Postcode", "CB1 3NE")]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("Residency declared", page.Html, StringComparison.Ordinal);
        var me = WebSession.Text((await session.GetAsync("/accounts/me")).Html);
        Assert.Contains("Romsey unverified", me, StringComparison.Ordinal);
    }

    private static string MainContent(string html)
    {
        var start = html.IndexOf("<main", StringComparison.Ordinal);
        var end = html.IndexOf("</main>", StringComparison.Ordinal);
        // The antiforgery token differs per response; everything else in <main> must be identical.
        return System.Text.RegularExpressions.Regex.Replace(html[start..end], "value=\"[^\"]*\"", "value=\"\"");
    }
}
