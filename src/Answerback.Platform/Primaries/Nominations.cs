using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Webmentions;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>What a nomination did. For someone else's, the page says the same whether or not the address has an account (no enumeration).</summary>
public sealed record NominationOutcome(bool Self, Candidate? Candidate);

/// <summary>Rules shared by the nomination use cases.</summary>
public static class Nominations
{
    public const int MaxStatementLength = 10_000;

    /// <summary>The candidate's public page, the source of the Webmentions their statement sends.</summary>
    public static string CandidatePath(Candidate candidate) => $"/primaries/{candidate.PrimaryId}/candidates/{candidate.Id}";

    /// <summary>Candidates can be approved or withdrawn, and statements changed, until voting opens: then the ballot is fixed.</summary>
    public static bool BallotOpenForChanges(PrimaryState state) => state is PrimaryState.Nominations or PrimaryState.Hustings;

    internal const string BallotFixed = "Voting has opened (or the primary is not open yet): the candidates can no longer change.";

    /// <summary>
    /// Numbers the approved candidates 1, 2, 3... alphabetically by name (ordinal, ignoring case; then
    /// by id), as UK ballot papers list candidates. Called after every approval and withdrawal.
    /// </summary>
    internal static async Task RenumberAsync(AnswerbackDbContext db, Guid primaryId, CancellationToken ct)
    {
        var candidates = await db.Candidates.Where(c => c.PrimaryId == primaryId).ToListAsync(ct);
        var ids = candidates.Select(c => c.PersonId).ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var number = 0;
        foreach (var candidate in candidates.OrderBy(c => names.GetValueOrDefault(c.PersonId, ""), StringComparer.OrdinalIgnoreCase).ThenBy(c => c.Id))
        {
            candidate.OrderNumber = candidate.Status == CandidateStatus.Approved ? ++number : null;
        }
    }

    internal static async Task<string> NameAsync(AnswerbackDbContext db, Guid personId, CancellationToken ct)
        => await db.Users.Where(u => u.Id == personId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "(unknown)";
}

/// <summary>
/// Nominates the signed-in person (no address given) or the holder of an account's address, while
/// nominations are open. Someone nominated by another must accept (<see cref="AcceptNomination"/>)
/// before organisers can approve them.
/// </summary>
public sealed class Nominate(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<Result<NominationOutcome>> NominateAsync(Guid actorPersonId, Guid primaryId, string? nomineeEmail, CancellationToken ct = default)
    {
        var primary = await db.Primaries.AsNoTracking().FirstOrDefaultAsync(p => p.Id == primaryId, ct);
        var now = time.GetUtcNow();
        if (primary is null || primary.StateAt(now) != PrimaryState.Nominations)
        {
            return Result.Failed<NominationOutcome>("primary", "Nominations are not open for this primary.");
        }

        var email = nomineeEmail?.Trim();
        var self = string.IsNullOrEmpty(email);
        Guid? nominee = actorPersonId;
        if (!self)
        {
            if (email!.Length > 256 || !email.Contains('@', StringComparison.Ordinal))
            {
                return Result.Failed<NominationOutcome>("email", "Enter the email address of the person you nominate, like name@example.org.");
            }

            var normalised = email.ToUpperInvariant();
            nominee = await db.Users.Where(u => u.NormalizedEmail == normalised && u.EmailConfirmed).Select(u => (Guid?)u.Id).FirstOrDefaultAsync(ct);
            self = nominee == actorPersonId;
        }

        var existing = nominee is { } id ? await db.Candidates.AnyAsync(c => c.PrimaryId == primaryId && c.PersonId == id, ct) : false;
        if (self && existing)
        {
            return Result.Failed<NominationOutcome>("primary", "You are already nominated in this primary.");
        }

        if (nominee is null || existing)
        {
            // Someone else: the same outcome whether or not the address is an account, or already nominated.
            return Result.Ok(new NominationOutcome(false, null));
        }

        var candidate = new Candidate
        {
            Id = Guid.NewGuid(),
            PrimaryId = primaryId,
            PersonId = nominee.Value,
            Status = CandidateStatus.Nominated,
            NominatedByPersonId = actorPersonId,
            NominatedAt = now,
            AcceptedAt = self ? now : null,
        };
        db.Candidates.Add(candidate);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Nominated twice at once: the unique index kept one.
            if (!await db.Candidates.AsNoTracking().AnyAsync(c => c.PrimaryId == primaryId && c.PersonId == candidate.PersonId && c.Id != candidate.Id, ct))
            {
                throw;
            }

            return self ? Result.Failed<NominationOutcome>("primary", "You are already nominated in this primary.") : Result.Ok(new NominationOutcome(false, null));
        }

        return Result.Ok(new NominationOutcome(self, self ? candidate : null));
    }
}

