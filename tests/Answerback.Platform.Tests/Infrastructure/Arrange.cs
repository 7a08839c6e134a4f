using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Infrastructure;

/// <summary>Test data set up through the real use cases (people through Identity's UserManager).</summary>
public static class Arrange
{
    /// <summary>A small city with two wards, through <see cref="ImportAreas"/>: city C1, wards W1 and W2.</summary>
    public static async Task<(Guid City, Guid Ward1, Guid Ward2)> CityWithWardsAsync(this PlatformTestDatabase db)
    {
        var report = await db.With<ImportAreas, AreaImportReport>(i => i.ImportAsync(Csv("code,name,parent_code\nC1,Testville,\nW1,North Ward,C1\nW2,South Ward,C1\n"), "areas.csv", mayChangeExisting: false));
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        Guid Id(string code) => context.Areas.Single(a => a.Code == code).Id;
        return (Id("C1"), Id("W1"), Id("W2"));
    }

    public static async Task<Guid> OrganisationAsync(this PlatformTestDatabase db, string name = "Testville Greens")
    {
        var result = await db.With<CreateOrganisation, Result<Organisation>>(c => c.CreateAsync(name, null, null));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Value!.Id;
    }

    public static async Task<Guid> PersonAsync(this PlatformTestDatabase db, string email, bool emailConfirmed = true)
    {
        await using var scope = db.Scope();
        var person = Person.Create(email, email, db.Time.GetUtcNow(), emailConfirmed);
        var created = await scope.ServiceProvider.GetRequiredService<UserManager<Person>>().CreateAsync(person);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        return person.Id;
    }

    /// <summary>An administrator approves the organisation as register holder for the area (and those within it).</summary>
    public static async Task ApproveRegisterAsync(this PlatformTestDatabase db, string organisationSlug, string areaCode)
    {
        var result = await db.With<Platform.Residency.ApproveRegisterHolder, Platform.Residency.ApproveRegisterHolderResult>(a => a.ApproveAsync(organisationSlug, areaCode, null));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
    }

    public static MemoryStream Csv(string text) => new(Encoding.UTF8.GetBytes(text));
}
