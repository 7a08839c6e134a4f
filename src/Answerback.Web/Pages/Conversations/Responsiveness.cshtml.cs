using Answerback.Platform.Conversations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>An organisation's public record of responding to its conversations' reports.</summary>
[AllowAnonymous]
public sealed class ResponsivenessModel(ConversationQueries queries) : PageModel
{
    public Responsiveness View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
    {
        var view = await queries.ResponsivenessAsync(slug, ct);
        if (view is null)
        {
            return NotFound();
        }

        View = view;
        return Page();
    }
}
