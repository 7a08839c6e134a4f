using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Organisations;

/// <summary>Someone with a role in an organisation, for its roles page.</summary>
public sealed record RoleHolder(string DisplayName, string Email, OrganisationRoleKind Role);

/// <summary>An organisation's public page: the areas its register covers; its member count only for its organisers.</summary>
public sealed record OrganisationPage(Organisation Organisation, bool IsOrganiser, IReadOnlyList<string> RegisterAreas, int Members);

/// <summary>Reads organisations for the pages and commands.</summary>
public sealed class OrganisationDirectory(AnswerbackDbContext db, OrganisationAccess access)
{
    /// <summary>The organisation with this slug (not tracked), or null.</summary>
    public Task<Organisation?> FindAsync(string slug, CancellationToken ct = default)
        => db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == slug, ct);

    /// <summary>The page of the organisation with this slug as <paramref name="viewer"/> (null: signed out) sees it; null when there is none.</summary>
    public async Task<OrganisationPage?> PageAsync(string slug, Guid? viewer, CancellationToken ct = default)
    {
        var organisation = await FindAsync(slug, ct);
        if (organisation is null)
        {
            return null;
        }

        var isOrganiser = viewer is { } id && await access.IsOrganiserAsync(id, organisation.Id, ct);
        var areas = await db.Areas.AsNoTracking()
            .Where(a => db.RegisterEntries.Any(e => e.OrganisationId == organisation.Id && e.AreaId == a.Id))
            .Select(a => a.Name).ToListAsync(ct);
        var members = isOrganiser ? await db.MemberListEntries.CountAsync(m => m.OrganisationId == organisation.Id, ct) : 0;
        return new OrganisationPage(organisation, isOrganiser, [.. areas.Order(StringComparer.Ordinal)], members);
    }

    /// <summary>Everyone with a role in the organisation, by role then name.</summary>
    public async Task<IReadOnlyList<RoleHolder>> RoleHoldersAsync(Guid organisationId, CancellationToken ct = default)
    {
        var holders = await (
            from r in db.OrganisationRoles.AsNoTracking()
            join p in db.Users on r.PersonId equals p.Id
            where r.OrganisationId == organisationId
            select new RoleHolder(p.DisplayName, p.Email ?? "", r.Role)).ToListAsync(ct);
        return [.. holders.OrderBy(h => h.Role).ThenBy(h => h.DisplayName, StringComparer.Ordinal)];
    }

    /// <summary>Every organisation, by slug.</summary>
    public async Task<IReadOnlyList<Organisation>> ListAsync(CancellationToken ct = default)
        => [.. (await db.Organisations.AsNoTracking().ToListAsync(ct)).OrderBy(o => o.Slug, StringComparer.Ordinal)];
}
