using System.Globalization;
using Answerback.Platform.Primaries;

namespace Answerback.Web.Pages.Primaries;

/// <summary>How the primaries pages write states, roles, electorates and instants.</summary>
public static class PrimaryText
{
    /// <summary>An instant as the pages show it: UTC, e.g. "7 May 2026, 09:00 UTC".</summary>
    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The value of a <c>datetime-local</c> input for an instant (UTC).</summary>
    public static string InputValue(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    public static string State(PrimaryState state) => state switch
    {
        PrimaryState.Draft => "Draft",
        PrimaryState.Nominations => "Nominations open",
        PrimaryState.Hustings => "Hustings",
        PrimaryState.Voting => "Voting open",
        PrimaryState.Closed => "Voting closed",
        PrimaryState.ResultPublished => "Result published",
        _ => state.ToString(),
    };

    /// <summary>The API's name of a state: lower case with hyphens.</summary>
    public static string StateName(PrimaryState state) => state switch
    {
        PrimaryState.ResultPublished => "result-published",
        _ => state.ToString().ToLowerInvariant(),
    };

    public static string Role(PrimaryRole role) => role switch
    {
        PrimaryRole.Timetable => "Timetable (server clock)",
        PrimaryRole.Count => "Count (server)",
        _ => role.ToString(),
    };

    public static string Electorate(Electorate electorate, string areaName, string organisationName) => electorate switch
    {
        Platform.Primaries.Electorate.VerifiedResidents => $"Verified residents of {areaName}",
        Platform.Primaries.Electorate.Members => $"Members of {organisationName}",
        Platform.Primaries.Electorate.MembersOrVerifiedResidents => $"Members of {organisationName} and verified residents of {areaName}",
        Platform.Primaries.Electorate.ResidentsOnOwnRegister => $"Residents of {areaName} verified against the register of {organisationName}",
        _ => electorate.ToString(),
    };

    /// <summary>The API's name of an electorate.</summary>
    public static string ElectorateName(Electorate electorate) => electorate switch
    {
        Platform.Primaries.Electorate.VerifiedResidents => "verified-residents",
        Platform.Primaries.Electorate.Members => "members",
        Platform.Primaries.Electorate.MembersOrVerifiedResidents => "members-or-verified-residents",
        Platform.Primaries.Electorate.ResidentsOnOwnRegister => "residents-on-own-register",
        _ => electorate.ToString(),
    };
}
