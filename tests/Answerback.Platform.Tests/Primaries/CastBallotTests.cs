using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Primaries;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>Casting, the board and the count over a real database: rules, concurrency and tampering.</summary>
public abstract class CastBallotTests(TestProvider provider) : PlatformTest(provider)
{
    private Task<Result<CastReceipt>> CastAsync(VotingPrimary primary, Voter voter, BallotForm form) =>
        Db.With<CastBallot, Result<CastReceipt>>(c => c.CastAsync(primary.Id, voter, form, Ct));

    /// <summary>The board once the appender has run (as it does within seconds in the app).</summary>
    private async Task<BoardDocument?> BoardAsync(VotingPrimary primary)
    {
        await AppendAsync(primary);
        return await StoredBoardAsync(primary);
    }

    private Task<BoardDocument?> StoredBoardAsync(VotingPrimary primary) => Db.With<BoardQuery, BoardDocument?>(q => q.BoardAsync(primary.Id, Ct));

    private Task<int> AppendAsync(VotingPrimary primary) => Db.With<AppendToBoard, int>(a => a.AppendAsync(primary.Id, Ct));

    private Task<TrackedBallot?> TrackAsync(VotingPrimary primary, string code) => Db.With<BoardQuery, TrackedBallot?>(q => q.TrackAsync(primary.Id, code, Ct));

