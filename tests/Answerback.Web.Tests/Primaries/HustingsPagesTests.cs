using System.Net;
using Answerback.Platform.Demo;
using Answerback.Platform.Primaries;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Primaries;

/// <summary>Members ask and support, candidates answer, through the hustings page's forms; statements are sanitised.</summary>
public sealed class HustingsPagesTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Hustings_AskSupportAnswer_ThroughTheForms(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var party = await app.DemoPartyAsync();
        var id = await app.PrimaryAsync(party, "Hustings pages " + provider);
        var hustings = $"/primaries/{id}/hustings";

        using var anonymous = app.Session();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(hustings)).Status);
        var signedOut = await anonymous.PostFormAsync(hustings + "?handler=Ask", [new("Question", "Anonymous?")], formPage: "/accounts/sign-in");
        Assert.Equal(HttpStatusCode.Redirect, signedOut.Status);
        Assert.Contains("/accounts/sign-in", signedOut.Location, StringComparison.Ordinal);

        // The organiser and moderator are on the demo member list: both may ask.
        using var organiser = await app.DemoSessionAsync(DemoData.OrganiserEmail);
        for (var i = 1; i <= AskQuestion.PerDay; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await organiser.PostFormAsync(hustings + "?handler=Ask", [new("Question", $"Organiser question {i}?")])).Status);
        }

        var fourth = await organiser.PostFormAsync(hustings + "?handler=Ask", [new("Question", "One too many?")]);
        Assert.Equal(HttpStatusCode.OK, fourth.Status);
        Assert.Contains("You have asked 3 questions today", WebSession.Text(fourth.Html), StringComparison.Ordinal);

        using var moderator = await app.DemoSessionAsync(DemoData.ModeratorEmail);
        var view = await app.HustingsAsync(id);
        var third = view.Questions.Single(q => q.Text == "Organiser question 3?");
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(hustings + $"?handler=Support&questionId={third.Id}", [])).Status);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(hustings + $"?handler=Support&questionId={third.Id}", [], formPage: hustings)).Status);
        view = await app.HustingsAsync(id);
        Assert.Equal(("Organiser question 3?", 1), (view.Questions[0].Text, view.Questions[0].Supports));

        // A signed-in person outside the electorate is told why and cannot ask.
        var outsider = $"outsider-hustings-{provider}@example.org";
        await app.CreatePersonAsync(outsider);
        using var outside = app.Session();
        await outside.SignInAsync(outsider);
        Assert.Contains("You cannot ask or support questions in this primary: Only members of", WebSession.Text((await outside.GetAsync(hustings)).Html), StringComparison.Ordinal);
        var refused = await outside.PostFormAsync(hustings + "?handler=Ask", [new("Question", "Me too?")], formPage: "/accounts/me");
        Assert.Contains("Only members of", WebSession.Text(refused.Html), StringComparison.Ordinal);

        using var ana = await app.DemoSessionAsync(DemoData.FirstCandidateEmail);
        var answered = await ana.PostFormAsync(hustings + $"?handler=Answer&questionId={third.Id}", [new("Answer", "Yes. [Read more](javascript:alert(1)) <img src=x onerror=alert(1)>")]);
        Assert.Equal(HttpStatusCode.Redirect, answered.Status);
        var page = (await anonymous.GetAsync(hustings)).Html;
        Assert.Contains("Ana Candidate (demo)</a> answers", page, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", page, StringComparison.Ordinal);

        var primaryPage = WebSession.Text((await anonymous.GetAsync($"/primaries/{id}")).Html);
        Assert.Contains("Ana Candidate (demo) 1 of 3", primaryPage, StringComparison.Ordinal);
        Assert.Contains("Ben Candidate (demo) 0 of 3", primaryPage, StringComparison.Ordinal);

        // Withdrawing support is counted at once.
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.PostFormAsync(hustings + $"?handler=Unsupport&questionId={third.Id}", [])).Status);
        Assert.All((await app.HustingsAsync(id)).Questions, q => Assert.Equal(0, q.Supports));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Candidate_NominatesThemselves_WritesAStatement_ShownSanitised(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var party = await app.DemoPartyAsync();
        var id = await app.PrimaryAsync(party, "Statements " + provider, hustings: false);
        app.Time.Advance(TimeSpan.FromMinutes(1));

        using var ben = await app.DemoSessionAsync(DemoData.SecondCandidateEmail);
        var nominated = await ben.PostFormAsync($"/primaries/{id}/nominate?handler=Self", []);
        Assert.Equal($"/primaries/{id}/candidacy", nominated.Location);
        var saved = await ben.PostFormAsync($"/primaries/{id}/candidacy?handler=Statement", [new("Statement", "# Why me\n\nI **care**. <script>alert('x')</script>")]);
        Assert.Equal(HttpStatusCode.Redirect, saved.Status);

        var candidate = (await app.WithScopeAsync(s => s.GetRequiredService<HustingsQuery>().NominationsAsync(id))).Single().Candidate;
        using var anonymous = app.Session();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/primaries/{id}/candidates/{candidate.Id}")).Status);
        PrimariesArrange.Succeeded(await app.WithScopeAsync(s => s.GetRequiredService<ApproveCandidate>().ApproveAsync(party.Organiser, candidate.Id)));
        var html = (await anonymous.GetAsync($"/primaries/{id}/candidates/{candidate.Id}")).Html;
        Assert.Contains("<h3>Why me</h3>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>care</strong>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Moderator_HidesAQuestion_PlaceholderAndLog_AuthorAppeals(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var party = await app.DemoPartyAsync();
        var id = await app.PrimaryAsync(party, "Moderated hustings " + provider);
        var hustings = $"/primaries/{id}/hustings";
        using var author = await app.DemoSessionAsync(DemoData.OrganiserEmail);
        Assert.Equal(HttpStatusCode.Redirect, (await author.PostFormAsync(hustings + "?handler=Ask", [new("Question", "Is Ben's home address 1 Mill Road?")])).Status);
        var question = (await app.HustingsAsync(id)).Questions.Single();

        // Someone outside the organisation cannot hide it; its moderator can, for a listed reason only.
        using var citizen = app.Session();
        var citizenEmail = $"citizen-moderation-{provider}@example.org";
        await app.CreatePersonAsync(citizenEmail);
        await citizen.SignInAsync(citizenEmail);
        Assert.DoesNotContain("/moderation/hide?", (await citizen.GetAsync(hustings)).Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await citizen.GetAsync($"/moderation/hide?kind=hustings-question&id={question.Id}")).Status);
        using var moderator = await app.DemoSessionAsync(DemoData.ModeratorEmail);
        Assert.Contains($"/moderation/hide?kind=hustings-question&amp;id={question.Id}", (await moderator.GetAsync(hustings)).Html, StringComparison.Ordinal);
        var hidden = await moderator.PostFormAsync("/moderation/hide", [new("kind", "hustings-question"), new("id", question.Id.ToString()), new("reason", "PersonalData")],
            formPage: $"/moderation/hide?kind=hustings-question&id={question.Id}");
        Assert.Equal(HttpStatusCode.Redirect, hidden.Status);
        var decision = hidden.Location!;

        using var anonymous = app.Session();
        var page = WebSession.Text((await anonymous.GetAsync(hustings)).Html);
        Assert.Contains("Hidden by a moderator (reason: personal data)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Mill Road", page, StringComparison.Ordinal);
        Assert.Contains("a moderator", WebSession.Text((await anonymous.GetAsync("/moderation")).Html), StringComparison.Ordinal);

        // Hidden questions cannot be answered or supported, and leave the top questions.
        using var ana = await app.DemoSessionAsync(DemoData.FirstCandidateEmail);
        var answer = await ana.PostFormAsync(hustings + $"?handler=Answer&questionId={question.Id}", [new("Answer", "No comment")]);
        Assert.Contains("A moderator has hidden this question", WebSession.Text(answer.Html), StringComparison.Ordinal);
        Assert.Empty((await app.HustingsAsync(id)).Top);

        var appealed = await author.PostFormAsync(decision + "?handler=Appeal", [new("Text", "It is a public office address.")], formPage: decision);
        Assert.Equal(HttpStatusCode.Redirect, appealed.Status);
        var again = await author.PostFormAsync(decision + "?handler=Appeal", [new("Text", "Again.")], formPage: decision);
        Assert.Contains("already appealed", WebSession.Text(again.Html), StringComparison.Ordinal);
    }
}
