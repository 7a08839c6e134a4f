using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Primaries;

/// <summary>
/// The count at the close, run as a background job: under the head row's exclusive lock (which waits
/// for the casts in flight), appends every ballot still pending and seals the board (no entry can
/// follow), counts the ballots with the engine and the primary's published seed, and stores the
/// engine's JSON report as the result, all in one transaction. Idempotent: a sealed board is not
/// counted again.
/// </summary>
public sealed class CountPrimary(AnswerbackDbContext db, IBallotPapers papers, BoardQuery board, TimeProvider time, ILogger<CountPrimary> logger)
{
    /// <summary>Counts one primary whose voting has closed; false when it is still open, unknown or already counted.</summary>
    public async Task<bool> RunAsync(Guid primaryId, CancellationToken ct = default)
    {
        var paper = await papers.FindAsync(primaryId, ct);
        if (paper is null || time.GetUtcNow() < paper.VotingCloses)
        {
            return false;
        }

        await BoardAppender.EnsureHeadAsync(db, primaryId, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var head = await BoardAppender.LockHeadAsync(db, primaryId, HeadLock.Seal, ct) ?? throw new InvalidOperationException("The board's head vanished.");
        if (head.Sealed)
        {
            return false;
        }

        // Every accepted ballot on the board before anything is counted: the casts that shared the
        // head have committed (the lock waited for them), and none can stage after the seal.
        await BoardAppender.AppendPendingAsync(db, head, null, ct);
        // Sealed first (so BoardAsync reads the ballots), then counted from the board exactly as anyone will recount it.
        head.Sealed = true;
        await db.SaveChangesAsync(ct);
        var document = await board.BoardAsync(primaryId, ct) ?? throw new InvalidOperationException("The primary vanished during its count.");
        var report = BoardCount.Count(document, paper.Seed);
        var json = BoardCount.ReportJson(report).ToJsonString();
        var now = time.GetUtcNow();
        db.Set<PrimaryResult>().Add(new PrimaryResult { PrimaryId = primaryId, ReportJson = json, CountedAt = now });
        // The lifecycle's last step: the result is published, with its line on the public log.
        await db.Primaries.Where(p => p.Id == primaryId).ExecuteUpdateAsync(s => s.SetProperty(p => p.ResultPublishedAt, now), ct);
        db.PrimaryLog.Add(PrimaryLogEntry.Of(primaryId, now, $"Result published: {string.Join(", ", report.Elected)} elected from {document.Entries.Count} ballots", PrimaryRole.Count));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Primary {PrimaryId} counted: {Ballots} ballots", primaryId, document.Entries.Count);
        }

        return true;
    }

    /// <summary>Counts every primary whose voting has closed and is not yet counted (the recurring job).</summary>
    public async Task<int> RunDueAsync(CancellationToken ct = default)
    {
        var counted = 0;
        var sealedIds = db.Set<BoardHead>().Where(h => h.Sealed).Select(h => h.PrimaryId);
        foreach (var id in await papers.ClosedByAsync(time.GetUtcNow(), ct))
        {
            if (!await sealedIds.ContainsAsync(id, ct) && await RunAsync(id, ct))
            {
                counted++;
            }
        }

        return counted;
    }
}

/// <summary>
/// Publishes a checkpoint of every board in voting (the recurring job, every few minutes): its entry
/// count and head hash with the time, kept for ever. A checkpoint is skipped when nothing was added
/// and the last one is younger than <see cref="MaxInterval"/>, so a quiet board still gets one at
/// least every 10 minutes. The ballots waiting for a batch are appended first, so a checkpoint covers
/// every ballot accepted before it.
/// </summary>
public sealed class PublishCheckpoints(AnswerbackDbContext db, IBallotPapers papers, AppendToBoard append, TimeProvider time)
{
    /// <summary>The longest a board in voting goes without a checkpoint.</summary>
    public static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Whether a run of the job at <paramref name="now"/> publishes a checkpoint of a board of
    /// <paramref name="count"/> entries whose last one was <paramref name="last"/>: when the board
    /// grew, or before <see cref="MaxInterval"/> passes without one.
    /// </summary>
    internal static bool IsDue(PublishedCheckpoint? last, int count, DateTimeOffset now)
        => last is null || last.Count != count || now - last.PublishedAt >= MaxInterval - TimeSpan.FromMinutes(1);

    /// <summary>Publishes the due checkpoints; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var published = 0;
        foreach (var id in await papers.VotingAtAsync(now, ct))
        {
            var paper = await papers.FindAsync(id, ct);
            if (paper is null)
            {
                continue;
            }

            await BoardAppender.EnsureHeadAsync(db, id, ct);
            await append.AppendAsync(id, ct);
            var head = await db.Set<BoardHead>().AsNoTracking().SingleAsync(h => h.PrimaryId == id, ct);
            var last = await db.Set<PublishedCheckpoint>().AsNoTracking().Where(c => c.PrimaryId == id)
                .OrderByDescending(c => c.PublishedAt).FirstOrDefaultAsync(ct);
            if (!IsDue(last, head.Count, now))
            {
                continue;
            }

            db.Set<PublishedCheckpoint>().Add(new PublishedCheckpoint { Id = Guid.NewGuid(), PrimaryId = id, Count = head.Count, Hash = head.Hash, PublishedAt = now });
            published++;
        }

        await db.SaveChangesAsync(ct);
        return published;
    }
}
