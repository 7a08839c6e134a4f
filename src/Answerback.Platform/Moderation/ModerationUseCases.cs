using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Moderation;

/// <summary>The checks every moderator action starts with: the subject exists, and the person moderates its organisation.</summary>
public sealed class ModeratorCheck(ModerationSubjects subjects, ModeratorRoles roles)
{
    public const string NotFound = "The content does not exist.";

    public const string NotAllowed = "Only a moderator or organiser of the organisation whose page shows this content may moderate it.";

    /// <summary>The subject and the role the person moderates it in, or the error to return.</summary>
    public async Task<(ModerationSubjectInfo? Info, ModerationRole Role, FieldError? Error)> CheckAsync(ModerationSubject subject, Guid moderatorPersonId, CancellationToken ct)
    {
        var info = await subjects.FindAsync(subject, ct);
        if (info is null)
        {
            return (null, default, new FieldError("subject", NotFound));
        }

        var role = await roles.RoleAsync(moderatorPersonId, info.OrganisationId, ct);
        return role is { } r ? (info, r, null) : (info, default, new FieldError("moderator", NotAllowed));
    }

    /// <summary>Logs a decision that ends the subject's review: its hold is released and its open flags resolved, in one transaction.</summary>
    internal static async Task<ModerationDecision> RecordAsync(
        AnswerbackDbContext db, ModerationSubject subject, ModerationSubjectInfo info, ModerationAction action, ModerationReason? reason, ModerationRole role, Guid moderatorPersonId, DateTimeOffset now, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var decision = new ModerationDecision
        {
            Id = Guid.NewGuid(),
            SubjectKind = subject.Kind,
            SubjectId = subject.Id,
            OrganisationId = info.OrganisationId,
            Action = action,
            Reason = reason,
            ModeratorRole = role,
            ModeratorPersonId = moderatorPersonId,
            AuthorPersonId = info.AuthorPersonId,
            PublicPath = info.PublicPath,
            DecidedAt = now,
        };
        db.Set<ModerationDecision>().Add(decision);
        await db.Set<ModerationHold>().Where(h => h.SubjectKind == subject.Kind && h.SubjectId == subject.Id).ExecuteDeleteAsync(ct);
        await db.Set<ModerationFlag>()
            .Where(f => f.SubjectKind == subject.Kind && f.SubjectId == subject.Id && f.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(f => f.ResolvedAt, now), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return decision;
    }

    internal static Task<bool> IsHiddenAsync(AnswerbackDbContext db, ModerationSubject subject, CancellationToken ct)
        => db.Set<ModerationDecision>().AnyAsync(d => d.SubjectKind == subject.Kind && d.SubjectId == subject.Id
                                                      && d.Action == ModerationAction.Hidden && d.OverturnedAt == null, ct);
}

/// <summary>A moderator hides a subject with a reason from the fixed list; the decision goes on the public log.</summary>
public sealed class HideContent(AnswerbackDbContext db, ModeratorCheck check, TimeProvider time)
{
    public async Task<Result<ModerationDecision>> RunAsync(ModerationSubject subject, ModerationReason reason, Guid moderatorPersonId, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(reason))
        {
            return Result.Failed<ModerationDecision>("reason", "Choose a reason from the list: abuse, personal data, duplicate or off-topic.");
        }

        var (info, role, error) = await check.CheckAsync(subject, moderatorPersonId, ct);
        if (error is not null)
        {
            return Result.Failed<ModerationDecision>([error]);
        }

        if (await ModeratorCheck.IsHiddenAsync(db, subject, ct))
        {
            return Result.Failed<ModerationDecision>("subject", "This content is already hidden.");
        }

        return Result.Ok(await ModeratorCheck.RecordAsync(db, subject, info!, ModerationAction.Hidden, reason, role, moderatorPersonId, time.GetUtcNow(), ct));
    }
}

