using Answerback.Counting.Formats;
using Answerback.OpinionMap.Polis;
using Answerback.Platform;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Answerback.SocialAudit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Fuzz;

/// <summary>
/// The CSV importers: cast-vote records, Pol.is exports, the QUT toolkit CSV, the accounts registry, and the platform's register,
/// members and areas uploads, all on the one CSV tokeniser of Answerback.Formats.
/// </summary>
internal static class CsvFormats
{
    public static IReadOnlyList<FuzzFormat> All(Paths paths) =>
    [
        CvrCsv(paths), PolisComments(paths), PolisVotes(paths), PolisParticipants(paths), Qut(paths), Registry(paths),
    ];

    private static FuzzFormat Registry(Paths paths)
    {
        const string file = "registry.csv";
        return new("registry", "SocialAudit", paths.Files("fuzz/seeds/registry", "*.csv"), input => Answerback.SocialAudit.Registry.Read(new MemoryStream(input), file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat CvrCsv(Paths paths)
    {
        const string file = "fuzz-cvr.csv";
        return new("cvr-csv", "Counting", paths.Files("fuzz/seeds/cvr-csv", "*.csv"), input => CvrCsvFormat.Read(new MemoryStream(input), file, 2), ex => DocumentedErrors.Input(ex, file));
    }

    private static List<byte[]> PolisSeeds(Paths paths, string name) =>
        [.. paths.Files("tests/data/OpinionMap", name, 16 * 1024), .. paths.SharedFiles("polis", name, 16 * 1024).Take(4)];

    private static FuzzFormat PolisComments(Paths paths)
    {
        const string file = "comments.csv";
        return new("polis-comments", "OpinionMap", PolisSeeds(paths, "comments.csv"), input => PolisExport.ReadComments(new MemoryStream(input), file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat PolisVotes(Paths paths)
    {
        const string file = "votes.csv";
        // votes.csv names statements of its conversation's comments.csv: the seeds are London's pair.
        var folder = Path.Combine(paths.Root, "tests", "data", "OpinionMap", "london.youth.policing");
        using var comments = File.OpenRead(Path.Combine(folder, "comments.csv"));
        var statements = PolisExport.ReadComments(comments, "comments.csv");
        return new("polis-votes", "OpinionMap", [Paths.Cut(File.ReadAllBytes(Path.Combine(folder, "votes.csv")), 16 * 1024)],
            input => PolisExport.ReadVotes(statements, new MemoryStream(input), file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat PolisParticipants(Paths paths)
    {
        const string file = "participants-votes.csv";
        return new("polis-participants", "OpinionMap", PolisSeeds(paths, "participants-votes.csv"), input => PolisExport.ReadParticipantsVotes(null, new MemoryStream(input), file), ex => DocumentedErrors.Input(ex, file));
    }

    private static FuzzFormat Qut(Paths paths)
    {
        const string file = "fuzz-qut.csv";
        return new("qut-csv", "SocialAudit", [.. paths.Files("tests/data/SocialAudit", "*.csv", 16 * 1024), .. paths.SharedFiles("coordination", "*.csv", 16 * 1024)], input =>
        {
            foreach (var post in QutCsvFormat.Read(new MemoryStream(input), file))
            {
                GC.KeepAlive(post);
            }
        }, ex => DocumentedErrors.Input(ex, file));
    }
}

/// <summary>
/// The platform's CSV uploads. Parsing and validation are interleaved with storing rows (in one transaction
/// per upload), so they run through the real use cases on a SQLite file in a temp folder, with a migrated
/// schema, an organisation and areas. An upload's refusal is its report's errors, each naming a line and field.
/// </summary>
internal static class PlatformFormats
{
    public static IReadOnlyList<string> Names { get; } = ["register", "members", "areas"];

    public static IReadOnlyList<FuzzFormat> All(Paths paths)
    {
        var register = Database("register");
        var organisation = Organisation(register);
        Areas(register, paths);
        var members = Database("members");
        var membersOrganisation = Organisation(members);
        var areas = Database("areas");
        return
        [
            new("register", "Platform", paths.Files("tests/data/Platform", "register-*.csv", 16 * 1024), input =>
                DocumentedErrors.Report(Use<ImportRegister, RegisterImportReport>(register, i => i.ImportAsync(new MemoryStream(input), "register.csv", organisation, "E07000008")).Errors),
                DocumentedErrors.Upload),
            new("members", "Platform", paths.Files("fuzz/seeds/members", "*.csv"), input =>
                DocumentedErrors.Report(Use<ImportMembers, MemberImportReport>(members, i => i.ImportAsync(new MemoryStream(input), "members.csv", membersOrganisation)).Errors),
                DocumentedErrors.Upload),
            new("areas", "Platform", paths.Files("tests/data/Platform", "*-areas.csv", 16 * 1024), input =>
                DocumentedErrors.Report(Use<ImportAreas, AreaImportReport>(areas, i => i.ImportAsync(new MemoryStream(input), "areas.csv", mayChangeExisting: true)).Errors),
                DocumentedErrors.Upload),
        ];
    }

    private static ServiceProvider Database(string name)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"answerback-fuzz-{Environment.ProcessId}-{name}");
        Directory.CreateDirectory(folder);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = folder,
            // A throwaway key from configuration, as the platform requires (never the database).
            ["Residency:HashKey"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        }).Build();
        var services = new ServiceCollection().AddPlatform(configuration).BuildServiceProvider();
        services.MigrateDatabaseAsync().GetAwaiter().GetResult();
        return services;
    }

    private static Guid Organisation(ServiceProvider services) =>
        Use<CreateOrganisation, Answerback.Platform.Common.Result<Organisation>>(services, c => c.CreateAsync("Fuzz Party " + Guid.NewGuid().ToString("N"), null, null)).Value!.Id;

    private static void Areas(ServiceProvider services, Paths paths)
    {
        var report = Use<ImportAreas, AreaImportReport>(services, i => i.ImportAsync(new MemoryStream(File.ReadAllBytes(Path.Combine(paths.Root, "tests", "data", "Platform", "cambridge-areas.csv"))), "areas.csv", mayChangeExisting: false));
        if (!report.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", report.Errors));
        }
    }

    // The harness runs each input on its own thread and waits; blocking here is what a CLI import does too.
    private static TResult Use<TService, TResult>(ServiceProvider services, Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        using var scope = services.CreateScope();
        return action(scope.ServiceProvider.GetRequiredService<TService>()).GetAwaiter().GetResult();
    }
}
