using System.Text.Json;
using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>A representative as lists show them.</summary>
public sealed record RepresentativeSummary(Guid Id, string Name, string Office, string PartyName, string PartyKey, Guid AreaId, string AreaName, string AreaSlug, string? Election);

/// <summary>A public account of a representative.</summary>
public sealed record AccountSummary(string Network, string Handle)
{
    /// <summary>Where the account can be visited.</summary>
    public string? Url => Network switch
    {
        Networks.X => "https://x.com/" + Uri.EscapeDataString(Handle),
        Networks.Bluesky => "https://bsky.app/profile/" + Uri.EscapeDataString(Handle),
        Networks.Mastodon when Handle.Split('@') is [var user, var host] => $"https://{host}/@{user}",
        Networks.Facebook or Networks.Website when Uri.TryCreate(Handle, UriKind.Absolute, out var u) && u.Scheme is "https" or "http" => Handle,
        _ => null,
    };
}

/// <summary>
/// A representative's public page: the entry, accounts, note, the precomputed scorecard (null before
/// any import) and the response rate to residents' questions (with its interval and sample).
/// </summary>
public sealed record RepresentativeDetails(RepresentativeSummary Representative, Guid OwnerOrganisationId, Guid? PersonId, DateOnly? TermStart, DateOnly? TermEnd,
    IReadOnlyList<AccountSummary> Accounts, string? PublicNote, string? ExcludedNetwork, Scorecard? Scorecard, ResponseRate ResponseRate);

/// <summary>One area's presence on the map: the area, its figures (zero when nobody is listed there).</summary>
public sealed record WardPresence(AreaSummary Area, AreaPresenceView Presence);

/// <summary>An area's presence map: the wards within it (or the area itself when it has none).</summary>
public sealed record AreaPresence(AreaSummary Area, IReadOnlyList<WardPresence> Wards, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, DateTimeOffset? ComputedAt);

/// <summary>A campaign on an area's page, with the party whose accounts posted it.</summary>
public sealed record AreaCampaign(string PartyKey, string PartyName, CampaignView Campaign);

/// <summary>The copy-paste campaigns with a post by someone listed in an area (or an area within it).</summary>
public sealed record AreaCampaigns(AreaSummary Area, IReadOnlyList<AreaCampaign> Campaigns, DateTimeOffset? ComputedAt);

/// <summary>An import as its progress page shows it.</summary>
public sealed record PostImportStatus(Guid Id, Guid OrganisationId, Guid? RepresentativeId, Guid RequestedBy, string FileName, PostImportState State, long PostsRead, long PostsAdded, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt);

/// <summary>Reads the registry and the precomputed views for the pages and the API: one query or one snapshot row each, never a computation.</summary>
public sealed class AccountabilityDirectory(AnswerbackDbContext db, RepresentativeQuestions questions)
{
    private async Task<List<RepresentativeSummary>> SummariesAsync(System.Linq.Expressions.Expression<Func<Representative, bool>> filter, CancellationToken ct)
        => [.. (await db.Set<Representative>().AsNoTracking().Where(filter)
                .Select(r => new RepresentativeSummary(r.Id, r.Name, r.Office, r.PartyName, "", r.AreaId, r.Area!.Name, r.Area.Slug, r.Election)).ToListAsync(ct))
            .Select(WithKey)];

    private static RepresentativeSummary WithKey(RepresentativeSummary r) => r with { PartyKey = RecomputeAudit.PartySlug(r.PartyName) };

    /// <summary>Everyone listed, or those of one area (by slug) and the areas within it; by area, then name.</summary>
    public async Task<IReadOnlyList<RepresentativeSummary>> ListAsync(string? areaSlug = null, CancellationToken ct = default)
    {
        List<RepresentativeSummary> list;
        if (string.IsNullOrWhiteSpace(areaSlug))
        {
            list = await SummariesAsync(r => true, ct);
        }
        else
        {
            var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == areaSlug, ct);
            if (area is null)
            {
                return [];
            }

            var ids = await db.Areas.AsNoTracking().Where(a => a.Id == area.Id || a.ParentId == area.Id).Select(a => a.Id).ToListAsync(ct);
            list = await SummariesAsync(r => ids.Contains(r.AreaId), ct);
        }

