using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>A tracked primary and the role its organisation's organiser acts in.</summary>
public sealed record OrganiserOfPrimary(Primary Primary, PrimaryRole Role);

/// <summary>Who may act for a primary's organisation, and in which role the log records it.</summary>
public sealed class PrimaryAccess(AnswerbackDbContext db, OrganisationAccess access)
{
    /// <summary>The error field of a refusal for lack of a role; pages answer it with 403.</summary>
    public const string Field = "access";

    public const string NotOrganiser = "Only the organisation's organisers can do this.";

    /// <summary><see cref="PrimaryRole.Organiser"/>, <see cref="PrimaryRole.Administrator"/> (an administrator who is not an organiser), or null.</summary>
    public async Task<PrimaryRole?> OrganiserRoleAsync(Guid personId, Guid organisationId, CancellationToken ct = default)
    {
        if (!await access.IsOrganiserAsync(personId, organisationId, ct))
        {
            return null;
        }

        // IsOrganiserAsync passes administrators too; the public log says which role acted.
        return await access.IsAdministratorAsync(personId, ct) ? PrimaryRole.Administrator : PrimaryRole.Organiser;
    }

    /// <summary>The primary (tracked) when the person may organise it; null when there is none or they may not (the same answer: no enumeration).</summary>
    public async Task<OrganiserOfPrimary?> OrganiserOfAsync(Guid personId, Guid primaryId, CancellationToken ct = default)
    {
        var primary = await db.Primaries.FirstOrDefaultAsync(p => p.Id == primaryId, ct);
        return primary is not null && await OrganiserRoleAsync(personId, primary.OrganisationId, ct) is { } role ? new OrganiserOfPrimary(primary, role) : null;
    }
}
