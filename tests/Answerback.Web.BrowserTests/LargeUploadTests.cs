using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Answerback.Platform.Demo;

namespace Answerback.Web.BrowserTests;

/// <summary>
/// A 50 MB register extract through real Kestrel (whose default request limit is 30 MB): it reaches
/// the import and is refused line by line, not cut off at the door. Lives with the browser tests
/// because it needs the app on a real port; it needs no browser.
/// </summary>
public sealed partial class LargeUploadTests(LiveApp app) : IClassFixture<LiveApp>
{
    [Fact]
    public async Task UploadRegister_FiftyMegabytesOfBadLines_ReportedNotRejected()
    {
        var ct = TestContext.Current.CancellationToken;
        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        using var client = new HttpClient(handler) { BaseAddress = app.Address, Timeout = TimeSpan.FromMinutes(5) };

        using (var signIn = new FormUrlEncodedContent([new("email", DemoData.OrganiserEmail), new("__RequestVerificationToken", await TokenAsync(client, "/demo", ct))]))
        {
            Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(new Uri("/demo", UriKind.Relative), signIn, ct)).StatusCode);
        }

        var path = "/organisations/" + DemoData.OrganisationSlug + "/register";
        var csv = new StringBuilder("elector_number,postcode,area_code\n");
        var line = 1;
        while (csv.Length < 50 * 1024 * 1024)
        {
            line++;
            csv.Append("AR6-").Append(line).Append(",not a postcode,E05013051\n");
        }

        using var content = new MultipartFormDataContent
        {
            { new StringContent(await TokenAsync(client, path, ct)), "__RequestVerificationToken" },
            { new StringContent(DemoData.CambridgeCode), "AreaCode" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString())), "Upload", "big.csv" },
        };
        var response = await client.PostAsync(new Uri(path, UriKind.Relative), content, ct);
        var html = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Nothing was imported", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td><td>postcode</td>", html, StringComparison.Ordinal);
    }

    private static async Task<string> TokenAsync(HttpClient client, string path, CancellationToken ct)
    {
        var html = await client.GetStringAsync(new Uri(path, UriKind.Relative), ct);
        return Token().Match(html).Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
