using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Infrastructure;

/// <summary>
/// Marks an organiser or administrator page: <see cref="TwoFactorRequiredFilter"/> runs on it. The
/// rule sits on the page model itself, as [AllowAnonymous] does, so a capability's new page needs no
/// entry in a central list.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class TwoFactorRequiredAttribute() : TypeFilterAttribute(typeof(TwoFactorRequiredFilter));
