using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Notifications;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>Who is casting: a signed-in person, or whoever holds a postal code.</summary>
public abstract record Voter
{
    /// <summary>A signed-in person (their online credential).</summary>
    public static Voter Online(Guid personId) => new PersonVoter(personId);

    /// <summary>The holder of a postal code, as typed.</summary>
    public static Voter Postal(string code) => new CodeVoter(code);
}

/// <summary>A signed-in person.</summary>
public sealed record PersonVoter(Guid PersonId) : Voter;

/// <summary>The holder of a postal code, as typed.</summary>
public sealed record CodeVoter(string Code) : Voter;

/// <summary>
/// An accepted ballot: its tracking code and its text. It is stored and will be on the board, but its
/// place there is not known yet: <see cref="AppendToBoard"/> appends it in a shuffled batch.
/// </summary>
public sealed record CastReceipt(string TrackingCode, string Ballot);

/// <summary>
/// Casts a ballot. In one transaction: the credential is marked used (a conditional update from
/// unused, so of two casts with one credential at the same instant exactly one changes the row), the
/// ballot is stored with no reference to the voter, and a pending board entry (tracking code and
/// commitment) is written; the head row is only shared, so casts run side by side. The response is
/// sent only after the commit, so an acknowledged ballot survives a crash; <see cref="AppendToBoard"/>
/// puts it on the board within seconds, and the count appends every pending entry before it seals.
/// </summary>
public sealed class CastBallot(AnswerbackDbContext db, IBallotPapers papers, CheckEligibility eligibility, ResidencyHasher hasher, IEmailQueue email, TimeProvider time)
{
    /// <summary>Errors about the credential: already used, not recognised, not eligible.</summary>
    public const string CredentialField = "credential";

    /// <summary>Errors about the primary: not voting now, or no such primary.</summary>
    public const string VotingField = "voting";

    public const string AlreadyVotedMessage = "A ballot has already been cast with this credential. Each person votes once; your first ballot stands.";

    public const string CodeUsedMessage = "This code has already been used to vote. Each code casts one ballot; the first one stands.";

    public const string CodeUnknownMessage = "This code is not one of the codes for this primary. Check it against your letter.";

    /// <summary>Casts <paramref name="form"/> for <paramref name="voter"/> in the primary.</summary>
    public async Task<Result<CastReceipt>> CastAsync(Guid primaryId, Voter voter, BallotForm form, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(voter);
        ArgumentNullException.ThrowIfNull(form);
        var paper = await papers.FindAsync(primaryId, ct);
        if (paper is null)
        {
            return Result.Failed<CastReceipt>(VotingField, "There is no such primary.");
        }

        if (VotingProblem(paper, time.GetUtcNow()) is { } closed)
        {
            return Result.Failed<CastReceipt>(VotingField, closed);
        }

        var ballot = ValidateBallot.Check(paper.Method, paper.Candidates, form);
        if (!ballot.Succeeded)
        {
            return Result.Failed<CastReceipt>(ballot.Errors);
        }

        string? codeHash = null;
        if (voter is PersonVoter person)
        {
            var decision = await eligibility.CheckAsync(person.PersonId, paper.Electorate, ct);
            if (!decision.IsEligible)
            {
                return Result.Failed<CastReceipt>(CredentialField, decision.Reason);
            }
        }
        else if (voter is CodeVoter code)
        {
            if (!CredentialCodes.TryParse(code.Code, out var canonical, out var problem))
            {
                return Result.Failed<CastReceipt>(CredentialField, problem);
            }

            codeHash = CredentialCodes.Hash(await hasher.GetKeyAsync(ct), paper.BoardId, canonical);
        }

        var sealedBallot = SealedBallot.Seal(ballot.Value);
        // No savepoint per SaveChanges: a failure rolls the whole cast back anyway.
        db.Database.AutoSavepointsEnabled = false;
        if (codeHash is not null && db.Database.IsNpgsql())
        {
            return await CastPostalOnPostgresAsync(paper, codeHash, sealedBallot, ct);
        }

        string? trackingCode = null;
        for (var attempt = 0; trackingCode is null; attempt++)
        {
            // The head row first, shared (FOR KEY SHARE on PostgreSQL): casts do not wait for each other
            // or for appending, only for the count's seal, and a cast that gets the row after the seal
            // sees it. On SQLite the transaction holds the database's one write lock from its start.
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var head = await BoardAppender.LockHeadAsync(db, paper.PrimaryId, HeadLock.Cast, ct);
            if (head is null && attempt == 0)
            {
                // The primary's first ballot: create h(0), then cast again (nothing was written yet).
                await transaction.RollbackAsync(ct);
                await BoardAppender.EnsureHeadAsync(db, paper.PrimaryId, ct);
                continue;
            }

            if (head is null or { Sealed: true })
            {
                await transaction.RollbackAsync(ct);
                return Result.Failed<CastReceipt>(VotingField, "Voting in this primary has closed.");
            }

            var refused = codeHash is null
                ? await UseOnlineCredentialAsync(paper, ((PersonVoter)voter).PersonId, ct)
                : await UsePostalCredentialAsync(paper, codeHash, ct);
            if (refused is not null)
            {
                await transaction.RollbackAsync(ct);
                return Result.Failed<CastReceipt>(CredentialField, refused);
            }

            var code = BoardAppender.Stage(db, paper.PrimaryId, sealedBallot);
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            trackingCode = code;
        }

        if (voter is PersonVoter online)
        {
            await EmailTrackingCodeAsync(paper, online.PersonId, trackingCode, ct);
        }

        return Result.Ok(new CastReceipt(trackingCode, sealedBallot.Ballot));
    }

