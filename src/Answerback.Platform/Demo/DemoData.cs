using System.Text.Json;

namespace Answerback.Platform.Demo;

/// <summary>A demo person: their email, name, whether they are a candidate, and what the demo panel says of them.</summary>
public sealed record DemoPerson(string Email, string Name, bool IsCandidate, string Description)
{
    /// <summary>The account's display name: the name marked as a demo account.</summary>
    public string DisplayName => Name + " (demo)";
}

/// <summary>An area of the demo, from <c>Demo/cambridge.json</c>.</summary>
public sealed record DemoArea(string Code, string Name, string? ParentCode, string? PostcodeDistrict);

/// <summary>
/// The demo's fixed facts: Cambridge and its 14 wards (from the embedded data file
/// <c>Demo/cambridge.json</c>: GSS codes of the wards in force since May 2021, ONS, Open Government
/// Licence v3.0), the fictional organisation, the demo people (no usable password: the web's demo
/// panel signs them in directly) and the register entries the demo residents can use.
/// </summary>
public static class DemoData
{
    private static readonly Lazy<IReadOnlyList<DemoArea>> AreaList = new(LoadAreas);

    /// <summary>Cambridge first, then its wards in the file's order.</summary>
    public static IReadOnlyList<DemoArea> Areas => AreaList.Value;

    /// <summary>Cambridge (non-metropolitan district) GSS code.</summary>
    public static string CambridgeCode => Areas[0].Code;

    public static string CambridgeName => Areas[0].Name;

    /// <summary>The 14 wards of Cambridge with their GSS codes.</summary>
    public static IReadOnlyList<(string Name, string Code)> Wards => [.. Areas.Skip(1).Select(a => (a.Name, a.Code))];

    /// <summary>The GSS code of the ward called <paramref name="name"/>.</summary>
    public static string WardCode(string name) => Areas.Skip(1).Single(a => string.Equals(a.Name, name, StringComparison.Ordinal)).Code;

    public const string OrganisationSlug = "cambridge-commons-demo";

    public const string OrganisationName = "Cambridge Commons Party (demo)";

    public const string OrganiserEmail = "organiser@demo.answerback.invalid";

    public const string ModeratorEmail = "moderator@demo.answerback.invalid";

    public const string FirstCandidateEmail = "candidate.ana@demo.answerback.invalid";

    public const string SecondCandidateEmail = "candidate.ben@demo.answerback.invalid";

    /// <summary>A third candidate, who stood in the finished Romsey primary.</summary>
    public const string ThirdCandidateEmail = "candidate.cara@demo.answerback.invalid";

    /// <summary>A resident already verified in Arbury (with <see cref="VerifiedResidentElectorNumber"/>).</summary>
    public const string VerifiedResidentEmail = "resident.verified@demo.answerback.invalid";

    /// <summary>A resident not yet verified: they can verify with <see cref="UnclaimedElectorNumber"/> and <see cref="UnclaimedPostcode"/>.</summary>
    public const string NewResidentEmail = "resident.new@demo.answerback.invalid";

    /// <summary>The register entry the verified resident claimed (Arbury).</summary>
    public const string VerifiedResidentElectorNumber = "AR1-0001";

    public const string VerifiedResidentPostcode = "CB4 2JB";

    /// <summary>An unclaimed register entry in Arbury, for trying verification in the demo.</summary>
    public const string UnclaimedElectorNumber = "AR1-0002";

    public const string UnclaimedPostcode = "CB4 2JD";

    /// <summary>An unclaimed register entry in Romsey, a second one to try.</summary>
    public const string SecondUnclaimedElectorNumber = "RO1-0001";

    public const string SecondUnclaimedPostcode = "CB1 3NE";

    /// <summary>The demo's primary in its hustings phase.</summary>
    public const string HustingsPrimaryTitle = "Arbury ward candidate (demo)";

    /// <summary>The demo's finished primary: voted, counted and its result published.</summary>
    public const string FinishedPrimaryTitle = "Romsey ward candidate (demo)";

    /// <summary>How many synthetic electors the demo register holds spread over the wards (polling district 1 of each).</summary>
    public const int WardElectors = 2000;

    /// <summary>
    /// The synthetic electors of Romsey's polling district 2 on the demo register: the finished Romsey
    /// primary sent each of them a postal code (<see cref="RomseyBallots"/> voted).
    /// </summary>
    public const int RomseyPostalElectors = 1200;

    /// <summary>How many of the Romsey postal electors voted in the finished Romsey primary.</summary>
    public const int RomseyBallots = 800;

    /// <summary>How many synthetic electors the demo register holds in all.</summary>
    public const int RegisterSize = WardElectors + RomseyPostalElectors;

    /// <summary>The seed of the synthetic register's generator: the same register on every machine.</summary>
    public const int RegisterSeed = 20260501;

    /// <summary>Every demo person, as the demo panel presents them.</summary>
    public static IReadOnlyList<DemoPerson> People { get; } =
    [
        new(OrganiserEmail, "Olivia Organiser", false, $"Organiser of {OrganisationName}: uploads registers and member lists, grants roles."),
        new(ModeratorEmail, "Mo Moderator", false, $"Moderator of {OrganisationName}."),
        new(FirstCandidateEmail, "Ana Candidate", true, "A candidate."),
        new(SecondCandidateEmail, "Ben Candidate", true, "Another candidate."),
        new(ThirdCandidateEmail, "Cara Candidate", true, "A candidate in the finished Romsey primary."),
        new(VerifiedResidentEmail, "Vera Resident", false, "A resident already verified in Arbury."),
        new(NewResidentEmail, "Noah Newcomer", false, $"A resident not yet verified: try elector number {UnclaimedElectorNumber} with postcode {UnclaimedPostcode}."),
    ];

    private sealed record AreaFile(AreaEntry City, IReadOnlyList<AreaEntry> Wards);

    private sealed record AreaEntry(string Code, string Name, string? PostcodeDistrict);

    private static List<DemoArea> LoadAreas()
    {
        using var stream = typeof(DemoData).Assembly.GetManifestResourceStream("Answerback.Platform.Demo.cambridge.json")
            ?? throw new InvalidOperationException("The demo's area file is not embedded.");
        var file = JsonSerializer.Deserialize<AreaFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("The demo's area file is empty.");
        return [new DemoArea(file.City.Code, file.City.Name, null, null), .. file.Wards.Select(w => new DemoArea(w.Code, w.Name, file.City.Code, w.PostcodeDistrict))];
    }
}