/// <summary>Pre-moderation: the owning capability holds a new subject until a moderator approves it.</summary>
public sealed class HoldForReview(AnswerbackDbContext db, TimeProvider time)
{
    /// <summary>
    /// Holds the subject (called by the capability that created it, in the same unit of work: its
    /// pending changes are saved with the hold). Holding a held subject again changes nothing.
    /// </summary>
    public async Task<Result> RunAsync(ModerationSubject subject, Guid organisationId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(subject.Kind) || subject.Kind.Length > ModerationSubject.MaxKindLength)
        {
            return new Result([new FieldError("subject", $"A subject kind is 1 to {ModerationSubject.MaxKindLength} characters.")]);
        }

        if (!await db.Set<ModerationHold>().AnyAsync(h => h.SubjectKind == subject.Kind && h.SubjectId == subject.Id, ct))
        {
            db.Set<ModerationHold>().Add(new ModerationHold { SubjectKind = subject.Kind, SubjectId = subject.Id, OrganisationId = organisationId, HeldAt = time.GetUtcNow() });
        }

        await db.SaveChangesAsync(ct);
        return new Result([]);
    }
}

/// <summary>A moderator keeps a subject: a held one is published, an flagged one's flags are dismissed.</summary>
public sealed class ApproveContent(AnswerbackDbContext db, ModeratorCheck check, TimeProvider time)
{
    public async Task<Result<ModerationDecision>> RunAsync(ModerationSubject subject, Guid moderatorPersonId, CancellationToken ct = default)
    {
        var (info, role, error) = await check.CheckAsync(subject, moderatorPersonId, ct);
        if (error is not null)
        {
            return Result.Failed<ModerationDecision>([error]);
        }

        var held = db.Set<ModerationHold>().Where(h => h.SubjectKind == subject.Kind && h.SubjectId == subject.Id);
        var flagged = db.Set<ModerationFlag>().Where(f => f.SubjectKind == subject.Kind && f.SubjectId == subject.Id && f.ResolvedAt == null);
        if (!await held.AnyAsync(ct) && !await flagged.AnyAsync(ct))
        {
            return Result.Failed<ModerationDecision>("subject", "Nothing about this content waits for review.");
        }

        return Result.Ok(await ModeratorCheck.RecordAsync(db, subject, info!, ModerationAction.Approved, null, role, moderatorPersonId, time.GetUtcNow(), ct));
    }
}

/// <summary>A signed-in reader flags a subject for the moderators' queue (once per person while it is open).</summary>
public sealed class FlagContent(AnswerbackDbContext db, ModerationSubjects subjects, TimeProvider time)
{
    public const int MaxNoteLength = 500;

    public async Task<Result> RunAsync(ModerationSubject subject, ModerationReason? reason, string? note, Guid personId, CancellationToken ct = default)
    {
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        if (note?.Length > MaxNoteLength)
        {
            return new Result([new FieldError("note", $"The note must be at most {MaxNoteLength} characters.")]);
        }

        if (reason is { } r && !Enum.IsDefined(r))
        {
            return new Result([new FieldError("reason", "Choose a reason from the list: abuse, personal data, duplicate or off-topic.")]);
        }

        var info = await subjects.FindAsync(subject, ct);
        if (info is null)
        {
            return new Result([new FieldError("subject", ModeratorCheck.NotFound)]);
        }

        // A second flag by the same person while the first is open changes nothing: one person, one voice on the queue.
        if (!await db.Set<ModerationFlag>().AnyAsync(f => f.SubjectKind == subject.Kind && f.SubjectId == subject.Id && f.PersonId == personId && f.ResolvedAt == null, ct))
        {
            db.Set<ModerationFlag>().Add(new ModerationFlag
            {
                Id = Guid.NewGuid(),
                SubjectKind = subject.Kind,
                SubjectId = subject.Id,
                OrganisationId = info.OrganisationId,
                PersonId = personId,
                Reason = reason,
                Note = note,
                FlaggedAt = time.GetUtcNow(),
            });
            await db.SaveChangesAsync(ct);
        }

        return new Result([]);
    }
}

