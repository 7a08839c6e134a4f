using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Areas;
using Answerback.Platform.Conversations;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Answerback.Web.Pages.Organisations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Conversations;

/// <summary>Who may take part, as the form offers it (each becomes an <see cref="EligibilityRule"/>).</summary>
public enum ParticipationChoice
{
    AnyoneSignedIn = 1,
    ResidentsOfArea = 2,
    VerifiedResidentsOfArea = 3,
    Members = 4,
}

/// <summary>An organiser opens a conversation for their organisation.</summary>
[TwoFactorRequired]
public sealed class OpenModel(OrganiserGate gate, OpenConversation open, AreaDirectory areas, CurrentPerson current, TimeProvider time) : PageModel
{
    [BindProperty]
    public OpenInput Input { get; set; } = new();

    public Organisation Organisation { get; private set; } = null!;

    public IReadOnlyList<AreaChoice> Areas { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken ct)
        => await AuthoriseAsync(slug, ct) ?? Page();

    public async Task<IActionResult> OnPostAsync(string slug, CancellationToken ct)
    {
        if (await AuthoriseAsync(slug, ct) is { } refusal)
        {
            return refusal;
        }

        if (Input.Continuous is false && Input.EndsOn is null)
        {
            ModelState.AddModelError("Input.EndsOn", "Give the end date, or choose continuous.");
        }

        if ((Input.VoteRule is not ParticipationChoice.AnyoneSignedIn and not ParticipationChoice.Members
             || Input.AddRule is not ParticipationChoice.AnyoneSignedIn and not ParticipationChoice.Members) && Input.AreaId is null)
        {
            ModelState.AddModelError("Input.AreaId", "Choose the area whose residents may take part.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var draft = new ConversationDraft(Organisation.Id, Input.AreaId, Input.Topic ?? "", Input.Question ?? "", Input.Background,
            (Input.Seeds ?? "").Split('\n').Select(s => s.Trim()).Where(s => s.Length > 0).ToList(),
            Rule(Input.VoteRule), Rule(Input.AddRule),
            Input.Continuous ? null : new DateTimeOffset(Input.EndsOn!.Value.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero),
            Input.ReportPeriodDays, Input.Moderation, Input.ResponseDays);
        var result = await open.RunAsync(draft, current.Id, ct);
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result, ("topic", "Input.Topic"), ("question", "Input.Question"), ("background", "Input.Background"), ("seeds", "Input.Seeds"),
                ("reportPeriodDays", "Input.ReportPeriodDays"), ("responseDays", "Input.ResponseDays"), ("endsAt", "Input.EndsOn"), ("area", "Input.AreaId"));
            return Page();
        }

        return Redirect($"/conversations/{result.Value.Id}");
    }

    private EligibilityRule Rule(ParticipationChoice choice) => choice switch
    {
        ParticipationChoice.ResidentsOfArea => new SelfDeclaredResidentOf(Input.AreaId!.Value),
        // The organisation's own register, as EligibilityRule's docs ask for a rule that matters.
        ParticipationChoice.VerifiedResidentsOfArea => new VerifiedResidentOf(Input.AreaId!.Value, Organisation.Id),
        ParticipationChoice.Members => new MemberOf(Organisation.Id),
        _ => new AnyoneSignedIn(),
    };

    private async Task<IActionResult?> AuthoriseAsync(string slug, CancellationToken ct)
    {
        var check = await gate.CheckAsync(slug, "open conversation", ct);
        if (check.Refused(out var refusal))
        {
            return refusal;
        }

        Organisation = check.Organisation;
        Areas = await areas.ChoicesAsync(ct: ct);
        Input.EndsOn ??= DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(90));
        return null;
    }
}

public sealed class OpenInput
{
    [Required(ErrorMessage = "Enter the topic, e.g. Homes in South Cambridge")]
    [StringLength(200, ErrorMessage = "The topic must be at most 200 characters")]
    [Display(Name = "Topic")]
    public string? Topic { get; set; }

    [Required(ErrorMessage = "Enter the question people are asked")]
    [StringLength(500, ErrorMessage = "The question must be at most 500 characters")]
    [Display(Name = "Question")]
    public string? Question { get; set; }

    [StringLength(20000, ErrorMessage = "The background must be at most 20,000 characters")]
    [Display(Name = "Background (Markdown)")]
    public string? Background { get; set; }

    [Display(Name = "Seed statements, one a line")]
    public string? Seeds { get; set; }

    [Display(Name = "Area")]
    public Guid? AreaId { get; set; }

    public ParticipationChoice VoteRule { get; set; } = ParticipationChoice.AnyoneSignedIn;

    public ParticipationChoice AddRule { get; set; } = ParticipationChoice.AnyoneSignedIn;

    public bool Continuous { get; set; } = true;

    [Display(Name = "End date")]
    public DateOnly? EndsOn { get; set; }

    [Range(1, 366, ErrorMessage = "The report period must be between 1 and 366 days")]
    [Display(Name = "Report every (days)")]
    public int ReportPeriodDays { get; set; } = 30;

    public ModerationPolicy Moderation { get; set; } = ModerationPolicy.AfterPublication;

    [Range(1, 366, ErrorMessage = "The response commitment must be between 1 and 366 days")]
    [Display(Name = "We respond to each report within (days)")]
    public int ResponseDays { get; set; } = 14;
}