        return [.. list.OrderBy(r => r.AreaName, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];
    }

    /// <summary>Those listed in one area (not the areas within it), by office then name: the area page's list.</summary>
    public async Task<IReadOnlyList<RepresentativeSummary>> InAreaAsync(Guid areaId, CancellationToken ct = default)
        => [.. (await SummariesAsync(r => r.AreaId == areaId, ct)).OrderBy(r => r.Office == "Candidate").ThenBy(r => r.Name, StringComparer.Ordinal)];

    /// <summary>The organisation's entries (for its organisers' pages).</summary>
    public async Task<IReadOnlyList<RepresentativeSummary>> OfOrganisationAsync(Guid organisationId, CancellationToken ct = default)
        => [.. (await SummariesAsync(r => r.OwnerOrganisationId == organisationId, ct)).OrderBy(r => r.AreaName, StringComparer.Ordinal).ThenBy(r => r.Name, StringComparer.Ordinal)];

    public async Task<RepresentativeDetails?> GetAsync(Guid id, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().AsNoTracking().Include(r => r.Area).Include(r => r.Accounts).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (rep is null)
        {
            return null;
        }

        var card = await SnapshotAsync<Scorecard>(RecomputeAudit.ScorecardKey(id), ct);
        return new RepresentativeDetails(
            new RepresentativeSummary(rep.Id, rep.Name, rep.Office, rep.PartyName, RecomputeAudit.PartySlug(rep.PartyName), rep.AreaId, rep.Area!.Name, rep.Area.Slug, rep.Election),
            rep.OwnerOrganisationId, rep.PersonId, rep.TermStart, rep.TermEnd,
            [.. rep.Accounts.OrderBy(a => Networks.All.ToList().IndexOf(a.Network)).Select(a => new AccountSummary(a.Network, a.Handle))],
            rep.PublicNote, rep.ExcludedNetwork, card, await questions.RateAsync(id, ct));
    }

    /// <summary>A party's campaigns by its slug; null when the party has no representatives or nothing was computed yet.</summary>
    public Task<PartyCampaigns?> PartyCampaignsAsync(string partySlug, CancellationToken ct = default)
        => SnapshotAsync<PartyCampaigns>("party:" + partySlug, ct);

    /// <summary>Every party's campaigns (the league of parties), by name.</summary>
    public async Task<IReadOnlyList<PartyCampaigns>> AllPartyCampaignsAsync(CancellationToken ct = default)
    {
        var rows = await db.Set<AuditSnapshot>().AsNoTracking().Where(s => s.Key.StartsWith("party:")).Select(s => s.Content).ToListAsync(ct);
        return [.. rows.Select(j => JsonSerializer.Deserialize<PartyCampaigns>(j, RecomputeAudit.Json)!).OrderBy(p => p.PartyName, StringComparer.Ordinal)];
    }

    /// <summary>Campaigns with a post by someone listed in the area or an area within it, with their party.</summary>
    public async Task<IReadOnlyList<(PartyCampaigns Party, CampaignView Campaign)>> CampaignsInAreaAsync(Guid areaId, CancellationToken ct = default)
    {
        var ids = await db.Areas.AsNoTracking().Where(a => a.Id == areaId || a.ParentId == areaId).Select(a => a.Id).ToListAsync(ct);
        return [.. (await AllPartyCampaignsAsync(ct)).SelectMany(p => p.Campaigns.Where(c => c.AreaIds.Any(ids.Contains)).Select(c => (p, c)))];
    }

