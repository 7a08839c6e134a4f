using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Answerback.Platform;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Platform.Residency;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Testing;

/// <summary>
/// The web app as a separate process (<c>dotnet Answerback.Web.dll</c>), so it can be killed with
/// SIGKILL mid-request (the durability test) or loaded over real HTTP (the load run in bench/).
/// Settings go in as environment variables.
/// </summary>
public sealed class WebProcess : IAsyncDisposable
{
    private readonly Process process;

    private WebProcess(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>CPU time the app's process has used so far (user and system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The built web app beside the repository's sources (Debug or Release, whichever is newer).</summary>
    public static string WebDll(string repositoryRoot) =>
        new[] { "Release", "Debug" }.Select(c => Path.Combine(repositoryRoot, "src", "Answerback.Web", "bin", c, "net10.0", "Answerback.Web.dll"))
            .Where(File.Exists).OrderByDescending(File.GetLastWriteTimeUtc).FirstOrDefault()
        ?? throw new InvalidOperationException("Build src/Answerback.Web first: no Answerback.Web.dll under src/Answerback.Web/bin.");

    /// <summary>Starts the app on <paramref name="port"/> and waits until /healthz answers.</summary>
    public static async Task<WebProcess> StartAsync(string webDll, IReadOnlyDictionary<string, string?> settings, int port, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", [webDll])
        {
            WorkingDirectory = Path.GetDirectoryName(webDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var address = new Uri("http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture));
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web = new WebProcess(process, address);
        using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(5) };
        for (var attempt = 0; attempt < 600; attempt++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException("The web app exited at start with code " + process.ExitCode.ToString(CultureInfo.InvariantCulture));
            }

            try
            {
                if ((await client.GetAsync(new Uri("/healthz", UriKind.Relative), ct)).IsSuccessStatusCode)
                {
                    return web;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(200, ct);
        }

        await web.DisposeAsync();
        throw new TimeoutException("The web app did not answer /healthz within two minutes.");
    }

    /// <summary>SIGKILL: no shutdown, no flushing, as a crash or an OOM kill.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>A primary in voting with postal codes, set up through the use cases on the web app's database.</summary>
public sealed record CastingPrimary(Guid Id, IReadOnlyList<string> Codes, DateTimeOffset VotingOpens);

/// <summary>One cast over HTTP: whether the app acknowledged it, its tracking code, and the time taken.</summary>
public sealed record CastOutcome(bool Acknowledged, string? TrackingCode, TimeSpan Latency, HttpStatusCode? Status);

/// <summary>Sets up a primary for casting over HTTP, and casts with postal codes as a browser would.</summary>
public static partial class CastingLoad
{
    /// <summary>
    /// Creates an area, an organisation, its organiser, a primary voting from a few seconds from now
    /// for a day, three candidates, a register of <paramref name="codes"/> electors and a postal code
    /// for each, on the database of <paramref name="settings"/> (already migrated by the web app).
    /// </summary>
    public static async Task<CastingPrimary> SetUpAsync(IReadOnlyDictionary<string, string?> settings, int codes, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings.Append(new("Jobs:RunServer", "false"))).Build());
        await using var provider = services.BuildServiceProvider();
        await using var scope = provider.CreateAsyncScope();
        var s = scope.ServiceProvider;
        var suffix = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var area = await Check(s.GetRequiredService<CreateArea>().CreateAsync("Loadville " + suffix, "L" + suffix, null, ct));
        var organisation = await Check(s.GetRequiredService<CreateOrganisation>().CreateAsync("Load Party " + suffix, null, null, ct));
        var users = s.GetRequiredService<UserManager<Person>>();
        var now = TimeProvider.System.GetUtcNow();
        var organiser = Person.Create($"organiser-{suffix}@example.org", "Organiser", now, emailConfirmed: true);
        await users.CreateAsync(organiser);
        await Check(s.GetRequiredService<GrantOrganisationRole>().GrantAsync(organisation.Id, organiser.Id, OrganisationRoleKind.Organiser, ct));
        // The timetable from the moment of creation (a loaded machine may have taken seconds to get here).
        now = TimeProvider.System.GetUtcNow();
        var opens = now.AddSeconds(15);
        var primary = await Check(s.GetRequiredService<CreatePrimary>().CreateAsync(organiser.Id, organisation.Id,
            new PrimaryDetails("Load test " + suffix, null, area.Id, 1, "av", Electorate.VerifiedResidents, new PrimaryTimetable(now.AddSeconds(5), now.AddSeconds(10), opens, now.AddDays(1))), ct));
        var db = s.GetRequiredService<AnswerbackDbContext>();
        for (var i = 0; i < 3; i++)
        {
            // Approved candidates written directly until the nomination use cases are merged.
            var person = Person.Create($"candidate{i}-{suffix}@example.org", "Candidate " + (char)('A' + i), now, emailConfirmed: true);
            await users.CreateAsync(person);
            db.Candidates.Add(new Candidate { Id = Guid.NewGuid(), PrimaryId = primary.Id, PersonId = person.Id, Status = CandidateStatus.Approved, OrderNumber = i + 1, NominatedByPersonId = person.Id, NominatedAt = now, AcceptedAt = now, ApprovedAt = now });
        }

        await db.SaveChangesAsync(ct);
        await Check(s.GetRequiredService<PublishPrimary>().PublishAsync(organiser.Id, primary.Id, ct));
        var register = new StringBuilder("elector_number,postcode\n");
        for (var i = 0; i < codes; i++)
        {
            register.Append(CultureInfo.InvariantCulture, $"LD1-{i},CB4 2JB\n");
        }

        var bytes = Encoding.UTF8.GetBytes(register.ToString());
        var imported = await s.GetRequiredService<ImportRegister>().ImportAsync(new MemoryStream(bytes), "register.csv", organisation.Id, "L" + suffix, ct);
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", imported.Errors));
        }

        var export = await Check(s.GetRequiredService<ExportPostalCodes>().ExportAsync(primary.Id, organiser.Id, new MemoryStream(bytes), "register.csv", ct));
        return new CastingPrimary(primary.Id, [.. export.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[2])], opens);
    }

    /// <summary>A client as a browser: it fetches the ballot page once (antiforgery cookie and token), then posts casts.</summary>
    public static async Task<(HttpClient Client, string Token)> ClientAsync(Uri address, Guid primaryId, CancellationToken ct)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        var html = await client.GetStringAsync(new Uri($"/primaries/{primaryId}/vote", UriKind.Relative), ct);
        var token = TokenPattern().Match(html);
        return token.Success ? (client, token.Groups[1].Value) : throw new InvalidOperationException("No antiforgery token on the ballot page.");
    }

