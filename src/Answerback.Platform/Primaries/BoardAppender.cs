using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Appends to a primary's board inside the caller's transaction. The head row is read under a row
/// lock (<c>SELECT ... FOR UPDATE</c> on PostgreSQL; on SQLite the transaction already holds the
/// database's one write lock), so appends to one primary are strictly one after another: entry n is
/// computed from h(n−1) as committed, and the numbering has no gaps. Other primaries are not blocked.
/// </summary>
internal static class BoardAppender
{
    /// <summary>Creates the head row (h(0)) if the primary has none yet; harmless when two callers race.</summary>
    public static async Task EnsureHeadAsync(Data.AnswerbackDbContext db, BallotPaper paper, CancellationToken ct)
    {
        if (await db.Set<BoardHead>().AnyAsync(h => h.PrimaryId == paper.PrimaryId, ct))
        {
            return;
        }

        var head = new BoardHead { PrimaryId = paper.PrimaryId, Count = 0, Hash = BoardHashes.Start(paper.BoardId) };
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

    /// <summary>The head row, locked for this transaction.</summary>
    public static Task<BoardHead> LockHeadAsync(Data.AnswerbackDbContext db, Guid primaryId, CancellationToken ct) =>
        db.Database.IsNpgsql()
            ? db.Set<BoardHead>().FromSql($"SELECT * FROM \"PrimaryBoardHeads\" WHERE \"PrimaryId\" = {primaryId} FOR UPDATE").SingleAsync(ct)
            : db.Set<BoardHead>().SingleAsync(h => h.PrimaryId == primaryId, ct);

    /// <summary>
    /// Stores the sealed ballot and appends its entry; null when the board is sealed (the count has
    /// run, so voting is over whatever the clock said at the start). Only what needs h(n−1) happens
    /// under the head's lock: the ballot row is written before it, so a lock holder makes three round
    /// trips (lock, insert and update, commit). A tracking code drawn twice (about 4 in a million at
    /// 100,000 ballots) fails the unique index and the whole cast rolls back, credential included.
    /// </summary>
    public static async Task<BoardEntry?> AppendAsync(Data.AnswerbackDbContext db, BallotPaper paper, SealedBallot ballot, CancellationToken ct)
    {
        var trackingCode = TrackingCodes.New();
        db.Set<StoredBallot>().Add(new StoredBallot { Id = Guid.NewGuid(), PrimaryId = paper.PrimaryId, TrackingCode = trackingCode, Text = ballot.Ballot, Salt = ballot.Salt });
        await db.SaveChangesAsync(ct);

        var head = await LockHeadAsync(db, paper.PrimaryId, ct);
        if (head.Sealed)
        {
            return null;
        }

        var chain = BoardChain.Resume(head.Count, head.Hash);
        var entry = chain.Append(trackingCode, ballot.Commitment);
        head.Count = chain.Count;
        head.Hash = chain.Head;
        db.Set<BoardRecord>().Add(new BoardRecord { PrimaryId = paper.PrimaryId, Sequence = entry.Sequence, TrackingCode = entry.TrackingCode, Commitment = entry.Commitment, Hash = entry.Hash });
        return entry;
    }
}
