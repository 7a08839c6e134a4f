using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Webmentions;

/// <summary>
/// Called by a capability when it publishes text (a party's response to a report, an answer): every
/// external link in it gets a Webmention from the page that shows the text. One row per pair
/// (<see cref="SentWebmention"/>), so publishing again re-sends rather than doubles.
/// <para>
/// The caller calls <see cref="QueueAsync"/> <em>before</em> its own <c>SaveChangesAsync</c>: the rows
/// are added to the caller's unit of work and committed with the text itself, so no crash can leave
/// published text whose Webmentions were never recorded. The Hangfire jobs
/// (<see cref="SendWebmention"/>) are enqueued once that save has succeeded (the context's
/// <c>SavedChanges</c>), never before: a job cannot run ahead of the row it sends. A save that fails
/// enqueues nothing.
/// </para>
/// </summary>
public sealed class SendWebmentions(AnswerbackDbContext db, IOptions<WebmentionsOptions> options, IBackgroundJobClient jobs, TimeProvider time)
{
    private readonly List<Guid> staged = [];
    private bool listening;

    /// <summary>
    /// Adds (or resets to pending) a row for each external page <paramref name="markdown"/> links to,
    /// from <paramref name="sourcePath"/> (a public page of this site), to the caller's unsaved
    /// changes; the sends are queued when the caller saves. Returns how many.
    /// </summary>
    public async Task<int> QueueAsync(string sourcePath, string markdown, CancellationToken ct = default)
    {
        var linked = SourcePage.ExternalLinks(MarkdownText.ToHtml(markdown), ownHost: null);
        if (linked.Count == 0)
        {
            return 0;
        }

        var source = options.Value.Absolute(sourcePath);
        var ownHost = new Uri(source).Host;
        var targets = linked.Where(t => !t.Host.Equals(ownHost, StringComparison.OrdinalIgnoreCase) && t.AbsoluteUri.Length <= Webmention.MaxUrlLength).Take(50).ToList();
        var now = time.GetUtcNow();
        foreach (var target in targets)
        {
            var key = Webmention.KeyOf(source, target.AbsoluteUri);
            var row = db.Set<SentWebmention>().Local.FirstOrDefault(s => s.PairKey == key)
                ?? await db.Set<SentWebmention>().FirstOrDefaultAsync(s => s.PairKey == key, ct);
            if (row is null)
            {
                row = new SentWebmention { Id = Guid.NewGuid(), PairKey = key, Source = source, Target = target.AbsoluteUri, CreatedAt = now };
                db.Set<SentWebmention>().Add(row);
            }

            row.State = SentWebmentionState.Pending;
            row.Attempts = 0;
            row.LastError = null;
            row.UpdatedAt = now;
            if (!staged.Contains(row.Id))
            {
                staged.Add(row.Id);
            }
        }

        if (!listening && staged.Count > 0)
        {
            listening = true;
            db.SavedChanges += (_, _) => EnqueueStaged();
            db.SaveChangesFailed += (_, _) => staged.Clear();
        }

        return targets.Count;
    }

    private void EnqueueStaged()
    {
        foreach (var id in staged)
        {
            jobs.Enqueue<SendWebmention>(s => s.RunAsync(id, CancellationToken.None));
        }

        staged.Clear();
    }
}

