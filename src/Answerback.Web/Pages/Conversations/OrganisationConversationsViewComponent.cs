using Answerback.Platform.Conversations;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Mvc;

namespace Answerback.Web.Pages.Conversations;

/// <summary>The conversations part of an organisation's page: its conversations with overdue marks, and the organiser's links.</summary>
public sealed class OrganisationConversationsViewComponent(ConversationQueries queries) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Organisation organisation, bool isOrganiser)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var list = await queries.ListAsync(organisation.Id, ct: HttpContext.RequestAborted);
        return View("/Pages/Conversations/_OrganisationConversations.cshtml", (organisation, isOrganiser, list));
    }
}
