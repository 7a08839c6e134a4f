using System.Net;
using Answerback.Platform.Conversations;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Platform.Webmentions;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Webmentions;

/// <summary>Fetches may reach the tests' peers on 127.0.0.1; limits high enough never to be met; a short fetch timeout.</summary>
public sealed class WebmentionsAppFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webmentions:AllowLoopback"] = "true",
        ["Webmentions:FetchTimeout"] = "00:00:02",
        ["Webmentions:PerAddressPerMinute"] = "100000",
        ["Webmentions:PerSourceHostPerMinute"] = "100000",
    };
}

/// <summary>As in production: loopback refused; and only 3 notifications a minute per source host.</summary>
public sealed class StrictWebmentionsAppFixture : AppFixture
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Webmentions:PerSourceHostPerMinute"] = "3",
    };
}

/// <summary>Helpers shared by the Webmention test classes: a conversation to mention, a notification, and waiting for the background check.</summary>
internal static class WebmentionArrange
{
    public static async Task<(Guid Organisation, Guid Organiser, Guid Conversation)> ConversationAsync(AnswerbackApp app, string name)
    {
        var organiser = await app.CreatePersonAsync($"organiser-{name}@example.org");
        return await app.WithScopeAsync(async s =>
        {
            var organisation = (await s.GetRequiredService<CreateOrganisation>().CreateAsync("Org " + name, null, null)).Value!.Id;
            await s.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation, organiser.Id, OrganisationRoleKind.Organiser);
            var draft = new ConversationDraft(organisation, null, "Homes " + name, "What should we do about homes?", null,
                ["Build more council homes.", "Protect the green belt.", "Cap rents for young people."],
                new AnyoneSignedIn(), new AnyoneSignedIn(), null, 30, ModerationPolicy.AfterPublication, 14);
            var opened = await s.GetRequiredService<OpenConversation>().RunAsync(draft, organiser.Id);
            Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
            return (organisation, organiser.Id, opened.Value!.Id);
        });
    }

    public static async Task<HttpResponseMessage> NotifyAsync(AnswerbackApp app, string source, string target)
    {
        using var client = app.CreateClient();
        return await client.PostAsync("/webmention", new FormUrlEncodedContent([new("source", source), new("target", target)]));
    }

    public static Guid IdOf(HttpResponseMessage accepted)
    {
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var location = accepted.Headers.Location!.AbsoluteUri;
        Assert.StartsWith("https://localhost/webmentions/", location, StringComparison.Ordinal);
        return Guid.Parse(location[^36..], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Waits for the background check (Hangfire in the app) to put the mention in <paramref name="state"/>.</summary>
    public static async Task<WebmentionStatus> WaitForAsync(AnswerbackApp app, Guid id, string state)
    {
        WebmentionStatus? status = null;
        for (var i = 0; i < 300; i++)
        {
            var (current, queued) = await app.WithScopeAsync(async s => (
                await s.GetRequiredService<WebmentionQueries>().StatusAsync(id),
                await s.GetRequiredService<AnswerbackDbContext>().Set<Webmention>().AnyAsync(w => w.Id == id && w.VerificationQueued)));
            status = current;
            if (status?.State == state && !queued)
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The mention is {status?.State} ({status?.Reason}), not {state}.");
    }

    /// <summary>Waits for the peer's endpoint to receive a Webmention (sent by the app's background job) and returns the first.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> ReceivedAsync(TestPeer peer)
    {
        for (var i = 0; i < 300 && peer.Received.IsEmpty; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        return Assert.Single(peer.Received);
    }

    /// <summary>Waits until every Webmention sent from <paramref name="source"/> is marked sent (the job records the endpoint's answer after the POST), and returns them.</summary>
    public static async Task<List<SentWebmention>> SentAsync(AnswerbackApp app, string source)
    {
        List<SentWebmention> sent = [];
        for (var i = 0; i < 100 && (sent.Count == 0 || sent.Any(w => w.State != SentWebmentionState.Sent)); i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            sent = await app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Set<SentWebmention>().AsNoTracking().Where(w => w.Source == source).ToListAsync());
        }

        Assert.All(sent, w => Assert.Equal(SentWebmentionState.Sent, w.State));
        return sent;
    }

    public static async Task<string> PageAsync(AnswerbackApp app, string path)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>Webmention in and out against another real web server on 127.0.0.1.</summary>
public sealed class WebmentionTests(WebmentionsAppFixture fixture) : IClassFixture<WebmentionsAppFixture>, IAsyncLifetime
{
    private TestPeer peer = null!;

    public async ValueTask InitializeAsync() => peer = await TestPeer.StartAsync();

    public async ValueTask DisposeAsync() => await peer.DisposeAsync();

    private static string Post(string target, string title = "Why the housing conversation matters") => $"""
        <!DOCTYPE html><html><head><title>A blog</title></head><body>
        <article class="h-entry"><h1 class="p-name">{title}</h1>
        <p class="p-author h-card"><a class="u-url p-name" href="/about">Ann Writer</a></p>
        <p>Read <a href="{target}">the conversation</a>.</p></article></body></html>
        """;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Mention_VerifiedAndShown_ThenSourceGone_RemovedAfterRenotification(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var (_, _, conversation) = await WebmentionArrange.ConversationAsync(app, "shown" + provider);
        var target = $"https://localhost/conversations/{conversation}";
        peer.Serve("/post", new PeerPage(200, Post(target)));

        var id = WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, peer.Url("/post").AbsoluteUri, target));
        var verified = await WebmentionArrange.WaitForAsync(app, id, "verified");

        Assert.Equal("Why the housing conversation matters", verified.Title);
        Assert.Equal("Ann Writer", verified.AuthorName);
        var page = await WebmentionArrange.PageAsync(app, $"/conversations/{conversation}");
        Assert.Contains("Mentioned on <a href=\"" + peer.Url("/post").AbsoluteUri + "\"", page, StringComparison.Ordinal);
        Assert.Contains("Why the housing conversation matters</a>", page, StringComparison.Ordinal);
        Assert.Contains("by <a href=\"" + peer.Url("/about").AbsoluteUri + "\" rel=\"nofollow ugc noopener\">Ann Writer</a>", page, StringComparison.Ordinal);
        Assert.Contains("Verified", await WebmentionArrange.PageAsync(app, $"/webmentions/{id}"), StringComparison.Ordinal);
        Assert.Contains("\"state\":\"verified\"", await WebmentionArrange.PageAsync(app, $"/api/webmentions/{id}"), StringComparison.Ordinal);

        peer.Serve("/post", new PeerPage(410, "gone", "text/plain"));
        Assert.Equal(id, WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, peer.Url("/post").AbsoluteUri, target)));
        var removed = await WebmentionArrange.WaitForAsync(app, id, "removed");

        Assert.Equal("The source is gone (410 Gone).", removed.Reason);
        Assert.Null(removed.Title);
        Assert.DoesNotContain("Mentioned on", await WebmentionArrange.PageAsync(app, $"/conversations/{conversation}"), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Mention_SourceStopsLinking_Removed_AndAModeratorCanHideOne(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var (organisation, _, conversation) = await WebmentionArrange.ConversationAsync(app, "hide" + provider);
        var target = $"https://localhost/conversations/{conversation}";
        peer.Serve("/a", new PeerPage(200, Post(target, "Post A")));
        peer.Serve("/b", new PeerPage(200, Post(target, "Post B")));
        var a = WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, peer.Url("/a").AbsoluteUri, target));
        var b = WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, peer.Url("/b").AbsoluteUri, target));
        await WebmentionArrange.WaitForAsync(app, a, "verified");
        await WebmentionArrange.WaitForAsync(app, b, "verified");

        var moderator = await app.CreatePersonAsync($"mod-hide{provider}@example.org");
        var hidden = await app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation, moderator.Id, OrganisationRoleKind.Moderator);
            return await s.GetRequiredService<HideContent>().RunAsync(new ModerationSubject(WebmentionsModeration.Kind, a), ModerationReason.OffTopic, moderator.Id);
        });
        Assert.True(hidden.Succeeded, string.Join("; ", hidden.Errors));
        Assert.Equal($"/conversations/{conversation}#mention-{a}", hidden.Value!.PublicPath);
        peer.Serve("/b", new PeerPage(200, "<!DOCTYPE html><title>Post B</title><p>Edited: no link any more.</p>"));
        await WebmentionArrange.NotifyAsync(app, peer.Url("/b").AbsoluteUri, target);
        var removed = await WebmentionArrange.WaitForAsync(app, b, "removed");

        Assert.Equal("The source no longer links to the target.", removed.Reason);
        var page = await WebmentionArrange.PageAsync(app, $"/conversations/{conversation}");
        Assert.Contains("Hidden by a moderator (reason: off-topic)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Post A", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Post B", page, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Mention_SourceNeverAnswersOrRedirectsInALoop_RefusedWithTheReason(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var (_, _, conversation) = await WebmentionArrange.ConversationAsync(app, "slow" + provider);
        var target = $"https://localhost/conversations/{conversation}";

        var never = WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, peer.Url("/never").AbsoluteUri, target));
        var loop = WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, peer.Url("/loop").AbsoluteUri, target));
        var nowhere = WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, peer.Url("/post").AbsoluteUri, $"https://localhost/conversations/{Guid.NewGuid()}"));

        Assert.Contains("did not answer within 2 seconds", (await WebmentionArrange.WaitForAsync(app, never, "refused")).Reason, StringComparison.Ordinal);
        Assert.Contains("loop back", (await WebmentionArrange.WaitForAsync(app, loop, "refused")).Reason, StringComparison.Ordinal);
        Assert.Equal("The target is not a public page of this site that takes mentions.", (await WebmentionArrange.WaitForAsync(app, nowhere, "refused")).Reason);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PublishedResponse_LinkingToAnotherSite_SendsAWebmentionToItsEndpoint(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var (_, organiser, conversation) = await WebmentionArrange.ConversationAsync(app, "send" + provider);
        peer.Serve("/article", new PeerPage(200, "<!DOCTYPE html><html><head><title>Article</title><link rel=\"webmention\" href=\"/endpoint\"></head><body>An article</body></html>"));
        var article = peer.Url("/article").AbsoluteUri;
        var report = await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AnswerbackDbContext>();
            var now = app.Time.GetUtcNow();
            var r = new Report { Id = Guid.NewGuid(), ConversationId = conversation, Number = 1, PeriodStart = now.AddDays(-30), PeriodEnd = now, PublishedAt = now, RespondBy = now.AddDays(14) };
            db.Add(r);
            await db.SaveChangesAsync();
            return r.Id;
        });

        var published = await app.WithScopeAsync(s => s.GetRequiredService<PublishResponse>().RunAsync(report, organiser, $"We read [the article]({article}) and agree.", []));
        Assert.True(published.Succeeded, string.Join("; ", published.Errors));

        var received = await WebmentionArrange.ReceivedAsync(peer);
        var source = $"https://localhost/conversations/{conversation}/reports/1";
        Assert.Equal(source, received["source"]);
        Assert.Equal(article, received["target"]);
        Assert.Contains($"href=\"{article}\"", await WebmentionArrange.PageAsync(app, $"/conversations/{conversation}/reports/1"), StringComparison.Ordinal);
        var sent = Assert.Single(await WebmentionArrange.SentAsync(app, source));
        Assert.Equal(peer.Url("/endpoint").AbsoluteUri, sent.Endpoint);
        Assert.Equal(peer.Url("/status/1").AbsoluteUri, sent.StatusUrl);
    }

    [Fact]
    public async Task EveryPage_AdvertisesTheEndpoint_FromThePublicUrl()
    {
        var app = await fixture.AppAsync(Provider.Sqlite);
        using var client = app.CreateClient();
        var home = await client.GetAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("<https://localhost/webmention>; rel=\"webmention\"", home.Headers.GetValues("Link"));
        Assert.Contains("<link rel=\"webmention\" href=\"https://localhost/webmention\">", await home.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Endpoint_MalformedOrOversized_400WithTheProblem_NothingStored(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var target = $"https://localhost/conversations/{Guid.NewGuid()}";
        using var client = app.CreateClient();
        async Task<string> Refused(HttpContent content)
        {
            var response = await client.PostAsync("/webmention", content);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await response.Content.ReadAsStringAsync();
        }

        Form Of(params (string, string)[] fields) => new([.. fields.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2))]);
        var before = await app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Set<Webmention>().CountAsync());

        Assert.Contains("form-encoded", await Refused(new StringContent("{\"source\":\"x\"}", System.Text.Encoding.UTF8, "application/json")), StringComparison.Ordinal);
        Assert.Contains("larger than 16,384 bytes", await Refused(Of(("source", "https://blog.example/" + new string('a', 20000)), ("target", target))), StringComparison.Ordinal);
        Assert.Contains("target: The target is missing", await Refused(Of(("source", "https://blog.example/post"))), StringComparison.Ordinal);
        Assert.Contains("source: The source must be an absolute http or https address", await Refused(Of(("source", "ftp://blog.example/post"), ("target", target))), StringComparison.Ordinal);
        Assert.Contains("source: The source must be an absolute http or https address", await Refused(Of(("source", "/relative"), ("target", target))), StringComparison.Ordinal);
        Assert.Contains("must be a page of this site", await Refused(Of(("source", "https://blog.example/post"), ("target", "https://elsewhere.example/conversations/1"))), StringComparison.Ordinal);
        Assert.Contains("not a page that takes mentions", await Refused(Of(("source", "https://blog.example/post"), ("target", "https://localhost/accounts/me"))), StringComparison.Ordinal);
        Assert.Contains("the same page", await Refused(Of(("source", target + "#x"), ("target", target))), StringComparison.Ordinal);
        Assert.Contains("Send one source", await Refused(Of(("source", "https://a.example/"), ("source", "https://b.example/"), ("target", target))), StringComparison.Ordinal);
        using var notUtf8 = new ByteArrayContent([0x73, 0x6f, 0x75, 0x72, 0x63, 0x65, 0x3d, 0xff, 0xfe]);
        notUtf8.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        Assert.Contains("not UTF-8", await Refused(notUtf8), StringComparison.Ordinal);

        Assert.Equal(before, await app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Set<Webmention>().CountAsync()));
    }

    private sealed class Form(IEnumerable<KeyValuePair<string, string>> fields) : FormUrlEncodedContent(fields);
}

