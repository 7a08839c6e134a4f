using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Platform.Webmentions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>
/// The demo's primary in its hustings phase ("Arbury ward candidate (demo)"): set up, published,
/// both demo candidates nominated and approved, questions from the verified resident and the party's
/// members, supports, answers, and one question hidden by the moderator (personal data) on the
/// moderation log. Everything goes through the use cases; those that check the timetable run on a
/// clock set back to the moment each step happened, so the primary is in its hustings now. Seeded
/// once: a demo site that runs for weeks sees it move on to voting and the close.
/// </summary>
internal sealed class PrimariesDemoSeed(
    AnswerbackDbContext db, PrimaryAccess access, CheckEligibility eligibility, ModerationStatus moderation, HideContent hide,
    OrganisationDirectory organisations, AreaDirectory areas, UserManager<Person> users, SendWebmentions webmentions, TimeProvider time) : IDemoSeed
{
    public const string HustingsTitle = DemoData.HustingsPrimaryTitle;

    public int Order => DemoSeedOrder.Primaries;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        if (await db.Primaries.AnyAsync(p => p.Title == HustingsTitle, ct))
        {
            return;
        }

        var organisation = await organisations.FindAsync(DemoData.OrganisationSlug, ct) ?? throw new InvalidOperationException("The demo party is missing.");
        var arbury = (await areas.ChoicesAsync(codedOnly: true, ct)).Single(a => a.Code == DemoData.WardCode("Arbury")).Id;
        async Task<Guid> Person(string email) => (await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"The demo person {email} is missing.")).Id;
        var (organiser, moderator, ana, ben, vera) = (await Person(DemoData.OrganiserEmail), await Person(DemoData.ModeratorEmail),
            await Person(DemoData.FirstCandidateEmail), await Person(DemoData.SecondCandidateEmail), await Person(DemoData.VerifiedResidentEmail));

        var now = time.GetUtcNow();
        var start = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero).AddHours(9);
        var clock = new DemoClock(start.AddDays(-8));
        var timetable = new PrimaryTimetable(start.AddDays(-7), start.AddDays(-3), start.AddDays(7), start.AddDays(9));
        var details = new PrimaryDetails(HustingsTitle,
            "Who should stand for the Cambridge Commons Party in **Arbury** at the May elections? Members of the party and " +
            "verified residents of Arbury can question the candidates here, and vote when voting opens.\n\n" +
            "This is demo data: the people and the party are invented.",
            arbury, 1, "av", Electorate.MembersOrVerifiedResidents, timetable);
        var primary = Check(await new CreatePrimary(db, access, clock).CreateAsync(organiser, organisation.Id, details, ct));
        Check(await new PublishPrimary(db, access, clock).PublishAsync(organiser, primary.Id, ct));

        clock.Now = timetable.NominationsOpen.AddHours(2);
        var nominate = new Nominate(db, clock);
        var approve = new ApproveCandidate(db, access, webmentions, clock);
        var statement = new EditStatement(db, webmentions, clock);
        foreach (var (person, text) in new[]
        {
            (ana, "## Why I am standing\n\nI have lived in Arbury for twenty years and chaired the residents' association for five.\n\n- Safe crossings on **Arbury Road**\n- Keep the youth club open\n- Every meeting with developers published"),
            (ben, "## About me\n\nI run a bike repair shop on Campkin Road. I want **empty shops filled** and buses that come on time."),
        })
        {
            var candidate = Check(await nominate.NominateAsync(person, primary.Id, null, ct)).Candidate!;
            Check(await statement.SaveAsync(person, candidate.Id, text, ct));
            clock.Now = clock.Now.AddHours(5);
            Check(await approve.ApproveAsync(organiser, candidate.Id, ct));
        }

        var ask = new AskQuestion(db, eligibility, clock);
        var support = new SupportQuestion(db, eligibility, moderation, clock);
        var answer = new AnswerQuestion(db, moderation, new Unannounced(), webmentions, clock);
        clock.Now = timetable.HustingsOpen.AddHours(1);
        async Task<Guid> Ask(Guid person, string text)
        {
            clock.Now = clock.Now.AddHours(3);
            return Check(await ask.AskAsync(person, primary.Id, text, ct)).Id;
        }

        var crossing = await Ask(vera, "How will you make the Arbury Road crossing safe for children walking to school?");
        var developers = await Ask(vera, "Will you publish every meeting you hold with developers, and what was said?");
        var shops = await Ask(organiser, "What would you do about the empty shops on Campkin Road?");
        var budget = await Ask(moderator, "Would you vote against your own party's budget if it closed Arbury's youth club?");
        var personal = await Ask(organiser, "Is it true that Ben's neighbour at 14 Hazelwood Close has complained about him to the police?");

        foreach (var (person, question) in new[] { (organiser, crossing), (moderator, crossing), (organiser, developers), (moderator, shops), (vera, budget), (vera, shops), (moderator, developers) })
        {
            Check(await support.SupportAsync(person, question, ct));
        }

        clock.Now = clock.Now.AddDays(1);
        foreach (var (person, question, text) in new[]
        {
            (ana, crossing, "A zebra crossing by the school gates within a year, paid for from the county's safer-routes fund. I have asked the county for its survey and will publish it."),
            (ana, developers, "Yes: a public diary of every meeting, with notes, within a week of it."),
            (ana, budget, "Yes. I would rather lose the whip than the youth club."),
            (ben, crossing, "A 20 mph limit first, then a crossing: speed is what makes it dangerous."),
            (ben, shops, "Short, cheap leases for start-ups, and **markets** on the empty forecourt."),
        })
        {
            clock.Now = clock.Now.AddHours(2);
            Check(await answer.AnswerAsync(person, question, text, ct));
        }

        Check(await hide.RunAsync(new ModerationSubject(HustingsModerationSubjects.Kind, personal), ModerationReason.PersonalData, moderator, ct));
    }

    /// <summary>The use case's value, or an exception naming its errors (a demo seed that fails stops the start-up).</summary>
    internal static T Check<T>(Result<T> result)
        where T : class
        => result.Value ?? throw new InvalidOperationException("The demo primary could not be seeded: " + string.Join(" ", result.Errors.Select(e => e.Field + ": " + e.Message)));
    /// <summary>The demo's history is seeded, not lived: nobody is emailed about it.</summary>
    private sealed class Unannounced : Notifications.INotify
    {
        public Task NotifyAsync(Notifications.Notification n, CancellationToken ct) => Task.CompletedTask;
    }
}
