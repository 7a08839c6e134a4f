using System.Collections.Concurrent;
using Answerback.Platform.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Conversations;

/// <summary>
/// Debounces recompute requests: the first vote after a map enqueues one Hangfire job
/// (<see cref="RecomputeMapJob"/>), which waits <see cref="ConversationsOptions.MapDebounce"/> so the
/// votes meanwhile ride along. A node remembers what it enqueued for a few debounce periods only, so
/// a job another node ran never blocks this node's next request. Enqueued (not scheduled) so that
/// LISTEN/NOTIFY wakes a worker at once rather than at the next schedule poll.
/// </summary>
public sealed class MapRecomputeScheduler(IBackgroundJobClient jobs, IOptions<ConversationsOptions> options, TimeProvider time) : IMapRecomputeTrigger
{
    private readonly ConcurrentDictionary<Guid, long> pending = new();

    public void VotesChanged(Guid conversationId)
    {
        var now = time.GetTimestamp();
        var forget = options.Value.MapDebounce * 3 + TimeSpan.FromSeconds(2);
        var enqueue = false;
        pending.AddOrUpdate(conversationId, _ =>
        {
            enqueue = true;
            return now;
        }, (_, since) =>
        {
            enqueue = time.GetElapsedTime(since, now) > forget;
            return enqueue ? now : since;
        });
        if (enqueue)
        {
            jobs.Enqueue<RecomputeMapJob>(j => j.RunAsync(conversationId, CancellationToken.None));
        }
    }

    /// <summary>Called as the job starts its recompute: a vote from now on asks for the next one.</summary>
    internal void Started(Guid conversationId) => pending.TryRemove(conversationId, out _);
}

/// <summary>The Hangfire job: wait the debounce, recompute, and when another node holds the lock, try again later.</summary>
public sealed class RecomputeMapJob(RecomputeMap recompute, MapRecomputeScheduler scheduler, IBackgroundJobClient jobs, IOptions<ConversationsOptions> options, TimeProvider time)
{
    public async Task RunAsync(Guid conversationId, CancellationToken ct)
    {
        await Task.Delay(options.Value.MapDebounce, time, ct);
        scheduler.Started(conversationId);
        if (!await recompute.RunAsync(conversationId, ct))
        {
            // The holder re-reads the votes before it lets go; this catches votes written just after its last read.
            jobs.Schedule<RecomputeMapJob>(j => j.RunAsync(conversationId, CancellationToken.None), options.Value.MapDebounce + TimeSpan.FromSeconds(1));
        }
    }
}

/// <summary>
/// At start-up: the recurring report job, and a recompute for every map behind its votes (<see cref="Conversation.VoteSequence"/>) (a
/// crash between a vote and its recompute is resumed: staleness is read from the database).
/// </summary>
internal sealed class ConversationsSchedule(IRecurringJobManager recurring, IServiceScopeFactory scopes, IOptions<ConversationsOptions> options) : IHostedService
{
    public const string ReportsJobId = "conversation-reports";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<PublishDueReports>(ReportsJobId, p => p.RunAsync(CancellationToken.None), options.Value.ReportCron);
        recurring.AddOrUpdate<ConversationAnnouncements>(ConversationAnnouncements.JobId, a => a.RunAsync(CancellationToken.None), options.Value.ReportCron);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var stale = await db.Set<Conversation>().AsNoTracking()
            .Where(c => db.Set<MapSnapshot>().Any(m => m.ConversationId == c.Id)
                ? c.VoteSequence > db.Set<MapSnapshot>().Where(m => m.ConversationId == c.Id).Max(m => m.VoteSequence)
                : db.Set<Vote>().Any(v => v.ConversationId == c.Id))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        var trigger = scope.ServiceProvider.GetRequiredService<IMapRecomputeTrigger>();
        foreach (var id in stale)
        {
            trigger.VotesChanged(id);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>Bound to <c>Conversations</c>.</summary>
public sealed class ConversationsOptions
{
    public const string Section = "Conversations";

    /// <summary>How long after the first new vote the map is recomputed (the votes meanwhile ride along).</summary>
    public TimeSpan MapDebounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>When the reports that fell due are published (cron, UTC; default every five minutes).</summary>
    public string ReportCron { get; set; } = "*/5 * * * *";
}
