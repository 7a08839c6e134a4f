using Answerback.Platform.Conversations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>
/// The opinion map: the stored SVG of the groups, what each group stands for, the common ground, and
/// the viewer's group. Nothing is computed here (the map is precomputed and cached per version);
/// conversations.js listens for new versions and swaps in <c>?handler=Fragment</c>.
/// </summary>
[AllowAnonymous]
public sealed class MapModel(ConversationQueries queries, CurrentPerson current) : PageModel
{
    public Guid ConversationId { get; private set; }

    public string Topic { get; private set; } = "";

    public MapView? Map { get; private set; }

    public GroupView? YourGroup { get; private set; }

    public bool SignedIn => current.IsSignedIn;

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnGetFragmentAsync(Guid id, CancellationToken ct)
        => await LoadAsync(id, ct) ? Partial("_Map", this) : NotFound();

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var topic = await queries.TopicAsync(id, ct);
        if (topic is null)
        {
            return false;
        }

        (ConversationId, Topic) = (id, topic);
        Map = await queries.MapAsync(id, ct);
        YourGroup = current.IsSignedIn ? Map?.GroupOf(current.Id) : null;
        return true;
    }
}