/// <summary>Production's rules: a source on a loopback address is refused after resolving it; notifications per source host are limited.</summary>
public sealed class WebmentionDefencesTests(StrictWebmentionsAppFixture fixture) : IClassFixture<StrictWebmentionsAppFixture>, IAsyncLifetime
{
    private TestPeer peer = null!;

    public async ValueTask InitializeAsync() => peer = await TestPeer.StartAsync();

    public async ValueTask DisposeAsync() => await peer.DisposeAsync();

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Mention_SourceResolvingToAPrivateAddress_RefusedWhenLoopbackIsNotAllowed(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var (_, _, conversation) = await WebmentionArrange.ConversationAsync(app, "private" + provider);
        var target = $"https://localhost/conversations/{conversation}";
        peer.Serve("/post", new PeerPage(200, $"<a href=\"{target}\">the conversation</a>"));

        var id = WebmentionArrange.IdOf(await WebmentionArrange.NotifyAsync(app, $"http://localhost:{peer.Address.Port}/post", target));
        var refused = await WebmentionArrange.WaitForAsync(app, id, "refused");

        Assert.Equal("Refused: localhost does not resolve to a public address.", refused.Reason);
        Assert.DoesNotContain("Mentioned on", await WebmentionArrange.PageAsync(app, $"/conversations/{conversation}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Endpoint_MoreThanTheLimitForOneSourceHost_429()
    {
        var app = await fixture.AppAsync(Provider.Sqlite);
        var target = $"https://localhost/conversations/{Guid.NewGuid()}";
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add((await WebmentionArrange.NotifyAsync(app, $"https://flood.example/post/{i}", target)).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests], answers);
        Assert.Equal(HttpStatusCode.Accepted, (await WebmentionArrange.NotifyAsync(app, "https://another.example/post", target)).StatusCode);
    }
}
