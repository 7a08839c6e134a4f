using System.IO.Compression;
using Answerback.OpinionMap.Polis;
using Answerback.Platform.Common;
using Answerback.Platform.Conversations;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Moderation;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Tests.Conversations;

public abstract class ConversationUseCaseTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task Open_OnlyOrganisersOfTheOrganisation_AndBackgroundIsSanitised()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var blues = await Db.OrganisationAsync("Blues");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        var moderator = await Db.OrganiserAsync(greens, "mod@example.org", OrganisationRoleKind.Moderator);
        var other = await Db.OrganiserAsync(blues, "blue@example.org");
        var citizen = await Db.PersonAsync("cit@example.org");
        var draft = ConversationArrange.Draft(greens) with { Background = "Hello <script>alert(1)</script> [x](javascript:alert(1)) **bold**" };
        foreach (var refused in new[] { moderator, other, citizen })
        {
            var result = await Db.With<OpenConversation, Result<Conversation>>(o => o.RunAsync(draft, refused, Ct));
            Assert.Equal("organisation", Assert.Single(result.Errors).Field);
        }

        var opened = await Db.ConversationAsync(draft, organiser);
        Assert.DoesNotContain("<script", opened.BackgroundHtml, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", opened.BackgroundHtml, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<strong>bold</strong>", opened.BackgroundHtml, StringComparison.Ordinal);
        var page = await Db.PageAsync(opened.Id, citizen);
        Assert.Equal(3, page!.Statements.Count);
    }

    [Fact]
    public async Task Open_BadInput_NamesTheFields()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        var draft = ConversationArrange.Draft(greens, new string('x', 281)) with { Topic = "", ReportPeriodDays = 0, EndsAt = PlatformTestDatabase.Start.AddDays(-1) };
        var result = await Db.With<OpenConversation, Result<Conversation>>(o => o.RunAsync(draft, organiser, Ct));
        Assert.Equal(["topic", "seeds", "reportPeriodDays", "endsAt"], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public async Task VoteAndAdd_FollowTheirEligibilityRules()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        await Db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\nmember@example.org\n"), "m.csv", greens, Ct));
        var member = await Db.PersonAsync("member@example.org");
        var outsider = await Db.PersonAsync("outsider@example.org");
        var conversation = await Db.ConversationAsync(ConversationArrange.Draft(greens) with { VoteRule = new AnyoneSignedIn(), AddRule = new MemberOf(greens) }, organiser);
        var next = (await Db.PageAsync(conversation.Id, outsider))!.Next!;

        Assert.True((await Db.VoteAsync(conversation.Id, next.Id, outsider, 1)).Succeeded);
        var refused = await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, outsider, "Insulate every council home by 2030.", false, Ct));
        Assert.Contains("Only members of Greens", Assert.Single(refused.Errors).Message, StringComparison.Ordinal);
        var added = await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, member, "Insulate every council home by 2030.", false, Ct));
        Assert.NotNull(added.Value!.Added);

        var membersOnly = await Db.ConversationAsync(ConversationArrange.Draft(greens) with { VoteRule = new MemberOf(greens) }, organiser);
        var statement = (await Db.PageAsync(membersOnly.Id, member))!.Next!;
        Assert.Equal("eligibility", Assert.Single((await Db.VoteAsync(membersOnly.Id, statement.Id, outsider, 1)).Errors).Field);
        Assert.True((await Db.VoteAsync(membersOnly.Id, statement.Id, member, -1)).Succeeded);

        // Taken off the member list: refused at the very next vote (eligibility is never cached).
        await Db.With<Answerback.Platform.Data.AnswerbackDbContext, int>(d => d.MemberListEntries.Where(m => m.OrganisationId == greens).ExecuteDeleteAsync(Ct));
        Assert.Equal("eligibility", Assert.Single((await Db.VoteAsync(membersOnly.Id, statement.Id, member, 1)).Errors).Field);
    }

    [Fact]
    public async Task Add_NearDuplicate_IsOfferedFirst_ThenAddedWhenConfirmed()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        var person = await Db.PersonAsync("p@example.org");
        var conversation = await Db.ConversationAsync(ConversationArrange.Draft(greens, "We should build more council homes in Testville.", "Protect the green belt."), organiser);

        var first = await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, person, "Testville should build more council homes", false, Ct));
        Assert.True(first.Value!.NeedsConfirmation);
        Assert.Equal(1, Assert.Single(first.Value.Similar).Number);
        var confirmed = await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, person, "Testville should build more council homes", true, Ct));
        Assert.Equal(3, confirmed.Value!.Added!.Number);
        var distinct = await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, person, "Council homes should be insulated before new ones are built on parks.", false, Ct));
        Assert.NotNull(distinct.Value!.Added);
        var tooLong = await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, person, new string('a', 281), true, Ct));
        Assert.Equal("text", Assert.Single(tooLong.Errors).Field);
    }

    [Fact]
    public async Task PreModeration_HoldsUntilAModeratorApproves_OnlyModeratorsOfTheOrganisation()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var blues = await Db.OrganisationAsync("Blues");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        var moderator = await Db.OrganiserAsync(greens, "mod@example.org", OrganisationRoleKind.Moderator);
        var otherModerator = await Db.OrganiserAsync(blues, "bmod@example.org", OrganisationRoleKind.Moderator);
        var person = await Db.PersonAsync("p@example.org");
        var conversation = await Db.ConversationAsync(ConversationArrange.Draft(greens) with { Moderation = ModerationPolicy.BeforePublication }, organiser);
        var addition = (await Db.With<AddStatement, Result<StatementAddition>>(a => a.RunAsync(conversation.Id, person, "Open a community land trust.", false, Ct))).Value!;
        Assert.True(addition.HeldForReview);
        var added = addition.Added!;
        Assert.Equal(3, (await Db.PageAsync(conversation.Id, person))!.Next!.Remaining);

        foreach (var refused in new[] { otherModerator, person })
        {
            Assert.False((await Db.With<ReviewStatement, Result<ModerationDecision>>(r => r.ApproveAsync(added.Id, refused, Ct))).Succeeded);
        }

        Assert.True((await Db.With<ReviewStatement, Result<ModerationDecision>>(r => r.ApproveAsync(added.Id, moderator, Ct))).Succeeded);
        Assert.Equal(4, (await Db.PageAsync(conversation.Id, person))!.Next!.Remaining);
        Assert.True((await Db.With<ReviewStatement, Result<ModerationDecision>>(r => r.HideAsync(added.Id, ModerationReason.Duplicate, organiser, Ct))).Succeeded);
        var page = (await Db.PageAsync(conversation.Id, person))!;
        Assert.Equal(3, page.Next!.Remaining);
        Assert.Equal(ModerationReason.Duplicate, page.Statements.Single(s => s.Id == added.Id).HiddenReason);
        var log = (await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync(null, 1, Ct)))!;
        Assert.Equal((StatementModeration.Kind, ModerationReason.Duplicate), (Assert.Single(log.Entries).SubjectKind, log.Entries[0].Reason));
    }

    [Fact]
    public async Task ThousandParticipantsVotingAtOnce_GiveExactCounts()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        var conversation = await Db.ConversationAsync(ConversationArrange.Draft(greens), organiser);
        var statement = (await Db.PageAsync(conversation.Id, organiser))!.Next!;
        var people = new List<Guid>();
        for (var i = 0; i < 1000; i++)
        {
            people.Add(await Db.PersonAsync($"voter{i}@example.org"));
        }

        // One vote first, alone: it builds the job storage singleton (Hangfire's installer does
        // synchronous I/O). Built inside the burst instead, it could wait for minutes behind a
        // thousand thread-pool threads blocked on the container's lock, waiting for it (a web host
        // builds it at start-up). The same person votes the same again in the burst.
        Assert.True((await Db.VoteAsync(conversation.Id, statement.Id, people[0], 1)).Succeeded);

        // Each person agrees (even) or disagrees (odd), then every tenth changes to pass, all at once.
        var results = await Task.WhenAll(people.Select((p, i) => Task.Run(() => Db.VoteAsync(conversation.Id, statement.Id, p, i % 2 == 0 ? 1 : -1), Ct)));
        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        await Task.WhenAll(people.Where((_, i) => i % 10 == 0).Select(p => Task.Run(() => Db.VoteAsync(conversation.Id, statement.Id, p, 0), Ct)));
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        var map = (await Db.With<ConversationQueries, Answerback.Platform.Conversations.MapView?>(q => q.MapAsync(conversation.Id, Ct)))!;
        var figures = map.Figures[statement.Number];
        Assert.Equal((400, 500, 100), (figures.Agree, figures.Disagree, figures.Pass));
        Assert.Equal(1000, map.Participants);
    }

    [Fact]
    public async Task Recompute_GroupsThreePlantedGroups_AndIsNotRepeatedWhenUpToDate()
    {
        var (conversation, people, statements) = await PlantedAsync(90);
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        var map = (await Db.With<MapViews, Answerback.Platform.Conversations.MapView?>(m => m.LatestAsync(conversation.Id, Ct)))!;
        Assert.Equal(1, map.Version);
        Assert.InRange(map.Groups.Count, 2, 5);
        Assert.NotNull(map.GroupOf(people[0]));
        Assert.Contains("<svg", map.Svg, StringComparison.Ordinal);
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        Assert.Equal(1, await Db.With<MapViews, int?>(m => m.LatestVersionAsync(conversation.Id, Ct)));
        Db.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Db.VoteAsync(conversation.Id, statements[0], people[1], 0)).Succeeded);
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        Assert.Equal(2, await Db.With<MapViews, int?>(m => m.LatestVersionAsync(conversation.Id, Ct)));
    }

    [Fact]
    public async Task Recompute_GroupsKeepTheirNumbersFromOneMapToTheNext()
    {
        // The numbers come from the stored map, not from memory of the node that computed it, so a
        // restarted node or another node carries them on the same way.
        var (conversation, people, statements) = await PlantedAsync(90);
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        var first = (await Db.With<MapViews, Answerback.Platform.Conversations.MapView?>(m => m.LatestAsync(conversation.Id, Ct)))!;
        Db.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await Db.VoteAsync(conversation.Id, statements[0], people[1], 0)).Succeeded);
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        var second = (await Db.With<MapViews, Answerback.Platform.Conversations.MapView?>(m => m.LatestAsync(conversation.Id, Ct)))!;

        Assert.Equal(2, second.Version);
        Assert.Equal(first.GroupOfParticipant, second.GroupOfParticipant);
    }

    [Fact]
    public async Task Recompute_AVoteWithTheMapsTimestamp_StillMakesItStale_AndWithNoNewVoteDoesNot()
    {
        var (conversation, people, statements) = await PlantedAsync(30);
        var number = (await Db.PageAsync(conversation.Id, null))!.Statements.Single(s => s.Id == statements[0]).Number;
        Assert.True((await Db.VoteAsync(conversation.Id, statements[0], people[1], 1)).Succeeded);
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        var before = (await Db.With<MapViews, Answerback.Platform.Conversations.MapView?>(m => m.LatestAsync(conversation.Id, Ct)))!;

        // The fake clock stands still: the changed vote carries the very instant of the votes the map was
        // computed from, and the vote count does not change either. Only the vote sequence says it is new.
        Assert.True((await Db.VoteAsync(conversation.Id, statements[0], people[1], -1)).Succeeded);
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        var after = (await Db.With<MapViews, Answerback.Platform.Conversations.MapView?>(m => m.LatestAsync(conversation.Id, Ct)))!;
        Assert.Equal(before.Version + 1, after.Version);
        Assert.Equal((before.Figures[number].Agree - 1, before.Figures[number].Disagree + 1), (after.Figures[number].Agree, after.Figures[number].Disagree));

        // A recompute with no new vote computes nothing.
        Assert.True(await Db.RecomputeAsync(conversation.Id));
        Assert.Equal(after.Version, await Db.With<MapViews, int?>(m => m.LatestVersionAsync(conversation.Id, Ct)));
    }

    [Fact]
    public async Task Recompute_WhileAnotherHoldsTheLock_ReturnsWithoutComputing()
    {
        var (conversation, _, _) = await PlantedAsync(30);
        await using var scope = Db.Scope();
        var locks = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Answerback.Platform.Jobs.IJobLocks>(scope.ServiceProvider);
        await using (var held = await locks.TryAcquireAsync(RecomputeMap.LockKey(conversation.Id), Ct))
        {
            Assert.NotNull(held);
            Assert.False(await Db.RecomputeAsync(conversation.Id));
            Assert.Null(await Db.With<MapViews, int?>(m => m.LatestVersionAsync(conversation.Id, Ct)));
        }

        Assert.True(await Db.RecomputeAsync(conversation.Id));
    }

    [Fact]
    public async Task Reports_ArePublishedEachPeriod_AndResponseStatusFollowsTheClock()
    {
        var (conversation, _, _) = await PlantedAsync(60);
        var greens = conversation.OrganisationId;
        var organiser = conversation.OpenedByForTest;
        var other = await Db.OrganiserAsync(await Db.OrganisationAsync("Blues"), "blue@example.org");
        await Db.RecomputeAsync(conversation.Id);
        Assert.Empty(await Db.With<PublishDueReports, IReadOnlyList<Report>>(p => p.RunAsync(Ct)));
        Db.Time.Advance(TimeSpan.FromDays(30));
        var report = Assert.Single(await Db.With<PublishDueReports, IReadOnlyList<Report>>(p => p.RunAsync(Ct)));
        Assert.Empty(await Db.With<PublishDueReports, IReadOnlyList<Report>>(p => p.RunAsync(Ct)));
        Assert.NotEmpty(report.HighlightedIds);
        Assert.Equal(report.PublishedAt.AddDays(14), report.RespondBy);

        async Task<ResponseStatus> Status() => (await Db.With<ConversationQueries, ReportView?>(q => q.ReportAsync(conversation.Id, 1, Ct)))!.Status;
        Assert.Equal(ResponseState.Awaiting, (await Status()).State);
        Db.Time.Advance(TimeSpan.FromDays(14) + TimeSpan.FromMinutes(1));
        Assert.Equal("overdue", (await Status()).Words);
        var summary = Assert.Single(await Db.With<ConversationQueries, IReadOnlyList<ConversationSummary>>(q => q.ListAsync(greens, null, Ct)));
        Assert.True(summary.WorstStatus!.IsOverdue);
        Db.Time.Advance(TimeSpan.FromDays(14));
        Assert.Equal(ResponseState.LongOverdue, (await Status()).State);

        var points = report.HighlightedIds.Select(id => new PointDraft(id, ResponseDecision.Rejected, null, null)).ToList();
        var refused = await Db.With<PublishResponse, Result<Response>>(p => p.RunAsync(report.Id, other, "No.", points, Ct));
        Assert.Equal("organisation", Assert.Single(refused.Errors).Field);
        var noReason = await Db.With<PublishResponse, Result<Response>>(p => p.RunAsync(report.Id, organiser, "Our answer.", points, Ct));
        Assert.Contains("say why it is rejected", noReason.Errors[0].Message, StringComparison.Ordinal);
        var answered = await Db.With<PublishResponse, Result<Response>>(p => p.RunAsync(report.Id, organiser, "Our answer.",
            [.. report.HighlightedIds.Select(id => new PointDraft(id, ResponseDecision.Adopted, null, null))], Ct));
        Assert.True(answered.Succeeded, string.Join("; ", answered.Errors));
        Assert.Equal(ResponseState.Late, (await Status()).State);
        var responsiveness = (await Db.With<ConversationQueries, Responsiveness?>(q => q.ResponsivenessAsync("greens", Ct)))!;
        Assert.Equal((0, 1, 0), (responsiveness.OnTime, responsiveness.Late, responsiveness.Missing));
        Assert.Equal(28, Math.Round(responsiveness.MedianDaysToRespond!.Value));
    }

    [Fact]
    public async Task Export_IsAPolisExportTheEngineReads_AndImportsBackReadOnly()
    {
        var (conversation, people, _) = await PlantedAsync(40);
        using var zip = new MemoryStream();
        Assert.True(await Db.With<ExportConversation, bool>(e => e.WriteAsync(conversation.Id, "https://example.org/conversations/x", zip, Ct)));
        var folder = Path.Combine(Db.DataFolder, "export");
        zip.Position = 0;
        await ZipFile.ExtractToDirectoryAsync(zip, folder, Ct);
        var read = PolisExport.ReadDirectory(folder);
        Assert.Equal(40, read.Matrix.ParticipantCount);
        Assert.Contains("attribution,", await File.ReadAllTextAsync(Path.Combine(folder, "summary.csv"), Ct), StringComparison.Ordinal);
        Assert.DoesNotContain(people[0].ToString("N"), await File.ReadAllTextAsync(Path.Combine(folder, "votes.csv"), Ct), StringComparison.Ordinal);

        zip.Position = 0;
        var organiser = conversation.OpenedByForTest;
        var imported = await Db.With<ImportPolisConversation, Result<Conversation>>(i => i.RunAsync(conversation.OrganisationId, organiser, zip, "x.zip", null, "", null, Ct));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        Assert.StartsWith("Data gathered on Answerback", imported.Value!.Attribution, StringComparison.Ordinal);
        var statement = (await Db.PageAsync(imported.Value.Id, null))!.Statements[0];
        Assert.Contains("read-only", Assert.Single((await Db.VoteAsync(imported.Value.Id, statement.Id, people[0], 1)).Errors).Message, StringComparison.Ordinal);
        var citizen = await Db.PersonAsync("cit@example.org");
        zip.Position = 0;
        Assert.Equal("organisation", Assert.Single((await Db.With<ImportPolisConversation, Result<Conversation>>(i => i.RunAsync(conversation.OrganisationId, citizen, zip, "x.zip", "T", "A", null, Ct))).Errors).Field);
        var broken = await Db.With<ImportPolisConversation, Result<Conversation>>(i => i.RunAsync(conversation.OrganisationId, organiser, new MemoryStream([1, 2, 3]), "broken.zip", "T", "A", null, Ct));
        Assert.Contains("broken.zip", Assert.Single(broken.Errors).Message, StringComparison.Ordinal);
    }

    /// <summary>A conversation of 12 statements where <paramref name="participants"/> people in three planted groups voted on all.</summary>
    private async Task<(TestConversation Conversation, List<Guid> People, List<Guid> Statements)> PlantedAsync(int participants)
    {
        var greens = await Db.OrganisationAsync("Greens");
        var organiser = await Db.OrganiserAsync(greens, "org@example.org");
        var seeds = Enumerable.Range(1, 12).Select(i => $"Statement number {i} about topic {i * 7}.").ToArray();
        var conversation = await Db.ConversationAsync(ConversationArrange.Draft(greens, seeds), organiser);
        var statements = (await Db.PageAsync(conversation.Id, organiser))!.Statements.OrderBy(s => s.Number).Select(s => s.Id).ToList();
        var synthetic = Answerback.OpinionMap.SyntheticConversation.Generate(participants, 12, 3, 0, 7);
        var people = new List<Guid>();
        for (var p = 0; p < participants; p++)
        {
            var person = await Db.PersonAsync($"planted{p}@example.org");
            people.Add(person);
            foreach (var v in synthetic.Matrix.EnumerateVotes().Where(v => v.ParticipantId == "p" + p))
            {
                Assert.True((await Db.VoteAsync(conversation.Id, statements[int.Parse(v.StatementId, System.Globalization.CultureInfo.InvariantCulture)], person, v.Value)).Succeeded);
            }
        }

        return (new TestConversation(conversation.Id, greens, organiser), people, statements);
    }

    private sealed record TestConversation(Guid Id, Guid OrganisationId, Guid OpenedByForTest);
}

public sealed class ConversationUseCaseSqliteTests() : ConversationUseCaseTests(TestProvider.Sqlite);

public sealed class ConversationUseCasePostgresTests() : ConversationUseCaseTests(TestProvider.Postgres);
