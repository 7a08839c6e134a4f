using System.Net;
using Answerback.Platform.Data;
using Answerback.Platform.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Webmentions;

/// <summary>
/// The Hangfire job that checks a mention: fetch the source through <see cref="WebmentionFetcher"/>,
/// see that it links to the target, read its h-entry, and record the outcome. One check of a mention
/// at a time across nodes (<see cref="IJobLocks"/>); a repeat notification queued meanwhile runs after.
/// A source that is gone (410), or that no longer links, removes a shown mention (a tombstone).
/// </summary>
public sealed class VerifyWebmention(AnswerbackDbContext db, WebmentionFetcher fetcher, WebmentionTargets targets, IJobLocks locks, IBackgroundJobClient jobs, TimeProvider time)
{
    public static string LockKey(Guid id) => "webmention:" + id.ToString("N");

    // Outcomes are recorded, not thrown: a fetch that failed is the sender's problem, not a job to retry.
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync(LockKey(id), ct);
        if (held is null)
        {
            jobs.Schedule<VerifyWebmention>(v => v.RunAsync(id, CancellationToken.None), TimeSpan.FromSeconds(10));
            return;
        }

        var mention = await db.Set<Webmention>().FirstOrDefaultAsync(w => w.Id == id, ct);
        if (mention is null)
        {
            return;
        }

        // From here on a repeat notification queues a fresh check: it may have changed after this fetch.
        mention.VerificationQueued = false;
        await db.SaveChangesAsync(ct);

        var (state, reason, details, organisation) = await CheckAsync(mention, ct);
        mention.State = state;
        mention.Reason = reason;
        mention.UpdatedAt = time.GetUtcNow();
        if (state == WebmentionState.Verified)
        {
            mention.OrganisationId = organisation;
            mention.Title = details!.Title;
            mention.AuthorName = details.AuthorName;
            mention.AuthorUrl = details.AuthorUrl;
            mention.VerifiedAt = mention.UpdatedAt;
        }
        else if (state == WebmentionState.Removed)
        {
            // The tombstone keeps the addresses and the reason, not what the source said.
            mention.Title = mention.AuthorName = mention.AuthorUrl = null;
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task<(WebmentionState State, string? Reason, SourceDetails? Details, Guid? Organisation)> CheckAsync(Webmention mention, CancellationToken ct)
    {
        var wasShown = mention.State == WebmentionState.Verified;
        var notLinking = wasShown ? WebmentionState.Removed : WebmentionState.Refused;
        var organisation = await targets.FindAsync(mention.TargetPath, ct);
        if (organisation is null)
        {
            return (notLinking, "The target is not a public page of this site that takes mentions.", null, null);
        }

        FetchedPage page;
        try
        {
            page = await fetcher.GetAsync(new Uri(mention.Source), ct);
        }
        catch (FetchRefusedException ex)
        {
            // A shown mention is not removed because its source was briefly unreachable; it is reported and kept.
            return (wasShown ? WebmentionState.Verified : WebmentionState.Refused, Clip(ex.Message), wasShown ? Kept(mention) : null, organisation);
        }

        if (page.Status == HttpStatusCode.Gone)
        {
            return (notLinking, "The source is gone (410 Gone).", null, null);
        }

        if (!page.IsSuccess)
        {
            return (notLinking, $"The source answered {(int)page.Status} instead of a page.", null, null);
        }

        var target = new Uri(mention.Target);
        if (page.IsHtml)
        {
            var document = SourcePage.Parse(page.Body);
            return SourcePage.LinksTo(document, page.Url, target)
                ? (WebmentionState.Verified, null, SourcePage.Details(document, page.Url), organisation)
                : (notLinking, wasShown ? "The source no longer links to the target." : "The source does not link to the target.", null, null);
        }

        // Not HTML (plain text, JSON...): the Recommendation's rule is that the target's address appears in it.
        return page.Body.Contains(mention.Target, StringComparison.Ordinal)
            ? (WebmentionState.Verified, null, new SourceDetails(null, null, null), organisation)
            : (notLinking, "The source does not mention the target.", null, null);
    }

    private static SourceDetails Kept(Webmention mention) => new(mention.Title, mention.AuthorName, mention.AuthorUrl);

    private static string Clip(string text) => text.Length <= 500 ? text : text[..499] + "…";
}
