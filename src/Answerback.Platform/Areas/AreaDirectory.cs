using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Areas;

/// <summary>An area as listed: its name, page slug, code and (when listed from the top) its children.</summary>
public sealed record AreaSummary(Guid Id, string Slug, string Name, string? Code, IReadOnlyList<AreaSummary> Children);

/// <summary>Something that happens in an area, for its public page.</summary>
public sealed record AreaActivity(string Kind, string Title, string OrganisationSlug, string OrganisationName);

/// <summary>Everything the area page shows.</summary>
public sealed record AreaDetails(
    AreaSummary Area,
    AreaSummary? Parent,
    IReadOnlyList<AreaSummary> Children,
    IReadOnlyList<AreaActivity> WhatHappensHere,
    int VerifiedResidents);

/// <summary>Reads areas for the public pages: the top-level list and one area's page.</summary>
public sealed class AreaDirectory(AnswerbackDbContext db, Residency.RegisterAttestation attestation)
{
    /// <summary>Areas without a parent, by name, each with its children by name.</summary>
    public async Task<IReadOnlyList<AreaSummary>> ListTopLevelAsync(CancellationToken ct = default)
    {
        var all = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.Slug, a.Name, a.Code, a.ParentId }).ToListAsync(ct);
        return [.. all.Where(a => a.ParentId is null)
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AreaSummary(a.Id, a.Slug, a.Name, a.Code,
                [.. all.Where(c => c.ParentId == a.Id).OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => new AreaSummary(c.Id, c.Slug, c.Name, c.Code, []))]))];
    }

    /// <summary>The area with this slug with its parent, children and activity; null when there is none.</summary>
    public async Task<AreaDetails?> GetAsync(string slug, CancellationToken ct = default)
    {
        var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.Slug == slug, ct);
        if (area is null)
        {
            return null;
        }

        AreaSummary? parent = null;
        if (area.ParentId is { } parentId)
        {
            parent = await db.Areas.AsNoTracking().Where(a => a.Id == parentId)
                .Select(a => new AreaSummary(a.Id, a.Slug, a.Name, a.Code, new List<AreaSummary>())).FirstOrDefaultAsync(ct);
        }

        var children = (await db.Areas.AsNoTracking().Where(a => a.ParentId == area.Id)
                .Select(a => new { a.Id, a.Slug, a.Name, a.Code }).ToListAsync(ct))
            .OrderBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => new AreaSummary(a.Id, a.Slug, a.Name, a.Code, []))
            .ToList();

        // Whose register backs a verification here, and whether it counts: only an approved register
        // holder's entries are counted among the verified residents (anyone can upload an invented register).
        var coverage = await attestation.CoverageAsync(ct);
        var organisations = (await db.Organisations.AsNoTracking()
                .Where(o => db.RegisterEntries.Any(e => e.AreaId == area.Id && e.OrganisationId == o.Id))
                .Select(o => new { o.Id, o.Slug, o.Name }).ToListAsync(ct))
            .OrderBy(o => o.Name, StringComparer.Ordinal)
            .Select(o => new AreaActivity("register",
                Residency.RegisterAttestation.Covers(coverage, o.Id, area.Id)
                    ? "Residency verification against the electoral register (an approved register holder)"
                    : "A register upload not approved by the site's administrators (its verifications are not counted)",
                o.Slug, o.Name))
            .ToList();

        var verified = await CountVerifiedAsync(area.Id, coverage, ct);
        return new AreaDetails(new AreaSummary(area.Id, area.Slug, area.Name, area.Code, children), parent, children, organisations, verified);
    }

    /// <summary>People holding an approved holder's register entry in the area or an area within it.</summary>
    private async Task<int> CountVerifiedAsync(Guid areaId, IReadOnlyDictionary<Guid, HashSet<Guid>> coverage, CancellationToken ct)
    {
        var relevant = coverage.Where(c => c.Value.Contains(areaId)).ToList();
        if (relevant.Count == 0)
        {
            return 0;
        }

        var parents = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToDictionaryAsync(a => a.Id, a => a.ParentId, ct);
        bool IsWithin(Guid id)
        {
            for (Guid? current = id; current is { } c; current = parents.GetValueOrDefault(c))
            {
                if (c == areaId)
                {
                    return true;
                }
            }

            return false;
        }

        var people = new HashSet<Guid>();
        foreach (var (organisationId, covered) in relevant)
        {
            var within = covered.Where(IsWithin).ToList();
            people.UnionWith(await db.RegisterEntries.AsNoTracking()
                .Where(e => e.OrganisationId == organisationId && e.ClaimedByPersonId != null && within.Contains(e.AreaId))
                .Select(e => e.ClaimedByPersonId!.Value).Distinct().ToListAsync(ct));
        }

        return people.Count;
    }

    /// <summary>The area's id followed by its ancestors' ids, nearest first.</summary>
    public static async Task<IReadOnlyList<Guid>> WithAncestorsAsync(AnswerbackDbContext db, Guid areaId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parents = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToDictionaryAsync(a => a.Id, a => a.ParentId, ct);
        var result = new List<Guid>();
        Guid? current = areaId;
        while (current is { } id && parents.ContainsKey(id) && !result.Contains(id))
        {
            result.Add(id);
            current = parents[id];
        }

        return result;
    }
}
