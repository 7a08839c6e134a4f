using Answerback.Platform.Common;
using Answerback.Platform.Primaries;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Primaries;

public abstract class HustingsTests(TestProvider provider) : PlatformTest(provider)
{
    private Task<Result<HustingsQuestion>> Ask(Guid person, Guid primary, string text)
        => Db.With<AskQuestion, Result<HustingsQuestion>>(a => a.AskAsync(person, primary, text));

    [Fact]
    public async Task AskAsync_OnlyEligible_OnlyWhileOpen_WithinLength()
    {
        var (_, ward, _) = await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        var organiser = await Db.OrganiserAsync(organisation, "org@example.org");
        var member = await Db.PersonAsync("member@example.org");
        await Db.With<Platform.Organisations.ImportMembers, Platform.Organisations.MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\nmember@example.org\n"), "m.csv", organisation));
        var primary = await Db.PrimaryAsync(organiser, organisation, ward, electorate: Electorate.Members);
        Db.Time.Advance(TimeSpan.FromDays(1));
        Assert.Equal("primary", Assert.Single((await Ask(member, primary.Id, "Too early?")).Errors).Field);
        Db.Time.Advance(TimeSpan.FromDays(2));
        var outsider = await Db.PersonAsync("outsider@example.org");
        var refused = await Ask(outsider, primary.Id, "May I?");
        Assert.Equal(PrimaryAccess.Field, Assert.Single(refused.Errors).Field);
        Assert.Contains("Only members of", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal("text", Assert.Single((await Ask(member, primary.Id, new string('x', AskQuestion.MaxLength + 1))).Errors).Field);
        Assert.Equal("text", Assert.Single((await Ask(member, primary.Id, "   ")).Errors).Field);
        Assert.True((await Ask(member, primary.Id, new string('x', AskQuestion.MaxLength))).Succeeded);
        // Still open while voting; closed once voting closes.
        Db.Time.Advance(TimeSpan.FromDays(7));
        Assert.True((await Ask(member, primary.Id, "During voting?")).Succeeded);
        Db.Time.Advance(TimeSpan.FromDays(2));
        Assert.Equal("primary", Assert.Single((await Ask(member, primary.Id, "After the close?")).Errors).Field);
    }

    [Fact]
    public async Task AskAsync_ThreeADay_EvenInParallel_AgainTheNextDay()
    {
        var setup = await Db.HustingsAsync();
        // Ten at once from one person: exactly three are stored.
        var results = await Task.WhenAll(Enumerable.Range(1, 10).Select(i => Ask(setup.Member, setup.Primary.Id, $"Question {i}?")));
        Assert.Equal(AskQuestion.PerDay, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains("3 questions today", r.Errors[0].Message, StringComparison.Ordinal));
        Assert.True((await Ask(setup.OtherMember, setup.Primary.Id, "Someone else may ask")).Succeeded);
        Db.Time.Advance(TimeSpan.FromDays(1));
        Assert.True((await Ask(setup.Member, setup.Primary.Id, "A new day")).Succeeded);
        var view = await Db.With<HustingsQuery, HustingsView>(q => q.ViewAsync(setup.Primary.Id, setup.Member));
        Assert.Equal(5, view.Questions.Count);
    }

    [Fact]
    public async Task Support_OnePerPerson_Withdrawable_RanksQuestions()
    {
        var setup = await Db.HustingsAsync();
        var first = (await Ask(setup.Member, setup.Primary.Id, "First asked")).Value!;
        Db.Time.Advance(TimeSpan.FromMinutes(1));
        var second = (await Ask(setup.Member, setup.Primary.Id, "Second asked")).Value!;
        Task<Result<HustingsQuestion>> Support(Guid person, Guid question) => Db.With<SupportQuestion, Result<HustingsQuestion>>(s => s.SupportAsync(person, question));

        // Supporting twice, even at once, counts once.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Support(setup.OtherMember, second.Id)));
        Assert.Equal("question", Assert.Single((await Support(setup.Member, second.Id)).Errors).Field);
        Assert.Equal(PrimaryAccess.Field, Assert.Single((await Support(setup.Outsider, second.Id)).Errors).Field);
        var view = await Db.With<HustingsQuery, HustingsView>(q => q.ViewAsync(setup.Primary.Id, setup.OtherMember));
        Assert.Equal([("Second asked", 1, 1, true), ("First asked", 2, 0, false)], view.Questions.Select(q => (q.Text, q.Rank, q.Supports, q.SupportedByViewer)));

        Assert.True((await Db.With<SupportQuestion, Result<HustingsQuestion>>(s => s.WithdrawAsync(setup.OtherMember, second.Id))).Succeeded);
        view = await Db.With<HustingsQuery, HustingsView>(q => q.ViewAsync(setup.Primary.Id, setup.OtherMember));
        Assert.Equal(["First asked", "Second asked"], view.Questions.Select(q => q.Text));
        Assert.All(view.Questions, q => Assert.Equal(0, q.Supports));
    }

    [Fact]
    public async Task Answers_OnlyApprovedCandidates_CoverageOfTopTen()
    {
        var setup = await Db.HustingsAsync();
        var questions = new List<HustingsQuestion>();
        for (var day = 0; day < 4; day++)
        {
            foreach (var person in new[] { setup.Member, setup.OtherMember })
            {
                for (var i = 0; i < AskQuestion.PerDay; i++)
                {
                    questions.Add((await Ask(person, setup.Primary.Id, $"Day {day} question {i} from {person}")).Value!);
                }
            }

            Db.Time.Advance(TimeSpan.FromDays(1));
        }

        // 24 questions; the last asked gets the one support, so it ranks first.
        var supported = questions[^1];
        await Db.With<SupportQuestion, Result<HustingsQuestion>>(s => s.SupportAsync(setup.Member, supported.Id));
        Task<Result<HustingsAnswer>> Answer(Guid person, Guid question, string text) => Db.With<AnswerQuestion, Result<HustingsAnswer>>(a => a.AnswerAsync(person, question, text));
        Assert.True((await Answer(setup.Ana, supported.Id, "Yes, **certainly**. <script>alert(1)</script>")).Succeeded);
        Assert.True((await Answer(setup.Ana, questions[0].Id, "First")).Succeeded);
        Assert.True((await Answer(setup.Ana, questions[^2].Id, "Outside the top ten")).Succeeded);
        Assert.Equal(PrimaryAccess.Field, Assert.Single((await Answer(setup.Member, supported.Id, "Not a candidate")).Errors).Field);
        Assert.Equal(PrimaryAccess.Field, Assert.Single((await Answer(setup.Organiser, supported.Id, "Organisers do not answer")).Errors).Field);

        var view = await Db.With<HustingsQuery, HustingsView>(q => q.ViewAsync(setup.Primary.Id, null));
        Assert.Equal(HustingsQuery.TopCount, view.Top.Count);
        Assert.Equal(supported.Id, view.Top[0].Id);
        var ana = view.Coverage.Single(c => c.Candidate.Id == setup.AnaCandidate);
        var ben = view.Coverage.Single(c => c.Candidate.Id == setup.BenCandidate);
        Assert.Equal((2, 10, 8), (ana.Answered, ana.Of, ana.Unanswered.Count));
        Assert.Equal((0, 10), (ben.Answered, ben.Unanswered.Count));
        var html = view.Top[0].Answers.Single().Html;
        Assert.Contains("<strong>certainly</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);

        var page = await Db.With<HustingsQuery, CandidatePage?>(q => q.CandidateAsync(setup.Primary.Id, setup.AnaCandidate, null));
        Assert.Equal(3, page!.Answers.Count);
    }
}

public sealed class HustingsSqliteTests() : HustingsTests(TestProvider.Sqlite);

public sealed class HustingsPostgresTests() : HustingsTests(TestProvider.Postgres);
