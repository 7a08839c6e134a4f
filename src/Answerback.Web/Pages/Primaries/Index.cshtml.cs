using Answerback.Platform.Primaries;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Primaries;

/// <summary>Every published primary.</summary>
[AllowAnonymous]
public sealed class IndexModel(PrimaryQuery primaries, TimeProvider time) : PageModel
{
    public IReadOnlyList<PrimarySummary> Primaries { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Now = time.GetUtcNow();
        Primaries = await primaries.ListPublishedAsync(ct);
    }
}
