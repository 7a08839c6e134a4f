using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Webmentions;

/// <summary>
/// Called by a capability when it publishes text (a party's response to a report): every external
/// link in it gets a Webmention from the page that shows the text, queued on Hangfire
/// (<see cref="SendWebmention"/>). One row per pair, so publishing again re-sends rather than doubles.
/// </summary>
public sealed class SendWebmentions(AnswerbackDbContext db, IOptions<WebmentionsOptions> options, IBackgroundJobClient jobs, TimeProvider time)
{
    /// <summary>Queues a Webmention from <paramref name="sourcePath"/> (a public page of this site) to each external page <paramref name="markdown"/> links to.</summary>
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
        var queued = new List<Guid>();
        foreach (var target in targets)
        {
            var key = Webmention.KeyOf(source, target.AbsoluteUri);
            var row = await db.Set<SentWebmention>().FirstOrDefaultAsync(s => s.PairKey == key, ct);
            if (row is null)
            {
                row = new SentWebmention { Id = Guid.NewGuid(), PairKey = key, Source = source, Target = target.AbsoluteUri, CreatedAt = now };
                db.Set<SentWebmention>().Add(row);
            }

            row.State = SentWebmentionState.Pending;
            row.Attempts = 0;
            row.LastError = null;
            row.UpdatedAt = now;
            queued.Add(row.Id);
        }

        await db.SaveChangesAsync(ct);
        foreach (var id in queued)
        {
            jobs.Enqueue<SendWebmention>(s => s.RunAsync(id, CancellationToken.None));
        }

        return queued.Count;
    }
}

/// <summary>
/// The Hangfire job that sends one Webmention: discover the target's endpoint (Link header, then
/// <c>&lt;link&gt;</c>/<c>&lt;a rel="webmention"&gt;</c>), POST source and target to it, all through
/// <see cref="WebmentionFetcher"/> (an endpoint on a private address is refused like any other URL).
/// A network failure, 429 or 5xx is retried with growing delays (1 min, 5 min, 30 min, 2 h, 12 h);
/// another 4xx or no endpoint ends it.
/// </summary>
public sealed class SendWebmention(AnswerbackDbContext db, WebmentionFetcher fetcher, IOptions<WebmentionsOptions> options, TimeProvider time)
{
    [AutomaticRetry(Attempts = 5, DelaysInSeconds = [60, 300, 1800, 7200, 43200], OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
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
