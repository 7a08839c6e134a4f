using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Webmentions;

/// <summary>A mention's status, as its status URL shows it to the sender (JSON and a page).</summary>
public sealed record WebmentionStatus(
    Guid Id, string Source, string Target, string State, string? Reason, string? Title, string? AuthorName,
    DateTimeOffset ReceivedAt, DateTimeOffset UpdatedAt, string? HiddenFor);

/// <summary>One verified mention under a page; <see cref="HiddenFor"/> set when a moderator hid it.</summary>
public sealed record MentionView(Guid Id, string Source, string SourceHost, string? Title, string? AuthorName, string? AuthorUrl, DateTimeOffset VerifiedAt, ModerationReason? HiddenFor);

/// <summary>The mentions a page shows, and what the viewer may do with them.</summary>
public sealed record PageMentions(IReadOnlyList<MentionView> Mentions, bool ViewerSignedIn, bool ViewerModerates);

/// <summary>The read side: a mention's status, and the verified mentions of a page.</summary>
public sealed class WebmentionQueries(AnswerbackDbContext db, ModerationStatus moderation, ModeratorRoles roles)
{
    /// <summary>The most mentions a page lists (the newest).</summary>
    public const int PageLimit = 100;

    public async Task<WebmentionStatus?> StatusAsync(Guid id, CancellationToken ct = default)
    {
        var w = await db.Set<Webmention>().AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (w is null)
        {
            return null;
        }

        var hidden = await moderation.HiddenAsync(WebmentionsModeration.Kind, [w.Id], ct);
        return new WebmentionStatus(w.Id, w.Source, w.Target, w.State.ToString().ToLowerInvariant(), w.Reason, w.Title, w.AuthorName,
            w.ReceivedAt, w.UpdatedAt, hidden.TryGetValue(w.Id, out var reason) ? reason.Describe() : null);
    }

    public async Task<PageMentions> OnPageAsync(string path, Guid? viewer, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        var normal = WebmentionTargets.Normalise(path);
        var rows = await db.Set<Webmention>().AsNoTracking()
            .Where(w => w.TargetPath == normal && w.State == WebmentionState.Verified)
            .OrderByDescending(w => w.ReceivedAt).Take(PageLimit)
            .Select(w => new { w.Id, w.Source, w.SourceHost, w.Title, w.AuthorName, w.AuthorUrl, w.VerifiedAt, w.OrganisationId })
            .ToListAsync(ct);
        if (rows.Count == 0)
        {
            return new PageMentions([], viewer is not null, false);
        }

        var hidden = await moderation.HiddenAsync(WebmentionsModeration.Kind, [.. rows.Select(r => r.Id)], ct);
        var organisation = rows.Select(r => r.OrganisationId).FirstOrDefault(o => o is not null);
        var moderates = viewer is { } person && organisation is { } org && await roles.RoleAsync(person, org, ct) is not null;
        return new PageMentions(
            [.. rows.OrderBy(r => r.VerifiedAt).Select(r => new MentionView(r.Id, r.Source, r.SourceHost, r.Title, r.AuthorName, r.AuthorUrl, r.VerifiedAt!.Value, hidden.TryGetValue(r.Id, out var reason) ? reason : null))],
            viewer is not null, moderates);
    }
}

/// <summary>Mentions as moderation sees them: the target page's organisation, no Answerback author, the source's title and address, and the mention's place on the page.</summary>
public sealed class WebmentionsModeration(AnswerbackDbContext db) : IModerationSubjects
{
    public const string Kind = "webmention";

    public async Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
    {
        if (subject.Kind != Kind)
        {
            return null;
        }

        var w = await db.Set<Webmention>().AsNoTracking()
            .FirstOrDefaultAsync(x => x.Id == subject.Id && x.State == WebmentionState.Verified && x.OrganisationId != null, ct);
        return w is null ? null : new ModerationSubjectInfo(w.OrganisationId!.Value, null, $"Mentioned on {w.Title ?? w.SourceHost}: {w.Source}", InPlace(w));
    }

    public static string InPlace(Webmention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        return mention.TargetPath + "#mention-" + mention.Id;
    }
}
