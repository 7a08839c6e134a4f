using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Organisations;

/// <summary>The new organisation, or why it could not be created.</summary>
public sealed record CreateOrganisationResult(Organisation? Organisation, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Organisation is not null;
}

/// <summary>Creates an organisation (administrators only: the caller checks).</summary>
public sealed class CreateOrganisation(AnswerbackDbContext db, TimeProvider time)
{
    /// <summary>Creates the organisation; <paramref name="slug"/> (the page address) is derived from the name when blank.</summary>
    public async Task<CreateOrganisationResult> CreateAsync(string name, string? slug, string? description, CancellationToken ct = default)
    {
        var errors = new List<FieldError>();
        name = (name ?? "").Trim();
        slug = string.IsNullOrWhiteSpace(slug) ? Slugs.From(name) : slug.Trim();
        description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (name.Length is 0 or > 200)
        {
            errors.Add(new FieldError("name", name.Length == 0 ? "Enter the organisation's name." : "The name must be at most 200 characters."));
        }

        if (!Slugs.IsValid(slug))
        {
            errors.Add(new FieldError("slug", "The address must be lower-case letters, digits and hyphens, like cambridge-commons."));
        }
        else if (await db.Organisations.AnyAsync(o => o.Slug == slug, ct))
        {
            errors.Add(new FieldError("slug", $"The address {slug} is taken."));
        }

        if (description?.Length > 4000)
        {
            errors.Add(new FieldError("description", "The description must be at most 4,000 characters."));
        }

        if (errors.Count > 0)
        {
            return new CreateOrganisationResult(null, errors);
        }

        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name, Slug = slug, Description = description, CreatedAt = time.GetUtcNow() };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return new CreateOrganisationResult(organisation, []);
    }
}

/// <summary>The outcome of a grant or revocation.</summary>
public sealed record GrantResult(bool Succeeded, string? Error, bool Changed);

/// <summary>Grants and revokes organiser and moderator roles (the caller checks that the actor is an organiser or administrator).</summary>
public sealed class GrantOrganisationRole(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<GrantResult> GrantAsync(Guid organisationId, Guid personId, OrganisationRoleKind role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role))
        {
            return new GrantResult(false, "Unknown role.", false);
        }

        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            return new GrantResult(false, "The organisation does not exist.", false);
        }

        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == personId, ct);
        if (person is null)
        {
            return new GrantResult(false, "The person does not exist.", false);
        }

        if (Accounts.RoleHolders.Refusal(person) is { } refusal)
        {
            return new GrantResult(false, refusal, false);
        }

        if (await db.OrganisationRoles.AnyAsync(r => r.OrganisationId == organisationId && r.PersonId == personId && r.Role == role, ct))
        {
            return new GrantResult(true, null, false);
        }

        db.OrganisationRoles.Add(new OrganisationRole { Id = Guid.NewGuid(), OrganisationId = organisationId, PersonId = personId, Role = role, GrantedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return new GrantResult(true, null, true);
    }

    public async Task<GrantResult> RevokeAsync(Guid organisationId, Guid personId, OrganisationRoleKind role, CancellationToken ct = default)
    {
        var removed = await db.OrganisationRoles.Where(r => r.OrganisationId == organisationId && r.PersonId == personId && r.Role == role).ExecuteDeleteAsync(ct);
        return new GrantResult(true, null, removed > 0);
    }
}

/// <summary>
/// Who may act for an organisation. Administrators pass every check; organisers may also moderate
/// their own organisation.
/// </summary>
public sealed class OrganisationAccess(AnswerbackDbContext db)
{
    public Task<bool> IsAdministratorAsync(Guid personId, CancellationToken ct = default)
        => db.UserRoles.AnyAsync(r => r.UserId == personId && r.RoleId == Roles.AdministratorRoleId, ct);

    public async Task<bool> IsOrganiserAsync(Guid personId, Guid organisationId, CancellationToken ct = default)
        => await IsAdministratorAsync(personId, ct)
           || await db.OrganisationRoles.AnyAsync(r => r.PersonId == personId && r.OrganisationId == organisationId && r.Role == OrganisationRoleKind.Organiser, ct);

    public async Task<bool> IsModeratorAsync(Guid personId, Guid organisationId, CancellationToken ct = default)
        => await IsAdministratorAsync(personId, ct)
           || await db.OrganisationRoles.AnyAsync(r => r.PersonId == personId && r.OrganisationId == organisationId
                                                       && (r.Role == OrganisationRoleKind.Moderator || r.Role == OrganisationRoleKind.Organiser), ct);

    /// <summary>True for an organiser of any organisation (or an administrator): who may create and import areas.</summary>
    public async Task<bool> IsAnyOrganiserAsync(Guid personId, CancellationToken ct = default)
        => await IsAdministratorAsync(personId, ct)
           || await db.OrganisationRoles.AnyAsync(r => r.PersonId == personId && r.Role == OrganisationRoleKind.Organiser, ct);

    /// <summary>The organisations this person organises (all of them for an administrator).</summary>
    public async Task<IReadOnlyList<Organisation>> OrganisedByAsync(Guid personId, CancellationToken ct = default)
    {
        var all = await IsAdministratorAsync(personId, ct);
        var list = await db.Organisations.AsNoTracking()
            .Where(o => all || db.OrganisationRoles.Any(r => r.PersonId == personId && r.OrganisationId == o.Id && r.Role == OrganisationRoleKind.Organiser))
            .ToListAsync(ct);
        return [.. list.OrderBy(o => o.Name, StringComparer.Ordinal)];
    }
}
