using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Residency;

public abstract class DeclareAndMembersTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task DeclareAsync_NewDeclaration_ReplacesThePreviousOne()
    {
        var areas = await Db.CityWithWardsAsync();
        var person = await Db.PersonAsync("dee@example.org");
        Assert.True((await Db.With<DeclareResidency, DeclarationResult>(d => d.DeclareAsync(person, areas.Ward1, "cb4 2jb", Ct))).Succeeded);
        var moved = await Db.With<DeclareResidency, DeclarationResult>(d => d.DeclareAsync(person, areas.Ward2, "CB1 3NE", Ct));
        Assert.Equal([areas.Ward2, areas.City], moved.AreaIds);

        await using var scope = Db.Scope();
        var residencies = await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Residencies.AsNoTracking().Where(r => r.PersonId == person).ToListAsync(Ct);
        Assert.Equal(new[] { areas.Ward2, areas.City }.Order(), residencies.Select(r => r.AreaId).Order());
        Assert.All(residencies, r => Assert.Equal((ResidencyKind.SelfDeclared, "CB13NE"), (r.Kind, r.Postcode)));
    }

    [Fact]
    public async Task DeclareAsync_BadPostcodeOrArea_FieldErrors()
    {
        var person = await Db.PersonAsync("dee@example.org");
        var result = await Db.With<DeclareResidency, DeclarationResult>(d => d.DeclareAsync(person, Guid.NewGuid(), "nope", Ct));
        Assert.Equal(["postcode", "area"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task ImportMembersAsync_StoresHashesOnly_AndRefusesBadLines()
    {
        var organisation = await Db.OrganisationAsync();
        var bad = await Db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\nann@example.org\nnot-an-email\nANN@example.org\n"), "m.csv", organisation, Ct));
        Assert.Equal([(3, "email"), (4, "email")], bad.Errors.Select(e => (e.Line, e.Field)));

        var good = await Db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\nann@example.org\nbob@example.org\n"), "m.csv", organisation, Ct));
        var again = await Db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\nann@example.org\ncy@example.org\n"), "m.csv", organisation, Ct));
        Assert.Equal((2, 0), (good.Imported, good.AlreadyPresent));
        Assert.Equal((1, 1), (again.Imported, again.AlreadyPresent));

        await using var scope = Db.Scope();
        var hashes = await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().MemberListEntries.Select(m => m.EmailHash).ToListAsync(Ct);
        Assert.Equal(3, hashes.Count);
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }
}

public sealed class DeclareAndMembersSqliteTests() : DeclareAndMembersTests(TestProvider.Sqlite);

public sealed class DeclareAndMembersPostgresTests() : DeclareAndMembersTests(TestProvider.Postgres);
