using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Webmentions;

/// <summary>What the endpoint answers a valid notification with: the mention's id (its status page).</summary>
public sealed record WebmentionAccepted(Guid Id);

/// <summary>
/// The endpoint's use case: checks the notification's shape (no fetching: that is the background
/// job's), records the pair once (a repeat notification re-verifies the same row) and queues one
/// verification on Hangfire. Nothing here touches the network, so a flood of notifications costs a
/// row and a queued job each, and page requests are not held up.
/// </summary>
public sealed class ReceiveWebmention(AnswerbackDbContext db, IOptions<WebmentionsOptions> options, IBackgroundJobClient jobs, TimeProvider time)
{
    public async Task<Result<WebmentionAccepted>> RunAsync(string? source, string? target, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        var sourceUrl = Absolute("source", source, errors);
        var targetUrl = Absolute("target", target, errors);
        if (errors.Count > 0)
        {
            return Result.Failed<WebmentionAccepted>(errors);
        }

        var site = new Uri(options.Value.Absolute("/"));
        var samePort = targetUrl!.Port == site.Port || (targetUrl.IsDefaultPort && site.IsDefaultPort);
        if (!targetUrl.Host.Equals(site.Host, StringComparison.OrdinalIgnoreCase) || !samePort)
        {
            return Result.Failed<WebmentionAccepted>("target", $"The target must be a page of this site ({site.GetLeftPart(UriPartial.Authority)}).");
        }

        if (!WebmentionTargets.IsMentionable(targetUrl.AbsolutePath))
        {
            return Result.Failed<WebmentionAccepted>("target", "The target is not a page that takes mentions: a primary, a candidate, a conversation, a report or a representative.");
        }

        if (SourcePage.Comparable(sourceUrl!) == SourcePage.Comparable(targetUrl))
        {
            return Result.Failed<WebmentionAccepted>("source", "The source and the target are the same page.");
        }

        var normalSource = sourceUrl!.AbsoluteUri;
        var normalTarget = targetUrl.AbsoluteUri;
        var key = Webmention.KeyOf(normalSource, normalTarget);
        var now = time.GetUtcNow();
        var mention = await db.Set<Webmention>().FirstOrDefaultAsync(w => w.PairKey == key, ct);
        if (mention is null)
        {
            mention = new Webmention
            {
                Id = Guid.NewGuid(), PairKey = key, Source = normalSource, Target = normalTarget,
                TargetPath = WebmentionTargets.Normalise(targetUrl.AbsolutePath), SourceHost = sourceUrl.Host.ToLowerInvariant(),
                State = WebmentionState.Pending, ReceivedAt = now,
            };
            db.Set<Webmention>().Add(mention);
        }

        mention.Notifications++;
        mention.UpdatedAt = now;
        var enqueue = !mention.VerificationQueued;
        mention.VerificationQueued = true;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The same pair arrived twice at once (another node, or a retrying sender): the first row stands, with its queued check.
            db.ChangeTracker.Clear();
            var existing = await db.Set<Webmention>().AsNoTracking().FirstAsync(w => w.PairKey == key, ct);
            return Result.Ok(new WebmentionAccepted(existing.Id));
        }

        if (enqueue)
        {
            var id = mention.Id;
            jobs.Enqueue<VerifyWebmention>(v => v.RunAsync(id, CancellationToken.None));
        }

        return Result.Ok(new WebmentionAccepted(mention.Id));
    }

    private static Uri? Absolute(string field, string? value, List<FieldError> errors)
    {
        value = value?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new FieldError(field, $"The {field} is missing: send source and target as form fields."));
            return null;
        }

        if (value.Length > Webmention.MaxUrlLength)
        {
            errors.Add(new FieldError(field, $"The {field} is longer than {Webmention.MaxUrlLength:N0} characters."));
            return null;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps) || string.IsNullOrEmpty(url.Host))
        {
            errors.Add(new FieldError(field, $"The {field} must be an absolute http or https address."));
            return null;
        }

        return new UriBuilder(url) { Fragment = "" }.Uri;
    }
}
