using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>An approved candidate as the ballot and the board list them: <see cref="Number"/> is the 1-based published order.</summary>
public sealed record PublishedCandidate(Guid Id, int Number, Guid PersonId, string Name);

/// <summary>One line of the public lifecycle log.</summary>
public sealed record PrimaryLogLine(DateTimeOffset At, string Change, PrimaryRole Role);

/// <summary>
/// A primary as pages, the API and the ballot engine read it: the entity (not tracked), names of its
/// organisation and area, and its approved candidates in published order.
/// </summary>
public sealed record PrimarySummary(Primary Primary, string OrganisationName, string OrganisationSlug, string AreaName, IReadOnlyList<PublishedCandidate> Candidates)
{
    public Guid Id => Primary.Id;

    /// <summary>False for a draft, which only its organisers may see.</summary>
    public bool IsPublished => Primary.PublishedAt is not null;

    /// <summary>The state at an instant (the server's clock: <c>TimeProvider.GetUtcNow()</c>).</summary>
    public PrimaryState StateAt(DateTimeOffset instant) => Primary.StateAt(instant);

    /// <summary>Who may vote, ask and support questions.</summary>
    public EligibilityRule ElectorateRule => Primary.ElectorateRule();
}

/// <summary>Reads primaries for the pages, the API and the ballot engine. Nothing here changes data.</summary>
public sealed class PrimaryQuery(AnswerbackDbContext db)
{
    /// <summary>The primary (published or draft: callers show a draft to its organisers only), or null.</summary>
    public async Task<PrimarySummary?> GetAsync(Guid primaryId, CancellationToken ct = default)
    {
        var row = await (
            from p in db.Primaries.AsNoTracking()
            join o in db.Organisations on p.OrganisationId equals o.Id
            join a in db.Areas on p.AreaId equals a.Id
            where p.Id == primaryId
            select new { Primary = p, OrganisationName = o.Name, OrganisationSlug = o.Slug, AreaName = a.Name }).FirstOrDefaultAsync(ct);
        return row is null ? null : new PrimarySummary(row.Primary, row.OrganisationName, row.OrganisationSlug, row.AreaName, await CandidatesAsync(primaryId, ct));
    }

    /// <summary>The state at <paramref name="instant"/>, or null when there is no such primary.</summary>
    public async Task<PrimaryState?> StateAsync(Guid primaryId, DateTimeOffset instant, CancellationToken ct = default)
    {
        var primary = await db.Primaries.AsNoTracking().FirstOrDefaultAsync(p => p.Id == primaryId, ct);
        return primary?.StateAt(instant);
    }

    /// <summary>The approved candidates in published order (numbers 1, 2, 3...).</summary>
    public async Task<IReadOnlyList<PublishedCandidate>> CandidatesAsync(Guid primaryId, CancellationToken ct = default)
    {
        var rows = await (
            from c in db.Candidates.AsNoTracking()
            join p in db.Users on c.PersonId equals p.Id
            where c.PrimaryId == primaryId && c.Status == CandidateStatus.Approved && c.OrderNumber != null
            select new { c.Id, c.OrderNumber, c.PersonId, p.DisplayName }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.OrderNumber).Select(r => new PublishedCandidate(r.Id, r.OrderNumber!.Value, r.PersonId, r.DisplayName))];
    }

    /// <summary>The published primaries, those voting or about to first, then by voting close.</summary>
    public async Task<IReadOnlyList<PrimarySummary>> ListPublishedAsync(CancellationToken ct = default)
    {
        var rows = await (
            from p in db.Primaries.AsNoTracking()
            join o in db.Organisations on p.OrganisationId equals o.Id
            join a in db.Areas on p.AreaId equals a.Id
            where p.PublishedAt != null
            select new { Primary = p, OrganisationName = o.Name, OrganisationSlug = o.Slug, AreaName = a.Name }).ToListAsync(ct);
        var result = new List<PrimarySummary>(rows.Count);
        foreach (var row in rows.OrderByDescending(r => r.Primary.VotingCloses).ThenBy(r => r.Primary.Title, StringComparer.Ordinal))
        {
            result.Add(new PrimarySummary(row.Primary, row.OrganisationName, row.OrganisationSlug, row.AreaName, await CandidatesAsync(row.Primary.Id, ct)));
        }

        return result;
    }

    /// <summary>The organisation's primaries, drafts included (for its organisers).</summary>
    public async Task<IReadOnlyList<Primary>> ForOrganisationAsync(Guid organisationId, CancellationToken ct = default)
        => [.. (await db.Primaries.AsNoTracking().Where(p => p.OrganisationId == organisationId).ToListAsync(ct)).OrderByDescending(p => p.CreatedAt)];

    /// <summary>
    /// The public lifecycle log up to <paramref name="now"/>, oldest first: the stored changes, and
    /// the phases the published timetable has opened (role <see cref="PrimaryRole.Timetable"/>).
    /// </summary>
    public async Task<IReadOnlyList<PrimaryLogLine>> LogAsync(Guid primaryId, DateTimeOffset now, CancellationToken ct = default)
    {
        var primary = await db.Primaries.AsNoTracking().FirstOrDefaultAsync(p => p.Id == primaryId, ct);
        if (primary is null)
        {
            return [];
        }

        var stored = await db.PrimaryLog.AsNoTracking().Where(e => e.PrimaryId == primaryId).OrderBy(e => e.Id).ToListAsync(ct);
        var lines = stored.Select((e, i) => (Line: new PrimaryLogLine(e.At, e.Change, e.Role), Order: i)).ToList();
        if (primary.PublishedAt is not null)
        {
            foreach (var (at, change) in new[]
            {
                (primary.NominationsOpen, "Nominations opened"),
                (primary.HustingsOpen, "Hustings opened"),
                (primary.VotingOpens, "Voting opened"),
                (primary.VotingCloses, "Voting closed"),
            })
            {
                if (at <= now)
                {
                    lines.Add((new PrimaryLogLine(at, change, PrimaryRole.Timetable), int.MaxValue));
                }
            }
        }

        return [.. lines.OrderBy(l => l.Line.At).ThenBy(l => l.Order).Select(l => l.Line)];
    }
}
