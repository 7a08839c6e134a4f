using System.Diagnostics.CodeAnalysis;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Organisations;

/// <summary>What an organiser page learns before it acts: the organisation and whether the person may act for it.</summary>
public sealed record OrganiserCheck(Organisation? Organisation, bool Allowed)
{
    /// <summary>Whether the page must not go on, with the response: 404 for an unknown organisation, 403 for a person who may not act for it.</summary>
    [MemberNotNullWhen(false, nameof(Organisation))]
    public bool Refused([NotNullWhen(true)] out IActionResult? refusal)
    {
        refusal = Organisation is null ? new NotFoundResult() : Allowed ? null : new ForbidResult();
        return refusal is not null;
    }
}

/// <summary>
/// The one authorisation check of the organiser pages: the organisation must exist (404 otherwise)
/// and the signed-in person must organise it or be an administrator (403 otherwise).
/// </summary>
public sealed class OrganiserGate(OrganisationDirectory organisations, OrganisationAccess access, CurrentPerson current, ILogger<OrganiserGate> logger)
{
    public async Task<OrganiserCheck> CheckAsync(string slug, string action, CancellationToken ct)
    {
        var organisation = await organisations.FindAsync(slug, ct);
        if (organisation is null)
        {
            return new OrganiserCheck(null, false);
        }

        var allowed = await access.IsOrganiserAsync(current.Id, organisation.Id, ct);
        if (!allowed)
        {
            logger.Refused(current.Id, action, organisation.Id);
        }

        return new OrganiserCheck(organisation, allowed);
    }
}
