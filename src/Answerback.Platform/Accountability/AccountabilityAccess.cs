using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// Who may do what in Accountability: organisers (and administrators) of the owning organisation edit
/// the registry; they, the organisation's granted researchers and the representative themselves
/// upload posts; only the representative answers questions and writes their note.
/// </summary>
public sealed class AccountabilityAccess(AnswerbackDbContext db, OrganisationAccess organisations)
{
    public Task<bool> MayEditRegistryAsync(Guid personId, Guid organisationId, CancellationToken ct = default)
        => organisations.IsOrganiserAsync(personId, organisationId, ct);

    /// <summary>
    /// For one representative (<paramref name="representativeId"/> set) or in bulk (null): organisers and
    /// researchers of the organisation, or, for their own entry only, the representative.
    /// </summary>
    public async Task<bool> MayImportPostsAsync(Guid personId, Guid organisationId, Guid? representativeId, CancellationToken ct = default)
    {
        if (representativeId is { } id && !await db.Set<Representative>().AnyAsync(r => r.Id == id && r.OwnerOrganisationId == organisationId, ct))
        {
            return false;
        }

        if (await organisations.IsOrganiserAsync(personId, organisationId, ct)
            || await db.OrganisationRoles.AnyAsync(r => r.PersonId == personId && r.OrganisationId == organisationId && r.Role == OrganisationRoleKind.Researcher, ct))
        {
            return true;
        }

        return representativeId is { } rep && await IsRepresentativeAsync(personId, rep, ct);
    }

    /// <summary>True when the person is the representative's own linked account.</summary>
    public Task<bool> IsRepresentativeAsync(Guid personId, Guid representativeId, CancellationToken ct = default)
        => db.Set<Representative>().AnyAsync(r => r.Id == representativeId && r.PersonId == personId, ct);
}
