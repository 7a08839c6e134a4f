using System.Security.Cryptography;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>How a transaction holds a board's head row (PostgreSQL row-lock strengths; SQLite has one writer anyway).</summary>
internal enum HeadLock
{
    /// <summary>A cast: <c>FOR KEY SHARE</c>. Any number of casts share it, and appending does not wait for them; only the seal does.</summary>
    Cast,

    /// <summary>A batch of appends: <c>FOR NO KEY UPDATE</c>. One at a time, across every node; casts go on meanwhile.</summary>
    Append,

    /// <summary>The count's seal: <c>FOR UPDATE</c>. Waits for the casts in flight, and no cast gets past it.</summary>
    Seal,
}

/// <summary>
/// The board's storage in two steps. A cast <see cref="Stage">stages</see> its ballot in its own
/// transaction: the ballot row and a pending entry (tracking code and commitment), sharing the head
/// row's lock only to see that the board is not sealed, so casts run side by side. Then
/// <see cref="AppendPendingAsync"/> appends the pending entries in a batch under the head row's
/// exclusive lock, in a random order, each h(n) from h(n−1) as committed: the numbering stays gapless,
/// the serial section costs one transaction per batch instead of one per ballot, and a board position
/// no longer says which of a batch's ballots came first. Other primaries are not blocked.
/// </summary>
internal static class BoardAppender
{
    /// <summary>The most entries one append transaction takes (a larger backlog takes several).</summary>
    public const int BatchLimit = 5000;

    /// <summary>Creates the head row (h(0)) if the primary has none yet; harmless when two callers race.</summary>
    public static async Task EnsureHeadAsync(AnswerbackDbContext db, Guid primaryId, CancellationToken ct)
    {
        if (await db.Set<BoardHead>().AnyAsync(h => h.PrimaryId == primaryId, ct))
        {
            return;
        }

        var head = new BoardHead { PrimaryId = primaryId, Count = 0, Hash = BoardHashes.Start(primaryId.ToString("D")) };
        db.Set<BoardHead>().Add(head);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request created it first: the same row, the same h(0).
        }
        finally
        {
            db.Entry(head).State = EntityState.Detached;
        }
    }

    /// <summary>The head row, locked for this transaction as <paramref name="mode"/> says; null when the primary has no head yet.</summary>
    public static Task<BoardHead?> LockHeadAsync(AnswerbackDbContext db, Guid primaryId, HeadLock mode, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return db.Set<BoardHead>().SingleOrDefaultAsync(h => h.PrimaryId == primaryId, ct);
        }

        var rows = mode switch
        {
            HeadLock.Cast => db.Set<BoardHead>().FromSql($"SELECT * FROM \"PrimaryBoardHeads\" WHERE \"PrimaryId\" = {primaryId} FOR KEY SHARE"),
            HeadLock.Append => db.Set<BoardHead>().FromSql($"SELECT * FROM \"PrimaryBoardHeads\" WHERE \"PrimaryId\" = {primaryId} FOR NO KEY UPDATE"),
            _ => db.Set<BoardHead>().FromSql($"SELECT * FROM \"PrimaryBoardHeads\" WHERE \"PrimaryId\" = {primaryId} FOR UPDATE"),
        };
        // A cast only reads the head: tracking it would cost change detection and risk writing it.
        return (mode == HeadLock.Cast ? rows.AsNoTracking() : rows).SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Stores the sealed ballot and its pending entry in the caller's transaction (which must hold the
    /// head with <see cref="HeadLock.Cast"/>), and returns its new tracking code. A tracking code drawn
    /// twice (about 4 in a million at 100,000 ballots) fails a unique index and the whole cast rolls
    /// back, credential included.
    /// </summary>
    public static string Stage(AnswerbackDbContext db, Guid primaryId, SealedBallot ballot)
    {
        var (stored, pending) = Staged(primaryId, ballot);
        db.Set<StoredBallot>().Add(stored);
        db.Set<PendingBoardEntry>().Add(pending);
        return pending.TrackingCode;
    }

    /// <summary>The rows <see cref="Stage"/> writes for a sealed ballot: the ballot and its pending entry, under a new tracking code.</summary>
    public static (StoredBallot Ballot, PendingBoardEntry Entry) Staged(Guid primaryId, SealedBallot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        var trackingCode = TrackingCodes.New();
        return (new StoredBallot { Id = Guid.NewGuid(), PrimaryId = primaryId, TrackingCode = trackingCode, Text = ballot.Ballot, Salt = ballot.Salt },
            new PendingBoardEntry { PrimaryId = primaryId, TrackingCode = trackingCode, Commitment = ballot.Commitment });
    }

    /// <summary>
    /// Appends a batch of pending entries to <paramref name="chain"/> in an order drawn from the
    /// cryptographic generator (shuffling <paramref name="pending"/> in place), and returns the board
    /// rows to store. The pending rows come in tracking-code order, itself random; the shuffle makes the
    /// board's order independent of anything stored, casting order included.
    /// </summary>
    public static List<BoardRecord> Chain(Guid primaryId, BoardChain chain, PendingBoardEntry[] pending)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(pending);
        RandomNumberGenerator.Shuffle(pending.AsSpan());
        var records = new List<BoardRecord>(pending.Length);
        foreach (var p in pending)
        {
            var entry = chain.Append(p.TrackingCode, p.Commitment);
            records.Add(new BoardRecord { PrimaryId = primaryId, Sequence = entry.Sequence, TrackingCode = entry.TrackingCode, Commitment = entry.Commitment, Hash = entry.Hash });
        }

        return records;
    }

    /// <summary>
    /// Appends up to <paramref name="limit"/> pending entries (all when null) of the head's primary, in
    /// an order drawn from the cryptographic generator, and removes them from the pending ones; the
    /// caller's transaction holds <paramref name="head"/> with <see cref="HeadLock.Append"/> or
    /// <see cref="HeadLock.Seal"/>, tracked, and commits. Returns how many were appended.
    /// </summary>
    public static async Task<int> AppendPendingAsync(AnswerbackDbContext db, BoardHead head, int? limit, CancellationToken ct)
    {
        var query = db.Set<PendingBoardEntry>().AsNoTracking().Where(p => p.PrimaryId == head.PrimaryId).OrderBy(p => p.TrackingCode);
        var pending = await (limit is { } most ? query.Take(most) : query).ToArrayAsync(ct);
        if (pending.Length == 0)
        {
            return 0;
        }

        var chain = BoardChain.Resume(head.Count, head.Hash);
        var records = Chain(head.PrimaryId, chain, pending);
        db.Set<BoardRecord>().AddRange(records);
        head.Count = chain.Count;
        head.Hash = chain.Head;
        await db.SaveChangesAsync(ct);
        // Written: the caller's context need not keep thousands of rows tracked.
        foreach (var record in records)
        {
            db.Entry(record).State = EntityState.Detached;
        }

        var codes = pending.Select(p => p.TrackingCode).ToList();
        await db.Set<PendingBoardEntry>().Where(p => p.PrimaryId == head.PrimaryId && codes.Contains(p.TrackingCode)).ExecuteDeleteAsync(ct);
        return pending.Length;
    }
}
