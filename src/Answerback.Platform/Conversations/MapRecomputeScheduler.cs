using System.Collections.Concurrent;
using System.Threading.Channels;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Conversations;

/// <summary>
/// Debounces recompute requests: the first vote after a map asks for one recompute
/// <see cref="ConversationsOptions.MapDebounce"/> later; the votes until then ride along.
/// </summary>
public sealed class MapRecomputeScheduler : IMapRecomputeTrigger
{
    private readonly ConcurrentDictionary<Guid, byte> pending = new();

    private readonly Channel<Guid> queue = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    public void VotesChanged(Guid conversationId)
    {
        if (pending.TryAdd(conversationId, 0))
        {
            queue.Writer.TryWrite(conversationId);
        }
    }

    internal ChannelReader<Guid> Requests => queue.Reader;

    /// <summary>Called when the recompute starts: a vote from now on asks for the next one.</summary>
    internal void Started(Guid conversationId) => pending.TryRemove(conversationId, out _);
}

/// <summary>
/// Runs the conversations' background work inside the web host: debounced map recomputes, and at
/// start the recompute of every map that is older than its votes (a restart resumes what a crash
/// interrupted: staleness is read from the database, not kept in memory), then the reports that fall
/// due each <see cref="ConversationsOptions.ReportCheckInterval"/>.
/// </summary>
internal sealed class ConversationsWorker(
    MapRecomputeScheduler scheduler, IServiceScopeFactory scopes, IOptions<ConversationsOptions> options, TimeProvider time, ILogger<ConversationsWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await ResumeAsync(stoppingToken);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            logger.BackgroundFailed(e);
        }

        var reports = ReportLoopAsync(stoppingToken);
        var running = new List<Task>();
        await foreach (var id in scheduler.Requests.ReadAllAsync(stoppingToken))
        {
            running.RemoveAll(t => t.IsCompleted);
            running.Add(RecomputeLaterAsync(id, stoppingToken));
        }

        await Task.WhenAll(running);
        await reports;
    }

    private async Task RecomputeLaterAsync(Guid conversationId, CancellationToken ct)
    {
        try
        {
            await Task.Delay(options.Value.MapDebounce, time, ct);
            scheduler.Started(conversationId);
            await using var scope = scopes.CreateAsyncScope();
            if (!await scope.ServiceProvider.GetRequiredService<RecomputeMap>().RunAsync(conversationId, ct))
            {
                // Another node holds the lock and will include these votes; ask again in case it
                // finished its last read just before they were written.
                await Task.Delay(options.Value.MapDebounce, time, ct);
                scheduler.VotesChanged(conversationId);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.BackgroundFailed(e);
        }
    }

    private async Task ResumeAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var stale = await db.Set<Conversation>().AsNoTracking()
            .Where(c => db.Set<Vote>().Any(v => v.ConversationId == c.Id
                && !db.Set<MapSnapshot>().Any(m => m.ConversationId == c.Id && m.LastVoteAt >= v.CastAt)))
            .Select(c => c.Id).ToListAsync(ct);
        foreach (var id in stale)
        {
            scheduler.VotesChanged(id);
        }
    }

    private async Task ReportLoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<PublishDueReports>().RunAsync(ct);
                await Task.Delay(options.Value.ReportCheckInterval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.BackgroundFailed(e);
                await Task.Delay(options.Value.ReportCheckInterval, time, ct);
            }
        }
    }
}

/// <summary>In-process locks: enough for one node (SQLite is one node by nature).</summary>
internal sealed class InProcessConversationLocks : IConversationLocks
{
    private readonly ConcurrentDictionary<string, byte> held = new(StringComparer.Ordinal);

    public Task<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken ct)
        => Task.FromResult<IAsyncDisposable?>(held.TryAdd(key, 0) ? new Release(held, key) : null);

    private sealed class Release(ConcurrentDictionary<string, byte> held, string key) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            held.TryRemove(key, out _);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>Bound to <c>Conversations</c>.</summary>
public sealed class ConversationsOptions
{
    public const string Section = "Conversations";

    /// <summary>How long after the first new vote the map is recomputed (the votes meanwhile ride along).</summary>
    public TimeSpan MapDebounce { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the reports that fell due are published.</summary>
    public TimeSpan ReportCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether this host runs the background work (maps, reports); tests of pure use cases turn it off.</summary>
    public bool RunBackground { get; set; } = true;
}
