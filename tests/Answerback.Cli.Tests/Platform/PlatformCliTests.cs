using Answerback.Platform;
using Answerback.Platform.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Cli.Tests.Platform;

/// <summary>The platform commands against a SQLite file in a temp folder (and, where marked, PostgreSQL).</summary>
public sealed class PlatformCliTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "answerback-cli-tests", Guid.NewGuid().ToString("N"));

    public PlatformCliTests()
    {
        Directory.CreateDirectory(folder);
        // The residency hash key comes from configuration (here a key file), never the database.
        File.WriteAllText(KeyFile, TestSecrets.NewHashKey());
    }

    private string DataFolder => Path.Combine(folder, "data");

    private string KeyFile => Path.Combine(folder, "residency.key");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await AnswerbackCli.RunAsync(args, output, error, Ct);
        return (exit, output.ToString(), error.ToString());
    }

    private Task<(int Exit, string Output, string Error)> RunHereAsync(params string[] args)
        => RunAsync([.. args, "--data-folder", DataFolder, "--hash-key-file", KeyFile]);

    private string Write(string name, string text)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task MigratedWithCityAsync()
    {
        Assert.Equal(0, (await RunHereAsync("db", "migrate")).Exit);
        var areas = Write("areas.csv", "code,name,parent_code\nE07000008,Cambridge,\nE05013051,Arbury,E07000008\nE05013061,Romsey,E07000008\n");
        Assert.Equal(0, (await RunHereAsync("areas", "import", areas)).Exit);
        Assert.Equal(0, (await RunHereAsync("admin", "create-organisation", "--name", "Cambridge Commons")).Exit);
    }

    [Fact]
    public async Task DbMigrate_FreshFolder_CreatesTheDatabaseThenReportsUpToDate()
    {
        var first = await RunHereAsync("db", "migrate");
        Assert.Equal(0, first.Exit);
        // Every migration of the SQLite assembly, counted there, so that a branch adding one need not edit this test.
        var migrations = typeof(Answerback.Platform.Sqlite.DesignTimeDbContextFactory).Assembly.GetTypes()
            .Count(t => t.IsDefined(typeof(Microsoft.EntityFrameworkCore.Migrations.MigrationAttribute), inherit: false));
        Assert.True(migrations >= 4, "the migrations assembly was read");
        Assert.Contains($"Applied {migrations} migration(s)", first.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(DataFolder, "answerback.db")));

        var second = await RunHereAsync("db", "migrate");
        Assert.Equal(0, second.Exit);
        Assert.Contains("already up to date", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreate_BeforeMigrate_TellsToMigrate()
    {
        var result = await RunHereAsync("admin", "create", "--email", "root@example.org");
        Assert.Equal(1, result.Exit);
        Assert.Contains("run 'answerback db migrate' first", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreate_NoPasswordFile_PrintsAGeneratedPasswordOnce()
    {
        await RunHereAsync("db", "migrate");
        var result = await RunHereAsync("admin", "create", "--email", "root@example.org");
        Assert.Equal(0, result.Exit);
        Assert.Contains("Created administrator root@example.org.", result.Output, StringComparison.Ordinal);
        var line = Assert.Single(result.Output.Split('\n'), l => l.StartsWith("Password (shown once", StringComparison.Ordinal));
        Assert.True(line[(line.IndexOf(':', StringComparison.Ordinal) + 2)..].Trim().Length >= 20);

        var again = await RunHereAsync("admin", "create", "--email", "root@example.org");
        Assert.Equal(0, again.Exit);
        Assert.Contains("already had an account", again.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", again.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminCreate_PasswordFile_UsedOrClearErrors()
    {
        await RunHereAsync("db", "migrate");
        var good = await RunHereAsync("admin", "create", "--email", "a@example.org", "--password-file", Write("pw.txt", "Correct-Horse-9\n"));
        Assert.Equal(0, good.Exit);
        Assert.DoesNotContain("Password", good.Output, StringComparison.Ordinal);

        var weak = await RunHereAsync("admin", "create", "--email", "b@example.org", "--password-file", Write("weak.txt", "abc\n"));
        Assert.Equal(1, weak.Exit);
        Assert.StartsWith("answerback: could not create the administrator b@example.org:", weak.Error, StringComparison.Ordinal);

        var missing = await RunHereAsync("admin", "create", "--email", "c@example.org", "--password-file", Path.Combine(folder, "nope.txt"));
        Assert.Equal(1, missing.Exit);
        Assert.Contains("nope.txt: file not found", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AreasImport_BadFile_ReportsEachLineAndImportsNothing()
    {
        await RunHereAsync("db", "migrate");
        var bad = Write("bad.csv", "code,name,parent_code\nE07000008,Cambridge,\nE05013051,,E07000008\nE05013061,Romsey,NOPE\n");
        var result = await RunHereAsync("areas", "import", bad);

        Assert.Equal(1, result.Exit);
        Assert.Contains($"{bad}:3: name: missing", result.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad}:4: parent_code: no area has the code NOPE", result.Error, StringComparison.Ordinal);
        Assert.Contains("2 error(s); nothing was imported", result.Error, StringComparison.Ordinal);

        // Cambridge (line 2) was not kept: importing it now creates it.
        var good = await RunHereAsync("areas", "import", Write("good.csv", "code,name,parent_code\nE07000008,Cambridge,\n"));
        Assert.Contains("1 area(s) created, 0 updated", good.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AreasImport_ExistingCodeWithNewNameAndParent_UpdatesIt()
    {
        // The CLI is the operator's tool: unlike an organiser on the web, it may change existing areas.
        await MigratedWithCityAsync();
        var result = await RunHereAsync("areas", "import", Write("rename.csv", "code,name,parent_code\nE05013061,Romsey Town,E05013051\n"));

        Assert.Equal(0, result.Exit);
        Assert.Contains("0 area(s) created, 1 updated", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterImport_GoodThenBadFile_CountsAndLineErrors()
    {
        await MigratedWithCityAsync();
        var good = Write("register.csv", "elector_number,postcode,area_code,name\nAR1-1,CB4 2JB,E05013051,Ann\nRO1-1,CB1 3NE,E05013061,Bob\n");
        var imported = await RunHereAsync("register", "import", good, "--area", "E07000008", "--organisation", "cambridge-commons");
        Assert.Equal(0, imported.Exit);
        Assert.Contains("2 entries added, 0 already present", imported.Output, StringComparison.Ordinal);

        var bad = Write("bad-register.csv", "elector_number,postcode\nAR1-2,CB4 2JD\n\nAR1-2,CB4 2JD\n");
        var refused = await RunHereAsync("register", "import", bad, "--area", "E07000008", "--organisation", "cambridge-commons");
        Assert.Equal(1, refused.Exit);
        Assert.Contains($"{bad}:3: line: blank line", refused.Error, StringComparison.Ordinal);
        Assert.Contains($"{bad}:4: elector_number: AR1-2 is already on line 2", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterImport_UnknownOrganisationAreaOrFile_OneLineErrors()
    {
        await MigratedWithCityAsync();
        var file = Write("r.csv", "elector_number,postcode\nAR1-1,CB4 2JB\n");

        var organisation = await RunHereAsync("register", "import", file, "--area", "E07000008", "--organisation", "nobody");
        Assert.Equal((1, "answerback: --organisation: no organisation has the slug 'nobody'"), (organisation.Exit, organisation.Error.Trim()));

        var area = await RunHereAsync("register", "import", file, "--area", "E99999999", "--organisation", "cambridge-commons");
        Assert.Equal(1, area.Exit);
        Assert.Contains("area: no area has the code E99999999", area.Error, StringComparison.Ordinal);

        var missing = await RunHereAsync("register", "import", Path.Combine(folder, "none.csv"), "--area", "E07000008", "--organisation", "cambridge-commons");
        Assert.Equal(1, missing.Exit);
        Assert.Contains("none.csv: file not found", missing.Error, StringComparison.Ordinal);

        var noArea = await RunHereAsync("register", "import", file, "--organisation", "cambridge-commons");
        Assert.NotEqual(0, noArea.Exit);
        Assert.Contains("--area", noArea.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterImport_NoOrganisationOption_UsesTheOnlyOneOrListsTheSlugs()
    {
        Assert.Equal(0, (await RunHereAsync("db", "migrate")).Exit);
        Assert.Equal(0, (await RunHereAsync("areas", "import", Write("areas.csv", "code,name,parent_code\nE07000008,Cambridge,\n"))).Exit);
        var file = Write("r.csv", "elector_number,postcode\nAR1-1,CB4 2JB\n");

        var none = await RunHereAsync("register", "import", file, "--area", "E07000008");
        Assert.Equal(1, none.Exit);
        Assert.Equal("answerback: --organisation: there are no organisations; create one with 'answerback admin create-organisation', then pass --organisation SLUG", none.Error.Trim());

        Assert.Equal(0, (await RunHereAsync("admin", "create-organisation", "--name", "Cambridge Commons")).Exit);
        var one = await RunHereAsync("register", "import", file, "--area", "E07000008");
        Assert.Equal(0, one.Exit);
        Assert.Contains("for Cambridge Commons into area E07000008: 1 entry added", one.Output, StringComparison.Ordinal);

        Assert.Equal(0, (await RunHereAsync("admin", "create-organisation", "--name", "Arbury Residents")).Exit);
        var several = await RunHereAsync("register", "import", Write("r2.csv", "elector_number,postcode\nAR1-2,CB4 2JD\n"), "--area", "E07000008");
        Assert.Equal((1, "answerback: --organisation: there are several organisations (arbury-residents, cambridge-commons); pass --organisation SLUG to choose one"), (several.Exit, several.Error.Trim()));
    }

    [Theory]
    [InlineData("admin", "create")]
    [InlineData("admin", "create-organisation")]
    [InlineData("db", "migrate")]
    [InlineData("areas", "import")]
    [InlineData("register", "import")]
    public async Task Help_EveryPlatformCommand_DescribesItsOptions(string group, string command)
    {
        var result = await RunAsync(group, command, "--help");
        Assert.Equal(0, result.Exit);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        Assert.Contains("--data-folder", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterImport_NoHashKeyConfigured_RefusedNamingTheKey()
    {
        var result = await RunAsync("db", "migrate", "--data-folder", DataFolder);
        Assert.Equal(1, result.Exit);
        Assert.Contains("Residency:HashKey", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    /// <summary>Issue 9, finding 2: admin create promoted a pre-registered account and kept the attacker's password.</summary>
    [Fact]
    public async Task AdminCreate_PreRegisteredUnconfirmedAccount_PasswordReplaced()
    {
        await RunHereAsync("db", "migrate");
        // The attacker signs up first with the future administrator's address (as the sign-up page would) and never confirms.
        var services = new ServiceCollection();
        services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:DataFolder"] = DataFolder,
            ["Residency:HashKeyFile"] = KeyFile,
        }).Build());
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
            var squat = new Person { UserName = "root@example.org", Email = "root@example.org", DisplayName = "root" };
            Assert.True((await users.CreateAsync(squat, "attacker-chose-this")).Succeeded);
        }

        var result = await RunHereAsync("admin", "create", "--email", "root@example.org");

        Assert.Equal(0, result.Exit);
        Assert.Contains("had an unconfirmed account: its password was replaced, its sessions ended", result.Output, StringComparison.Ordinal);
        Assert.Contains("Password (shown once", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApproveRegister_ThenAgain_SaysAlreadyApproved()
    {
        await MigratedWithCityAsync();
        var first = await RunHereAsync("admin", "approve-register", "--organisation", "cambridge-commons", "--area", "E07000008");
        Assert.Equal((0, "Approved cambridge-commons as register holder for E07000008."), (first.Exit, first.Output.Trim()));
        var again = await RunHereAsync("admin", "approve-register", "--organisation", "cambridge-commons", "--area", "E07000008");
        Assert.Contains("already approved", again.Output, StringComparison.Ordinal);
        var unknown = await RunHereAsync("admin", "approve-register", "--organisation", "nobody", "--area", "E07000008");
        Assert.Equal(1, unknown.Exit);
        Assert.Contains("--organisation: No organisation has the address nobody.", unknown.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrate_PostgresWithoutConnectionString_ConfigurationError()
    {
        var result = await RunHereAsync("db", "migrate", "--provider", "Postgres");
        Assert.Equal(1, result.Exit);
        Assert.Contains("Database:ConnectionString is required", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DbMigrateAndImports_OnPostgres_Work()
    {
        await using var database = TestDatabase.Create(TestProvider.Postgres, "cli-tests");
        string[] pg = ["--provider", "Postgres", "--connection", database.PostgresConnectionString!, "--hash-key-file", KeyFile];
        var migrate = await RunAsync(["db", "migrate", .. pg]);
        Assert.Equal(0, migrate.Exit);
        Assert.DoesNotContain("Password=", migrate.Output, StringComparison.OrdinalIgnoreCase);
        var areas = Write("areas.csv", "code,name,parent_code\nE07000008,Cambridge,\n");
        Assert.Equal(0, (await RunAsync(["areas", "import", areas, .. pg])).Exit);
        Assert.Equal(0, (await RunAsync(["admin", "create-organisation", "--name", "Commons", .. pg])).Exit);
        var register = await RunAsync(["register", "import", Write("r.csv", "elector_number,postcode\nAR1-1,CB4 2JB\n"), "--area", "E07000008", "--organisation", "commons", .. pg]);
        Assert.Contains("1 entry added", register.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
