using System.Net;
using Answerback.Platform.Accountability;
using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Primaries;
using Answerback.Platform.Webmentions;
using Answerback.Web.Tests.Infrastructure;
using Answerback.Web.Tests.Primaries;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Webmentions;

/// <summary>The demo (a party, its candidates, a representative linked to a person) with fetches allowed to reach the tests' peers on 127.0.0.1.</summary>
public sealed class DemoWebmentionsAppFixture : AppFixture
{
    protected override bool Demo => true;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webmentions:AllowLoopback"] = "true",
        ["Webmentions:FetchTimeout"] = "00:00:02",
    };
}

/// <summary>
/// Answers published on Answerback (a candidate's in the hustings, a representative's) that link to
/// another real web server on 127.0.0.1 send it a Webmention from the page that shows the answer,
/// to the endpoint it advertises in its <c>Link</c> header.
/// </summary>
public sealed class PublishedAnswerWebmentionTests(DemoWebmentionsAppFixture fixture) : IClassFixture<DemoWebmentionsAppFixture>, IAsyncLifetime
{
    private TestPeer peer = null!;

    public async ValueTask InitializeAsync() => peer = await TestPeer.StartAsync();

    public async ValueTask DisposeAsync() => await peer.DisposeAsync();

    /// <summary>A page of the peer whose Webmention endpoint is in the HTTP <c>Link</c> header only.</summary>
    private string ArticleWithLinkHeader(string path)
    {
        peer.Serve(path, new PeerPage(200, "<!DOCTYPE html><html><head><title>Article</title></head><body>An article</body></html>",
            Headers: new Dictionary<string, string> { ["Link"] = "</endpoint>; rel=\"webmention\"" }));
        return peer.Url(path).AbsoluteUri;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task HustingsAnswer_LinkingToAnotherSite_SendsAWebmentionFromTheHustingsPage(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var party = await app.DemoPartyAsync();
        var id = await app.PrimaryAsync(party, "Hustings mentions " + provider);
        var hustings = HustingsRules.PagePath(id);
        var article = ArticleWithLinkHeader("/hustings-article");

        using var organiser = await app.DemoSessionAsync(DemoData.OrganiserEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(hustings + "?handler=Ask", [new("Question", "Where do you stand on the busway?")])).Status);
        var question = Assert.Single((await app.HustingsAsync(id)).Questions);
        using var ana = await app.DemoSessionAsync(DemoData.FirstCandidateEmail);
        var answered = await ana.PostFormAsync(hustings + $"?handler=Answer&questionId={question.Id}", [new("Answer", $"Against it: see [my article]({article}) and [the primary](/primaries/{id}).")]);
        Assert.Equal(HttpStatusCode.Redirect, answered.Status);

        var received = await WebmentionArrange.ReceivedAsync(peer);
        var source = "https://localhost" + hustings;
        Assert.Equal((source, article), (received["source"], received["target"]));
        // The source really shows the link (what the peer's verification will look for); the site's own link is not mentioned.
        Assert.Contains($"href=\"{article}\"", await WebmentionArrange.PageAsync(app, hustings), StringComparison.Ordinal);
        var sent = await WebmentionArrange.SentAsync(app, source);
        Assert.Equal(peer.Url("/endpoint").AbsoluteUri, Assert.Single(sent).Endpoint);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task RepresentativeAnswer_LinkingToAnotherSite_SendsAWebmentionFromTheRepresentativesPage(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var article = ArticleWithLinkHeader("/representative-article");
        // The demo links Arbury's responsive councillor to Ana's account; a verified Arbury resident asks.
        var (representative, question, ana) = await app.WithScopeAsync(async s =>
        {
            var users = s.GetRequiredService<UserManager<Person>>();
            var resident = (await users.FindByEmailAsync(DemoData.VerifiedResidentEmail))!.Id;
            var ana = (await users.FindByEmailAsync(DemoData.FirstCandidateEmail))!.Id;
            var representative = await s.GetRequiredService<AnswerbackDbContext>().Set<Representative>().AsNoTracking().Where(r => r.PersonId == ana).Select(r => r.Id).FirstAsync();
            var asked = await s.GetRequiredService<AskRepresentatives>().AskAsync(resident, representative, false, "Will the library on Mill Road stay open? " + provider);
            Assert.True(asked.Succeeded, string.Join("; ", asked.Errors));
            return (representative, asked.Value!.Id, ana);
        });

        var answered = await app.WithScopeAsync(s => s.GetRequiredService<AnswerRepresentativeQuestion>().AnswerAsync(ana, question, representative, $"Yes: the council's decision is [here]({article})."));
        Assert.True(answered.Succeeded, string.Join("; ", answered.Errors));

        var received = await WebmentionArrange.ReceivedAsync(peer);
        var source = $"https://localhost/representatives/{representative}";
        Assert.Equal((source, article), (received["source"], received["target"]));
        var sent = Assert.Single(await WebmentionArrange.SentAsync(app, source), w => w.Target == article);
        Assert.Equal(peer.Url("/endpoint").AbsoluteUri, sent.Endpoint);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CrashAfterTheCommit_RowWithoutAJob_TheSweepSendsItOnce(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var article = ArticleWithLinkHeader("/crashed-article");
        var source = "https://localhost/primaries/" + Guid.NewGuid();
        // What a crash between the commit and the enqueue leaves: the row, pending and never tried, and no job.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AnswerbackDbContext>();
            var now = app.Time.GetUtcNow();
            db.Add(new SentWebmention { Id = Guid.NewGuid(), PairKey = Webmention.KeyOf(source, article), Source = source, Target = article, State = SentWebmentionState.Pending, CreatedAt = now, UpdatedAt = now });
            return await db.SaveChangesAsync();
        });

        Task<int> Sweep() => app.WithScopeAsync(s => s.GetRequiredService<SendWebmention>().SweepAsync(CancellationToken.None));
        Assert.Equal(0, await Sweep());
        app.Time.Advance(SendWebmention.Unstarted + TimeSpan.FromMinutes(1));
        Assert.Equal(1, await Sweep());

        var received = await WebmentionArrange.ReceivedAsync(peer);
        Assert.Equal((source, article), (received["source"], received["target"]));
        Assert.Single(await WebmentionArrange.SentAsync(app, source));
        // Sent: the next sweep leaves it alone.
        app.Time.Advance(SendWebmention.Unstarted + TimeSpan.FromMinutes(1));
        Assert.Equal(0, await Sweep());
        Assert.Single(peer.Received);
    }
}
