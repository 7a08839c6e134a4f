using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Areas;

public abstract class ImportAreasTests(TestProvider provider) : PlatformTest(provider)
{
    private Task<AreaImportReport> ImportAsync(string csv, bool mayChangeExisting = false)
        => Db.With<ImportAreas, AreaImportReport>(i => i.ImportAsync(Arrange.Csv(csv), "areas.csv", mayChangeExisting, Ct));

    private async Task<List<Area>> AreasAsync()
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Areas.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task ImportAsync_ChildrenBeforeTheirParent_BuildsTheTree()
    {
        var report = await ImportAsync("code,name,parent_code\nE05013056,King's Hedges,E07000008\ne05013060,Queen Edith's,e07000008\nE07000008,Cambridge,\n");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(3, report.Created);
        var areas = await AreasAsync();
        var city = Assert.Single(areas, a => a.Code == "E07000008");
        Assert.Null(city.ParentId);
        Assert.Equal("cambridge", city.Slug);
        var kingsHedges = Assert.Single(areas, a => a.Code == "E05013056");
        Assert.Equal(city.Id, kingsHedges.ParentId);
        Assert.Equal("kings-hedges", kingsHedges.Slug);
        Assert.Equal("queen-ediths", Assert.Single(areas, a => a.Code == "E05013060").Slug);
    }

    [Fact]
    public async Task ImportAsync_ExistingCodeWhenMayChangeExisting_UpdatesNameAndParent()
    {
        await ImportAsync("code,name,parent_code\nC1,Testville,\nW1,North,\n");
        var report = await ImportAsync("code,name,parent_code\nW1,North Ward,C1\n", mayChangeExisting: true);

        Assert.Equal((0, 1), (report.Created, report.Updated));
        var areas = await AreasAsync();
        var ward = Assert.Single(areas, a => a.Code == "W1");
        Assert.Equal("North Ward", ward.Name);
        Assert.Equal(areas.Single(a => a.Code == "C1").Id, ward.ParentId);
    }

    [Fact]
    public async Task ImportAsync_ExistingCodeChangedWhenMayNotChangeExisting_ReportsEachLineAndChangesNothing()
    {
        await ImportAsync("code,name,parent_code\nC1,Testville,\nC2,Otherville,\nW1,North,C1\nW2,South,C1\n");

        // Line 2 renames, line 3 re-parents, line 4 makes W2 top-level; line 5 repeats C1 unchanged and line 6 is new.
        var report = await ImportAsync("code,name,parent_code\nW1,Renamed,C1\nW1X,New Ward,C2\n", mayChangeExisting: false);
        var changes = await ImportAsync("code,name,parent_code\nW1,Renamed,C1\nw2,South,C2\nC2,Otherville,C1\nC1,Testville,\nW3,New Ward,C1\n", mayChangeExisting: false);

        Assert.Equal(("code", 2), (Assert.Single(report.Errors).Field, report.Errors[0].Line));
        Assert.Equal([2, 3, 4], changes.Errors.Select(e => e.Line).ToArray());
        Assert.All(changes.Errors, e => Assert.Contains(ImportAreas.OnlyAdministratorMayChange, e.Message, StringComparison.Ordinal));
        var areas = await AreasAsync();
        Assert.Equal(4, areas.Count);
        var c1 = areas.Single(a => a.Code == "C1").Id;
        Assert.Equal(("North", c1), areas.Where(a => a.Code == "W1").Select(a => (a.Name, a.ParentId!.Value)).Single());
        Assert.Equal(c1, areas.Single(a => a.Code == "W2").ParentId);
        Assert.Null(areas.Single(a => a.Code == "C2").ParentId);
    }

    [Fact]
    public async Task ImportAsync_ExistingAreasUnchangedAndNewAreasWhenMayNotChangeExisting_Imports()
    {
        await ImportAsync("code,name,parent_code\nC1,Testville,\nW1,North,C1\n");

        var report = await ImportAsync("code,name,parent_code\nC1,Testville,\nW1,North,C1\nW2,South,C1\nN1,Estate,W2\n", mayChangeExisting: false);

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal((2, 2), (report.Created, report.Updated));
        var areas = await AreasAsync();
        Assert.Equal(areas.Single(a => a.Code == "W2").Id, areas.Single(a => a.Code == "N1").ParentId);
        Assert.Equal("North", areas.Single(a => a.Code == "W1").Name);
    }

    [Fact]
    public async Task ImportAsync_BadLines_ReportsEachAndCreatesNothing()
    {
        var report = await ImportAsync("code,name,parent_code\nC1,Testville,\nW1,,C1\nW2,South,NOPE\nC1,Again,\nW3!,Bad Code,\nW4,Self,W4\n");

        Assert.Equal(
            [(3, "name"), (4, "parent_code"), (5, "code"), (6, "code"), (7, "parent_code")],
            report.Errors.Select(e => (e.Line, e.Field)).ToArray());
        Assert.Contains("already on line 2", report.Errors[2].Message, StringComparison.Ordinal);
        Assert.Empty(await AreasAsync());
    }

    [Fact]
    public async Task ImportAsync_Cycle_IsRefused()
    {
        var report = await ImportAsync("code,name,parent_code\nA1,Aa,B1\nB1,Bb,A1\n");
        Assert.NotEmpty(report.Errors);
        Assert.All(report.Errors, e => Assert.Contains("its own ancestor", e.Message, StringComparison.Ordinal));
        Assert.Empty(await AreasAsync());
    }

    [Fact]
    public async Task ImportAsync_MissingColumn_NamesTheColumn()
    {
        var report = await ImportAsync("code,name\nC1,Testville\n");
        var error = Assert.Single(report.Errors);
        Assert.Equal((1, "parent_code"), (error.Line, error.Field));
    }

    [Fact]
    public async Task CreateAsync_DuplicateNames_GetDistinctSlugs_AndDuplicateCodesAreRefused()
    {
        var first = await Db.With<CreateArea, Result<Area>>(c => c.CreateAsync("Market", "E05013057", null, Ct));
        var second = await Db.With<CreateArea, Result<Area>>(c => c.CreateAsync("Market", null, first.Value!.Id, Ct));
        var duplicate = await Db.With<CreateArea, Result<Area>>(c => c.CreateAsync("Other", "e05013057", null, Ct));

        Assert.Equal("market", first.Value!.Slug);
        Assert.Equal("market-2", second.Value!.Slug);
        Assert.False(duplicate.Succeeded);
        Assert.Equal("code", Assert.Single(duplicate.Errors).Field);
    }
}

public sealed class ImportAreasSqliteTests() : ImportAreasTests(TestProvider.Sqlite);

public sealed class ImportAreasPostgresTests() : ImportAreasTests(TestProvider.Postgres);