/// <summary>The author of hidden content appeals the decision, once.</summary>
public sealed class AppealDecision(AnswerbackDbContext db, TimeProvider time)
{
    public const int MaxTextLength = 2000;

    public const string AlreadyAppealed = "You have already appealed this decision; each decision can be appealed once. Its outcome is shown on this page.";

    public const string NotAuthor = "Only the author of the hidden content may appeal this decision.";

    public async Task<Result<ModerationAppeal>> RunAsync(Guid decisionId, Guid personId, string? text, CancellationToken ct = default)
    {
        var decision = await db.Set<ModerationDecision>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId && d.Action == ModerationAction.Hidden, ct);
        if (decision is null)
        {
            return Result.Failed<ModerationAppeal>("decision", "There is no such decision.");
        }

        if (decision.AuthorPersonId != personId)
        {
            return Result.Failed<ModerationAppeal>("decision", NotAuthor);
        }

        text = (text ?? "").Trim();
        if (text.Length is 0 or > MaxTextLength)
        {
            return Result.Failed<ModerationAppeal>("text", text.Length == 0 ? "Say why the decision is wrong." : $"The appeal must be at most {MaxTextLength:N0} characters.");
        }

        if (await db.Set<ModerationAppeal>().AnyAsync(a => a.DecisionId == decisionId, ct))
        {
            return Result.Failed<ModerationAppeal>("decision", AlreadyAppealed);
        }

        var appeal = new ModerationAppeal { Id = Guid.NewGuid(), DecisionId = decisionId, AuthorPersonId = personId, Text = text, AppealedAt = time.GetUtcNow(), Outcome = AppealOutcome.Pending };
        db.Set<ModerationAppeal>().Add(appeal);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two appeals at the same instant: the unique index keeps one.
            return Result.Failed<ModerationAppeal>("decision", AlreadyAppealed);
        }

        return Result.Ok(appeal);
    }
}

/// <summary>A moderator of the organisation decides an appeal: the decision stands, or it is overturned and the subject shown again. Logged.</summary>
public sealed class DecideAppeal(AnswerbackDbContext db, ModeratorRoles roles, TimeProvider time)
{
    public async Task<Result<ModerationAppeal>> RunAsync(Guid appealId, AppealOutcome outcome, string? response, Guid moderatorPersonId, CancellationToken ct = default)
    {
        if (outcome is not (AppealOutcome.Upheld or AppealOutcome.Overturned))
        {
            return Result.Failed<ModerationAppeal>("outcome", "Choose whether the decision stands or is overturned.");
        }

        response = string.IsNullOrWhiteSpace(response) ? null : response.Trim();
        if (response?.Length > AppealDecision.MaxTextLength)
        {
            return Result.Failed<ModerationAppeal>("response", $"The response must be at most {AppealDecision.MaxTextLength:N0} characters.");
        }

        var appeal = await db.Set<ModerationAppeal>().FirstOrDefaultAsync(a => a.Id == appealId, ct);
        var decision = appeal is null ? null : await db.Set<ModerationDecision>().FirstOrDefaultAsync(d => d.Id == appeal.DecisionId, ct);
        if (appeal is null || decision is null)
        {
            return Result.Failed<ModerationAppeal>("appeal", "There is no such appeal.");
        }

        if (await roles.RoleAsync(moderatorPersonId, decision.OrganisationId, ct) is not { } role)
        {
            return Result.Failed<ModerationAppeal>("moderator", ModeratorCheck.NotAllowed);
        }

        if (appeal.Outcome != AppealOutcome.Pending)
        {
            return Result.Failed<ModerationAppeal>("appeal", "This appeal has already been decided.");
        }

        var now = time.GetUtcNow();
        appeal.Outcome = outcome;
        appeal.Response = response;
        appeal.DecidedAt = now;
        appeal.DeciderRole = role;
        appeal.DeciderPersonId = moderatorPersonId;
        if (outcome == AppealOutcome.Overturned)
        {
            decision.OverturnedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return Result.Ok(appeal);
    }
}
