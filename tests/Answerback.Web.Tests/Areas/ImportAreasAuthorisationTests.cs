using System.Net;
using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Areas;

/// <summary>
/// Areas are shared by every organisation: an organiser may import new ones, but only an
/// administrator may rename or re-parent an existing one through <c>/areas/import</c>.
/// </summary>
public sealed class ImportAreasAuthorisationTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_OrganiserOfAnotherOrganisationRenamesADemoWard_RefusedAndTheWardKeepsItsName(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"other-organiser-{provider}@example.org";
        var person = await app.CreatePersonAsync(email, twoFactor: true);
        await app.WithScopeAsync(async services =>
        {
            var created = await services.GetRequiredService<CreateOrganisation>().CreateAsync($"Other Party {provider}", $"other-party-{provider.ToString().ToLowerInvariant()}", null);
            Assert.True(created.Succeeded);
            var granted = await services.GetRequiredService<GrantOrganisationRole>().GrantAsync(created.Value!.Id, person.Id, OrganisationRoleKind.Organiser);
            Assert.True(granted.Succeeded);
            return 0;
        });
        using var session = app.Session();
        await session.SignInAsync(email);

        var csv = $"code,name,parent_code\nE05013051,Hijacked Ward,{DemoData.CambridgeCode}\nE05013052,Castle,\nE09999997,Brand New Ward {provider},{DemoData.CambridgeCode}\n";
        var page = await session.PostFileAsync("/areas/import", [], "Upload", "areas.csv", Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        Assert.Contains("only an administrator can change an existing area", page.Html, StringComparison.Ordinal);
        var (arbury, castleParent, newWards) = await app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AnswerbackDbContext>();
            return (await db.Areas.SingleAsync(a => a.Code == "E05013051"),
                await db.Areas.Where(a => a.Code == "E05013052").Select(a => a.ParentId).SingleAsync(),
                await db.Areas.CountAsync(a => a.Code == "E09999997"));
        });
        Assert.Equal("Arbury", arbury.Name);
        Assert.NotNull(castleParent);
        Assert.Equal(0, newWards);

        // Unchanged existing areas and new areas are still fine for an organiser.
        var good = await session.PostFileAsync("/areas/import", [], "Upload", "areas.csv",
            Encoding.UTF8.GetBytes($"code,name,parent_code\nE05013051,Arbury,{DemoData.CambridgeCode}\nE09999997,Brand New Ward {provider},{DemoData.CambridgeCode}\n"));
        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Contains("1 created, 1 updated", good.Html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Import_AdministratorRenamesADemoWard_Renamed(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"admin-{provider}@example.org";
        await app.CreatePersonAsync(email, role: Roles.Administrator);
        using var session = app.Session();
        await session.SignInAsync(email);

        var page = await session.PostFileAsync("/areas/import", [], "Upload", "areas.csv",
            Encoding.UTF8.GetBytes($"code,name,parent_code\nE05013058,Newnham Ward,{DemoData.CambridgeCode}\n"));

        Assert.Equal(HttpStatusCode.OK, page.Status);
        var name = await app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().Areas.Where(a => a.Code == "E05013058").Select(a => a.Name).SingleAsync());
        Assert.Equal("Newnham Ward", name);
    }
}
