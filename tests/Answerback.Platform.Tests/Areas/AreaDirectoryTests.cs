using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Areas;

public abstract class AreaDirectoryTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task ListTopLevelAsync_CityWithWards_ListsWardsUnderTheCity()
    {
        await Db.CityWithWardsAsync();
        var list = await Db.With<AreaDirectory, IReadOnlyList<AreaSummary>>(d => d.ListTopLevelAsync(Ct));

        var city = Assert.Single(list);
        Assert.Equal("Testville", city.Name);
        Assert.Equal(["North Ward", "South Ward"], city.Children.Select(c => c.Name));
    }

    [Fact]
    public async Task GetAsync_Ward_ShowsParentOrganisationsWithRegistersAndVerifiedResidents()
    {
        await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync("Testville Greens");
        await Db.OrganisationAsync("Idle Party");
        await Db.ApproveRegisterAsync("testville-greens", "C1");
        await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\nNW1-2,CB4 2JD,W1\n"), "r.csv", organisation, "C1", Ct));
        var person = await Db.PersonAsync("ann@example.org");
        await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(person, "NW1-1", "CB4 2JB", Ct));

        var ward = await Db.With<AreaDirectory, AreaDetails?>(d => d.GetAsync("north-ward", Ct));

        Assert.NotNull(ward);
        Assert.Equal("Testville", ward.Parent?.Name);
        Assert.Empty(ward.Area.Children);
        var activity = Assert.Single(ward.WhatHappensHere);
        Assert.Equal("Testville Greens", activity.OrganisationName);
        Assert.Equal(1, ward.VerifiedResidents);
        Assert.Null(await Db.With<AreaDirectory, AreaDetails?>(d => d.GetAsync("nowhere", Ct)));
    }
}

public sealed class AreaDirectorySqliteTests() : AreaDirectoryTests(TestProvider.Sqlite);

public sealed class AreaDirectoryPostgresTests() : AreaDirectoryTests(TestProvider.Postgres);
