using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Primaries;

/// <summary>The demo party's people, as the primaries tests use them.</summary>
public sealed record DemoParty(Guid Organisation, Guid Organiser, Guid Moderator, Guid Ana, Guid Ben, Guid Area);

/// <summary>Primaries arranged through the app's own use cases, on its clock.</summary>
public static class PrimariesArrange
{
    public static Task<DemoParty> DemoPartyAsync(this AnswerbackApp app) => app.WithScopeAsync(async services =>
    {
        var users = services.GetRequiredService<UserManager<Person>>();
        async Task<Guid> Id(string email) => (await users.FindByEmailAsync(email))!.Id;
        var organisation = (await services.GetRequiredService<OrganisationDirectory>().FindAsync(DemoData.OrganisationSlug))!;
        var area = (await services.GetRequiredService<Platform.Areas.AreaDirectory>().ChoicesAsync()).First(a => a.Code == DemoData.WardCode("Romsey")).Id;
        return new DemoParty(organisation.Id, await Id(DemoData.OrganiserEmail), await Id(DemoData.ModeratorEmail),
            await Id(DemoData.FirstCandidateEmail), await Id(DemoData.SecondCandidateEmail), area);
    });

    /// <summary>A members-only demo primary, published; with <paramref name="hustings"/> it is moved into its hustings with Ana and Ben approved.</summary>
    public static async Task<Guid> PrimaryAsync(this AnswerbackApp app, DemoParty party, string title, bool hustings = true, bool publish = true)
    {
        var now = app.Time.GetUtcNow();
        var details = new PrimaryDetails(title, "A *test* primary.", party.Area, 1, "av", Electorate.Members,
            new PrimaryTimetable(now.AddMinutes(1), now.AddMinutes(2), now.AddDays(1), now.AddDays(2)));
        var id = await app.WithScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<CreatePrimary>().CreateAsync(party.Organiser, party.Organisation, details);
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
            if (publish)
            {
                Assert.True((await services.GetRequiredService<PublishPrimary>().PublishAsync(party.Organiser, created.Value!.Id)).Succeeded);
            }

            return created.Value!.Id;
        });
        if (hustings)
        {
            app.Time.Advance(TimeSpan.FromMinutes(1));
            foreach (var person in new[] { party.Ana, party.Ben })
            {
                await app.WithScopeAsync(async services =>
                {
                    var nominated = await services.GetRequiredService<Nominate>().NominateAsync(person, id, null);
                    var approved = await services.GetRequiredService<ApproveCandidate>().ApproveAsync(party.Organiser, nominated.Value!.Candidate!.Id);
                    Assert.True(approved.Succeeded, string.Join("; ", approved.Errors));
                    return 0;
                });
            }

            app.Time.Advance(TimeSpan.FromMinutes(1));
        }

        return id;
    }

    public static Task<PrimarySummary?> SummaryAsync(this AnswerbackApp app, Guid id)
        => app.WithScopeAsync(services => services.GetRequiredService<PrimaryQuery>().GetAsync(id));

    public static Task<HustingsView> HustingsAsync(this AnswerbackApp app, Guid id)
        => app.WithScopeAsync(services => services.GetRequiredService<HustingsQuery>().ViewAsync(id, null));

    public static async Task<WebSession> DemoSessionAsync(this AnswerbackApp app, string email)
    {
        var session = app.Session();
        var signIn = await session.PostFormAsync("/demo", [new("email", email)]);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, signIn.Status);
        return session;
    }

    public static void Succeeded(Result result) => Assert.True(result.Succeeded, string.Join("; ", result.Errors));
}
