using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Webmentions;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// A verified resident of a representative's area asks them (or every representative listed for the
/// area by the same organisation) a public question: at most <see cref="MaxLength"/> characters and
/// <see cref="PerDay"/> questions a UTC day, however many representatives each goes to. The limit is
/// kept by the database (<see cref="DailySlots"/>). Residency rests on the electoral register of an
/// approved register holder (<see cref="VerifiedResidentOf"/>), so one register entry is one asker.
/// </summary>
public sealed class AskRepresentatives(AnswerbackDbContext db, CheckEligibility eligibility, TimeProvider time)
{
    public const int MaxLength = 1000;

    public const int PerDay = 3;

    /// <summary>The field errors of eligibility carry.</summary>
    public const string Field = "eligibility";

    /// <summary>
    /// Asks <paramref name="representativeId"/>, or with <paramref name="everyoneInArea"/> all the
    /// representatives of their area kept by the same organisation.
    /// </summary>
    public async Task<Result<RepresentativeQuestion>> AskAsync(Guid personId, Guid representativeId, bool everyoneInArea, string? text, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == representativeId, ct);
        if (rep is null)
        {
            return Result.Failed<RepresentativeQuestion>("representative", "There is no such representative.");
        }

        var decision = await eligibility.CheckAsync(personId, new VerifiedResidentOf(rep.AreaId), ct);
        if (!decision.IsEligible)
        {
            return Result.Failed<RepresentativeQuestion>(Field, decision.Reason);
        }

        var question = (text ?? "").Trim();
        if (question.Length == 0)
        {
            return Result.Failed<RepresentativeQuestion>("text", "Write your question.");
        }

        if (question.Length > MaxLength)
        {
            return Result.Failed<RepresentativeQuestion>("text", $"A question must be at most {MaxLength:N0} characters; this one has {question.Length:N0}.");
        }

        var recipients = everyoneInArea
            ? await db.Set<Representative>().AsNoTracking().Where(r => r.AreaId == rep.AreaId && r.OwnerOrganisationId == rep.OwnerOrganisationId).Select(r => r.Id).ToListAsync(ct)
            : [rep.Id];
        var now = time.GetUtcNow();
        var day = DailySlots.Day(now);
        var row = await DailySlots.TakeAsync(db, PerDay,
            () => db.Set<RepresentativeQuestion>().CountAsync(q => q.AuthorPersonId == personId && q.Day == day, ct),
            slot =>
            {
                var id = Guid.NewGuid();
                return new RepresentativeQuestion
                {
                    Id = id,
                    AreaId = rep.AreaId,
                    OwnerOrganisationId = rep.OwnerOrganisationId,
                    AuthorPersonId = personId,
                    Text = question,
                    AskedAt = now,
                    Day = day,
                    Slot = slot,
                    Recipients = [.. recipients.Select(r => new QuestionRecipient { Id = Guid.NewGuid(), QuestionId = id, RepresentativeId = r })],
                };
            }, ct);
        return row is null
            ? Result.Failed<RepresentativeQuestion>("text", $"You have asked {PerDay} questions today, the most a day: you can ask again tomorrow (from midnight UTC).")
            : Result.Ok(row);
    }
}

/// <summary>
/// The representative answers a question sent to them, in public, or revises their answer. Only the
/// person linked to the registry entry (<see cref="Representative.PersonId"/>) may: an organiser,
/// a party colleague or a moderator cannot answer in their name. External pages the answer links to
/// get a Webmention (<see cref="SendWebmentions"/>, the one sender).
/// </summary>
public sealed class AnswerRepresentativeQuestion(AnswerbackDbContext db, ModerationStatus moderation, SendWebmentions webmentions, TimeProvider time)
{
    public const int MaxLength = 5_000;

    public const string NotTheirs = "Only the representative the question was sent to can answer it, signed in with the account linked to their entry.";

    public async Task<Result<QuestionRecipient>> AnswerAsync(Guid personId, Guid questionId, Guid representativeId, string? text, CancellationToken ct = default)
    {
        var recipient = await db.Set<QuestionRecipient>().FirstOrDefaultAsync(r => r.QuestionId == questionId && r.RepresentativeId == representativeId, ct);
        var linked = recipient is not null && await db.Set<Representative>().AnyAsync(r => r.Id == representativeId && r.PersonId == personId, ct);
        if (recipient is null || !linked)
        {
            return Result.Failed<QuestionRecipient>("representative", NotTheirs);
        }

        if (await moderation.HiddenIds(RepresentativeQuestionSubjects.Kind).AnyAsync(id => id == questionId, ct))
        {
            return Result.Failed<QuestionRecipient>("question", "A moderator has hidden this question: it cannot be answered.");
        }

        var answer = (text ?? "").Trim();
        if (answer.Length == 0)
        {
            return Result.Failed<QuestionRecipient>("text", "Write your answer.");
        }

        if (answer.Length > MaxLength)
        {
            return Result.Failed<QuestionRecipient>("text", $"An answer must be at most {MaxLength:N0} characters; this one has {answer.Length:N0}.");
        }

        var now = time.GetUtcNow();
        if (recipient.AnswerText is null)
        {
            recipient.AnsweredAt = now;
        }
        else if (!string.Equals(recipient.AnswerText, answer, StringComparison.Ordinal))
        {
            recipient.AnswerRevisedAt = now;
        }

        recipient.AnswerText = answer;
        // The answer is public on the representative's page at once: the pages it links to are told (a revision tells them again).
        await webmentions.QueueAsync($"/representatives/{representativeId}", answer, ct);
        await db.SaveChangesAsync(ct);
        return Result.Ok(recipient);
    }
}

/// <summary>
/// Questions to representatives as the Moderation capability sees them (kind
/// <c>representative-question</c>): the moderators and organisers of the organisation keeping the
/// entries may hide one for a reason of the fixed list; its author may appeal once.
/// </summary>
public sealed class RepresentativeQuestionSubjects(AnswerbackDbContext db) : IModerationSubjects
{
    public const string Kind = "representative-question";

    public async Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
    {
        if (!string.Equals(subject.Kind, Kind, StringComparison.Ordinal))
        {
            return null;
        }

        var row = await db.Set<RepresentativeQuestion>().AsNoTracking().Where(q => q.Id == subject.Id)
            .Select(q => new { q.OwnerOrganisationId, q.AuthorPersonId, q.Text, First = q.Recipients.Select(r => r.RepresentativeId).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        return row is null ? null : new ModerationSubjectInfo(row.OwnerOrganisationId, row.AuthorPersonId,
            row.Text.Length > 200 ? row.Text[..200] + "…" : row.Text, $"/representatives/{row.First}#question-{subject.Id}");
    }
}
