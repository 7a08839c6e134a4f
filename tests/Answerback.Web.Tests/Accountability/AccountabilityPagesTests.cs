using System.Net;
using System.Text.Json;
using Answerback.Platform.Demo;
using Answerback.Web.Tests.Infrastructure;

namespace Answerback.Web.Tests.Accountability;

/// <summary>The public accountability pages and API over the demo (its planted attack, quiet wards and responsive councillor).</summary>
public sealed class AccountabilityPagesTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    private static async Task<JsonElement> JsonAsync(WebSession session, string path)
    {
        var page = await session.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        return JsonDocument.Parse(page.Html).RootElement;
    }

    private static async Task<string> RepresentativeIdAsync(WebSession session, string ward, string party)
    {
        var list = await JsonAsync(session, "/api/representatives?area=cambridge");
        return list.EnumerateArray().Single(r => r.GetProperty("areaName").GetString() == ward && r.GetProperty("partyName").GetString() == party).GetProperty("id").GetString()!;
    }

    /// <summary>A session signed in as a demo person.</summary>
    private static async Task<WebSession> DemoSessionAsync(AnswerbackApp app, string email)
    {
        var session = app.Session();
        await session.PostFormAsync("/demo", [new("email", email)]);
        return session;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AreaAndScorecard_Demo_ListTheWardsPeopleAndTheResponsiveCouncillorsFigures(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var area = WebSession.Text((await session.GetAsync("/areas/arbury")).Html);
        Assert.Contains("Representatives and candidates", area, StringComparison.Ordinal);
        Assert.Contains(DemoData.OrganisationName, area, StringComparison.Ordinal);
        Assert.Contains("Cambridge Forward (demo)", area, StringComparison.Ordinal);

        var list = await JsonAsync(session, "/api/representatives?area=cambridge");
        Assert.Equal(28, list.GetArrayLength());
        var id = await RepresentativeIdAsync(session, "Arbury", DemoData.OrganisationName);
        var card = (await JsonAsync(session, $"/api/representatives/{id}")).GetProperty("scorecard");
        var answered = card.GetProperty("mentionsAnswered");
        Assert.True(answered.GetProperty("sample").GetInt32() >= 10);
        Assert.True(answered.GetProperty("value").GetDouble() > 0.7, answered.ToString());
        Assert.True(answered.GetProperty("low").GetDouble() < answered.GetProperty("value").GetDouble());
        Assert.Equal(10, card.GetProperty("rivalAnswered").GetProperty("count").GetInt32());

        var page = WebSession.Text((await session.GetAsync($"/representatives/{id}")).Html);
        Assert.Contains("Mentions and replies answered", page, StringComparison.Ordinal);
        Assert.Contains("95 % interval", page, StringComparison.Ordinal);

        var broadcaster = await RepresentativeIdAsync(session, "Castle", DemoData.OrganisationName);
        var silent = (await JsonAsync(session, $"/api/representatives/{broadcaster}")).GetProperty("scorecard");
        Assert.Equal(0, silent.GetProperty("replies").GetProperty("count").GetInt32());
        Assert.Equal(0, silent.GetProperty("mentionsAnswered").GetProperty("count").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CampaignsAndPresence_Demo_ShowThePlantedAttackWithAllItsAccountsAndNameTheQuietWards(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();

        var campaigns = await JsonAsync(session, "/api/campaigns?party=cambridge-forward-demo");
        var attack = Assert.Single(campaigns[0].GetProperty("campaigns").EnumerateArray());
        Assert.Equal(12, attack.GetProperty("accounts").GetInt32());
        Assert.True(attack.GetProperty("nearIdentical").GetBoolean());
        var page = await session.GetAsync("/parties/cambridge-forward-demo/campaigns");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("<svg role=\"img\"", page.Html, StringComparison.Ordinal);
        Assert.Equal(12, WebSession.Text(page.Html).Split("(@forward_").Length - 1);

        var presence = await session.GetAsync("/areas/cambridge/presence");
        var near = WebSession.Text(presence.Html);
        Assert.Contains("Wards with next to no presence Cherry Hinton, Coleridge, Queen Edith's, Romsey.", near, StringComparison.Ordinal);
        Assert.Contains("id=\"presence-table\"", presence.Html, StringComparison.Ordinal);
        Assert.Contains("Open Government Licence", near, StringComparison.Ordinal);
        var api = await JsonAsync(session, "/api/areas/cambridge/presence");
        Assert.Equal(14, api.GetProperty("wards").GetArrayLength());

        var csv = await session.GetAsync("/api/campaigns/cambridge-forward-demo/network.csv");
        Assert.StartsWith("source,target,weight,edge_type", csv.Html, StringComparison.Ordinal);
        Assert.Contains("co-text", csv.Html, StringComparison.Ordinal);
        var graphml = await session.GetAsync("/api/campaigns/cambridge-forward-demo/network.graphml");
        Assert.Contains("<graphml", graphml.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync("/api/campaigns?party=no-such-party")).Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UploadAndNote_WrongPerson_AreRefused_TheRepresentativeMayWriteTheirNote(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var anonymous = app.Session();
        var id = await RepresentativeIdAsync(anonymous, "Arbury", DemoData.OrganisationName);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/representatives/{id}/posts")).Status);

        using var resident = await DemoSessionAsync(app, DemoData.VerifiedResidentEmail);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/representatives/{id}/posts")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await resident.GetAsync($"/organisations/{DemoData.OrganisationSlug}/representatives")).Status);
        var forged = await resident.PostFormAsync($"/representatives/{id}?handler=Note", [new("Note.Text", "Not me"), new("Note.Excluded", "")], $"/representatives/{id}");
        Assert.Equal(HttpStatusCode.Forbidden, forged.Status);

        using var representative = await DemoSessionAsync(app, DemoData.FirstCandidateEmail);
        Assert.Equal(HttpStatusCode.OK, (await representative.GetAsync($"/representatives/{id}/posts")).Status);
        var saved = await representative.PostFormAsync($"/representatives/{id}?handler=Note", [new("Note.Text", "I answer email too: ana@example.org"), new("Note.Excluded", "")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);
        Assert.Contains("I answer email too", WebSession.Text((await anonymous.GetAsync($"/representatives/{id}")).Html), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task AnswerThread_ResidentComments_UnverifiedForbidden_EveryoneReads(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var anonymous = app.Session();
        var id = await RepresentativeIdAsync(anonymous, "Arbury", DemoData.OrganisationName);
        var page = $"/representatives/{id}";
        using var resident = await DemoSessionAsync(app, DemoData.VerifiedResidentEmail);
        var asked = await resident.PostFormAsync($"{page}?handler=Ask", [new("Question", "Will the library open on Sundays? " + provider)], page);
        Assert.Equal(HttpStatusCode.Redirect, asked.Status);
        var location = asked.Location!;
        var question = location[(location.IndexOf("#question-", StringComparison.Ordinal) + "#question-".Length)..];
        Task<Page> Comment(WebSession session, string body)
            => session.PostFormAsync("/comments/post", [new("kind", "representative-answer"), new("thread", question), new("body", body)], page);

        // Unanswered: no thread yet.
        Assert.Equal(HttpStatusCode.NotFound, (await Comment(resident, "Hello?")).Status);
        using var representative = await DemoSessionAsync(app, DemoData.FirstCandidateEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await representative.PostFormAsync($"{page}?handler=Answer&questionId={question}", [new("Answer", "From January, 10 to 4.")], page)).Status);

        Assert.Equal(HttpStatusCode.Redirect, (await Comment(resident, "Thank you, *January* it is.")).Status);
        using var unverified = await DemoSessionAsync(app, DemoData.NewResidentEmail);
        var refused = await Comment(unverified, "Me too");
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("verified residents of Arbury", WebSession.Text(refused.Html), StringComparison.Ordinal);

        var shown = await anonymous.GetAsync(page);
        Assert.Contains("<em>January</em> it is.", shown.Html, StringComparison.Ordinal);
        Assert.Contains($"id=\"comments-{question}\"", shown.Html, StringComparison.Ordinal);
    }
}