/// <summary>The nominee accepts a nomination someone else made (until voting opens).</summary>
public sealed class AcceptNomination(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<Result<Candidate>> AcceptAsync(Guid actorPersonId, Guid candidateId, CancellationToken ct = default)
    {
        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.Id == candidateId && c.PersonId == actorPersonId, ct);
        if (candidate is null)
        {
            return Result.Failed<Candidate>(PrimaryAccess.Field, "Only the person nominated can accept the nomination.");
        }

        var primary = await db.Primaries.AsNoTracking().FirstAsync(p => p.Id == candidate.PrimaryId, ct);
        var now = time.GetUtcNow();
        if (!Nominations.BallotOpenForChanges(primary.StateAt(now)) || candidate.Status != CandidateStatus.Nominated)
        {
            return Result.Failed<Candidate>("candidate", "This nomination can no longer be accepted.");
        }

        candidate.AcceptedAt ??= now;
        await db.SaveChangesAsync(ct);
        return Result.Ok(candidate);
    }
}

/// <summary>An organiser approves an accepted nomination (until voting opens), which puts the candidate on the ballot and the public log.</summary>
public sealed class ApproveCandidate(AnswerbackDbContext db, PrimaryAccess access, SendWebmentions webmentions, TimeProvider time)
{
    public async Task<Result<Candidate>> ApproveAsync(Guid actorPersonId, Guid candidateId, CancellationToken ct = default)
    {
        var primaryId = await db.Candidates.Where(c => c.Id == candidateId).Select(c => (Guid?)c.PrimaryId).FirstOrDefaultAsync(ct);
        if (primaryId is null || await access.OrganiserOfAsync(actorPersonId, primaryId.Value, ct) is not (var primary, var role))
        {
            return Result.Failed<Candidate>(PrimaryAccess.Field, PrimaryAccess.NotOrganiser);
        }

        var candidate = await db.Candidates.FirstAsync(c => c.Id == candidateId, ct);
        var now = time.GetUtcNow();
        if (!Nominations.BallotOpenForChanges(primary.StateAt(now)))
        {
            return Result.Failed<Candidate>("candidate", Nominations.BallotFixed);
        }

        if (candidate.Status != CandidateStatus.Nominated)
        {
            return Result.Failed<Candidate>("candidate", candidate.Status == CandidateStatus.Approved ? "The candidate is already approved." : "The nomination was withdrawn.");
        }

        if (candidate.AcceptedAt is null)
        {
            return Result.Failed<Candidate>("candidate", "The nominee has not accepted the nomination yet.");
        }

        candidate.Status = CandidateStatus.Approved;
        candidate.ApprovedAt = now;
        await Nominations.RenumberAsync(db, primary.Id, ct);
        db.PrimaryLog.Add(PrimaryLogEntry.Of(primary.Id, now, $"Candidate {await Nominations.NameAsync(db, candidate.PersonId, ct)} approved", role));
        // Approval makes the candidate's page, with the statement, public (a primary takes nominations only once published).
        await webmentions.QueueAsync(Nominations.CandidatePath(candidate), candidate.Statement, ct);
        await db.SaveChangesAsync(ct);
        return Result.Ok(candidate);
    }
}

