using System.Diagnostics;
using Answerback.Platform.Data;
using Answerback.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Primaries;

/// <summary>
/// Appends accepted ballots to their boards: the chain's serial point, taken once per batch. A cast
/// leaves its ballot pending (stored, credential used, committed); this appends the pending entries of
/// a primary in one transaction under the head row's exclusive lock, in random order. The continuous
/// job (<see cref="RunAsync"/>) does so on every primary once at least
/// <see cref="PrimariesOptions.BoardBatchMinimum"/> are waiting or the first has waited
/// <see cref="PrimariesOptions.BoardBatchMaxWait"/>; the checkpoints and the count append everything
/// waiting first (<see cref="AppendAsync"/>).
/// </summary>
public sealed class AppendToBoard(AnswerbackDbContext db, IJobLocks locks, IOptions<PrimariesOptions> options, ILogger<AppendToBoard> logger)
{
    /// <summary>The one lock across nodes: a single appender runs at a time.</summary>
    public const string LockKey = "primaries:board-appender";

    /// <summary>
    /// How long one run of the job lasts. Longer than the minute between its recurring starts (plus
    /// Hangfire's scheduling delay), so the next run is already waiting for the lock when this one lets go.
    /// </summary>
    public static readonly TimeSpan RunFor = TimeSpan.FromSeconds(90);

    /// <summary>Appends every pending entry of the primary now (one transaction per <see cref="BoardAppender.BatchLimit"/>); returns how many.</summary>
    public async Task<int> AppendAsync(Guid primaryId, CancellationToken ct = default)
    {
        var total = 0;
        while (true)
        {
            int appended;
            await using (var transaction = await db.Database.BeginTransactionAsync(ct))
            {
                var head = await BoardAppender.LockHeadAsync(db, primaryId, HeadLock.Append, ct);
                // No head: nothing was cast (a cast creates it first). Sealed: the count appended everything.
                if (head is null or { Sealed: true })
                {
                    if (head is not null)
                    {
                        db.Entry(head).State = EntityState.Detached;
                    }

                    return total;
                }

                appended = await BoardAppender.AppendPendingAsync(db, head, BoardAppender.BatchLimit, ct);
                await transaction.CommitAsync(ct);
                db.Entry(head).State = EntityState.Detached;
            }

            total += appended;
            if (appended < BoardAppender.BatchLimit)
            {
                return total;
            }
        }
    }

    /// <summary>Appends every primary's pending entries now, whatever the batch rules; returns how many.</summary>
    public async Task<int> AppendAllAsync(CancellationToken ct = default)
    {
        var total = 0;
        foreach (var id in await db.Set<PendingBoardEntry>().Select(p => p.PrimaryId).Distinct().ToListAsync(ct))
        {
            total += await AppendAsync(id, ct);
        }

        return total;
    }

    /// <summary>
    /// The continuous job (Hangfire, started each minute and once at start-up): for <see cref="RunFor"/>,
    /// while holding <see cref="LockKey"/> (waiting for it while an earlier run has it), appends the
    /// due batches every <see cref="PrimariesOptions.BoardAppendInterval"/>. The pacing is the
    /// process's own clock (a stopwatch), not the domain's <see cref="TimeProvider"/>: it decides only
    /// how soon a ballot reaches the board, never what the board says.
    /// </summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var clock = Stopwatch.StartNew();
        var waitingSince = new Dictionary<Guid, TimeSpan>();
        IAsyncDisposable? held = null;
        try
        {
            while (clock.Elapsed < RunFor && !ct.IsCancellationRequested)
            {
                try
                {
                    held ??= await locks.TryAcquireAsync(LockKey, ct);
                    if (held is not null)
                    {
                        await AppendDueAsync(waitingSince, clock.Elapsed, settings, ct);
                    }
                }
                catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
                {
                    // A failed batch rolled back whole and its entries are still pending: try again next time.
                    db.ChangeTracker.Clear();
                    logger.LogWarning(ex, "Appending to the boards failed; retrying");
                }

                await Task.Delay(settings.BoardAppendInterval, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The host is stopping; the next run (here or on another node) carries on.
        }
        finally
        {
            if (held is not null)
            {
                await held.DisposeAsync();
            }
        }
    }

    private async Task AppendDueAsync(Dictionary<Guid, TimeSpan> waitingSince, TimeSpan now, PrimariesOptions settings, CancellationToken ct)
    {
        var waiting = await db.Set<PendingBoardEntry>().GroupBy(p => p.PrimaryId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        foreach (var id in waitingSince.Keys.Where(id => !waiting.Exists(w => w.Id == id)).ToList())
        {
            waitingSince.Remove(id);
        }

        foreach (var w in waiting)
        {
            if (!waitingSince.TryGetValue(w.Id, out var since))
            {
                waitingSince[w.Id] = since = now;
            }

            if (w.Count >= settings.BoardBatchMinimum || now - since >= settings.BoardBatchMaxWait)
            {
                await AppendAsync(w.Id, ct);
                waitingSince.Remove(w.Id);
            }
        }
    }
}