    [Fact]
    public async Task CastAsync_OnlineAndPostal_BothOnTheBoard_WhichVerifiesAfterTheCount()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 3);
        var voter = await Db.MemberAsync(primary, "voter@example.org");
        Db.OpenVoting(primary);

        var online = await CastAsync(primary, Voter.Online(voter), BallotArrange.Ranked(2, 1));
        var postal = await CastAsync(primary, Voter.Postal(codes[0].ToLowerInvariant()), BallotArrange.Ranked(3));

        Assert.True(online.Succeeded, string.Join("; ", online.Errors));
        Assert.True(postal.Succeeded, string.Join("; ", postal.Errors));
        Assert.Equal(("2 1", "3"), (online.Value!.Ballot, postal.Value!.Ballot));
        var open = (await BoardAsync(primary))!;
        Assert.False(open.Closed);
        Assert.All(open.Entries, e => Assert.Null(e.Ballot));
        Assert.True(VerifyBoard.Run(open).Succeeded);

        Db.CloseVoting(primary);
        Assert.True(await Db.With<CountPrimary, bool>(c => c.RunAsync(primary.Id, Ct)));
        var board = (await BoardAsync(primary))!;
        var verification = VerifyBoard.Run(board);
        Assert.True(verification.Succeeded, verification.FirstFailure?.Detail);
        Assert.Equal(["2 1", "3"], board.Entries.Select(e => e.Ballot!).Order(StringComparer.Ordinal));
        Assert.Equal(2, board.Result!["stages"]![0]!["totals"]!.AsArray().Sum(t => decimal.Parse(t!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)));
        var tracked = await TrackAsync(primary, TrackingCodes.Format(online.Value.TrackingCode).ToLowerInvariant());
        Assert.Equal(["Bob Jones", "Ann Smith"], tracked!.Choices);
    }

    [Fact]
    public async Task CastAsync_BeforeTheAppenderRuns_PendingThenOnTheBoardInAShuffledOrder()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 30);
        Db.OpenVoting(primary);
        var cast = new List<string>();
        foreach (var code in codes)
        {
            var result = await CastAsync(primary, Voter.Postal(code), BallotArrange.Ranked(1, 2));
            Assert.True(result.Succeeded, string.Join("; ", result.Errors));
            cast.Add(result.Value!.TrackingCode);
        }

        // Accepted and stored, not yet on the board: the lookup says so.
        Assert.Empty((await StoredBoardAsync(primary))!.Entries);
        Assert.True((await TrackAsync(primary, cast[0]))!.Pending);

        Assert.Equal(30, await AppendAsync(primary));
        Assert.Equal(0, await AppendAsync(primary));

        var board = (await StoredBoardAsync(primary))!;
        Assert.True(VerifyBoard.Run(board).Succeeded);
        Assert.Equal(Enumerable.Range(1, 30), board.Entries.Select(e => e.Sequence));
        Assert.Equal(cast.Order(StringComparer.Ordinal), board.Entries.Select(e => e.TrackingCode).Order(StringComparer.Ordinal));
        // The board's order is not the order of casting (the chance that a shuffle of 30 keeps it is 1 in 30!).
        Assert.NotEqual(cast, board.Entries.Select(e => e.TrackingCode));
        var tracked = (await TrackAsync(primary, cast[0]))!;
        Assert.False(tracked.Pending);
        Assert.Equal(cast[0], tracked.Entry!.TrackingCode);
    }

    [Fact]
    public async Task CountPrimary_WithBallotsStillPending_AppendsThemBeforeSealingAndCounts()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 3);
        Db.OpenVoting(primary);
        foreach (var code in codes)
        {
            Assert.True((await CastAsync(primary, Voter.Postal(code), BallotArrange.Ranked(2))).Succeeded);
        }

        Db.CloseVoting(primary);
        Assert.True(await Db.With<CountPrimary, bool>(c => c.RunAsync(primary.Id, Ct)));

        var board = (await StoredBoardAsync(primary))!;
        Assert.True(board.Closed);
        Assert.Equal(3, board.Entries.Count);
        var verification = VerifyBoard.Run(board);
        Assert.True(verification.Succeeded, verification.FirstFailure?.Detail);
        Assert.Equal(["Bob Jones"], board.Result!["elected"]!.AsArray().Select(e => e!.GetValue<string>()));
    }

    [Fact]
    public async Task CastAsync_BeforeOpeningAndAfterClosing_Refused()
    {
        var primary = await Db.VotingPrimaryAsync();
        var voter = await Db.MemberAsync(primary, "early@example.org");

        var early = await CastAsync(primary, Voter.Online(voter), BallotArrange.Ranked(1));
        Db.CloseVoting(primary);
        var late = await CastAsync(primary, Voter.Online(voter), BallotArrange.Ranked(1));

        Assert.Equal("Voting in this primary has not opened yet.", Assert.Single(early.Errors).Message);
        Assert.Equal("Voting in this primary has closed.", Assert.Single(late.Errors).Message);
        Assert.Empty((await BoardAsync(primary))!.Entries);
    }

    [Fact]
    public async Task CastAsync_AfterTheCountSealedTheBoard_Refused()
    {
        var primary = await Db.VotingPrimaryAsync();
        var voter = await Db.MemberAsync(primary, "sealed@example.org");
        Db.OpenVoting(primary);
        await using (var scope = Db.Scope())
        {
            // As the count leaves it: a cast that checked the clock before the close reaches the board after the count.
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            db.Set<BoardHead>().Add(new BoardHead { PrimaryId = primary.Id, Hash = BoardHashes.Start(primary.Paper.BoardId), Sealed = true });
            await db.SaveChangesAsync(Ct);
        }

        var cast = await CastAsync(primary, Voter.Online(voter), BallotArrange.Ranked(1));

        Assert.Equal(CastBallot.VotingField, Assert.Single(cast.Errors).Field);
        Assert.Empty((await BoardAsync(primary))!.Entries);
    }

    [Fact]
    public async Task CastAsync_IneligiblePerson_RefusedWithTheReason()
    {
        var ward = await Db.VotingPrimaryAsync(wardResidentsOnly: true);
        var visitor = await Db.PersonAsync("visitor@example.org");
        Db.OpenVoting(ward);

        var cast = await CastAsync(ward, Voter.Online(visitor), BallotArrange.Ranked(1));
        var request = await Db.With<RequestBallot, Result<OnlineBallot>>(r => r.RequestAsync(ward.Id, visitor, Ct));

        Assert.Contains("verified residents of North Ward", Assert.Single(cast.Errors).Message, StringComparison.Ordinal);
        Assert.False(request.Succeeded);
        Assert.Empty((await BoardAsync(ward))!.Entries);
    }

    [Fact]
    public async Task CastAsync_UsedMistypedAndUnknownCodes_RefusedEachWithItsMessage()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 2);
        Db.OpenVoting(primary);
        Assert.True((await CastAsync(primary, Voter.Postal(codes[0]), BallotArrange.Ranked(1))).Succeeded);
        var code = codes[1].Replace("-", "", StringComparison.Ordinal);
        var typo = (code[0] == 'A' ? 'B' : 'A') + code[1..];

        var again = await CastAsync(primary, Voter.Postal(codes[0]), BallotArrange.Ranked(2));
        var mistyped = await CastAsync(primary, Voter.Postal(typo), BallotArrange.Ranked(2));
        var unknown = await CastAsync(primary, Voter.Postal(CredentialCodes.New()), BallotArrange.Ranked(2));

        Assert.Equal(CastBallot.CodeUsedMessage, Assert.Single(again.Errors).Message);
        Assert.Contains("typing mistake", Assert.Single(mistyped.Errors).Message, StringComparison.Ordinal);
        Assert.Equal(CastBallot.CodeUnknownMessage, Assert.Single(unknown.Errors).Message);
        Assert.Single((await BoardAsync(primary))!.Entries);
    }

    [Fact]
    public async Task CastAsync_BadBallot_RefusedAndTheCredentialStaysUnused()
    {
        var primary = await Db.VotingPrimaryAsync();
        var voter = await Db.MemberAsync(primary, "gap@example.org");
        Db.OpenVoting(primary);

        var gap = await CastAsync(primary, Voter.Online(voter), new BallotForm(Ranks: ["1", null, "3"]));
        var good = await CastAsync(primary, Voter.Online(voter), BallotArrange.Ranked(3, 1));

        Assert.Equal(BallotForm.RanksField, Assert.Single(gap.Errors).Field);
        Assert.True(good.Succeeded);
    }

    [Fact]
    public async Task CastAsync_PostalCodeOfAnElectorWhoVotedOnline_Refused()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 1);
        var voter = await Db.MemberAsync(primary, "twice@example.org");
        var verified = await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(voter, "AB1-0", "CB4 2JB", Ct));
        Assert.True(verified.Succeeded, string.Join("; ", verified.Errors));
        Db.OpenVoting(primary);

        var online = await CastAsync(primary, Voter.Online(voter), BallotArrange.Ranked(1));
        var postal = await CastAsync(primary, Voter.Postal(codes[0]), BallotArrange.Ranked(2));

        Assert.True(online.Succeeded);
        Assert.False(postal.Succeeded);
        Assert.Single((await BoardAsync(primary))!.Entries);
    }

    [Fact]
    public async Task CastAsync_200SimultaneousSubmissionsWithOneCredential_ExactlyOneBallot()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 1);
        var voter = await Db.MemberAsync(primary, "racer@example.org");
        Db.OpenVoting(primary);
        using var start = new ManualResetEventSlim();

        var casts = Enumerable.Range(0, 200).Select(i => Task.Run(async () =>
        {
            start.Wait(Ct);
            // Half online with the one person, half postal with the one code: each credential wins once.
            return await CastAsync(primary, i % 2 == 0 ? Voter.Online(voter) : Voter.Postal(codes[0]), BallotArrange.Ranked(1 + (i % 3)));
        }, Ct)).ToList();
        start.Set();
        var results = await Task.WhenAll(casts);

        Assert.Equal(2, results.Count(r => r.Succeeded));
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Contains(Assert.Single(r.Errors).Message, new[] { CastBallot.AlreadyVotedMessage, CastBallot.CodeUsedMessage }));
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        Assert.Equal(2, await db.Set<StoredBallot>().CountAsync(b => b.PrimaryId == primary.Id, Ct));
        Assert.True(VerifyBoard.Run((await BoardAsync(primary))!).Succeeded);
    }

    [Fact]
    public async Task Board_ChangingAStoredBallotOrEntry_VerifyFailsAtThatEntry()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 4);
        Db.OpenVoting(primary);
        foreach (var code in codes)
        {
            Assert.True((await CastAsync(primary, Voter.Postal(code), BallotArrange.Ranked(1, 2))).Succeeded);
        }

        Db.CloseVoting(primary);
        await Db.With<CountPrimary, bool>(c => c.RunAsync(primary.Id, Ct));
        var board = (await BoardAsync(primary))!;
        Assert.True(VerifyBoard.Run(board).Succeeded);

        await using (var scope = Db.Scope())
        {
            // Someone with the database changes ballot 3 after the close.
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            var third = board.Entries[2].TrackingCode;
            await db.Set<StoredBallot>().Where(b => b.PrimaryId == primary.Id && b.TrackingCode == third)
                .ExecuteUpdateAsync(s => s.SetProperty(b => b.Text, "2 1"), Ct);
        }

        var tampered = VerifyBoard.Run((await BoardAsync(primary))!);
        Assert.False(tampered.Succeeded);
        Assert.Contains("entry 3", tampered.FirstFailure!.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task PublishCheckpoints_DuringVoting_KeepsEachAndTheBoardExtendsThem()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 2);
        Db.OpenVoting(primary);
        Assert.Equal(1, await Db.With<PublishCheckpoints, int>(p => p.RunAsync(Ct)));
        Assert.True((await CastAsync(primary, Voter.Postal(codes[0]), BallotArrange.Ranked(1))).Succeeded);
        Db.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await Db.With<PublishCheckpoints, int>(p => p.RunAsync(Ct)));
        // Nothing new and only five minutes: none; ten minutes: one even though nothing changed.
        Db.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(0, await Db.With<PublishCheckpoints, int>(p => p.RunAsync(Ct)));
        Db.Time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, await Db.With<PublishCheckpoints, int>(p => p.RunAsync(Ct)));
        Assert.True((await CastAsync(primary, Voter.Postal(codes[1]), BallotArrange.Ranked(2))).Succeeded);

        var board = (await BoardAsync(primary))!;

        Assert.Equal([0, 1, 1], board.Checkpoints.Select(c => c.Count));
        Assert.True(VerifyBoard.Run(board).Succeeded);
    }
}

