using System.Net;
using System.Text;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Organisations;

/// <summary>
/// Every organiser action is refused (403, nothing changed) for a citizen and for an organiser of
/// another organisation; the demo organisation's own organiser is let through (so the refusals are
/// not simply broken pages).
/// </summary>
public sealed class OrganiserAuthorisationTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    private static readonly byte[] GoodRegister = Encoding.UTF8.GetBytes("elector_number,postcode,area_code\nAR9-9001,CB4 2JB,E05013051\n");

    private static string Demo => "/organisations/" + DemoData.OrganisationSlug;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OrganiserPages_Citizen_Forbidden(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"citizen-{provider}@example.org";
        await app.CreatePersonAsync(email);
        await AssertEveryOrganiserActionRefusedAsync(app, email, areasToo: true);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OrganiserPages_OrganiserOfAnotherOrganisation_Forbidden(Provider provider)
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

        // An organiser of any organisation may create areas (areas are shared), but nothing of the demo organisation's.
        await AssertEveryOrganiserActionRefusedAsync(app, email, areasToo: false);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task OrganiserPages_OwnOrganiser_Allowed(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = app.Session();
        await session.PostFormAsync("/demo", [new("email", DemoData.OrganiserEmail)]);

        foreach (var path in new[] { Demo + "/register", Demo + "/members", Demo + "/roles", "/areas/new", "/areas/import" })
        {
            Assert.Equal(HttpStatusCode.OK, (await session.GetAsync(path)).Status);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await session.GetAsync("/organisations/new")).Status);
    }

    private static async Task AssertEveryOrganiserActionRefusedAsync(AnswerbackApp app, string email, bool areasToo)
    {
        using var session = app.Session();
        await session.SignInAsync(email);
        var before = await CountsAsync(app);

        var gets = new List<string> { Demo + "/register", Demo + "/members", Demo + "/roles", "/organisations/new" };
        if (areasToo)
        {
            gets.AddRange(["/areas/new", "/areas/import"]);
        }

        foreach (var path in gets)
        {
            var page = await session.GetAsync(path);
            Assert.True(page.Status == HttpStatusCode.Forbidden, $"GET {path} gave {page.Status}");
        }

        // Posts carry a valid antiforgery token (from the person's own account page), so only authorisation refuses them.
        var posts = new List<Page>
        {
            await session.PostFileAsync(Demo + "/register", [new("AreaCode", "E05013051")], "Upload", "register.csv", GoodRegister, formPage: "/accounts/me"),
            await session.PostFileAsync(Demo + "/members", [], "Upload", "members.csv", Encoding.UTF8.GetBytes("email\nsomeone@example.org\n"), formPage: "/accounts/me"),
            await session.PostFormAsync(Demo + "/roles", [new("Input.Email", email), new("Input.Role", "Organiser")], formPage: "/accounts/me"),
            await session.PostFormAsync("/organisations/new", [new("Input.Name", "Sneaky Party")], formPage: "/accounts/me"),
        };
        if (areasToo)
        {
            posts.Add(await session.PostFormAsync("/areas/new", [new("Input.Name", "Sneaky Ward"), new("Input.Code", "E09999999")], formPage: "/accounts/me"));
            posts.Add(await session.PostFileAsync("/areas/import", [], "Upload", "areas.csv", Encoding.UTF8.GetBytes("code,name,parent_code\nE09999998,Sneaky Town,\n"), formPage: "/accounts/me"));
        }

        foreach (var post in posts)
        {
            Assert.True(post.Status == HttpStatusCode.Forbidden, $"POST {post.Response.RequestMessage?.RequestUri} gave {post.Status}");
        }

        Assert.Equal(before, await CountsAsync(app));
    }

    private static Task<(int Entries, int Members, int Roles, int Organisations, int Areas)> CountsAsync(AnswerbackApp app) =>
        app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<AnswerbackDbContext>();
            return (await db.RegisterEntries.CountAsync(), await db.MemberListEntries.CountAsync(), await db.OrganisationRoles.CountAsync(),
                await db.Organisations.CountAsync(), await db.Areas.CountAsync());
        });
}
