using System.Net;
using System.Text;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Organisations;

/// <summary>Uploading a register extract through the organiser page: line errors, all or nothing.</summary>
public sealed class RegisterUploadTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    private const string Path = "/organisations/" + DemoData.OrganisationSlug + "/register";

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Upload_BadLines_ListsEachLineAndImportsNothing(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = await OrganiserAsync(app);
        var before = await EntriesAsync(app);
        var csv = Encoding.UTF8.GetBytes(
            "elector_number,postcode,area_code,full_name\n" +
            "AR7-0001,CB4 2JB,E05013051,Alice Example\n" +   // line 2: good
            "AR7-0002,not a postcode,E05013051,Bob\n" +      // line 3: bad postcode
            "\n" +                                           // line 4: blank line in the middle
            "AR7-0001,CB4 2JD,E05013051,Carol\n" +           // line 5: duplicate elector number
            "AR7-0003,CB4 2JB,E05013062,Dan\n");             // line 6: good (Trumpington is within Cambridge)

        var page = await session.PostFileAsync(Path, [new("AreaCode", DemoData.CambridgeCode)], "Upload", "bad-register.csv", csv);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, page.Status);
        var text = WebSession.Text(page.Html);
        Assert.Contains("Nothing was imported", text, StringComparison.Ordinal);
        Assert.Contains("bad-register.csv", text, StringComparison.Ordinal);
        Assert.Contains("3 postcode", text, StringComparison.Ordinal);
        Assert.Contains("5 elector_number", text, StringComparison.Ordinal);
        Assert.Matches("<td>4</td>", page.Html);
        Assert.DoesNotContain("Alice", page.Html, StringComparison.Ordinal);
        Assert.Equal(before, await EntriesAsync(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Upload_MissingColumnOrBadEncoding_NamedAndNothingImported(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = await OrganiserAsync(app);
        var before = await EntriesAsync(app);

        var missing = await session.PostFileAsync(Path, [new("AreaCode", DemoData.CambridgeCode)], "Upload", "no-postcode.csv",
            Encoding.UTF8.GetBytes("elector_number,area_code\nAR7-0101,E05013051\n"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, missing.Status);
        Assert.Contains("missing column &#x27;postcode&#x27;", missing.Html, StringComparison.Ordinal);

        var latin1 = Encoding.Latin1.GetBytes("elector_number,postcode,area_code,name\nAR7-0201,CB4 2JB,E05013051,Zoë\n");
        var encoding = await session.PostFileAsync(Path, [new("AreaCode", DemoData.CambridgeCode)], "Upload", "latin1.csv", latin1);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, encoding.Status);
        Assert.Contains("<td>2</td>", encoding.Html, StringComparison.Ordinal);

        Assert.Equal(before, await EntriesAsync(app));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Upload_GoodFile_ImportedAndCounted(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        using var session = await OrganiserAsync(app);
        var before = await EntriesAsync(app);
        var csv = Encoding.UTF8.GetBytes("elector_number,postcode,area_code\nAB8-0001,CB1 1AA,E05013050\nAB8-0002,CB1 1AB,E05013050\n");

        var page = await session.PostFileAsync(Path, [new("AreaCode", "E05013050")], "Upload", "abbey.csv", csv);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("2 new entries imported from abbey.csv", WebSession.Text(page.Html), StringComparison.Ordinal);
        Assert.Equal(before + 2, await EntriesAsync(app));
    }

    private static async Task<WebSession> OrganiserAsync(AnswerbackApp app)
    {
        var session = app.Session();
        var signIn = await session.PostFormAsync("/demo", [new("email", DemoData.OrganiserEmail)]);
        Assert.Equal(HttpStatusCode.Redirect, signIn.Status);
        return session;
    }

    private static Task<int> EntriesAsync(AnswerbackApp app) =>
        app.WithScopeAsync(services => services.GetRequiredService<AnswerbackDbContext>().RegisterEntries.CountAsync());
}