    /// <summary>An area's campaigns by its slug (those with a post by someone listed there or in an area within it), earliest first; null for an unknown area.</summary>
    public async Task<AreaCampaigns?> AreaCampaignsAsync(string areaSlug, CancellationToken ct = default)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == areaSlug, ct);
        if (area is null)
        {
            return null;
        }

        var campaigns = await CampaignsInAreaAsync(area.Id, ct);
        return new AreaCampaigns(new AreaSummary(area.Id, area.Slug, area.Name, area.Code, []),
            [.. campaigns.OrderBy(c => c.Campaign.Posts.Count == 0 ? DateTimeOffset.MaxValue : c.Campaign.Posts[0].Time).Select(c => new AreaCampaign(c.Party.PartyKey, c.Party.PartyName, c.Campaign))],
            campaigns.Count == 0 ? null : campaigns.Max(c => c.Party.ComputedAt));
    }

    /// <summary>The presence of the wards within the area (or of the area itself when it has none); null for an unknown area.</summary>
    public async Task<AreaPresence?> PresenceAsync(string areaSlug, CancellationToken ct = default)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == areaSlug, ct);
        if (area is null)
        {
            return null;
        }

        var children = await db.Areas.AsNoTracking().Where(a => a.ParentId == area.Id).OrderBy(a => a.Name).ToListAsync(ct);
        var wards = children.Count > 0 ? children : [area];
        var snapshot = await SnapshotAsync<PresenceSnapshot>(RecomputeAudit.PresenceKey, ct);
        var listed = await db.Set<Representative>().AsNoTracking().GroupBy(r => r.AreaId)
            .Select(g => new { g.Key, People = g.Count(), Accounts = g.Sum(r => r.Accounts.Count(a => a.Network == Networks.X || a.Network == Networks.Mastodon || a.Network == Networks.Bluesky)) })
            .ToDictionaryAsync(g => g.Key, ct);
        var figures = snapshot?.Areas.ToDictionary(a => a.AreaId) ?? [];
        return new AreaPresence(
            new AreaSummary(area.Id, area.Slug, area.Name, area.Code, []),
            [.. wards.OrderBy(w => w.Name, StringComparer.Ordinal).Select(w => new WardPresence(
                new AreaSummary(w.Id, w.Slug, w.Name, w.Code, []),
                figures.GetValueOrDefault(w.Id) ?? new AreaPresenceView(w.Id, listed.GetValueOrDefault(w.Id)?.People ?? 0, listed.GetValueOrDefault(w.Id)?.Accounts ?? 0, 0, 0, 0, 0)))],
            snapshot?.PeriodStart, snapshot?.PeriodEnd, snapshot?.ComputedAt);
    }

    /// <summary>A party's coordination network as written by the engine (<c>csv</c> or <c>graphml</c>); null when none was computed.</summary>
    public Task<string?> NetworkAsync(string partySlug, string format, CancellationToken ct = default)
        => db.Set<AuditSnapshot>().AsNoTracking().Where(s => s.Key == RecomputeAudit.NetworkKey(partySlug, format)).Select(s => s.Content).FirstOrDefaultAsync(ct);

    public Task<PostImportStatus?> ImportAsync(Guid importId, CancellationToken ct = default)
        => db.Set<PostImport>().AsNoTracking().Where(i => i.Id == importId)
            .Select(i => new PostImportStatus(i.Id, i.OrganisationId, i.RepresentativeId, i.RequestedByPersonId, i.FileName, i.State, i.PostsRead, i.PostsAdded, i.Error, i.CreatedAt, i.FinishedAt))
            .FirstOrDefaultAsync(ct);

    private async Task<T?> SnapshotAsync<T>(string key, CancellationToken ct)
        where T : class
    {
        var json = await db.Set<AuditSnapshot>().AsNoTracking().Where(s => s.Key == key).Select(s => s.Content).FirstOrDefaultAsync(ct);
        return json is null ? null : JsonSerializer.Deserialize<T>(json, RecomputeAudit.Json);
    }
}
