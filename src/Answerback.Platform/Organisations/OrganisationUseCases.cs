using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Organisations;

/// <summary>Creates an organisation (administrators only: the caller checks).</summary>
public sealed class CreateOrganisation(AnswerbackDbContext db, TimeProvider time)
{
    /// <summary>Creates the organisation; <paramref name="slug"/> (the page address) is derived from the name when blank.</summary>
    public async Task<Result<Organisation>> CreateAsync(string name, string? slug, string? description, CancellationToken ct = default)
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
            return Result.Failed<Organisation>(errors);
        }

        var organisation = new Organisation { Id = Guid.NewGuid(), Name = name, Slug = slug, Description = description, CreatedAt = time.GetUtcNow() };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync(ct);
        return Result.Ok(organisation);
    }
}

/// <summary>What a grant or revocation did: <see cref="Changed"/> is false when the person already had (or did not have) the role.</summary>
public sealed record RoleChange(bool Changed)
{
    public static readonly RoleChange Made = new(true);

    public static readonly RoleChange None = new(false);
}

/// <summary>Grants and revokes organiser and moderator roles (the caller checks that the actor is an organiser or administrator).</summary>
public sealed class GrantOrganisationRole(AnswerbackDbContext db, TimeProvider time)
{
    public async Task<Result<RoleChange>> GrantAsync(Guid organisationId, Guid personId, OrganisationRoleKind role, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(role))
        {
            return Result.Failed<RoleChange>("role", "Unknown role.");
        }

        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
        {
            return Result.Failed<RoleChange>("organisation", "The organisation does not exist.");
        }

        var person = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == personId, ct);
        if (person is null)
        {
            return Result.Failed<RoleChange>("person", "The person does not exist.");
        }

        if (Accounts.RoleHolders.Refusal(person) is { } refusal)
        {
            return Result.Failed<RoleChange>("person", refusal);
        }

        if (await db.OrganisationRoles.AnyAsync(r => r.OrganisationId == organisationId && r.PersonId == personId && r.Role == role, ct))
        {
            return Result.Ok(RoleChange.None);
        }

        db.OrganisationRoles.Add(new OrganisationRole { Id = Guid.NewGuid(), OrganisationId = organisationId, PersonId = personId, Role = role, GrantedAt = time.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Result.Ok(RoleChange.Made);
    }

    public async Task<Result<RoleChange>> RevokeAsync(Guid organisationId, Guid personId, OrganisationRoleKind role, CancellationToken ct = default)
    {
        var removed = await db.OrganisationRoles.Where(r => r.OrganisationId == organisationId && r.PersonId == personId && r.Role == role).ExecuteDeleteAsync(ct);
        return Result.Ok(removed > 0 ? RoleChange.Made : RoleChange.None);
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
}
