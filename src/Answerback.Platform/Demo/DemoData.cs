namespace Answerback.Platform.Demo;

/// <summary>
/// The demo's fixed facts: Cambridge and its 14 wards (GSS codes of the wards in force since May
/// 2021), the fictional organisation, the demo people (no usable password: the web's demo panel
/// signs them in directly) and the register entries the demo residents can use.
/// </summary>
public static class DemoData
{
    /// <summary>Cambridge (non-metropolitan district) GSS code.</summary>
    public const string CambridgeCode = "E07000008";

    public const string CambridgeName = "Cambridge";

    /// <summary>The 14 wards of Cambridge with their GSS codes.</summary>
    public static IReadOnlyList<(string Name, string Code)> Wards { get; } =
    [
        ("Abbey", "E05013050"),
        ("Arbury", "E05013051"),
        ("Castle", "E05013052"),
        ("Cherry Hinton", "E05013053"),
        ("Coleridge", "E05013054"),
        ("East Chesterton", "E05013055"),
        ("King's Hedges", "E05013056"),
        ("Market", "E05013057"),
        ("Newnham", "E05013058"),
        ("Petersfield", "E05013059"),
        ("Queen Edith's", "E05013060"),
        ("Romsey", "E05013061"),
        ("Trumpington", "E05013062"),
        ("West Chesterton", "E05013063"),
    ];

    public const string OrganisationSlug = "cambridge-commons-demo";

    public const string OrganisationName = "Cambridge Commons Party (demo)";

    public const string OrganiserEmail = "organiser@demo.answerback.invalid";

    public const string ModeratorEmail = "moderator@demo.answerback.invalid";

    public const string FirstCandidateEmail = "candidate.ana@demo.answerback.invalid";

    public const string SecondCandidateEmail = "candidate.ben@demo.answerback.invalid";

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

    /// <summary>How many synthetic electors the demo register holds (spread over the wards).</summary>
    public const int RegisterSize = 2000;

    /// <summary>The seed of the synthetic register's generator: the same register on every machine.</summary>
    public const int RegisterSeed = 20260501;

    /// <summary>Every demo person: email, display name, candidate or not.</summary>
    public static IReadOnlyList<(string Email, string DisplayName, bool IsCandidate)> People { get; } =
    [
        (OrganiserEmail, "Olivia Organiser (demo)", false),
        (ModeratorEmail, "Mo Moderator (demo)", false),
        (FirstCandidateEmail, "Ana Candidate (demo)", true),
        (SecondCandidateEmail, "Ben Candidate (demo)", true),
        (VerifiedResidentEmail, "Vera Resident (demo)", false),
        (NewResidentEmail, "Noah Newcomer (demo)", false),
    ];
}
