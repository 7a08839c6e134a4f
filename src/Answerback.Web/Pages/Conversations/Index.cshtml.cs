using Answerback.Platform.Conversations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>Every conversation, newest first, with overdue marks.</summary>
[AllowAnonymous]
public sealed class IndexModel(ConversationQueries queries) : PageModel
{
    public IReadOnlyList<ConversationSummary> Conversations { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Conversations = await queries.ListAsync(ct: ct);
}
