using System.IO.Compression;
using System.Net;
using Answerback.Platform.Conversations;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Conversations;

/// <summary>
/// Every organiser and moderator action of Conversations over HTTP, with antiforgery tokens as a
/// browser sends them: refused (403, nothing changed) for a citizen, for the wrong role of the
/// organisation (its moderator on organiser actions) and for the same role in another organisation;
/// anonymous people are sent to sign in; the right person is let through, so the refusals are not
/// simply broken pages. Then eligibility: who may vote and who may add, as the rules say.
/// </summary>
public sealed class ConversationPermissionsTests(PlainAppFixture fixture) : IClassFixture<PlainAppFixture>
{
    private sealed record Cast(Guid Organisation, string Slug, string Organiser, string Moderator, string Citizen, string OtherOrganiser, string OtherModerator);

    private static async Task<Cast> ArrangeAsync(AnswerbackApp app, string name)
    {
        var slug = name.ToLowerInvariant();
        var emails = new[] { "organiser", "moderator", "citizen", "otherorg", "othermod" }.Select(r => $"{r}-{slug}@example.org").ToArray();
        var people = new List<Guid>();
        foreach (var email in emails)
        {
            // Role holders sign in with two-factor, as their pages require; the session answers the code.
            people.Add((await app.CreatePersonAsync(email, twoFactor: !email.StartsWith("citizen", StringComparison.Ordinal))).Id);
        }

        var organisation = await app.WithScopeAsync(async s =>
        {
            var create = s.GetRequiredService<CreateOrganisation>();
            var grant = s.GetRequiredService<GrantOrganisationRole>();
            var ours = (await create.CreateAsync(name, slug, null)).Value!;
            var theirs = (await create.CreateAsync(name + " Rivals", slug + "-rivals", null)).Value!;
            await grant.GrantAsync(ours.Id, people[0], OrganisationRoleKind.Organiser);
            await grant.GrantAsync(ours.Id, people[1], OrganisationRoleKind.Moderator);
            await grant.GrantAsync(theirs.Id, people[3], OrganisationRoleKind.Organiser);
            await grant.GrantAsync(theirs.Id, people[4], OrganisationRoleKind.Moderator);
            return ours.Id;
        });
        return new Cast(organisation, slug, emails[0], emails[1], emails[2], emails[3], emails[4]);
    }

    private static Task<Conversation> OpenAsync(AnswerbackApp app, Cast cast, ModerationPolicy moderation = ModerationPolicy.AfterPublication, EligibilityRule? vote = null, EligibilityRule? add = null)
        => app.WithScopeAsync(async s =>
        {
            var organiser = await PersonIdAsync(s, cast.Organiser);
            var opened = await s.GetRequiredService<OpenConversation>().RunAsync(new ConversationDraft(cast.Organisation, null, "Buses in Testville", "What should Testville do about buses?", null,
                ["Run buses every ten minutes.", "Keep fares under two pounds.", "Protect the rural routes."], vote ?? new AnyoneSignedIn(), add ?? new AnyoneSignedIn(), null, 30, moderation, 14), organiser);
            Assert.True(opened.Succeeded, string.Join("; ", opened.Errors));
            return opened.Value!;
        });

    private static async Task<WebSession> SignedInAsync(AnswerbackApp app, string email)
    {
        var session = app.Session();
        await session.SignInAsync(email);
        return session;
    }

    private static async Task<Guid> PersonIdAsync(IServiceProvider s, string email)
        => (await s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Platform.Accounts.Person>>().FindByEmailAsync(email))!.Id;

