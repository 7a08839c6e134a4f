using Answerback.Platform.Moderation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Moderation;

/// <summary>The model of <c>Moderation/_Actions</c>: the subject, what to call it for screen readers, and whether the viewer may hide it.</summary>
public sealed record ModerationActions(ModerationSubject Subject, string Label, bool ViewerModerates);

/// <summary>A page about one subject, named by <c>kind</c> and <c>id</c> in the query (GET) or the form (POST).</summary>
public abstract class SubjectPageModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "kind")]
    public string Kind { get; set; } = "";

    [BindProperty(SupportsGet = true, Name = "id")]
    public Guid Id { get; set; }

    public ModerationSubjectInfo Info { get; protected set; } = null!;

    protected ModerationSubject Subject => new(Kind, Id);
}
