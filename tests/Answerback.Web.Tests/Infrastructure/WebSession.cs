using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Answerback.Web.Tests.Infrastructure;

/// <summary>A response as the tests read it.</summary>
public sealed record Page(HttpStatusCode Status, string Html, HttpResponseMessage Response)
{
    public string? Location => Response.Headers.Location?.OriginalString;
}

/// <summary>
/// A browser-like conversation with the app: keeps cookies and posts forms the way a browser does,
/// with the antiforgery token taken from the page that holds the form.
/// </summary>
public sealed partial class WebSession(HttpClient client, Func<string, Task<string?>>? authenticatorKey = null) : IDisposable
{
    public const string DefaultPassword = "Correct-horse-42";

    public HttpClient Client { get; } = client;

    public async Task<Page> GetAsync(string path)
    {
        var response = await Client.GetAsync(new Uri(path, UriKind.Relative));
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>GETs <paramref name="path"/>, then posts <paramref name="fields"/> to it with the page's antiforgery token.</summary>
    public async Task<Page> PostFormAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string? formPage = null)
    {
        var token = await TokenAsync(formPage ?? path);
        var all = fields.Append(new("__RequestVerificationToken", token));
        using var content = new FormUrlEncodedContent(all);
        var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    /// <summary>Posts a multipart form with one file, as a browser's file upload does.</summary>
    public async Task<Page> PostFileAsync(string path, IEnumerable<KeyValuePair<string, string>> fields, string fileField, string fileName, byte[] file, string? formPage = null)
    {
        var token = await TokenAsync(formPage ?? path);
        using var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields.Append(new("__RequestVerificationToken", token)))
        {
            content.Add(new StringContent(value), key);
        }

        var fileContent = new ByteArrayContent(file);
        fileContent.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(fileContent, fileField, fileName);
        var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync(), response);
    }

    public async Task SignInAsync(string email, string password = DefaultPassword)
    {
        var page = await PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", password)]);
        if (page.Location?.StartsWith("/accounts/sign-in-two-factor", StringComparison.Ordinal) == true
            && authenticatorKey is not null && await authenticatorKey(email) is { } key)
        {
            page = await PostFormAsync(page.Location, [new("Input.Code", Totp.Code(key))]);
        }

        if (page.Status != HttpStatusCode.Redirect || page.Location?.StartsWith("/accounts/sign-in", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in of {email} failed: {page.Status}\n{Text(page.Html)}");
        }
    }

    public async Task<string> TokenAsync(string path)
    {
        var page = await GetAsync(path);
        if (page.Status != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} gave {page.Status}, so it has no form to post.");
        }

        var match = TokenPattern().Match(page.Html);
        return match.Success ? match.Groups[1].Value : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    /// <summary>The page's text without tags, whitespace collapsed (for "the page says ..." assertions).</summary>
    public static string Text(string html) =>
        WebUtility.HtmlDecode(Whitespace().Replace(Tags().Replace(html, " "), " ")).Trim();

    public void Dispose() => Client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
