using Answerback.Platform.Notifications;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Notifications;

/// <summary>
/// One-click unsubscribe (RFC 8058). A GET only shows a button (link checkers and mail scanners
/// fetch links; they must not unsubscribe anyone); the POST, from that button or from a mail
/// client's own "unsubscribe" (which posts <c>List-Unsubscribe=One-Click</c> to the header's
/// address, with no cookies), turns the kind off. Anonymous and without an antiforgery token by
/// design: the signed token in the address is what authorises it (docs/security.md, "Notifications").
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(Unsubscribe unsubscribe) : PageModel
{
    [FromQuery(Name = "token")]
    public string? Token { get; set; }

    public bool Valid { get; private set; }

    public bool Done { get; private set; }

    public string What { get; private set; } = "";

    public IActionResult OnGet()
    {
        Describe();
        return Valid ? Page() : NotFoundPage();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Describe();
        if (!Valid || !await unsubscribe.RunAsync(Token, ct))
        {
            Valid = false;
            return NotFoundPage();
        }

        Done = true;
        return Page();
    }

    private void Describe()
    {
        var named = unsubscribe.Read(Token);
        Valid = named is not null;
        What = named?.Kind is { } kind ? NotificationEmails.Describe(kind).ToLowerInvariant() : "all notification emails";
    }

    private PageResult NotFoundPage()
    {
        var page = Page();
        page.StatusCode = StatusCodes.Status404NotFound;
        return page;
    }
}
