using System.Collections.Concurrent;
using System.Net;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Web.Tests.Moderation;

/// <summary>A stand-in capability: notes kept in memory, of kind "test-note", shown nowhere but known to moderation.</summary>
public sealed class WebTestNotes : IModerationSubjects
{
    private readonly ConcurrentDictionary<Guid, ModerationSubjectInfo> notes = new();

    public Guid Add(Guid organisationId, Guid authorPersonId, string text)
    {
        var id = Guid.NewGuid();
        notes[id] = new ModerationSubjectInfo(organisationId, authorPersonId, text, "/moderation");
        return id;
    }

    public Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
        => Task.FromResult(subject.Kind == "test-note" && notes.TryGetValue(subject.Id, out var info) ? info : null);
}

public sealed class ModerationAppFixture : AppFixture
{
    public WebTestNotes Notes { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
        => services.TryAddEnumerable(ServiceDescriptor.Singleton<IModerationSubjects>(Notes));
}

/// <summary>
/// The moderation pages over HTTP: a moderator hides with a reason and the public log shows the
/// rule and the role (never the name); other people and other organisations' moderators are
/// refused; the author appeals once; a moderator decides and the outcome is public.
/// </summary>
public sealed class ModerationPagesTests(ModerationAppFixture fixture) : IClassFixture<ModerationAppFixture>
{
    private sealed record Cast(Guid Organisation, string OrganisationSlug, string Moderator, string Author, string Citizen, string OtherModerator);

    private static async Task<Cast> ArrangeAsync(AnswerbackApp app, string name)
    {
        var slug = name.ToLowerInvariant();
        var moderator = await app.CreatePersonAsync($"mod-{slug}@example.org");
        var author = await app.CreatePersonAsync($"author-{slug}@example.org");
        await app.CreatePersonAsync($"citizen-{slug}@example.org");
        var otherModerator = await app.CreatePersonAsync($"othermod-{slug}@example.org");
        var organisation = await app.WithScopeAsync(async services =>
        {
            var create = services.GetRequiredService<CreateOrganisation>();
            var grant = services.GetRequiredService<GrantOrganisationRole>();
            var ours = (await create.CreateAsync(name, slug, null)).Value!;
            var theirs = (await create.CreateAsync(name + " Rivals", slug + "-rivals", null)).Value!;
            await grant.GrantAsync(ours.Id, moderator.Id, OrganisationRoleKind.Moderator);
            await grant.GrantAsync(theirs.Id, otherModerator.Id, OrganisationRoleKind.Moderator);
            return ours.Id;
        });
        return new Cast(organisation, slug, moderator.Email!, author.Email!, $"citizen-{slug}@example.org", otherModerator.Email!);
    }

    private static async Task<WebSession> SignedInAsync(AnswerbackApp app, string email)
    {
        var session = app.Session();
        await session.SignInAsync(email);
        return session;
    }