    /// <summary>
    /// Emails an account holder their tracking code, through the email queue, whose row is deleted
    /// once sent: the platform keeps no lasting record tying the person to the code (the mail itself
    /// is the voter's; see docs/primaries.md for what a mail provider's copy means). Not through
    /// notifications, whose records are kept for deduplication.
    /// </summary>
    private async Task EmailTrackingCodeAsync(BallotPaper paper, Guid personId, string trackingCode, CancellationToken ct)
    {
        var address = await db.Users.Where(u => u.Id == personId && u.EmailConfirmed).Select(u => u.Email).FirstOrDefaultAsync(ct);
        if (address is null)
        {
            return;
        }

        var code = TrackingCodes.Format(trackingCode);
        await email.EnqueueAsync(new EmailMessage(address, $"Your ballot in {paper.Title} is cast",
            $"Your ballot in {paper.Title} is cast, and is being added to the public bulletin board.\n\nYour tracking code: {code}\n\n"
            + $"After voting closes, look it up at /primaries/{paper.PrimaryId}/track to see your ballot as it was recorded and counted. "
            + "The code does not say who you are; keep this email to yourself.", null), ct);
    }

    /// <summary>Why the primary takes no ballots now, or null while voting is open.</summary>
    public static string? VotingProblem(BallotPaper paper, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(paper);
        return now < paper.VotingOpens ? "Voting in this primary has not opened yet."
            : now >= paper.VotingCloses ? "Voting in this primary has closed."
            : null;
    }

    /// <summary>
    /// Marks the person's online credential used (creating it, used, when they never asked for it), and
    /// voids any unused postal code sent to a register entry they have claimed: one elector, one ballot,
    /// whichever channel they use first. Null when the person may cast; otherwise why not.
    /// </summary>
    private async Task<string?> UseOnlineCredentialAsync(BallotPaper paper, Guid personId, CancellationToken ct)
    {
        var marked = await db.Set<PrimaryCredential>()
            .Where(c => c.PrimaryId == paper.PrimaryId && c.PersonId == personId && !c.Used)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
        if (marked == 0)
        {
            if (await db.Set<PrimaryCredential>().AnyAsync(c => c.PrimaryId == paper.PrimaryId && c.PersonId == personId, ct))
            {
                return AlreadyVotedMessage;
            }

            // Never asked for: the insert takes its place, and the unique index on (primary, person)
            // refuses a second one inserted at the same instant (caught below as "already voted").
            db.Set<PrimaryCredential>().Add(new PrimaryCredential { Id = Guid.NewGuid(), PrimaryId = paper.PrimaryId, Channel = CredentialChannel.Online, PersonId = personId, Used = true });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                return AlreadyVotedMessage;
            }
        }

        var entries = db.RegisterEntries.Where(e => e.ClaimedByPersonId == personId).Select(e => (Guid?)e.Id);
        if (await db.Set<PrimaryCredential>().AnyAsync(c => c.PrimaryId == paper.PrimaryId && c.Used && entries.Contains(c.RegisterEntryId), ct))
        {
            return "A ballot has already been cast with the postal code sent to your address on the register. Each elector votes once.";
        }

