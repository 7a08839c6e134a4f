using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Answerback.Counting;
using Answerback.Counting.Formats;
using Answerback.Platform.Accounts;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Primaries;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Primaries;

/// <summary>An app of its own: the tests move its clock through a primary's timetable.</summary>
public sealed class PrimaryClockFixture : AppFixture
{
    protected override bool Demo => true;
}

/// <summary>
/// The voting journey through the pages: a verified resident votes online and a postal-code holder
/// without an account; each looks up their tracking code; the count publishes the result; the BLT
/// download recounts to the same report as the API's result.
/// </summary>
public sealed partial class VoteInOpenPrimaryTests(PrimaryClockFixture apps) : IClassFixture<PrimaryClockFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Vote_OnlineAndByPost_TrackedCountedAndRecountable(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var (primaryId, codes, closes) = await VotingPrimaryAsync(app);

        using var resident = app.Session();
        await resident.PostFormAsync("/demo", [new("email", DemoData.VerifiedResidentEmail)]);
        var vote = $"/primaries/{primaryId}/vote";
        var form = await resident.GetAsync(vote);
        Assert.Equal(HttpStatusCode.OK, form.Status);
        Assert.Contains("Preference for Ana Candidate", form.Html, StringComparison.Ordinal);
        var gap = await resident.PostFormAsync(vote + "?handler=Review", [new("Ranks[0]", ""), new("Ranks[1]", "2")], vote);
        Assert.Contains("No candidate is numbered 1", WebSession.Text(gap.Html), StringComparison.Ordinal);
        var review = await resident.PostFormAsync(vote + "?handler=Review", [new("Ranks[0]", "2"), new("Ranks[1]", "1")], vote);
        Assert.Contains("Check your ballot", review.Html, StringComparison.Ordinal);
        var online = await resident.PostFormAsync(vote + "?handler=Cast", [new("Ranks[0]", "2"), new("Ranks[1]", "1")], vote);
        var onlineCode = TrackingCode(online.Html);
        var again = await resident.GetAsync(vote);
        Assert.Contains(WebSession.Text(CastBallot.AlreadyVotedMessage), WebSession.Text(again.Html), StringComparison.Ordinal);

        using var holder = app.Session();
        var wrong = await holder.PostFormAsync(vote + "?handler=Cast", [new("Ranks[0]", "1"), new("Code", CredentialCodes.Format(CredentialCodes.New()))], vote);
        Assert.Contains(WebSession.Text(CastBallot.CodeUnknownMessage), WebSession.Text(wrong.Html), StringComparison.Ordinal);
        var postal = await holder.PostFormAsync(vote + "?handler=Cast", [new("Ranks[0]", "1"), new("Code", codes[0].ToLowerInvariant())], vote);
        var postalCode = TrackingCode(postal.Html);

        // Accepted; on the board once the appender's batch (a job here) has run.
        var lookup = WebSession.Text((await holder.GetAsync($"/primaries/{primaryId}/track?Code={postalCode}")).Html);
        Assert.True(lookup.Contains("being added to the board", StringComparison.Ordinal) || lookup.Contains("on the board, sealed", StringComparison.Ordinal), lookup);
        await app.WithScopeAsync(s => s.GetRequiredService<AppendToBoard>().AppendAsync(primaryId));
        var sealedLookup = WebSession.Text((await holder.GetAsync($"/primaries/{primaryId}/track?Code={postalCode}")).Html);
        Assert.Contains("on the board, sealed", sealedLookup, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await holder.GetAsync($"/api/primaries/{primaryId}/ballots.blt")).Status);

        app.Time.SetUtcNow(closes.AddMinutes(1));
        Assert.True(await app.WithScopeAsync(s => s.GetRequiredService<CountPrimary>().RunAsync(primaryId)));

        var tracked = WebSession.Text((await resident.GetAsync($"/primaries/{primaryId}/track?Code={onlineCode}")).Html);
        Assert.Contains("as recorded and counted", tracked, StringComparison.Ordinal);
        Assert.True(tracked.IndexOf("Ben Candidate", StringComparison.Ordinal) < tracked.IndexOf("Ana Candidate", StringComparison.Ordinal), tracked);
        var resultPage = await holder.GetAsync($"/primaries/{primaryId}/result");
        Assert.Contains("<svg", resultPage.Html, StringComparison.Ordinal);
        Assert.Contains("Elected:", WebSession.Text(resultPage.Html), StringComparison.Ordinal);
        var result = JsonNode.Parse((await holder.GetAsync($"/api/primaries/{primaryId}/result")).Html)!.AsObject();
        Assert.Equal("av", result["method"]!.GetValue<string>());
        var board = BoardDocument.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes((await holder.GetAsync($"/api/primaries/{primaryId}/board")).Html)), "board.json");
        Assert.True(VerifyBoard.Run(board).Succeeded);
        Assert.Equal(2, board.Entries.Count);

        // As `answerback count ballots.blt --method av --seed S --format json` does it.
        var blt = (await holder.GetAsync($"/api/primaries/{primaryId}/ballots.blt")).Html;
        var election = BltFormat.Read(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(blt)), "ballots.blt");
        var recount = BoardCount.ReportJson(CountingMethods.Get("av").Count(election, new CountOptions { Seed = result["seed"]!.GetValue<int>() }));
        Assert.True(JsonNode.DeepEquals(result, recount), recount.ToJsonString());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task PostalCodes_SomeoneWhoIsNotAnOrganiser_Forbidden(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var (primaryId, _, _) = await VotingPrimaryAsync(app);
        await app.CreatePersonAsync($"outsider-{provider}@example.org", twoFactor: true);
        using var outsider = app.Session();
        await outsider.SignInAsync($"outsider-{provider}@example.org");

        var token = await outsider.TokenAsync($"/primaries/{primaryId}/postal-codes");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent("elector_number,postcode\nAR1-0002,CB4 2JD\n"u8.ToArray()), "Register", "register.csv" },
        };
        var response = await outsider.Client.PostAsync(new Uri($"/primaries/{primaryId}/postal-codes", UriKind.Relative), content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static string TrackingCode(string html)
    {
        var match = TrackingCodePattern().Match(html);
        Assert.True(match.Success, WebSession.Text(html));
        return match.Groups[1].Value;
    }

    [GeneratedRegex(@"class=""tracking-code""><strong>([0-9A-Z]{5}-[0-9A-Z]{5})</strong>")]
    private static partial Regex TrackingCodePattern();

    /// <summary>A published primary of the demo party for Cambridge, its voting open now, with two postal codes.</summary>
    private static async Task<(Guid Id, IReadOnlyList<string> Codes, DateTimeOffset Closes)> VotingPrimaryAsync(AnswerbackApp app)
    {
        return await app.WithScopeAsync(async s =>
        {
            var db = s.GetRequiredService<AnswerbackDbContext>();
            var users = s.GetRequiredService<UserManager<Person>>();
            var organiser = (await users.FindByEmailAsync(DemoData.OrganiserEmail))!.Id;
            var organisation = await db.Organisations.Where(o => o.Slug == DemoData.OrganisationSlug).Select(o => o.Id).SingleAsync();
            var city = await db.Areas.Where(a => a.Code == DemoData.CambridgeCode).Select(a => a.Id).SingleAsync();
            var now = app.Time.GetUtcNow();
            var timetable = new PrimaryTimetable(now.AddDays(1), now.AddDays(2), now.AddDays(3), now.AddDays(4));
            var created = await s.GetRequiredService<CreatePrimary>().CreateAsync(organiser, organisation,
                new PrimaryDetails($"Cambridge test {Guid.NewGuid():N}", null, city, 1, "av", Electorate.VerifiedResidents, timetable));
            Assert.True(created.Succeeded, string.Join("; ", created.Errors));
            var id = created.Value!.Id;
            // Approved candidates (written directly until the nomination use cases are merged).
            var number = 1;
            foreach (var email in new[] { DemoData.FirstCandidateEmail, DemoData.SecondCandidateEmail })
            {
                var person = (await users.FindByEmailAsync(email))!.Id;
                db.Candidates.Add(new Candidate { Id = Guid.NewGuid(), PrimaryId = id, PersonId = person, Status = CandidateStatus.Approved, OrderNumber = number++, NominatedByPersonId = person, NominatedAt = now, AcceptedAt = now, ApprovedAt = now });
            }

            await db.SaveChangesAsync();
            Assert.True((await s.GetRequiredService<PublishPrimary>().PublishAsync(organiser, id)).Succeeded);
            var export = await s.GetRequiredService<ExportPostalCodes>().ExportAsync(id, organiser,
                new MemoryStream("elector_number,postcode\nAR1-0002,CB4 2JD\nRO1-0001,CB1 3NE\n"u8.ToArray()), "register.csv");
            Assert.True(export.Succeeded, string.Join("; ", export.Errors));
            app.Time.SetUtcNow(timetable.VotingOpens.AddMinutes(1));
            return (id, (IReadOnlyList<string>)[.. export.Value!.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[2])], timetable.VotingCloses);
        });
    }
}
