using Answerback.Platform.Notifications;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Notifications;

/// <summary>The signed-in person's notification preferences: each kind at once, weekly, or off.</summary>
public sealed class PreferencesModel(NotificationPreferences preferences, CurrentPerson current) : PageModel
{
    public const string Immediate = "immediate";
    public const string Weekly = "weekly";
    public const string Off = "off";

    /// <summary>The three choices, in the order shown.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Options =
    [
        (Immediate, "Email me at once"),
        (Weekly, "In my weekly digest"),
        (Off, "Off"),
    ];

    [BindProperty]
    public List<KindChoice> Choices { get; set; } = [];

    public bool Saved { get; private set; }

    public async Task OnGetAsync(bool saved, CancellationToken ct)
    {
        Saved = saved;
        Choices = [.. (await preferences.GetAsync(current.Id, ct)).Select(p => new KindChoice
        {
            Kind = p.Kind,
            Delivery = !p.Enabled ? Off : p.WeeklyDigest ? Weekly : Immediate,
        })];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        // Unknown kinds or values (a tampered form) are ignored rather than guessed at.
        var chosen = Choices
            .Where(c => Enum.IsDefined(c.Kind) && Options.Any(o => o.Value == c.Delivery))
            .Select(c => new KindPreference(c.Kind, Enabled: c.Delivery != Off, WeeklyDigest: c.Delivery == Weekly))
            .ToList();
        await preferences.SaveAsync(current.Id, chosen, ct);
        return RedirectToPage(new { saved = true });
    }
}

public sealed class KindChoice
{
    public NotificationKind Kind { get; set; }

    public string Delivery { get; set; } = PreferencesModel.Immediate;
}
