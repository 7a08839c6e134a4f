using System.ComponentModel.DataAnnotations;
using Answerback.Platform.Primaries;

namespace Answerback.Web.Pages.Primaries;

/// <summary>The setting-up form's fields (new primary and draft edits). Times are typed in UTC.</summary>
public sealed class PrimaryInput
{
    [Display(Name = "Title")]
    public string Title { get; set; } = "";

    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Display(Name = "Area")]
    public Guid AreaId { get; set; }

    [Display(Name = "Seats")]
    [Range(1, CreatePrimary.MaxSeats, ErrorMessage = "Seats must be a whole number from 1 to 20")]
    public int Seats { get; set; } = 1;

    [Display(Name = "Counting method")]
    public string Method { get; set; } = "av";

    [Display(Name = "Who may take part")]
    public Electorate Electorate { get; set; } = Electorate.ResidentsOnOwnRegister;

    [Required(ErrorMessage = "Enter when nominations open")]
    [Display(Name = "Nominations open")]
    public DateTime? NominationsOpen { get; set; }

    [Required(ErrorMessage = "Enter when hustings open")]
    [Display(Name = "Hustings open")]
    public DateTime? HustingsOpen { get; set; }

    [Required(ErrorMessage = "Enter when voting opens")]
    [Display(Name = "Voting opens")]
    public DateTime? VotingOpens { get; set; }

    [Required(ErrorMessage = "Enter when voting closes")]
    [Display(Name = "Voting closes")]
    public DateTime? VotingCloses { get; set; }

    /// <summary>The use case's field names and this form's keys, for <c>ModelState.AddErrors</c>.</summary>
    public static readonly (string Field, string Key)[] Keys =
    [
        ("title", "Input.Title"), ("description", "Input.Description"), ("area", "Input.AreaId"), ("seats", "Input.Seats"),
        ("method", "Input.Method"), ("electorate", "Input.Electorate"), ("nominationsOpen", "Input.NominationsOpen"),
        ("hustingsOpen", "Input.HustingsOpen"), ("votingOpens", "Input.VotingOpens"), ("votingCloses", "Input.VotingCloses"),
    ];

    public PrimaryDetails ToDetails() => new(Title, Description, AreaId, Seats, Method, Electorate,
        new PrimaryTimetable(Utc(NominationsOpen), Utc(HustingsOpen), Utc(VotingOpens), Utc(VotingCloses)));

    public static PrimaryInput From(Primary primary) => new()
    {
        Title = primary.Title,
        Description = primary.Description,
        AreaId = primary.AreaId,
        Seats = primary.Seats,
        Method = primary.Method,
        Electorate = primary.Electorate,
        NominationsOpen = primary.NominationsOpen.UtcDateTime,
        HustingsOpen = primary.HustingsOpen.UtcDateTime,
        VotingOpens = primary.VotingOpens.UtcDateTime,
        VotingCloses = primary.VotingCloses.UtcDateTime,
    };

    private static DateTimeOffset Utc(DateTime? value) => new(DateTime.SpecifyKind(value ?? default, DateTimeKind.Utc));
}