    private static Task<IReadOnlyDictionary<Guid, ModerationReason>> HiddenAsync(AnswerbackApp app, Guid id)
        => app.WithScopeAsync(s => s.GetRequiredService<ModerationStatus>().HiddenAsync("test-note", [id]));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Hide_Moderator_OnThePublicLogWithRuleAndRoleNotName(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Hiders" + provider);
        var note = fixture.Notes.Add(cast.Organisation, await PersonIdAsync(app, cast.Author), "Offensive words");
        using var moderator = await SignedInAsync(app, cast.Moderator);

        var form = await moderator.GetAsync($"/moderation/hide?kind=test-note&id={note}");
        Assert.Contains("Offensive words", WebSession.Text(form.Html), StringComparison.Ordinal);
        var hidden = await moderator.PostFormAsync("/moderation/hide", [new("kind", "test-note"), new("id", note.ToString()), new("reason", "OffTopic")], $"/moderation/hide?kind=test-note&id={note}");

        Assert.Equal(HttpStatusCode.Redirect, hidden.Status);
        Assert.StartsWith("/moderation/decisions/", hidden.Location, StringComparison.Ordinal);
        Assert.Equal(ModerationReason.OffTopic, (await HiddenAsync(app, note))[note]);
        using var anonymous = app.Session();
        var log = WebSession.Text((await anonymous.GetAsync("/moderation?organisation=" + cast.OrganisationSlug)).Html);
        Assert.Contains("off-topic a moderator none", log, StringComparison.Ordinal);
        Assert.DoesNotContain(cast.Moderator.Split('@')[0], log, StringComparison.Ordinal);
        var decision = WebSession.Text((await anonymous.GetAsync(hidden.Location!)).Html);
        Assert.Contains("Rule off-topic Decided by a moderator", decision, StringComparison.Ordinal);
        Assert.DoesNotContain("Appeal this decision", decision, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Hide_CitizenAuthorOrOtherOrganisationsModerator_Forbidden(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Refusers" + provider);
        var authorId = await PersonIdAsync(app, cast.Author);
        var note = fixture.Notes.Add(cast.Organisation, authorId, "Keep me");

        foreach (var email in new[] { cast.Citizen, cast.Author, cast.OtherModerator })
        {
            using var session = await SignedInAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync($"/moderation/hide?kind=test-note&id={note}")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.PostFormAsync("/moderation/queue?handler=Hide", [new("kind", "test-note"), new("id", note.ToString()), new("reason", "Abuse")], "/moderation")).Status);
            // Another organisation's moderator has a queue of their own, without this note.
            var queue = await session.GetAsync("/moderation/queue");
            Assert.Equal(email == cast.OtherModerator ? HttpStatusCode.OK : HttpStatusCode.Forbidden, queue.Status);
            Assert.DoesNotContain("Keep me", queue.Html, StringComparison.Ordinal);
        }

        Assert.Empty(await HiddenAsync(app, note));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Flag_ShowsOnTheModeratorsQueue_NotOnAnotherOrganisations(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Flaggers" + provider);
        var note = fixture.Notes.Add(cast.Organisation, await PersonIdAsync(app, cast.Author), "Call 01234 567890 to find him");
        using var citizen = await SignedInAsync(app, cast.Citizen);

        var flagged = await citizen.PostFormAsync("/moderation/flag", [new("kind", "test-note"), new("id", note.ToString()), new("reason", "PersonalData"), new("note", "a phone number")], $"/moderation/flag?kind=test-note&id={note}");

        Assert.Equal(HttpStatusCode.Redirect, flagged.Status);
        using var moderator = await SignedInAsync(app, cast.Moderator);
        var queue = WebSession.Text((await moderator.GetAsync("/moderation/queue")).Html);
        Assert.Contains("Call 01234 567890 to find him", queue, StringComparison.Ordinal);
        Assert.Contains("Reported by 1 person for personal data.", queue, StringComparison.Ordinal);
        using var other = await SignedInAsync(app, cast.OtherModerator);
        Assert.DoesNotContain("Call 01234", (await other.GetAsync("/moderation/queue")).Html, StringComparison.Ordinal);

        var kept = await moderator.PostFormAsync("/moderation/queue?handler=Approve", [new("kind", "test-note"), new("id", note.ToString())], "/moderation/queue");
        Assert.Equal(HttpStatusCode.Redirect, kept.Status);
        Assert.DoesNotContain("Call 01234", (await moderator.GetAsync("/moderation/queue")).Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Appeal_AuthorOnce_OthersRefused_OutcomePublic(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Appealers" + provider);
        var note = fixture.Notes.Add(cast.Organisation, await PersonIdAsync(app, cast.Author), "Our councillor broke his promise");
        using var moderator = await SignedInAsync(app, cast.Moderator);
        var decision = (await moderator.PostFormAsync("/moderation/hide", [new("kind", "test-note"), new("id", note.ToString()), new("reason", "Abuse")], $"/moderation/hide?kind=test-note&id={note}")).Location!;
        var appealPath = decision + "?handler=Appeal";

        using var citizen = await SignedInAsync(app, cast.Citizen);
        Assert.DoesNotContain("Appeal this decision", (await citizen.GetAsync(decision)).Html, StringComparison.Ordinal);
        var refused = await citizen.PostFormAsync(appealPath, [new("AppealInput.Text", "Not mine but wrong")], decision);
        Assert.Contains(AppealDecision.NotAuthor, WebSession.Text(refused.Html), StringComparison.Ordinal);

        using var anonymous = app.Session();
        var signedOut = await anonymous.PostFormAsync(appealPath, [new("AppealInput.Text", "Anonymous")], "/accounts/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Contains("/accounts/sign-in?ReturnUrl=", signedOut.Location, StringComparison.Ordinal);

        using var author = await SignedInAsync(app, cast.Author);
        Assert.Contains("Appeal this decision", (await author.GetAsync(decision)).Html, StringComparison.Ordinal);
        var first = await author.PostFormAsync(appealPath, [new("AppealInput.Text", "It is criticism, not abuse")], decision);
        Assert.Equal(HttpStatusCode.Redirect, first.Status);
        var again = await author.PostFormAsync(appealPath, [new("AppealInput.Text", "Please")], decision);
        Assert.Contains(AppealDecision.AlreadyAppealed, WebSession.Text(again.Html), StringComparison.Ordinal);

        Assert.Contains("waiting for a decision", WebSession.Text((await anonymous.GetAsync("/moderation?organisation=" + cast.OrganisationSlug)).Html), StringComparison.Ordinal);
        Assert.DoesNotContain("It is criticism", (await anonymous.GetAsync(decision)).Html, StringComparison.Ordinal);
        var decidePage = await moderator.GetAsync(decision);
        var appealId = System.Text.RegularExpressions.Regex.Match(decidePage.Html, "appeal=([0-9a-f-]{36})").Groups[1].Value;
        Assert.NotEmpty(appealId);
        using var other = await SignedInAsync(app, cast.OtherModerator);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostFormAsync($"{decision}?handler=Decide&appeal={appealId}", [new("DecideInput.Outcome", "Overturned")], decision)).Status);
        Assert.Single(await HiddenAsync(app, note));

        var decided = await moderator.PostFormAsync($"{decision}?handler=Decide&appeal={appealId}", [new("DecideInput.Outcome", "Overturned"), new("DecideInput.Response", "Fair criticism.")], decision);

        Assert.Equal(HttpStatusCode.Redirect, decided.Status);
        Assert.Empty(await HiddenAsync(app, note));
        var page = WebSession.Text((await anonymous.GetAsync(decision)).Html);
        Assert.Contains("decision overturned: shown again", page, StringComparison.Ordinal);
        Assert.Contains("by a moderator: “Fair criticism.”", page, StringComparison.Ordinal);
    }

    private static Task<Guid> PersonIdAsync(AnswerbackApp app, string email)
        => app.WithScopeAsync(async s => (await s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Platform.Accounts.Person>>().FindByEmailAsync(email))!.Id);
}
