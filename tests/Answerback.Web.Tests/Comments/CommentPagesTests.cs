using System.Collections.Concurrent;
using System.Net;
using Answerback.Platform.Comments;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Web.Tests.Comments;

/// <summary>A stand-in capability whose threads are shown on the thread page, each with the people who may take part.</summary>
public sealed class WebTestThreads : ICommentThreadOwner
{
    private readonly ConcurrentDictionary<Guid, (Guid Organisation, HashSet<string> Eligible)> threads = new();

    public string Kind => "test-thread";

    public Guid Add(Guid organisationId, params string[] eligibleEmails)
    {
        var id = Guid.NewGuid();
        threads[id] = (organisationId, [.. eligibleEmails]);
        return id;
    }

    public Func<Guid, Task<string?>> EmailOf { get; set; } = _ => Task.FromResult<string?>(null);

    public Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct)
        => Task.FromResult(threads.TryGetValue(threadId, out var t) ? new CommentThreadInfo(t.Organisation, $"/comments/test-thread/{threadId}", "The test thread") : null);

    public async Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct)
        => threads.TryGetValue(threadId, out var t) && await EmailOf(personId) is { } email && t.Eligible.Contains(email)
            ? new EligibilityDecision(true, "Taking part.")
            : new EligibilityDecision(false, "Only verified residents of Testville may take part.");
}

public sealed class CommentsAppFixture : AppFixture
{
    public WebTestThreads Threads { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
        => services.TryAddEnumerable(ServiceDescriptor.Singleton<ICommentThreadOwner>(Threads));
}

/// <summary>Comments over HTTP without JavaScript: read by anyone, posted by form by eligible people, repeats refused, reported and hidden.</summary>
public sealed class CommentPagesTests(CommentsAppFixture fixture) : IClassFixture<CommentsAppFixture>
{
    private async Task<(AnswerbackApp App, Guid Thread, string Alice, string Outsider, string Moderator)> ArrangeAsync(Provider provider, string name)
    {
        var app = await fixture.AppAsync(provider);
        fixture.Threads.EmailOf = async id => await app.WithScopeAsync(async s => (await s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Platform.Accounts.Person>>().FindByIdAsync(id.ToString()))?.Email);
        var alice = (await app.CreatePersonAsync($"alice-{name}@example.org")).Email!;
        var outsider = (await app.CreatePersonAsync($"outsider-{name}@example.org")).Email!;
        var moderator = await app.CreatePersonAsync($"mod-{name}@example.org");
        var organisation = await app.WithScopeAsync(async s =>
        {
            var created = (await s.GetRequiredService<CreateOrganisation>().CreateAsync("Org " + name, null, null)).Value!;
            await s.GetRequiredService<GrantOrganisationRole>().GrantAsync(created.Id, moderator.Id, OrganisationRoleKind.Moderator);
            return created.Id;
        });
        return (app, fixture.Threads.Add(organisation, alice), alice, outsider, moderator.Email!);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Post_ByForm_ShownToEveryone_RepeatRefusedWithAMessage(Provider provider)
    {
        var (app, thread, alice, _, moderator) = await ArrangeAsync(provider, "post" + provider);
        var path = $"/comments/test-thread/{thread}";
        using var session = app.Session();
        await session.SignInAsync(alice);

        var posted = await session.PostFormAsync("/comments/post", [new("kind", "test-thread"), new("thread", thread.ToString()), new("body", "We need *more* buses")], path);
        var repeat = await session.PostFormAsync("/comments/post", [new("kind", "test-thread"), new("thread", thread.ToString()), new("body", "We need more buses!")], path);

        Assert.Equal(HttpStatusCode.Redirect, posted.Status);
        Assert.StartsWith(path + "#comment-", posted.Location, StringComparison.Ordinal);
        Assert.Contains("You posted nearly the same comment", WebSession.Text(repeat.Html), StringComparison.Ordinal);
        Assert.Contains("We need more buses!", repeat.Html, StringComparison.Ordinal);
        using var anonymous = app.Session();
        var page = await anonymous.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("We need <em>more</em> buses", page.Html, StringComparison.Ordinal);
        Assert.Contains("Comments (1)", WebSession.Text(page.Html), StringComparison.Ordinal);
        Assert.Contains("Sign in to comment", WebSession.Text(page.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("Report", WebSession.Text(page.Html), StringComparison.Ordinal);

        using var mod = app.Session();
        await mod.SignInAsync(moderator);
        var asModerator = WebSession.Text((await mod.GetAsync(path)).Html);
        Assert.Contains("Report this comment by", asModerator, StringComparison.Ordinal);
        Assert.Contains("Hide this comment by", asModerator, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Post_PersonWhoMayNotTakePart_ForbiddenWithTheReason_NoForm(Provider provider)
    {
        var (app, thread, _, outsider, _) = await ArrangeAsync(provider, "refused" + provider);
        var path = $"/comments/test-thread/{thread}";
        using var session = app.Session();
        await session.SignInAsync(outsider);

        var page = await session.GetAsync(path);
        var refused = await session.PostFormAsync("/comments/post", [new("kind", "test-thread"), new("thread", thread.ToString()), new("body", "Let me in")], path);

        Assert.Contains("You cannot comment here: Only verified residents of Testville may take part.", WebSession.Text(page.Html), StringComparison.Ordinal);
        Assert.DoesNotContain("Post comment", page.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Contains("Only verified residents of Testville may take part.", WebSession.Text(refused.Html), StringComparison.Ordinal);
        Assert.Contains("Comments (0)", WebSession.Text((await session.GetAsync(path)).Html), StringComparison.Ordinal);
    }
}
