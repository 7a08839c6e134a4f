namespace Answerback.Platform.Demo;

/// <summary>What the seeding did (all zero on a second run).</summary>
public sealed record SeedDemoReport(int AreasCreated, bool OrganisationCreated, int PeopleCreated, int RegisterEntriesCreated);

/// <summary>What the capabilities' seeds have done so far in one run, for the report.</summary>
public sealed class DemoSeeding
{
    public int AreasCreated { get; set; }

    public bool OrganisationCreated { get; set; }

    public int PeopleCreated { get; set; }

    public int RegisterEntriesCreated { get; set; }
}

/// <summary>
/// One capability's part of the demo, seeded through that capability's use cases. Each must be
/// idempotent (create only what is missing), because the demo seeds at every start.
/// </summary>
public interface IDemoSeed
{
    /// <summary>When this seed runs (see <see cref="DemoSeedOrder"/>): a seed may use what earlier ones made.</summary>
    int Order { get; }

    Task SeedAsync(DemoSeeding seeding, CancellationToken ct);
}

/// <summary>The declared order of the capabilities' demo seeds.</summary>
public static class DemoSeedOrder
{
    /// <summary>Cambridge and its wards.</summary>
    public const int Areas = 100;

    /// <summary>The demo people (need nothing).</summary>
    public const int Accounts = 200;

    /// <summary>The demo party, its roles and member list (need the people).</summary>
    public const int Organisations = 300;

    /// <summary>The synthetic register and the verified resident (need the areas, the party and the people).</summary>
    public const int Residency = 400;

    /// <summary>The demo conversations (need the areas, the party and its organiser).</summary>
    public const int Conversations = 700;
    /// <summary>Representatives of the demo party and a rival in every ward, their synthetic posts (need the areas, the party and the people).</summary>
    public const int Accountability = 500;
    /// <summary>Residents' questions to the representatives, answers and follow-ups (need the representatives and the people).</summary>
    public const int AccountabilityQuestions = 550;
    /// <summary>The primaries (need the party, its people, members and the verified resident).</summary>
    public const int Primaries = 600;
}

/// <summary>
/// Seeds the demo (<see cref="DemoData"/>) by running every capability's <see cref="IDemoSeed"/> in
/// their declared order. Idempotent, so it runs at every start of a demo site. Each use case commits
/// its own transaction; a seed interrupted half-way is completed by the next start.
/// </summary>
public sealed class SeedDemo(IEnumerable<IDemoSeed> seeds)
{
    public async Task<SeedDemoReport> SeedAsync(CancellationToken ct = default)
    {
        var seeding = new DemoSeeding();
        foreach (var seed in seeds.OrderBy(s => s.Order))
        {
            await seed.SeedAsync(seeding, ct);
        }

        return new SeedDemoReport(seeding.AreasCreated, seeding.OrganisationCreated, seeding.PeopleCreated, seeding.RegisterEntriesCreated);
    }
}
