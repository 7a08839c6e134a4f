using System.Security.Claims;

namespace Answerback.Web.Infrastructure;

/// <summary>
/// The signed-in person of the current request, as the pages need it. Whether they are an administrator
/// is asked of the platform (<c>OrganisationAccess.IsAdministratorAsync</c>), the one source, not of the cookie.
/// </summary>
public sealed class CurrentPerson(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal User => accessor.HttpContext?.User ?? new ClaimsPrincipal();

    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    /// <summary>The person's id; only call on pages that require sign-in.</summary>
    public Guid Id => Guid.TryParse(User.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
        ? id
        : throw new InvalidOperationException("No signed-in person on this request.");
}