/// <summary>
/// The Hangfire job that sends one Webmention: discover the target's endpoint (Link header, then
/// <c>&lt;link&gt;</c>/<c>&lt;a rel="webmention"&gt;</c>), POST source and target to it, all through
/// <see cref="WebmentionFetcher"/> (an endpoint on a private address is refused like any other URL).
/// A network failure, 429 or 5xx is retried with growing delays (1 min, 5 min, 30 min, 2 h, 12 h);
/// another 4xx or no endpoint ends it. One send per row at a time across nodes (<see cref="IJobLocks"/>):
/// a second job for the same row (the sweep's) skips while the first runs, and finds it done after.
/// </summary>
public sealed class SendWebmention(AnswerbackDbContext db, WebmentionFetcher fetcher, IOptions<WebmentionsOptions> options, IJobLocks locks, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>The recurring sweep's Hangfire id.</summary>
    public const string SweepJobId = "webmentions-send-sweep";

    /// <summary>A pending row never tried this long after it was queued has lost its job (a crash after the commit): the sweep queues it again.</summary>
    public static readonly TimeSpan Unstarted = TimeSpan.FromMinutes(10);

    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 1800, 7200, 43200], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync("webmention-send:" + id.ToString("N"), ct);
        if (held is null)
        {
            return;
        }

        var row = await db.Set<SentWebmention>().FirstOrDefaultAsync(s => s.Id == id, ct);
        if (row is null || row.State != SentWebmentionState.Pending)
        {
            return;
        }

        row.Attempts++;
        row.UpdatedAt = time.GetUtcNow();
        string? retryable;
        try
        {
            retryable = await SendAsync(row, ct);
        }
        catch (FetchRefusedException ex)
        {
            retryable = ex.Message;
        }

        if (retryable is not null)
        {
            row.LastError = retryable.Length <= 500 ? retryable : retryable[..499] + "…";
            if (row.Attempts >= options.Value.SendAttempts)
            {
                row.State = SentWebmentionState.Failed;
            }
        }

        await db.SaveChangesAsync(ct);
        if (retryable is not null && row.State == SentWebmentionState.Pending)
        {
            // Hangfire retries the job with the delays above; the row says why meanwhile.
            throw new WebmentionSendException(retryable);
        }
    }

    /// <summary>
    /// The recurring sweep (every 10 minutes): queues a send for every pending row that was never tried
    /// and was queued more than <see cref="Unstarted"/> ago. The row is committed with the published text
    /// and its job enqueued just after, so only a crash between the two (or jobs kept in memory) leaves
    /// one; a row waiting for a retry has been tried and is Hangfire's. Returns how many.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - Unstarted;
        var ids = await db.Set<SentWebmention>().AsNoTracking()
            .Where(s => s.State == SentWebmentionState.Pending && s.Attempts == 0 && s.UpdatedAt < before)
            .OrderBy(s => s.UpdatedAt).Select(s => s.Id).Take(500).ToListAsync(ct);
        foreach (var id in ids)
        {
            jobs.Enqueue<SendWebmention>(s => s.RunAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }

    /// <summary>Sends; returns null when done (sent, no endpoint, refused for good), else why it should be tried again.</summary>
    private async Task<string?> SendAsync(SentWebmention row, CancellationToken ct)
    {
        var page = await fetcher.GetAsync(new Uri(row.Target), ct);
        if ((int)page.Status >= 500)
        {
            return $"The target answered {(int)page.Status}.";
        }

        if (SourcePage.Endpoint(page) is not { } endpoint)
        {
            row.State = SentWebmentionState.NoEndpoint;
            row.LastError = null;
            return null;
        }

        row.Endpoint = endpoint.AbsoluteUri;
        var answer = await fetcher.PostFormAsync(endpoint, new Dictionary<string, string> { ["source"] = row.Source, ["target"] = row.Target }, ct);
        var status = (int)answer.Status;
        if (status is >= 200 and < 300)
        {
            row.State = SentWebmentionState.Sent;
            row.StatusUrl = answer.Location is { Length: <= Webmention.MaxUrlLength } location ? location : null;
            row.LastError = null;
            return null;
        }

        if (status is 429 or >= 500)
        {
            return $"The endpoint answered {status}.";
        }

        row.State = SentWebmentionState.Failed;
        row.LastError = $"The endpoint refused it ({status}).";
        return null;
    }
}

/// <summary>A send that failed in a way worth retrying (Hangfire logs it and retries the job).</summary>
public sealed class WebmentionSendException(string message) : Exception(message);
