using Answerback.Platform.Email;
using Answerback.Platform;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Operator;

/// <summary>
/// The email outbox, for a site without SMTP: administrators only, except in demo mode, where it is
/// open to everyone so that visitors can confirm the accounts they create.
/// </summary>
public sealed class OutboxModel(Outbox outbox, IOptions<DemoOptions> demo, CurrentPerson current) : PageModel
{
    public IReadOnlyList<OutboxMessage> Messages { get; private set; } = [];

    public OutboxMessage? Message { get; private set; }

    public bool OpenBecauseDemo => demo.Value.Enabled;

    public async Task<IActionResult> OnGetAsync(string? id, CancellationToken ct)
    {
        if (!demo.Value.Enabled)
        {
            if (!current.IsSignedIn)
            {
                return Challenge();
            }

            if (!current.IsAdministrator)
            {
                return Forbid();
            }
        }

        if (id is not null)
        {
            Message = await outbox.ReadAsync(id, ct);
            return Message is null ? NotFound() : Page();
        }

        Messages = await outbox.ListAsync(ct);
        return Page();
    }
}
