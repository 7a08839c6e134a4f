using Answerback.Platform.Organisations;

namespace Answerback.Platform.Primaries;

/// <summary>Who may act for a primary's organisation, and in which role the log records it.</summary>
public sealed class PrimaryAccess(OrganisationAccess access)
{
    /// <summary>The error field of a refusal for lack of a role; pages answer it with 403.</summary>
    public const string Field = "access";

    public const string NotOrganiser = "Only the organisation's organisers can do this.";

    public const string NotModerator = "Only the organisation's moderators and organisers can do this.";

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
}
