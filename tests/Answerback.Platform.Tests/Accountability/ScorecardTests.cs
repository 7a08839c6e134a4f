using Answerback.Platform.Accountability;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;
using Answerback.SocialAudit;
using static Answerback.Platform.Tests.Accountability.AccountabilityArrange;

namespace Answerback.Platform.Tests.Accountability;

public abstract class ScorecardTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task Scorecard_AfterImport_EqualsTheEnginesFiguresOnTheSamePosts()
    {
        await Db.CityWithWardsAsync();
        var greens = await Db.OrganisationAsync("Testville Greens");
        var organiser = await Db.PersonAsync("organiser@example.org");
        await Db.With<GrantOrganisationRole, Answerback.Platform.Common.Result<RoleChange>>(g => g.GrantAsync(greens, organiser, OrganisationRoleKind.Organiser));
        await Db.RegistryAsync(greens, "Alice Green,Testville Greens,North Ward,W1,local.x.2024-05-02,alice,,,,True\n");
        var alice = await Db.RepresentativeIdAsync("Alice Green");
        var file = JsonLines(ConversationOf("1", "alice"));

        await Db.ImportPostsAsync(greens, alice, organiser, file, "alice.jsonl");
        var card = (await Db.With<AccountabilityDirectory, RepresentativeDetails?>(d => d.GetAsync(alice, Ct)))!.Scorecard!;

        // The engine on the very same file, as `answerback audit metrics` computes it.
        var engine = ConversationMetrics.Compute(PostSources.Read(new MemoryStream(file), "alice.jsonl")).Single(m => m.AccountId == "1");
        Assert.Equal(engine.Posts, card.Posts);
        Assert.Equal((engine.Originals, engine.Posts), (card.Originals.Count, card.Originals.Sample));
        Assert.Equal(engine.OriginalShare, card.Originals.Value!.Value, 10);
        Assert.Equal((engine.Reposts, engine.Replies), (card.Reposts.Count, card.Replies.Count));
        Assert.Equal(engine.ReplyShare, card.Replies.Value!.Value, 10);
        Assert.Equal((engine.RepliesAnswered, engine.RepliesReceived), (card.MentionsAnswered.Count, card.MentionsAnswered.Sample));
        Assert.Equal(engine.MedianResponse!.Value.TotalMinutes, card.AnswerTime.MedianMinutes!.Value, 2);
        // 12 of 15 answered: a Wilson interval around 0.8, not the normal one (which would pass 1 on small samples).
        Assert.Equal(0.8, card.MentionsAnswered.Value!.Value, 10);
        Assert.InRange(card.MentionsAnswered.Low!.Value, 0.54, 0.56);
        Assert.InRange(card.MentionsAnswered.High!.Value, 0.92, 0.94);
        Assert.Equal([new SourceCount("x", 52)], card.Sources);
    }

    [Fact]
    public async Task Scorecard_BelowTheSampleGate_IsTooFewToJudge_AndANoteExcludesTheChannel()
    {
        await Db.CityWithWardsAsync();
        var greens = await Db.OrganisationAsync("Testville Greens");
        var organiser = await Db.PersonAsync("organiser@example.org");
        var person = await Db.PersonAsync("alice@example.org");
        await Db.With<GrantOrganisationRole, Answerback.Platform.Common.Result<RoleChange>>(g => g.GrantAsync(greens, organiser, OrganisationRoleKind.Organiser));
        await Db.RegistryAsync(greens, "Alice Green,Testville Greens,North Ward,W1,e,alice,,,,True\n");
        var alice = await Db.RepresentativeIdAsync("Alice Green");
        await Db.With<EditRepresentative, Answerback.Platform.Common.Result<RepresentativeChange>>(e => e.LinkPersonAsync(alice, organiser, "alice@example.org"));
        var few = Enumerable.Range(0, 9).Select(i => X($"p{i}", "1", "alice", i, $"post {i}")).ToList();

        await Db.ImportPostsAsync(greens, alice, organiser, JsonLines(few), "few.jsonl");
        var card = (await Db.With<AccountabilityDirectory, RepresentativeDetails?>(d => d.GetAsync(alice, Ct)))!.Scorecard!;
        Assert.Equal(9, card.Originals.Sample);
        Assert.False(card.Originals.Judged);
        Assert.Null(card.PostsPerWeek);

        var byOrganiser = await Db.With<EditRepresentative, Answerback.Platform.Common.Result<RepresentativeChange>>(e => e.SaveNoteAsync(alice, organiser, "I do not use X", "x", Ct));
        Assert.False(byOrganiser.Succeeded);
        var note = await Db.With<EditRepresentative, Answerback.Platform.Common.Result<RepresentativeChange>>(e => e.SaveNoteAsync(alice, person, "I don't use X; write to me at alice@example.org", "x", Ct));
        Assert.True(note.Succeeded);
        await Db.With<RecomputeAudit, bool>(async r =>
        {
            await r.RunAsync(Ct);
            return true;
        });
        var after = (await Db.With<AccountabilityDirectory, RepresentativeDetails?>(d => d.GetAsync(alice, Ct)))!;
        Assert.Equal((0, "x"), (after.Scorecard!.Posts, after.Scorecard.ExcludedNetwork));
        Assert.Equal("I don't use X; write to me at alice@example.org", after.PublicNote);
    }

    [Fact]
    public void Wilson_KnownValues()
    {
        // Wilson (1927) at z = 1.96: 0 of 10 is [0, 0.278]; 5 of 10 is [0.237, 0.763].
        var (low0, high0) = Scorecards.Wilson(0, 10);
        var (low5, high5) = Scorecards.Wilson(5, 10);
        Assert.Equal((0, 0.2775), (Math.Round(low0, 4), Math.Round(high0, 4)));
        Assert.Equal((0.2366, 0.7634), (Math.Round(low5, 4), Math.Round(high5, 4)));
    }
}

public sealed class ScorecardSqliteTests() : ScorecardTests(TestProvider.Sqlite);

public sealed class ScorecardPostgresTests() : ScorecardTests(TestProvider.Postgres);
