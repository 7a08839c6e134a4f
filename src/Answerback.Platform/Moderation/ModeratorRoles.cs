using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Moderation;

/// <summary>
/// Who may moderate an organisation's content, and in which role the log names them: its moderators
/// and organisers (<see cref="OrganisationRoleKind"/>), and site administrators. Nobody else, and
/// nobody for another organisation.
/// </summary>
public sealed class ModeratorRoles(AnswerbackDbContext db)
{
    /// <summary>The role <paramref name="personId"/> moderates <paramref name="organisationId"/> in (moderator before organiser before administrator), or null.</summary>
    public async Task<ModerationRole?> RoleAsync(Guid personId, Guid organisationId, CancellationToken ct)
    {
        var roles = await db.OrganisationRoles.AsNoTracking()
            .Where(r => r.PersonId == personId && r.OrganisationId == organisationId)
            .Select(r => r.Role).ToListAsync(ct);
        if (roles.Contains(OrganisationRoleKind.Moderator))
        {
            return ModerationRole.Moderator;
        }

        if (roles.Contains(OrganisationRoleKind.Organiser))
        {
            return ModerationRole.Organiser;
        }

        return await IsAdministratorAsync(personId, ct) ? ModerationRole.Administrator : null;
    }

    /// <summary>The organisations <paramref name="personId"/> moderates; null means every one (an administrator).</summary>
    public async Task<IReadOnlyList<Guid>?> OrganisationsAsync(Guid personId, CancellationToken ct)
    {
        if (await IsAdministratorAsync(personId, ct))
        {
            return null;
        }

        return await db.OrganisationRoles.AsNoTracking()
            .Where(r => r.PersonId == personId && (r.Role == OrganisationRoleKind.Moderator || r.Role == OrganisationRoleKind.Organiser))
            .Select(r => r.OrganisationId).Distinct().ToListAsync(ct);
    }

    private Task<bool> IsAdministratorAsync(Guid personId, CancellationToken ct)
        => db.UserRoles.AnyAsync(r => r.UserId == personId && r.RoleId == Roles.AdministratorRoleId, ct);
}
