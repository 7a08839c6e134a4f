using System.Globalization;
using System.Net;
using System.Text.Json;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Primaries;

/// <summary>An organiser sets up and publishes a primary through the forms; nobody else can, and the API shows only published ones.</summary>
public sealed class PrimarySetupPagesTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    private static string New => $"/organisations/{DemoData.OrganisationSlug}/primaries/new";

    private static IEnumerable<KeyValuePair<string, string>> Form(AnswerbackApp app, Guid area, string title, int seats = 1)
    {
        // Minutes, not days: the app's clock must stay near the client's, which checks cookie expiry.
        string At(double minutes) => app.Time.GetUtcNow().AddMinutes(minutes).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);
        return
        [
            new("Input.Title", title), new("Input.Description", "Choose **our** candidate."), new("Input.AreaId", area.ToString()),
            new("Input.Method", "av"), new("Input.Seats", seats.ToString(CultureInfo.InvariantCulture)), new("Input.Electorate", "ResidentsOnOwnRegister"),
            new("Input.NominationsOpen", At(2)), new("Input.HustingsOpen", At(30)), new("Input.VotingOpens", At(60)), new("Input.VotingCloses", At(90)),
        ];
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Organiser_SetsUpEditsAndPublishes_ThenEveryoneSeesIt(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var party = await app.DemoPartyAsync();
        using var organiser = await app.DemoSessionAsync(DemoData.OrganiserEmail);

        var refused = await organiser.PostFormAsync(New, Form(app, party.Area, "Romsey candidate", seats: 2));
        Assert.Equal(HttpStatusCode.OK, refused.Status);
        Assert.Contains("Alternative Vote elects one candidate", WebSession.Text(refused.Html), StringComparison.Ordinal);

        var created = await organiser.PostFormAsync(New, Form(app, party.Area, "Romsey candidate " + provider));
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var manage = created.Location!;
        var id = Guid.Parse(manage.Split('/')[2]);

        // A draft: its organisers see it, nobody else can find it.
        using var anonymous = app.Session();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/primaries/{id}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/primaries/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await organiser.GetAsync($"/primaries/{id}")).Status);

        var edited = await organiser.PostFormAsync(manage + "?handler=Save", Form(app, party.Area, "Romsey ward candidate " + provider), formPage: manage);
        Assert.Equal(HttpStatusCode.Redirect, edited.Status);
        var published = await organiser.PostFormAsync(manage + "?handler=Publish", [], formPage: manage);
        Assert.Equal(HttpStatusCode.Redirect, published.Status);

        var page = WebSession.Text((await anonymous.GetAsync($"/primaries/{id}")).Html);
        Assert.Contains("Romsey ward candidate " + provider, page, StringComparison.Ordinal);
        Assert.Contains("Residents of Romsey verified against the register of " + DemoData.OrganisationName, page, StringComparison.Ordinal);
        Assert.Contains("Published with its timetable Organiser", page, StringComparison.Ordinal);

        var list = JsonDocument.Parse(await anonymous.Client.GetStringAsync(new Uri("/api/primaries", UriKind.Relative), TestContext.Current.CancellationToken)).RootElement;
        var item = list.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == id);
        Assert.Equal("draft", item.GetProperty("state").GetString());
        var detail = JsonDocument.Parse(await anonymous.Client.GetStringAsync(new Uri($"/api/primaries/{id}", UriKind.Relative), TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("residents-on-own-register", detail.GetProperty("electorate").GetString());
        Assert.Equal(0, detail.GetProperty("candidates").GetArrayLength());

        var openApi = await anonymous.Client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Contains("\"/api/primaries/{id}\"", openApi, StringComparison.Ordinal);
        Assert.Contains("\"ListPrimaries\"", openApi, StringComparison.Ordinal);

        app.Time.Advance(TimeSpan.FromMinutes(2));
        detail = JsonDocument.Parse(await anonymous.Client.GetStringAsync(new Uri($"/api/primaries/{id}", UriKind.Relative), TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal("nominations", detail.GetProperty("state").GetString());
        Assert.Equal("Nominations opened", detail.GetProperty("log").EnumerateArray().Last().GetProperty("change").GetString());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OrganiserActions_CitizenModeratorAndOtherOrganiser_Forbidden(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var party = await app.DemoPartyAsync();
        var draft = await app.PrimaryAsync(party, "Draft " + provider, hustings: false, publish: false);
        var running = await app.PrimaryAsync(party, "Running " + provider, hustings: false);
        app.Time.Advance(TimeSpan.FromMinutes(1));
        var nominee = await app.WithScopeAsync(async s => (await s.GetRequiredService<Nominate>().NominateAsync(party.Ana, running, null)).Value!.Candidate!.Id);

        var citizen = $"citizen-primaries-{provider}@example.org";
        await app.CreatePersonAsync(citizen);
        var otherOrganiser = $"other-primaries-{provider}@example.org";
        var other = await app.CreatePersonAsync(otherOrganiser, twoFactor: true);
        await app.WithScopeAsync(async s =>
        {
            var organisation = await s.GetRequiredService<CreateOrganisation>().CreateAsync("Other primaries party " + provider, null, null);
            await s.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation.Value!.Id, other.Id, OrganisationRoleKind.Organiser);
            return 0;
        });

        foreach (var (email, demo) in new[] { (citizen, false), (otherOrganiser, false), (DemoData.ModeratorEmail, true), (DemoData.FirstCandidateEmail, true) })
        {
            using var session = demo ? await app.DemoSessionAsync(email) : app.Session();
            if (!demo)
            {
                await session.SignInAsync(email);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(New)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync($"/primaries/{draft}/manage")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync($"/primaries/{running}/manage")).Status);
            Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync($"/primaries/{draft}")).Status);
            var posts = new[]
            {
                await session.PostFormAsync(New, Form(app, party.Area, "Sneaky"), formPage: "/accounts/me"),
                await session.PostFormAsync($"/primaries/{draft}/manage?handler=Save", Form(app, party.Area, "Sneaky"), formPage: "/accounts/me"),
                await session.PostFormAsync($"/primaries/{draft}/manage?handler=Publish", [], formPage: "/accounts/me"),
                await session.PostFormAsync($"/primaries/{running}/manage?handler=Approve&candidateId={nominee}", [], formPage: "/accounts/me"),
                await session.PostFormAsync($"/primaries/{running}/manage?handler=Withdraw&candidateId={nominee}", [], formPage: "/accounts/me"),
            };
            Assert.All(posts, p => Assert.True(p.Status == HttpStatusCode.Forbidden, $"{email}: {p.Response.RequestMessage?.RequestUri} gave {p.Status}"));
        }

        var after = await app.SummaryAsync(draft);
        Assert.False(after!.IsPublished);
        Assert.Equal("Draft " + provider, after.Primary.Title);
        var nominations = await app.WithScopeAsync(s => s.GetRequiredService<HustingsQuery>().NominationsAsync(running));
        Assert.Equal(CandidateStatus.Nominated, Assert.Single(nominations).Candidate.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OrganiserPages_WithoutTwoFactor_SentToEnrol(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var party = await app.DemoPartyAsync();
        var email = $"no-2fa-organiser-{provider}@example.org";
        var person = await app.CreatePersonAsync(email, twoFactor: false);
        await app.WithScopeAsync(s => s.GetRequiredService<GrantOrganisationRole>().GrantAsync(party.Organisation, person.Id, OrganisationRoleKind.Organiser));
        using var session = app.Session();
        await session.SignInAsync(email);
        var page = await session.GetAsync(New);
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.StartsWith("/accounts/two-factor", page.Location, StringComparison.Ordinal);
    }
}