public sealed class CastBallotSqliteTests() : CastBallotTests(TestProvider.Sqlite);

public sealed class CastBallotPostgresTests() : CastBallotTests(TestProvider.Postgres);

/// <summary>The size on PostgreSQL, the provider a large primary runs on.</summary>
public sealed class CastBallotLoadPostgresTests() : PlatformTest(TestProvider.Postgres)
{
    [Fact]
    public async Task CastAsync_1000CredentialsConcurrently_1000BallotsAndABoardThatVerifies()
    {
        var primary = await Db.VotingPrimaryAsync();
        var codes = await Db.PostalCodesAsync(primary, 1000);
        Db.OpenVoting(primary);

        // 16 at a time (a shared 2-core machine), while four appenders run at once as two nodes' jobs
        // might if the lock failed: the head row's lock alone must keep the chain whole.
        using var gate = new SemaphoreSlim(16);
        using var stop = new CancellationTokenSource();
        var appenders = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Db.With<AppendToBoard, int>(a => a.AppendAllAsync(Ct));
                await Task.Delay(20, Ct);
            }
        }, Ct)).ToList();
        var results = await Task.WhenAll(codes.Select((code, i) => Task.Run(async () =>
        {
            await gate.WaitAsync(Ct);
            try
            {
                return await Db.With<CastBallot, Answerback.Platform.Common.Result<CastReceipt>>(c => c.CastAsync(primary.Id, Voter.Postal(code), BallotArrange.Ranked(1 + (i % 3), 1 + ((i + 1) % 3)), Ct));
            }
            finally
            {
                gate.Release();
            }
        }, Ct)));

        await stop.CancelAsync();
        await Task.WhenAll(appenders);
        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors)));
        Db.CloseVoting(primary);
        Assert.True(await Db.With<CountPrimary, bool>(c => c.RunAsync(primary.Id, Ct)));
        var board = (await Db.With<BoardQuery, BoardDocument?>(q => q.BoardAsync(primary.Id, Ct)))!;
        Assert.Equal(1000, board.Entries.Count);
        Assert.Equal(Enumerable.Range(1, 1000), board.Entries.Select(e => e.Sequence));
        Assert.Equal(results.Select(r => r.Value!.TrackingCode).Order(StringComparer.Ordinal), board.Entries.Select(e => e.TrackingCode).Order(StringComparer.Ordinal));
        var verification = VerifyBoard.Run(board);
        Assert.True(verification.Succeeded, verification.FirstFailure?.Detail);
    }
}
