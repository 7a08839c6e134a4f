using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Areas;

/// <summary>An area as listed: its name, page slug, code and (when listed from the top or shown) its children.</summary>
public sealed record AreaSummary(Guid Id, string Slug, string Name, string? Code, IReadOnlyList<AreaSummary> Children);

/// <summary>Something that happens in an area, for its public page: what, and which organisation runs it.</summary>
public sealed record AreaActivity(string Title, string OrganisationSlug, string OrganisationName);

/// <summary>
/// What a capability contributes to an area's "what happens here" (registers, primaries,
/// conversations...). Each capability implements it and registers it in its <c>Add...()</c>; the
/// area page lists what all of them return.
/// </summary>
public interface IAreaActivities
{
    /// <summary>The activities of this capability in the area (any order).</summary>
    Task<IReadOnlyList<AreaActivity>> InAreaAsync(Guid areaId, CancellationToken ct);
}

/// <summary>The public count of verified residents of an area (the Residency capability decides which verifications count).</summary>
public interface IVerifiedResidents
{
    Task<int> CountAsync(Guid areaId, CancellationToken ct);
}

/// <summary>Everything the area page shows (the areas within it are <c>Area.Children</c>).</summary>
public sealed record AreaDetails(
    AreaSummary Area,
    AreaSummary? Parent,
    IReadOnlyList<AreaActivity> WhatHappensHere,
    int VerifiedResidents);

/// <summary>An area in a form's list of choices: its id, its code (if any) and the label to show.</summary>
public sealed record AreaChoice(Guid Id, string? Code, string Label);

/// <summary>Reads areas for the pages: the top-level list, one area's page and the choice lists of forms.</summary>
public sealed class AreaDirectory(AnswerbackDbContext db, IEnumerable<IAreaActivities> activities, IVerifiedResidents residents)
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

    /// <summary>The area with this official code (normalised first), or null.</summary>
    public async Task<AreaSummary?> FindByCodeAsync(string code, CancellationToken ct = default)
    {
        var normalised = AreaCodes.Normalise(code);
        return normalised is null ? null : await db.Areas.AsNoTracking().Where(a => a.Code == normalised)
            .Select(a => new AreaSummary(a.Id, a.Slug, a.Name, a.Code, new List<AreaSummary>())).FirstOrDefaultAsync(ct);
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

        var happening = new List<AreaActivity>();
        foreach (var source in activities)
        {
            happening.AddRange(await source.InAreaAsync(area.Id, ct));
        }

        var verified = await residents.CountAsync(area.Id, ct);
        return new AreaDetails(
            new AreaSummary(area.Id, area.Slug, area.Name, area.Code, children),
            parent,
            [.. happening.OrderBy(a => a.OrganisationName, StringComparer.Ordinal).ThenBy(a => a.Title, StringComparer.Ordinal)],
            verified);
    }

    /// <summary>
    /// The one list of areas a form offers, by label: "Arbury, Cambridge" (with the parent, so that two
    /// wards of the same name in different cities differ). With <paramref name="codedOnly"/>, only
    /// areas with an official code.
    /// </summary>
    public async Task<IReadOnlyList<AreaChoice>> ChoicesAsync(bool codedOnly = false, CancellationToken ct = default)
    {
        var areas = await db.Areas.AsNoTracking().Where(a => !codedOnly || a.Code != null).Select(a => new { a.Id, a.Name, a.Code, a.ParentId }).ToListAsync(ct);
        var names = await db.Areas.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        return [.. areas
            .Select(a => new AreaChoice(a.Id, a.Code, a.ParentId is { } p && names.TryGetValue(p, out var parent) ? $"{a.Name}, {parent}" : a.Name))
            .OrderBy(a => a.Label, StringComparer.Ordinal)];
    }

    /// <summary>These areas (name and page address), in the order of <paramref name="ids"/>; unknown ids are left out.</summary>
    public async Task<IReadOnlyList<AreaSummary>> SummariesAsync(IReadOnlyList<Guid> ids, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = ids.ToList();
        var areas = await db.Areas.AsNoTracking().Where(a => list.Contains(a.Id)).Select(a => new { a.Id, a.Slug, a.Name, a.Code }).ToListAsync(ct);
        return [.. areas.OrderBy(a => list.IndexOf(a.Id)).Select(a => new AreaSummary(a.Id, a.Slug, a.Name, a.Code, []))];
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

    /// <summary>The area's id and the ids of every area within it (its wards, their parts...).</summary>
    public static async Task<HashSet<Guid>> WithDescendantsAsync(AnswerbackDbContext db, Guid areaId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var parents = await db.Areas.AsNoTracking().Select(a => new { a.Id, a.ParentId }).ToListAsync(ct);
        var within = new HashSet<Guid> { areaId };
        for (var grew = true; grew;)
        {
            grew = false;
            foreach (var a in parents)
            {
                if (a.ParentId is { } p && within.Contains(p) && within.Add(a.Id))
                {
                    grew = true;
                }
            }
        }

        return within;
    }
}
