using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Notifications;
using Answerback.Platform.Webmentions;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>Rules shared by the hustings use cases.</summary>
public static class HustingsRules
{
    /// <summary>Questions, supports and answers are taken from the hustings' opening until voting closes.</summary>
    public static bool IsOpen(PrimaryState state) => state is PrimaryState.Hustings or PrimaryState.Voting;

    /// <summary>The public page of a primary's hustings, which shows every question and answer (the source of an answer's Webmentions).</summary>
    public static string PagePath(Guid primaryId) => $"/primaries/{primaryId}/hustings";

    internal const string Closed = "The hustings are not open: questions are taken from the hustings' opening until voting closes.";

    internal const string Hidden = "A moderator has hidden this question: it cannot be supported or answered.";

    internal static Task<bool> IsHiddenAsync(ModerationStatus moderation, Guid questionId, CancellationToken ct)
        => moderation.HiddenIds(HustingsModerationSubjects.Kind).AnyAsync(id => id == questionId, ct);

    /// <summary>The primary if its hustings are open now and the person is in its electorate; otherwise the error.</summary>
    internal static async Task<(Primary? Primary, FieldError? Error)> EligibleAsync(AnswerbackDbContext db, CheckEligibility eligibility, Guid personId, Guid primaryId, DateTimeOffset now, CancellationToken ct)
    {
        var primary = await db.Primaries.AsNoTracking().FirstOrDefaultAsync(p => p.Id == primaryId, ct);
        if (primary is null || !IsOpen(primary.StateAt(now)))
        {
            return (null, new FieldError("primary", Closed));
        }

        var decision = await eligibility.CheckAsync(personId, primary.ElectorateRule(), ct);
        return decision.IsEligible ? (primary, null) : (null, new FieldError(PrimaryAccess.Field, decision.Reason));
    }
}

/// <summary>
/// An eligible person asks the candidates a public question: at most <see cref="MaxLength"/>
/// characters and <see cref="PerDay"/> a UTC day per primary. The limit is kept by the database
/// (see <see cref="HustingsQuestion.Slot"/>), so neither parallel requests nor several web nodes
/// can pass it; a person needs another eligible account to ask more, and eligibility rests on the
/// register (one account per register entry).
/// </summary>
public sealed class AskQuestion(AnswerbackDbContext db, CheckEligibility eligibility, TimeProvider time)
{
    public const int MaxLength = 500;

    public const int PerDay = 3;

    public async Task<Result<HustingsQuestion>> AskAsync(Guid actorPersonId, Guid primaryId, string? text, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var (primary, error) = await HustingsRules.EligibleAsync(db, eligibility, actorPersonId, primaryId, now, ct);
        if (primary is null)
        {
            return Result.Failed<HustingsQuestion>([error!]);
        }

        var question = (text ?? "").Trim();
        if (question.Length == 0)
        {
            return Result.Failed<HustingsQuestion>("text", "Write your question.");
        }

        if (question.Length > MaxLength)
        {
            return Result.Failed<HustingsQuestion>("text", $"A question must be at most {MaxLength} characters; this one has {question.Length}.");
        }

        var day = DailySlots.Day(now);
        var row = await DailySlots.TakeAsync(db, PerDay,
            () => db.HustingsQuestions.CountAsync(q => q.PrimaryId == primaryId && q.AuthorPersonId == actorPersonId && q.Day == day, ct),
            slot => new HustingsQuestion
            {
                Id = Guid.NewGuid(),
                PrimaryId = primaryId,
                AuthorPersonId = actorPersonId,
                Text = question,
                AskedAt = now,
                Day = day,
                Slot = slot,
            }, ct);
        if (row is not null)
        {
            return Result.Ok(row);
        }

        return Result.Failed<HustingsQuestion>("text", $"You have asked {PerDay} questions today, the most a day: you can ask again tomorrow (from midnight UTC).");
    }
}

/// <summary>An eligible person supports a question (once: a unique index), or withdraws their support.</summary>
public sealed class SupportQuestion(AnswerbackDbContext db, CheckEligibility eligibility, ModerationStatus moderation, TimeProvider time)
{
    /// <summary>Adds the support (nothing changes if the person already supports it).</summary>
    public async Task<Result<HustingsQuestion>> SupportAsync(Guid actorPersonId, Guid questionId, CancellationToken ct = default)
    {
        var (question, error) = await QuestionAsync(actorPersonId, questionId, ct);
        if (question is null)
        {
            return Result.Failed<HustingsQuestion>([error!]);
        }

        if (await HustingsRules.IsHiddenAsync(moderation, questionId, ct))
        {
            return Result.Failed<HustingsQuestion>("question", HustingsRules.Hidden);
        }

        if (question.AuthorPersonId == actorPersonId)
        {
            return Result.Failed<HustingsQuestion>("question", "You asked this question: support others' questions.");
        }

        if (await db.HustingsSupports.AnyAsync(s => s.QuestionId == questionId && s.PersonId == actorPersonId, ct))
        {
            return Result.Ok(question);
        }

        db.HustingsSupports.Add(new HustingsSupport { Id = Guid.NewGuid(), QuestionId = questionId, PersonId = actorPersonId, At = time.GetUtcNow() });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A parallel request may have added it first: then it is one support, as asked.
            if (!await db.HustingsSupports.AsNoTracking().AnyAsync(s => s.QuestionId == questionId && s.PersonId == actorPersonId, ct))
            {
                throw;
            }
        }