        await db.Set<PrimaryCredential>()
            .Where(c => c.PrimaryId == paper.PrimaryId && !c.Used && entries.Contains(c.RegisterEntryId))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
        return null;
    }

    /// <summary>
    /// The postal cast on PostgreSQL in two round trips: one statement (sent with the transaction's
    /// BEGIN) shares the head row (<c>FOR KEY SHARE</c>), marks the credential used if it is unused and
    /// the board not sealed, and only then inserts the ballot and its pending entry; then the commit.
    /// The rules are those of the general path below (which SQLite and online voters take): the
    /// conditional update decides between two casts of one code, and an elector whose register entry was
    /// claimed by an account goes through <see cref="UseHolderCredentialAsync"/> in the same transaction.
    /// </summary>
    private async Task<Result<CastReceipt>> CastPostalOnPostgresAsync(BallotPaper paper, string codeHash, SealedBallot sealedBallot, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var trackingCode = TrackingCodes.New();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var outcome = (await db.Database.SqlQuery<PostalCastOutcome>($"""
                WITH head AS (
                    SELECT "Sealed" FROM "PrimaryBoardHeads" WHERE "PrimaryId" = {paper.PrimaryId} FOR KEY SHARE
                ), used AS (
                    UPDATE "PrimaryCredentials" AS c SET "Used" = TRUE
                    WHERE c."PrimaryId" = {paper.PrimaryId} AND c."CodeHash" = {codeHash} AND NOT c."Used"
                        AND EXISTS (SELECT 1 FROM head WHERE NOT head."Sealed")
                    RETURNING (SELECT e."ClaimedByPersonId" FROM "RegisterEntries" AS e WHERE e."Id" = c."RegisterEntryId") AS "Holder"
                ), ballot AS (
                    INSERT INTO "PrimaryBallots" ("Id", "PrimaryId", "TrackingCode", "Text", "Salt")
                    SELECT {Guid.NewGuid()}, {paper.PrimaryId}, {trackingCode}, {sealedBallot.Ballot}, {sealedBallot.Salt} FROM used
                ), pending AS (
                    INSERT INTO "PrimaryBoardPending" ("PrimaryId", "TrackingCode", "Commitment")
                    SELECT {paper.PrimaryId}, {trackingCode}, {sealedBallot.Commitment} FROM used
                )
                SELECT (SELECT "Sealed" FROM head) AS "Sealed",
                       EXISTS (SELECT 1 FROM used) AS "Marked",
                       (SELECT "Holder" FROM used) AS "Holder",
                       EXISTS (SELECT 1 FROM "PrimaryCredentials" AS k WHERE k."PrimaryId" = {paper.PrimaryId} AND k."CodeHash" = {codeHash}) AS "Known"
                """).ToListAsync(ct)).Single(); // not composed: a data-modifying WITH must stay at the top level
            if (outcome.Sealed is null && attempt == 0)
            {
                // The primary's first ballot: create h(0), then cast again (nothing was written).
                await transaction.RollbackAsync(ct);
                await BoardAppender.EnsureHeadAsync(db, paper.PrimaryId, ct);
                continue;
            }

            if (outcome.Sealed is null or true)
            {
                await transaction.RollbackAsync(ct);
                return Result.Failed<CastReceipt>(VotingField, "Voting in this primary has closed.");
            }

            var refused = !outcome.Marked ? (outcome.Known ? CodeUsedMessage : CodeUnknownMessage)
                : outcome.Holder is { } personId ? await UseHolderCredentialAsync(paper, personId, ct)
                : null;
            if (refused is not null)
            {
                await transaction.RollbackAsync(ct);
                return Result.Failed<CastReceipt>(CredentialField, refused);
            }

            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Result.Ok(new CastReceipt(trackingCode, sealedBallot.Ballot));
        }
    }

    /// <summary>What the PostgreSQL postal cast's statement found: the head (null when none), whether it marked the code, the entry's account, whether the code exists.</summary>
    private sealed class PostalCastOutcome
    {
        public bool? Sealed { get; init; }

        public bool Marked { get; init; }

        public Guid? Holder { get; init; }

        public bool Known { get; init; }
    }

    /// <summary>Marks the postal credential used; null when the holder may cast, otherwise why not.</summary>
    private async Task<string?> UsePostalCredentialAsync(BallotPaper paper, string codeHash, CancellationToken ct)
    {
        var marked = await db.Set<PrimaryCredential>()
            .Where(c => c.PrimaryId == paper.PrimaryId && c.CodeHash == codeHash && !c.Used)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
        if (marked == 0)
        {
            return await db.Set<PrimaryCredential>().AnyAsync(c => c.PrimaryId == paper.PrimaryId && c.CodeHash == codeHash, ct)
                ? CodeUsedMessage
                : CodeUnknownMessage;
        }

        // The elector of this entry may also have an account that claimed it: if that account has
        // voted online the code is refused, otherwise the account's online credential is used up.
        var holder = await db.Set<PrimaryCredential>()
            .Where(c => c.PrimaryId == paper.PrimaryId && c.CodeHash == codeHash)
            .Join(db.RegisterEntries, c => c.RegisterEntryId, e => (Guid?)e.Id, (c, e) => e.ClaimedByPersonId)
            .FirstOrDefaultAsync(ct);
        return holder is { } personId ? await UseHolderCredentialAsync(paper, personId, ct) : null;
    }

    /// <summary>
    /// A postal code was just marked used and its register entry was claimed by an account: refused if
    /// that account has voted online, otherwise its online credential is used up (created used when it
    /// never asked; written by the caller's SaveChanges). Null when the cast may go on.
    /// </summary>
    private async Task<string?> UseHolderCredentialAsync(BallotPaper paper, Guid personId, CancellationToken ct)
    {
        if (await db.Set<PrimaryCredential>().AnyAsync(c => c.PrimaryId == paper.PrimaryId && c.PersonId == personId && c.Used, ct))
        {
            return "The elector this code was sent to has already voted online. Each elector votes once.";
        }

        var voided = await db.Set<PrimaryCredential>()
            .Where(c => c.PrimaryId == paper.PrimaryId && c.PersonId == personId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Used, true), ct);
        if (voided == 0)
        {
            db.Set<PrimaryCredential>().Add(new PrimaryCredential { Id = Guid.NewGuid(), PrimaryId = paper.PrimaryId, Channel = CredentialChannel.Online, PersonId = personId, Used = true });
        }

        return null;
    }
}