    private static Task<(int Conversations, int Statements, int Votes, int Responses)> CountsAsync(AnswerbackApp app)
        => app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AnswerbackDbContext>();
            return (await db.Set<Conversation>().CountAsync(), await db.Set<Statement>().CountAsync(), await db.Set<Vote>().CountAsync(), await db.Set<Response>().CountAsync());
        });

    private static void AssertSentToSignIn(Page page)
    {
        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.Contains("/accounts/sign-in", page.Location, StringComparison.Ordinal);
    }

    private static IEnumerable<KeyValuePair<string, string>> OpenForm(string topic) =>
    [
        new("Input.Topic", topic), new("Input.Question", "What should we do?"), new("Input.Seeds", "One.\nTwo."),
        new("Input.VoteRule", "AnyoneSignedIn"), new("Input.AddRule", "AnyoneSignedIn"), new("Input.Continuous", "true"),
        new("Input.ReportPeriodDays", "30"), new("Input.Moderation", "AfterPublication"), new("Input.ResponseDays", "14"),
    ];

    private static byte[] PolisZip()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(archive.CreateEntry("comments.csv").Open()))
            {
                writer.Write("timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n1,x,0,0,1,0,1,Buses should be free.\n");
            }

            using (var writer = new StreamWriter(archive.CreateEntry("votes.csv").Open()))
            {
                writer.Write("timestamp,datetime,comment-id,voter-id,vote\n1,x,0,0,1\n");
            }
        }

        return zip.ToArray();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OpenAndImport_WrongRoleWrongOrganisationCitizen_Forbidden_Anonymous_SentToSignIn(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Openers" + provider);
        var open = $"/organisations/{cast.Slug}/conversations/new";
        var import = $"/organisations/{cast.Slug}/conversations/import";
        var before = await CountsAsync(app);

        foreach (var email in new[] { cast.Moderator, cast.Citizen, cast.OtherOrganiser, cast.OtherModerator })
        {
            using var session = await SignedInAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(open)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(import)).Status);
            // A token from a page the person may see: the refusal is the authorisation, not the antiforgery check.
            Assert.Equal(HttpStatusCode.Forbidden, (await session.PostFormAsync(open, OpenForm("Refused " + email), "/accounts/two-factor")).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.PostFileAsync(import, [new("Topic", "Refused")], "Upload", "export.zip", PolisZip(), "/accounts/two-factor")).Status);
        }

        using (var anonymous = app.Session())
        {
            AssertSentToSignIn(await anonymous.GetAsync(open));
            AssertSentToSignIn(await anonymous.GetAsync(import));
        }

        Assert.Equal(before, await CountsAsync(app));

        using var organiser = await SignedInAsync(app, cast.Organiser);
        var opened = await organiser.PostFormAsync(open, OpenForm("Allowed " + provider));
        Assert.Equal(HttpStatusCode.Redirect, opened.Status);
        Assert.StartsWith("/conversations/", opened.Location, StringComparison.Ordinal);
        var imported = await organiser.PostFileAsync(import, [new("Topic", "Imported " + provider), new("Attribution", "Test data, CC BY 4.0")], "Upload", "export.zip", PolisZip());
        Assert.Equal(HttpStatusCode.Redirect, imported.Status);
        Assert.Equal(before.Conversations + 2, (await CountsAsync(app)).Conversations);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Respond_WrongRoleWrongOrganisationCitizen_Forbidden_OrganiserPublishesPointByPoint(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Responders" + provider);
        var conversation = await OpenAsync(app, cast);
        // The first period has ended: the report is published, awaiting the response.
        await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AnswerbackDbContext>();
            var openedAt = app.Time.GetUtcNow() - TimeSpan.FromDays(31);
            await db.Set<Conversation>().Where(c => c.Id == conversation.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.OpenedAt, openedAt));
            return await s.GetRequiredService<PublishDueReports>().RunAsync();
        });
        var respond = $"/conversations/{conversation.Id}/reports/1/respond";
        var form = new KeyValuePair<string, string>[] { new("Text", "We will do it.") };

        foreach (var email in new[] { cast.Moderator, cast.Citizen, cast.OtherOrganiser, cast.OtherModerator })
        {
            using var session = await SignedInAsync(app, email);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync(respond)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await session.PostFormAsync(respond, form, $"/conversations/{conversation.Id}")).Status);
        }

        using (var anonymous = app.Session())
        {
            AssertSentToSignIn(await anonymous.GetAsync(respond));
            Assert.Contains("awaiting response", WebSession.Text((await anonymous.GetAsync($"/conversations/{conversation.Id}")).Html), StringComparison.Ordinal);
        }

        Assert.Equal(0, (await CountsAsync(app)).Responses);

        using var organiser = await SignedInAsync(app, cast.Organiser);
        var published = await organiser.PostFormAsync(respond, form);
        Assert.Equal(HttpStatusCode.Redirect, published.Status);
        Assert.Equal($"/conversations/{conversation.Id}/reports/1", published.Location);
        Assert.Contains("responded on time", WebSession.Text((await organiser.GetAsync($"/conversations/{conversation.Id}")).Html), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ApproveAndHideStatement_CitizenAuthorOtherOrganisation_Forbidden_ModeratorDecides(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Reviewers" + provider);
        var conversation = await OpenAsync(app, cast, ModerationPolicy.BeforePublication);
        var author = $"author-{cast.Slug}@example.org";
        await app.CreatePersonAsync(author);
        using var authorSession = await SignedInAsync(app, author);
        var page = $"/conversations/{conversation.Id}";
        var added = await authorSession.PostFormAsync(page + "?handler=Add", [new("Text", "Put a bus stop at the new school."), new("confirmed", "true")], page);
        Assert.Contains("waiting for a moderator", WebSession.Text(added.Html), StringComparison.Ordinal);
        var held = await app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Set<Statement>()
            .Where(x => x.ConversationId == conversation.Id && x.Text.StartsWith("Put a bus stop")).Select(x => x.Id).SingleAsync());
        var seed = await app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Set<Statement>()
            .Where(x => x.ConversationId == conversation.Id && x.Number == 1).Select(x => x.Id).SingleAsync());
        var approve = new KeyValuePair<string, string>[] { new("statementId", held.ToString()) };
        var hidePage = $"/moderation/hide?kind={StatementModeration.Kind}&id={seed}";
        var hide = new KeyValuePair<string, string>[] { new("kind", StatementModeration.Kind), new("id", seed.ToString()), new("reason", "OffTopic") };

        foreach (var email in new[] { cast.Citizen, author, cast.OtherOrganiser, cast.OtherModerator })
        {
            using var session = email == author ? null : await SignedInAsync(app, email);
            var s = session ?? authorSession;
            Assert.Equal(HttpStatusCode.Forbidden, (await s.PostFormAsync(page + "?handler=Approve", approve, page)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await s.GetAsync(hidePage)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await s.PostFormAsync("/moderation/hide", hide, page)).Status);
            Assert.DoesNotContain("Put a bus stop", (await s.GetAsync(page)).Html, StringComparison.Ordinal);
        }

        using (var anonymous = app.Session())
        {
            // The conversation page has no form for anonymous people: a token from the sign-in page.
            AssertSentToSignIn(await anonymous.PostFormAsync(page + "?handler=Approve", approve, "/accounts/sign-in"));
            AssertSentToSignIn(await anonymous.GetAsync(hidePage));
        }

        Assert.Empty(await app.WithScopeAsync(s => s.GetRequiredService<ModerationStatus>().HiddenAsync(StatementModeration.Kind, [seed])));

        using var moderator = await SignedInAsync(app, cast.Moderator);
        var queue = WebSession.Text((await moderator.GetAsync(page)).Html);
        Assert.Contains("Waiting for review", queue, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await moderator.PostFormAsync(page + "?handler=Approve", approve)).Status);
        Assert.Contains("Put a bus stop at the new school.", (await authorSession.GetAsync(page)).Html, StringComparison.Ordinal);
        var hidden = await moderator.PostFormAsync("/moderation/hide", hide, hidePage);
        Assert.Equal(HttpStatusCode.Redirect, hidden.Status);
        Assert.Equal(ModerationReason.OffTopic, (await app.WithScopeAsync(s => s.GetRequiredService<ModerationStatus>().HiddenAsync(StatementModeration.Kind, [seed])))[seed]);
        using var reader = app.Session();
        Assert.Contains("off-topic", WebSession.Text((await reader.GetAsync("/moderation?organisation=" + cast.Slug)).Html), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task VoteAndAdd_FollowTheirRules_OverHttp(Provider provider)
    {
        var app = await fixture.AppAsync(provider);
        var cast = await ArrangeAsync(app, "Voters" + provider);
        var member = $"member-{cast.Slug}@example.org";
        await app.CreatePersonAsync(member);
        await app.WithScopeAsync(s => s.GetRequiredService<ImportMembers>().ImportAsync(new MemoryStream(System.Text.Encoding.UTF8.GetBytes($"email\n{member}\n")), "members.csv", cast.Organisation));
        var conversation = await OpenAsync(app, cast, vote: new MemberOf(cast.Organisation), add: new MemberOf(cast.Organisation));
        var page = $"/conversations/{conversation.Id}";
        var statement = await app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Set<Statement>()
            .Where(x => x.ConversationId == conversation.Id && x.Number == 1).Select(x => x.Id).SingleAsync());
        var vote = new KeyValuePair<string, string>[] { new("statementId", statement.ToString()), new("vote", "agree") };
        var add = new KeyValuePair<string, string>[] { new("Text", "Add a night bus on Fridays."), new("confirmed", "true") };
        var before = await CountsAsync(app);

        using (var anonymous = app.Session())
        {
            Assert.Contains("Sign in", WebSession.Text((await anonymous.GetAsync(page)).Html), StringComparison.Ordinal);
            AssertSentToSignIn(await anonymous.PostFormAsync(page + "?handler=Vote", vote, "/accounts/sign-in"));
            AssertSentToSignIn(await anonymous.PostFormAsync(page + "?handler=Add", add, "/accounts/sign-in"));
        }

        using (var outsider = await SignedInAsync(app, cast.Citizen))
        {
            var shown = WebSession.Text((await outsider.GetAsync(page)).Html);
            Assert.Contains("Only members of " + cast.Slug, shown, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Add statement", shown, StringComparison.Ordinal);
            var refusedVote = await outsider.PostFormAsync(page + "?handler=Vote", vote, page);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refusedVote.Status);
            Assert.Contains("Only members of", WebSession.Text(refusedVote.Html), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, (await outsider.PostFormAsync(page + "?handler=Add", add, page)).Status);
        }

        Assert.Equal(before, await CountsAsync(app));

        using var insider = await SignedInAsync(app, member);
        Assert.Equal(HttpStatusCode.OK, (await insider.PostFormAsync(page + "?handler=Vote", vote, page)).Status);
        var added = await insider.PostFormAsync(page + "?handler=Add", add, page);
        Assert.Contains("your statement is added", WebSession.Text(added.Html), StringComparison.Ordinal);
        var after = await CountsAsync(app);
        Assert.Equal((before.Votes + 1, before.Statements + 1), (after.Votes, after.Statements));
    }
}