        return Result.Ok(question);
    }

    /// <summary>Removes the person's support (nothing changes if there was none).</summary>
    public async Task<Result<HustingsQuestion>> WithdrawAsync(Guid actorPersonId, Guid questionId, CancellationToken ct = default)
    {
        var (question, error) = await QuestionAsync(actorPersonId, questionId, ct);
        if (question is null)
        {
            return Result.Failed<HustingsQuestion>([error!]);
        }

        await db.HustingsSupports.Where(s => s.QuestionId == questionId && s.PersonId == actorPersonId).ExecuteDeleteAsync(ct);
        return Result.Ok(question);
    }

    private async Task<(HustingsQuestion? Question, FieldError? Error)> QuestionAsync(Guid actorPersonId, Guid questionId, CancellationToken ct)
    {
        var question = await db.HustingsQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null)
        {
            return (null, new FieldError("question", "There is no such question."));
        }

        var (primary, error) = await HustingsRules.EligibleAsync(db, eligibility, actorPersonId, question.PrimaryId, time.GetUtcNow(), ct);
        return primary is null ? (null, error) : (question, null);
    }
}

/// <summary>
/// An approved candidate answers a question in public (or revises their answer) while the hustings
/// are open. A first answer tells the question's author (<see cref="NotificationKind.QuestionAnswered"/>,
/// once per answer; a revision tells nobody).
/// </summary>
public sealed class AnswerQuestion(AnswerbackDbContext db, ModerationStatus moderation, INotify notify, SendWebmentions webmentions, TimeProvider time)
{
    public const int MaxLength = 5_000;

    public async Task<Result<HustingsAnswer>> AnswerAsync(Guid actorPersonId, Guid questionId, string? text, CancellationToken ct = default)
    {
        var question = await db.HustingsQuestions.AsNoTracking().FirstOrDefaultAsync(q => q.Id == questionId, ct);
        var candidate = question is null ? null : await db.Candidates.AsNoTracking()
            .FirstOrDefaultAsync(c => c.PrimaryId == question.PrimaryId && c.PersonId == actorPersonId && c.Status == CandidateStatus.Approved, ct);
        if (question is null || candidate is null)
        {
            return Result.Failed<HustingsAnswer>(PrimaryAccess.Field, "Only the primary's approved candidates can answer its questions.");
        }

        var now = time.GetUtcNow();
        var primary = await db.Primaries.AsNoTracking().FirstAsync(p => p.Id == question.PrimaryId, ct);
        if (!HustingsRules.IsOpen(primary.StateAt(now)))
        {
            return Result.Failed<HustingsAnswer>("primary", HustingsRules.Closed);
        }

        if (await HustingsRules.IsHiddenAsync(moderation, questionId, ct))
        {
            return Result.Failed<HustingsAnswer>("question", HustingsRules.Hidden);
        }

        var answer = (text ?? "").Trim();
        if (answer.Length == 0)
        {
            return Result.Failed<HustingsAnswer>("text", "Write your answer.");
        }

        if (answer.Length > MaxLength)
        {
            return Result.Failed<HustingsAnswer>("text", $"An answer must be at most {MaxLength:N0} characters; this one has {answer.Length:N0}.");
        }

        var row = await db.HustingsAnswers.FirstOrDefaultAsync(a => a.QuestionId == questionId && a.CandidateId == candidate.Id, ct);
        var first = row is null;
        if (row is null)
        {
            row = new HustingsAnswer { Id = Guid.NewGuid(), QuestionId = questionId, CandidateId = candidate.Id, Text = answer, AnsweredAt = now };
            db.HustingsAnswers.Add(row);
        }
        else if (!string.Equals(row.Text, answer, StringComparison.Ordinal))
        {
            row.Text = answer;
            row.RevisedAt = now;
        }

        // The answer is public on the hustings page at once: the pages it links to are told (a revision tells them again).
        await webmentions.QueueAsync(HustingsRules.PagePath(primary.Id), answer, ct);
        await db.SaveChangesAsync(ct);
        if (first && question.AuthorPersonId != actorPersonId)
        {
            var name = await db.Users.AsNoTracking().Where(u => u.Id == actorPersonId).Select(u => u.DisplayName).FirstAsync(ct);
            var subject = $"{name} answered your question in {primary.Title}";
            await notify.NotifyAsync(new Notification(
                NotificationKind.QuestionAnswered, question.AuthorPersonId, "hustings-answer:" + row.Id.ToString("N"),
                Notification.SubjectLine(subject),
                Notification.Excerpt($"You asked: {question.Text}\n\n{name} answered:\n\n{answer}", 4000),
                $"{HustingsRules.PagePath(primary.Id)}#question-{question.Id}"), ct);
        }

        return Result.Ok(row);
    }
}
