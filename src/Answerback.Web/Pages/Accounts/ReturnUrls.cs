using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Accounts;

/// <summary>Where to go after signing in: the return URL only when it is on this site (no open redirect), else the account page.</summary>
public static class ReturnUrls
{
    public const string AccountPage = "/accounts/me";

    public static string SafeReturnUrl(this IUrlHelper url, string? returnUrl)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.IsLocalUrl(returnUrl) ? returnUrl : AccountPage;
    }
}
