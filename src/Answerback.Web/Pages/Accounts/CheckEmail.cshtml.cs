using Answerback.Platform.Demo;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Accounts;

public sealed class CheckEmailModel(IOptions<DemoOptions> demo) : PageModel
{
    public string Reason { get; private set; } = "confirm";

    public bool ShowOutbox => demo.Value.Enabled;

    public void OnGet(string? reason) => Reason = reason == "reset" ? "reset" : "confirm";
}
