using System.Net;
using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Organisations;

/// <summary>What an organiser and an administrator can do through the pages.</summary>
public sealed class OrganiserActionsTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    private const string Demo = "/organisations/" + DemoData.OrganisationSlug;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GrantRole_ExistingAccount_BecomesModerator(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"new-moderator-{provider}@example.org";
        var person = await app.CreatePersonAsync(email);
        using var session = await OrganiserAsync(app);

        var page = await session.PostFormAsync(Demo + "/roles", [new("Input.Email", email), new("Input.Role", "Moderator")]);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("is now moderator of " + DemoData.OrganisationName, WebSession.Text(page.Html), StringComparison.Ordinal);
        var granted = await app.WithScopeAsync(services => services.GetRequiredService<OrganisationAccess>()
            .IsModeratorAsync(person.Id, DemoOrganisationId(services)));
        Assert.True(granted);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task GrantRole_UnknownEmail_SaysSoAndGrantsNothing(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = await OrganiserAsync(app);
        var before = await app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().OrganisationRoles.CountAsync());

        var page = await session.PostFormAsync(Demo + "/roles", [new("Input.Email", $"nobody-{provider}@example.org"), new("Input.Role", "Organiser")]);

        Assert.Contains("No account uses this email address", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().OrganisationRoles.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task UploadMembers_GoodAndBadFiles_AllOrNothing(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = await OrganiserAsync(app);
        var before = await MembersAsync(app);

        var bad = await session.PostFileAsync(Demo + "/members", [], "Upload", "members.csv",
            Encoding.UTF8.GetBytes("email,name\nann@example.org,Ann\nnot-an-address,Bo\nANN@example.org,Ann again\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.Status);
        var text = WebSession.Text(bad.Html);
        Assert.Contains("3 email not an email address", text, StringComparison.Ordinal);
        Assert.Contains("4 email the same address is already on line 2", text, StringComparison.Ordinal);
        Assert.Equal(before, await MembersAsync(app));

        var good = await session.PostFileAsync(Demo + "/members", [], "Upload", "members.csv",
            Encoding.UTF8.GetBytes($"email\nann-{provider}@example.org\nbo-{provider}@example.org\n"));
        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Contains("2 new members imported", WebSession.Text(good.Html), StringComparison.Ordinal);
        Assert.Equal(before + 2, await MembersAsync(app));
        // Only hashes are stored.
        var stored = await app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().MemberListEntries.Select(m => m.EmailHash).ToListAsync());
        Assert.DoesNotContain(stored, h => h.Contains('@', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CreateAndImportAreas_Organiser_AreaPagesExist(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = await OrganiserAsync(app);
        var suffix = provider == Provider.Sqlite ? "1" : "2";

        var created = await session.PostFormAsync("/areas/new", [new("Input.Name", $"Grantchester {provider}"), new("Input.Code", "E0499990" + suffix)]);
        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        var area = await session.GetAsync(created.Location!);
        Assert.Contains("E0499990" + suffix, area.Html, StringComparison.Ordinal);

        var areasBefore = await app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().Areas.CountAsync());
        var badImport = await session.PostFileAsync("/areas/import", [], "Upload", "areas.csv",
            Encoding.UTF8.GetBytes($"code,name,parent_code\nE0588880{suffix},Fen Ditton {provider},E0499990{suffix}\nE0588881{suffix},,E0499990{suffix}\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, badImport.Status);
        Assert.Contains("3 name missing", WebSession.Text(badImport.Html), StringComparison.Ordinal);
        Assert.Equal(areasBefore, await app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().Areas.CountAsync()));

        var import = await session.PostFileAsync("/areas/import", [], "Upload", "areas.csv",
            Encoding.UTF8.GetBytes($"code,name,parent_code\nE0588880{suffix},Fen Ditton {provider},E0499990{suffix}\n"));
        Assert.Equal(HttpStatusCode.OK, import.Status);
        Assert.Contains("1 created", WebSession.Text(import.Html), StringComparison.Ordinal);
        var parent = WebSession.Text((await session.GetAsync(created.Location!)).Html);
        Assert.Contains("Areas within Grantchester", parent, StringComparison.Ordinal);
        Assert.Contains($"Fen Ditton {provider}", parent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task CreateOrganisation_Administrator_PageExists(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        await app.CreatePersonAsync($"admin-{provider}@example.org", role: Roles.Administrator);
        using var session = app.Session();
        await session.SignInAsync($"admin-{provider}@example.org");
        var slug = $"fenland-greens-{provider.ToString().ToLowerInvariant()}";

        var created = await session.PostFormAsync("/organisations/new", [new("Input.Name", "Fenland Greens"), new("Input.Slug", slug), new("Input.Description", "A campaign.")]);

        Assert.Equal(HttpStatusCode.Redirect, created.Status);
        Assert.Equal("/organisations/" + slug, created.Location);
        var page = await session.GetAsync(created.Location!);
        Assert.Contains("Fenland Greens", page.Html, StringComparison.Ordinal);
        Assert.Contains("Organiser tools", page.Html, StringComparison.Ordinal);

        var duplicate = await session.PostFormAsync("/organisations/new", [new("Input.Name", "Fenland Greens again"), new("Input.Slug", slug)]);
        Assert.Equal(HttpStatusCode.OK, duplicate.Status);
        Assert.Contains($"The address {slug} is taken.", duplicate.Html, StringComparison.Ordinal);
    }

    private static Guid DemoOrganisationId(IServiceProvider services) =>
        services.GetRequiredService<AnswerbackDbContext>().Organisations.Single(o => o.Slug == DemoData.OrganisationSlug).Id;

    private static Task<int> MembersAsync(AnswerbackApp app) =>
        app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().MemberListEntries.CountAsync());

    private static async Task<WebSession> OrganiserAsync(AnswerbackApp app)
    {
        var session = app.Session();
        var signIn = await session.PostFormAsync("/demo", [new("email", DemoData.OrganiserEmail)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        return session;
    }
}