/// <summary>The candidate, or an organiser, withdraws a nomination or candidacy (until voting opens); the others are renumbered.</summary>
public sealed class WithdrawCandidate(AnswerbackDbContext db, PrimaryAccess access, TimeProvider time)
{
    public async Task<Result<Candidate>> WithdrawAsync(Guid actorPersonId, Guid candidateId, CancellationToken ct = default)
    {
        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.Id == candidateId, ct);
        if (candidate is null)
        {
            return Result.Failed<Candidate>(PrimaryAccess.Field, "Only the candidate or the organisation's organisers can withdraw a candidate.");
        }

        var primary = await db.Primaries.FirstAsync(p => p.Id == candidate.PrimaryId, ct);
        PrimaryRole? role = candidate.PersonId == actorPersonId ? PrimaryRole.Candidate : await access.OrganiserRoleAsync(actorPersonId, primary.OrganisationId, ct);
        if (role is null)
        {
            return Result.Failed<Candidate>(PrimaryAccess.Field, "Only the candidate or the organisation's organisers can withdraw a candidate.");
        }

        var now = time.GetUtcNow();
        if (!Nominations.BallotOpenForChanges(primary.StateAt(now)))
        {
            return Result.Failed<Candidate>("candidate", Nominations.BallotFixed);
        }

        if (candidate.Status == CandidateStatus.Withdrawn)
        {
            return Result.Failed<Candidate>("candidate", "The nomination is already withdrawn.");
        }

        var wasApproved = candidate.Status == CandidateStatus.Approved;
        candidate.Status = CandidateStatus.Withdrawn;
        candidate.WithdrawnAt = now;
        await Nominations.RenumberAsync(db, primary.Id, ct);
        if (wasApproved)
        {
            db.PrimaryLog.Add(PrimaryLogEntry.Of(primary.Id, now, $"Candidate {await Nominations.NameAsync(db, candidate.PersonId, ct)} withdrawn", role.Value));
        }

        await db.SaveChangesAsync(ct);
        return Result.Ok(candidate);
    }
}

/// <summary>The candidate writes their statement (Markdown; until voting opens).</summary>
public sealed class EditStatement(AnswerbackDbContext db, SendWebmentions webmentions, TimeProvider time)
{
    public async Task<Result<Candidate>> SaveAsync(Guid actorPersonId, Guid candidateId, string? statement, CancellationToken ct = default)
    {
        var candidate = await db.Candidates.FirstOrDefaultAsync(c => c.Id == candidateId && c.PersonId == actorPersonId, ct);
        if (candidate is null)
        {
            return Result.Failed<Candidate>(PrimaryAccess.Field, "Only the candidate can write their statement.");
        }

        var primary = await db.Primaries.AsNoTracking().FirstAsync(p => p.Id == candidate.PrimaryId, ct);
        if (!Nominations.BallotOpenForChanges(primary.StateAt(time.GetUtcNow())) || candidate.Status == CandidateStatus.Withdrawn)
        {
            return Result.Failed<Candidate>("statement", "The statement can no longer change: voting has opened or the nomination was withdrawn.");
        }

        var text = (statement ?? "").Trim();
        if (text.Length > Nominations.MaxStatementLength)
        {
            return Result.Failed<Candidate>("statement", $"The statement must be at most {Nominations.MaxStatementLength:N0} characters.");
        }

        candidate.Statement = text;
        if (candidate.Status == CandidateStatus.Approved)
        {
            // Public already: the pages it links to are told (before approval, ApproveCandidate tells them).
            await webmentions.QueueAsync(Nominations.CandidatePath(candidate), text, ct);
        }

        await db.SaveChangesAsync(ct);
        return Result.Ok(candidate);
    }
}
