using System.IO.Compression;
using Answerback.OpinionMap;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.Platform.Demo;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>
/// The demo's conversations: "Homes in South Cambridge" with 300 synthetic participants in three
/// planted opinion groups (<see cref="SyntheticConversation"/>, a fixed seed), two reports — the first
/// answered point by point, the second overdue — and a real Pol.is conversation imported from the
/// project's test data with its CC BY 4.0 attribution. The synthetic participants have no accounts
/// (their votes are written directly, as an import's are); everything else goes through the use cases.
/// </summary>
internal sealed class ConversationsDemoSeed(
    AnswerbackDbContext db, OpenConversation open, ImportPolisConversation import, RecomputeMap recompute, PublishDueReports reports,
    PublishResponse respond, OrganisationDirectory organisations, AreaDirectory areas, UserManager<Person> users, TimeProvider time) : IDemoSeed
{
    public const string Topic = "Homes in South Cambridge";

    public const string ImportedTopic = "London youth policing (Pol.is, 2022)";

    public const string ImportedAttribution =
        "Data was gathered using the Polis software (compdemocracy.org/polis) and is sub-licensed under CC BY 4.0 with Attribution to " +
        "The Computational Democracy Project. The data and more information about how the data was collected can be found at " +
        "https://compdemocracy.org/case-studies/2022-london-youth-policing";

    private static readonly string[] Seeds =
    [
        "The council should build more council homes on its own land.",
        "New estates must come with a GP surgery and a school before people move in.",
        "Green belt land south of the city should stay protected.",
        "Rents are the biggest problem for young people in Cambridge.",
        "Empty homes should pay double council tax.",
        "The biomedical campus needs homes its staff can afford within walking distance.",
        "Tall buildings would spoil the character of the city.",
        "Every new development should be car-free near the busway.",
        "Shared ownership is not genuinely affordable.",
        "Student housing should be limited to the universities' own land.",
        "Community land trusts should get first refusal on public land.",
        "Developers should not be allowed to cut affordable housing after permission.",
    ];

    public int Order => DemoSeedOrder.Conversations;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        var organisation = await organisations.FindAsync(DemoData.OrganisationSlug, ct) ?? throw new InvalidOperationException("The demo organisation is missing.");
        var organiser = await users.FindByEmailAsync(DemoData.OrganiserEmail) ?? throw new InvalidOperationException("The demo organiser is missing.");
        var city = await areas.FindByCodeAsync(DemoData.CambridgeCode, ct);
        if (!await db.Set<Conversation>().AnyAsync(c => c.OrganisationId == organisation.Id && c.Topic == Topic, ct))
        {
            await SeedCambridgeAsync(organisation.Id, organiser.Id, city?.Id, ct);
        }

        if (!await db.Set<Conversation>().AnyAsync(c => c.OrganisationId == organisation.Id && c.Topic == ImportedTopic, ct))
        {
            using var zip = new MemoryStream();
            using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var name in new[] { "comments.csv", "votes.csv" })
                {
                    await using var source = typeof(ConversationsDemoSeed).Assembly.GetManifestResourceStream("Answerback.Platform.Conversations.demo-polis." + name)
                        ?? throw new InvalidOperationException($"The demo's Pol.is {name} is not embedded.");
                    await using var entry = archive.CreateEntry(name).Open();
                    await source.CopyToAsync(entry, ct);
                }
            }

            zip.Position = 0;
            var imported = await import.RunAsync(organisation.Id, organiser.Id, zip, "london-youth-policing.zip", ImportedTopic, ImportedAttribution, city?.Id, ct);
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException("The demo's Pol.is import failed: " + string.Join(" ", imported.Errors.Select(e => e.Message)));
            }

            await recompute.RunAsync(imported.Value.Id, ct);
        }
    }

    private async Task SeedCambridgeAsync(Guid organisationId, Guid organiserId, Guid? areaId, CancellationToken ct)
    {
        var opened = await open.RunAsync(new ConversationDraft(organisationId, areaId, Topic,
            "What should Cambridge do about homes in the south of the city over the next ten years?",
            "The city expects **thousands of new homes** around the biomedical campus and Trumpington. Tell us what matters to you: vote on the statements, and add your own.\n\nThis is a *demo*: the participants are synthetic.",
            Seeds, new AnyoneSignedIn(), new AnyoneSignedIn(), null, 30, ModerationPolicy.AfterPublication, 14), organiserId, ct);
        var conversation = opened.Value ?? throw new InvalidOperationException("The demo conversation could not be opened: " + string.Join(" ", opened.Errors.Select(e => e.Message)));

        // Opened 75 days ago with a 30-day period and a 14-day commitment: report 1 (published on day
        // 30) was answered on day 40; report 2 (day 60) was due on day 74 and is overdue now.
        var now = time.GetUtcNow();
        var openedAt = now - TimeSpan.FromDays(75);
        await db.Set<Conversation>().Where(c => c.Id == conversation.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.OpenedAt, openedAt), ct);
        var statements = await db.Set<Statement>().Where(s => s.ConversationId == conversation.Id).OrderBy(s => s.Number).Select(s => s.Id).ToListAsync(ct);
        var synthetic = SyntheticConversation.Generate(300, statements.Count, 3, 0.15, 20260601);
        var votes = synthetic.Matrix.EnumerateVotes().Select(v =>
        {
            var at = openedAt + TimeSpan.FromMinutes(int.Parse(v.ParticipantId.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture) * 5);
            return new Vote
            {
                StatementId = statements[int.Parse(v.StatementId, System.Globalization.CultureInfo.InvariantCulture)],
                Participant = "demo:" + v.ParticipantId, ConversationId = conversation.Id, Value = v.Value, FirstCastAt = at, CastAt = at,
            };
        }).ToList();
        db.Set<Vote>().AddRange(votes);
        await db.SaveChangesAsync(ct);
        // Written directly, so the vote sequence is raised here, as CastVote does for each vote.
        await db.Set<Conversation>().Where(c => c.Id == conversation.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.VoteSequence, c => c.VoteSequence + votes.Count), ct);
        db.ChangeTracker.Clear();
        await recompute.RunAsync(conversation.Id, ct);

        var published = await reports.RunAsync(ct);
        foreach (var report in published.Where(r => r.ConversationId == conversation.Id))
        {
            var at = report.PeriodEnd;
            await db.Set<Report>().Where(r => r.Id == report.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(r => r.PublishedAt, at).SetProperty(r => r.RespondBy, at + TimeSpan.FromDays(14)), ct);
        }

        var first = published.FirstOrDefault(r => r.ConversationId == conversation.Id && r.Number == 1);
        if (first is not null)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var points = first.HighlightedIds.Select((id, i) => (i % 3) switch
            {
                0 => new PointDraft(id, ResponseDecision.Adopted, "In our manifesto for May.", null),
                1 => new PointDraft(id, ResponseDecision.Rejected, "The city has no land left for this; we will say where it could go instead.", null),
                _ => new PointDraft(id, ResponseDecision.UnderConsideration, null, today.AddDays(60)),
            }).ToList();
            var response = await respond.RunAsync(first.Id, organiserId,
                "Thank you to everyone who took part. Here is what we will do about each point the report highlights.", points, ct);
            if (response.Succeeded)
            {
                var at = first.PeriodEnd + TimeSpan.FromDays(10);
                await db.Set<Response>().Where(r => r.Id == response.Value.Id).ExecuteUpdateAsync(u => u.SetProperty(r => r.PublishedAt, at), ct);
            }
        }
    }
}
