using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// The demo's questions to representatives, asked between three and twelve weeks before the demo's
/// posts end, with their follow-ups already sent and answered, so the league tables have figures:
/// the responsive Arbury councillor and the broadcast-only Castle councillor are ranked; the rival
/// Arbury candidate got a campaign of near-identical questions, counted once, which leaves them
/// under the sample gate; a Petersfield councillor has too few questions. Written directly (the use
/// cases stamp the present time, and these questions are in the past); the demo people ask them.
/// </summary>
internal sealed class QuestionsDemoSeed(AnswerbackDbContext db) : IDemoSeed
{
    private static readonly DateTimeOffset End = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    private static readonly string[] Topics =
    [
        "the bins on Arbury Road", "the crossing by the school", "the library's opening hours", "potholes on Milton Road",
        "the bus to Addenbrooke's", "street lights in the park", "the empty shops on the high street", "cycle parking at the station",
        "flooding at the underpass", "the new homes at the old depot", "noise from the late bars", "the state of the play area",
        "parking permits", "the closure of the post office",
    ];

    private const string CampaignText = "Will you vote against the closure of the Mill Road library at the next council meeting? Residents need it.";

    public int Order => DemoSeedOrder.AccountabilityQuestions;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        var reps = await db.Set<Representative>().AsNoTracking().Include(r => r.Area).ToListAsync(ct);
        if (reps.Count == 0 || await db.Set<RepresentativeQuestion>().AnyAsync(ct))
        {
            return;
        }

        var emails = DemoData.People.Select(p => p.Email.ToUpperInvariant()).ToList();
        var askers = await db.Users.AsNoTracking().Where(u => emails.Contains(u.NormalizedEmail!)).Select(u => u.Id).ToListAsync(ct);
        if (askers.Count == 0)
        {
            return;
        }

        Representative Rep(string ward, string party) => reps.First(r => r.Area!.Name == ward && r.PartyName == party);
        var day = 0;
        void Ask(Representative rep, string text, int answeredAfterHours, FollowUpAnswer? followUp)
        {
            day++;
            var asked = End.AddDays(-20 - day).AddHours(9 + (day % 8));
            var id = Guid.NewGuid();
            db.Set<RepresentativeQuestion>().Add(new RepresentativeQuestion
            {
                Id = id,
                AreaId = rep.AreaId,
                OwnerOrganisationId = rep.OwnerOrganisationId,
                AuthorPersonId = askers[day % askers.Count],
                Text = text,
                AskedAt = asked,
                Day = DailySlots.Day(asked),
                Slot = 1,
                FollowUpSentAt = asked + QuestionFollowUps.FollowUpAfter,
                ReminderSentAt = asked + QuestionFollowUps.ReminderAfter,
                Recipients =
                [
                    new QuestionRecipient
                    {
                        Id = Guid.NewGuid(),
                        QuestionId = id,
                        RepresentativeId = rep.Id,
                        AnswerText = answeredAfterHours > 0 ? $"Thank you for asking. I have raised {text.Split(" about ").Last().TrimEnd('?')} with the officers and will report back at the ward surgery." : null,
                        AnsweredAt = answeredAfterHours > 0 ? asked.AddHours(answeredAfterHours) : null,
                        FollowUp = followUp,
                        FollowUpAt = followUp is null ? null : asked + QuestionFollowUps.FollowUpAfter + TimeSpan.FromHours(3),
                    },
                ],
            });
        }

        var responsive = Rep(AccountabilityDemoSeed.ResponsiveWard, DemoData.OrganisationName);
        for (var i = 0; i < 14; i++)
        {
            // Eleven answered on the page within a day or two; one "not my points"; two not answered, one not expected.
            var answered = i < 11 ? 6 + (i * 4) : 0;
            var followUp = i switch { 3 => FollowUpAnswer.YesButNotMyPoints, 11 => FollowUpAnswer.No, 12 => FollowUpAnswer.NotExpected, 5 or 8 => (FollowUpAnswer?)null, _ => i < 11 ? FollowUpAnswer.Yes : FollowUpAnswer.No };
            Ask(responsive, $"What will you do about {Topics[i]}?", answered, followUp);
        }

        var broadcast = Rep(AccountabilityDemoSeed.BroadcastWard, DemoData.OrganisationName);
        for (var i = 0; i < 12; i++)
        {
            Ask(broadcast, $"Could you tell me what is planned about {Topics[(i + 3) % Topics.Length]}?", i < 2 ? 70 : 0, i < 2 ? FollowUpAnswer.Yes : i == 2 ? FollowUpAnswer.Yes : FollowUpAnswer.No);
        }

        // The rival candidate in Arbury: five copies of a campaign's question (one group) and six others.
        var rival = Rep(AccountabilityDemoSeed.ResponsiveWard, AccountabilityDemoSeed.RivalParty);
        for (var i = 0; i < 5; i++)
        {
            Ask(rival, i == 2 ? CampaignText.Replace("Residents need it.", "We need it.", StringComparison.Ordinal) : CampaignText, 0, FollowUpAnswer.No);
        }

        for (var i = 0; i < 6; i++)
        {
            Ask(rival, $"If elected, what would you do about {Topics[(i + 6) % Topics.Length]}?", i < 4 ? 30 : 0, i < 4 ? FollowUpAnswer.Yes : FollowUpAnswer.No);
        }

        var few = Rep("Petersfield", DemoData.OrganisationName);
        for (var i = 0; i < 3; i++)
        {
            Ask(few, $"When will something be done about {Topics[(i + 9) % Topics.Length]}?", i == 0 ? 20 : 0, i == 0 ? FollowUpAnswer.Yes : null);
        }

        await db.SaveChangesAsync(ct);
    }
}
