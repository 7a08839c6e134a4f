using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Moderation;
using Answerback.Platform.Primaries;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>The demo's two primaries: the finished Romsey one (its board verifies) and Arbury in its hustings.</summary>
public abstract class PrimariesDemoSeedTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task SeedAsync_RomseyFinishedWithABoardThatVerifies_ArburyInItsHustings()
    {
        await Db.With<SeedDemo, SeedDemoReport>(s => s.SeedAsync(Ct));

        await RomseyFinishedWithABoardThatVerifiesAsync();
        await ArburyInItsHustingsWithQuestionsSupportsAnswersAndOneHiddenOnTheLogAsync();
    }

    [Fact]
    public async Task SeedAsync_FailingHalfWay_LeavesNoHalfPrimary_AndAfterACrashTheNextStartSeedsItFully()
    {
        // A failure after polling day (ballots, board and codes written, not counted): nothing of Romsey stays.
        await using (var scope = Db.Scope())
        {
            var seeds = scope.ServiceProvider.GetServices<IDemoSeed>().ToList();
            seeds.OfType<FinishedPrimaryDemoSeed>().Single().AfterStep = step => step == "polling day" ? throw new InvalidOperationException("Injected failure after " + step) : Task.CompletedTask;
            var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => new SeedDemo(seeds).SeedAsync(Ct));
            Assert.StartsWith("Injected failure", failure.Message, StringComparison.Ordinal);
        }

        await using (var scope = Db.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            Assert.False(await db.Primaries.AnyAsync(p => p.Title == FinishedPrimaryDemoSeed.Title, Ct));
            Assert.Equal(0, await db.Set<StoredBallot>().CountAsync(Ct));
            Assert.Equal(0, await db.Set<BoardRecord>().CountAsync(Ct));
            Assert.Equal(0, await db.Set<PendingBoardEntry>().CountAsync(Ct));
            Assert.Equal(0, await db.Set<PublishedCheckpoint>().CountAsync(Ct));
            Assert.Equal(0, await db.Set<PrimaryCredential>().CountAsync(Ct));

            // What a process killed right after the first step leaves: the primary, without a result.
            var arbury = await db.Primaries.AsNoTracking().SingleAsync(p => p.Title == PrimariesDemoSeed.HustingsTitle, Ct);
            arbury.Id = Guid.NewGuid();
            arbury.Title = FinishedPrimaryDemoSeed.Title;
            db.Primaries.Add(arbury);
            await db.SaveChangesAsync(Ct);
        }

        // The next start removes the half-seeded primary and seeds it whole.
        await Db.With<SeedDemo, SeedDemoReport>(s => s.SeedAsync(Ct));
        await RomseyFinishedWithABoardThatVerifiesAsync();
    }

    // Part of the tests above, after a seed.
    private async Task RomseyFinishedWithABoardThatVerifiesAsync()
    {
        var id = await IdOfAsync(FinishedPrimaryDemoSeed.Title);
        var summary = (await Db.With<PrimaryQuery, PrimarySummary?>(q => q.GetAsync(id, Ct)))!;
        Assert.Equal(PrimaryState.ResultPublished, summary.Primary.StateAt(Db.Time.GetUtcNow()));
        Assert.Equal("av", summary.Primary.Method);
        Assert.Equal(3, summary.Candidates.Count);

        var board = (await Db.With<BoardQuery, BoardDocument?>(b => b.BoardAsync(id, Ct)))!;
        Assert.True(board.Closed);
        Assert.Equal(DemoData.RomseyBallots, board.Entries.Count);
        Assert.All(board.Entries, e => Assert.NotNull(e.Salt));
        var verification = VerifyBoard.Run(board);
        Assert.True(verification.Succeeded, verification.FirstFailure?.Detail);
        // Polling day, 07:00 to 22:00, has a checkpoint from each 5-minute run of the job; each is a prefix of the chain (step 4 above).
        Assert.Equal(180, board.Checkpoints.Count);
        Assert.InRange(board.Checkpoints[^1].Count, DemoData.RomseyBallots - 10, DemoData.RomseyBallots - 1);

        // The transfers decide it: Ana leads on first preferences, Ben wins once Cara's votes move.
        var result = board.Result!;
        Assert.Equal("Ben Candidate (demo)", Assert.Single(result["elected"]!.AsArray())!.GetValue<string>());
        var names = result["candidates"]!.AsArray().Select(n => n!.GetValue<string>()).ToList();
        var first = result["stages"]![0]!["totals"]!.AsArray().Select(n => decimal.Parse(n!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(first[names.IndexOf("Ana Candidate (demo)")] > first[names.IndexOf("Ben Candidate (demo)")], result.ToJsonString());

        await using (var scope = Db.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            Assert.Equal(DemoData.RomseyPostalElectors, await db.Set<PrimaryCredential>().CountAsync(c => c.PrimaryId == id, Ct));
            Assert.Equal(DemoData.RomseyBallots, await db.Set<PrimaryCredential>().CountAsync(c => c.PrimaryId == id && c.Used, Ct));
        }

        Assert.NotNull(await Db.With<BoardQuery, string?>(b => b.BltAsync(id, Ct)));
    }

    // Part of the first test above, which seeds the demo once.
    private async Task ArburyInItsHustingsWithQuestionsSupportsAnswersAndOneHiddenOnTheLogAsync()
    {
        var id = await IdOfAsync(PrimariesDemoSeed.HustingsTitle);
        var summary = (await Db.With<PrimaryQuery, PrimarySummary?>(q => q.GetAsync(id, Ct)))!;
        Assert.Equal(PrimaryState.Hustings, summary.Primary.StateAt(Db.Time.GetUtcNow()));
        var hustings = await Db.With<HustingsQuery, HustingsView>(h => h.ViewAsync(id, null, Ct));
        Assert.Equal(5, hustings.Questions.Count);
        Assert.Contains(hustings.Questions, q => q.Supports > 0);
        Assert.Contains(hustings.Questions, q => q.Answers.Count > 0);
        var hidden = Assert.Single(hustings.Questions, q => q.IsHidden);
        var log = (await Db.With<ModerationLog, ModerationLogPage?>(l => l.PageAsync(DemoData.OrganisationSlug, 1, Ct)))!;
        Assert.Contains(log.Entries, e => e.Reason == ModerationReason.PersonalData && e.PublicPath.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.Equal(ModerationReason.PersonalData.ToString(), hidden.HiddenReason?.ToString());
    }

    private async Task<Guid> IdOfAsync(string title)
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Primaries.Where(p => p.Title == title).Select(p => p.Id).SingleAsync(Ct);
    }
}

public sealed class PrimariesDemoSeedSqliteTests() : PrimariesDemoSeedTests(TestProvider.Sqlite);

public sealed class PrimariesDemoSeedPostgresTests() : PrimariesDemoSeedTests(TestProvider.Postgres);