    /// <summary>Casts a ranked ballot with a postal code; acknowledged when the page shows a tracking code.</summary>
    public static async Task<CastOutcome> CastAsync(HttpClient client, string token, Guid primaryId, string code, int first, CancellationToken ct)
    {
        // Every index is sent, the third left blank, as a browser sends the form: model binding stops a
        // list at its first missing index, so sending only two (say Ranks[1] and Ranks[2]) bound nothing
        // and two casts in three were refused as incomplete.
        var ranks = new string[3];
        ranks[first % 3] = "1";
        ranks[(first + 1) % 3] = "2";
        ranks[(first + 2) % 3] = "";
        using var content = new FormUrlEncodedContent([
            new("__RequestVerificationToken", token),
            new("Ranks[0]", ranks[0]),
            new("Ranks[1]", ranks[1]),
            new("Ranks[2]", ranks[2]),
            new("Code", code)]);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await client.PostAsync(new Uri($"/primaries/{primaryId}/vote?handler=Cast", UriKind.Relative), content, ct);
            var html = await response.Content.ReadAsStringAsync(ct);
            var tracking = TrackingPattern().Match(html);
            return new CastOutcome(response.IsSuccessStatusCode && tracking.Success, tracking.Success ? tracking.Groups[1].Value.Replace("-", "", StringComparison.Ordinal) : null, clock.Elapsed, response.StatusCode);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            return new CastOutcome(false, null, clock.Elapsed, null);
        }
    }

    private static async Task<T> Check<T>(Task<Result<T>> call)
        where T : class
    {
        var result = await call;
        return result.Succeeded ? result.Value : throw new InvalidOperationException(string.Join("; ", result.Errors));
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"class=""tracking-code""><strong>([0-9A-Z]{5}-[0-9A-Z]{5})</strong>")]
    private static partial Regex TrackingPattern();
}
