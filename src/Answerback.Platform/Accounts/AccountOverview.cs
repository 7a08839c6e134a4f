using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accounts;

/// <summary>Where a person lives, by area (verified or declared).</summary>
public sealed record MyResidency(string AreaName, string AreaSlug, ResidencyKind Kind, string? Postcode);

/// <summary>A role a person holds in an organisation.</summary>
public sealed record MyOrganisationRole(string OrganisationName, string OrganisationSlug, OrganisationRoleKind Role);

/// <summary>What "my account" shows besides the person: residencies, administrator or not, organisation roles.</summary>
public sealed record MyAccount(IReadOnlyList<MyResidency> Residencies, bool IsAdministrator, IReadOnlyList<MyOrganisationRole> OrganisationRoles);

/// <summary>Reads a person's own account page.</summary>
public sealed class AccountOverview(AnswerbackDbContext db, OrganisationAccess access)
{
    public async Task<MyAccount> GetAsync(Guid personId, CancellationToken ct = default)
    {
        var residencies = await (
            from r in db.Residencies
            join a in db.Areas on r.AreaId equals a.Id
            where r.PersonId == personId
            orderby a.Name, r.Kind
            select new MyResidency(a.Name, a.Slug, r.Kind, r.Postcode)).ToListAsync(ct);
        var roles = await (
            from g in db.OrganisationRoles
            join o in db.Organisations on g.OrganisationId equals o.Id
            where g.PersonId == personId
            orderby o.Name, g.Role
            select new MyOrganisationRole(o.Name, o.Slug, g.Role)).ToListAsync(ct);
        return new MyAccount(residencies, await access.IsAdministratorAsync(personId, ct), roles);
    }
}
