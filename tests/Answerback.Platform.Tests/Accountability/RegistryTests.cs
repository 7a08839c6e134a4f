using Answerback.Platform.Accountability;
using Answerback.Platform.Data;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Accountability;

public abstract class RegistryTests(TestProvider provider) : PlatformTest(provider)
{
    private async Task<List<Representative>> EntriesAsync()
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<Representative>().AsNoTracking().Include(r => r.Accounts).OrderBy(r => r.Name).ToListAsync(Ct);
    }

    private Task<RepresentativeImportReport> ImportAsync(Guid organisation, string csv)
        => Db.With<ImportRepresentatives, RepresentativeImportReport>(i => i.ImportAsync(organisation, Arrange.Csv(csv), "candidates.csv", Ct));

    [Fact]
    public async Task ImportAsync_DemocracyClubExport_ListsEachPersonInTheirAreaWithPartyTermAndAccounts()
    {
        var (_, north, south) = await Db.CityWithWardsAsync();
        var greens = await Db.OrganisationAsync("Testville Greens");
        // Democracy Club's columns in their own order, with columns we ignore (person_id, email).
        var report = await ImportAsync(greens,
            "person_id,name,email,election,post_label,gss_code,party_name,twitter_username,mastodon_username,facebook_page_url,homepage_url,elected\n"
            + "101,Alice Green,a@example.org,local.testville.2024-05-02,North Ward,W1,Testville Greens,@AliceG,https://mastodon.example/@alice,,https://alice.example,True\n"
            + "102,Bob Blue,,local.testville.2024-05-02,South Ward,,Blue Party,bobblue,,https://facebook.com/bob,,False\n");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(2, report.Created);
        var entries = await EntriesAsync();
        var alice = entries[0];
        Assert.Equal(("Alice Green", north, "Councillor", greens, "Testville Greens"), (alice.Name, alice.AreaId, alice.Office, alice.PartyOrganisationId!.Value, alice.PartyName));
        Assert.Equal(new DateOnly(2024, 5, 2), alice.TermStart);
        Assert.Equal(["mastodon:alice@mastodon.example", "website:https://alice.example", "x:AliceG"], alice.Accounts.Select(a => a.Network + ":" + a.Handle).Order(StringComparer.Ordinal));
        var bob = entries[1];
        // No gss_code: the area is found by its name; a party not on the platform is kept by name.
        Assert.Equal((south, "Candidate", (Guid?)null, "Blue Party"), (bob.AreaId, bob.Office, bob.PartyOrganisationId, bob.PartyName));

        var inNorth = await Db.With<AccountabilityDirectory, IReadOnlyList<RepresentativeSummary>>(d => d.InAreaAsync(north, Ct));
        Assert.Equal("Alice Green", Assert.Single(inNorth).Name);
    }

    [Fact]
    public async Task ImportAsync_BadRows_NamesEachLineAndFieldAndImportsNothing()
    {
        await Db.CityWithWardsAsync();
        var greens = await Db.OrganisationAsync();

        var report = await ImportAsync(greens, AccountabilityArrange.Header
            + "Alice Green,Greens,North Ward,W1,local.x.2024-05-02,alice,,,,True\n"
            + "Bob Blue,Blue,Nowhere,W9,local.x.2024-05-02,,,,,False\n"
            + "Cat Red,Red,North Ward,W1,local.x.2024-05-02,,,,,perhaps\n"
            + "Dan Grey,Grey,South Ward,W2,local.x.2024-05-02,ALICE,,,,\n");

        Assert.False(report.Succeeded);
        Assert.Equal([(3, "gss_code"), (4, "elected"), (5, "twitter_username")], report.Errors.Select(e => (e.Line, e.Field)));
        Assert.Contains("W9", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("line 2", report.Errors[2].Message, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task ImportAsync_MissingColumn_IsRefusedNamingIt()
    {
        await Db.CityWithWardsAsync();
        var greens = await Db.OrganisationAsync();

        var report = await ImportAsync(greens, "name,post_label,election\nAlice,North Ward,x\n");

        Assert.Equal("party_name", Assert.Single(report.Errors).Field);
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task ImportAsync_SameFileAgain_UpdatesTheEntriesInsteadOfAddingCopies()
    {
        await Db.CityWithWardsAsync();
        var greens = await Db.OrganisationAsync();
        await Db.RegistryAsync(greens, "Alice Green,Greens,North Ward,W1,local.x.2024-05-02,alice,,,,False\n");

        var again = await ImportAsync(greens, AccountabilityArrange.Header + "Alice Green,Greens,North Ward,W1,local.x.2024-05-02,alice_new,,,,True\n");

        Assert.Equal((0, 1), (again.Created, again.Updated));
        var alice = Assert.Single(await EntriesAsync());
        Assert.Equal(("Councillor", "alice_new"), (alice.Office, Assert.Single(alice.Accounts).Handle));
    }

    [Fact]
    public async Task ImportAsync_HandleOfAnotherOrganisationsEntry_IsRefused()
    {
        await Db.CityWithWardsAsync();
        var greens = await Db.OrganisationAsync("Greens");
        var blues = await Db.OrganisationAsync("Blues");
        await Db.RegistryAsync(greens, "Alice Green,Greens,North Ward,W1,e,alice,,,,\n");

        var report = await ImportAsync(blues, AccountabilityArrange.Header + "Impostor,Blues,North Ward,W1,e,Alice,,,,\n");

        Assert.Equal((2, "twitter_username"), (Assert.Single(report.Errors).Line, report.Errors[0].Field));
    }
}

public sealed class RegistrySqliteTests() : RegistryTests(TestProvider.Sqlite);

public sealed class RegistryPostgresTests() : RegistryTests(TestProvider.Postgres);
