using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Jobs;
using Answerback.Platform.Organisations;
using Answerback.Platform.Residency;
using Answerback.Platform.Webmentions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Primaries;

/// <summary>
/// The demo's finished primary ("Romsey ward candidate (demo)", Alternative Vote), run from start to
/// result through the real use cases on a clock set back to each step: set up and published, three
/// candidates nominated and approved, a postal code exported for each of the
/// <see cref="DemoData.RomseyPostalElectors"/> electors of Romsey's polling district 2, then
/// <see cref="DemoData.RomseyBallots"/> synthetic ballots cast with those codes on polling day, sealed
/// and appended by the board code casting uses (so the board, its commitments and its chain are the
/// real ones; see <see cref="PollingDayAsync"/>), checkpoints published by the 5-minute run of
/// <see cref="PublishCheckpoints"/>, and the count run by
/// <see cref="CountPrimary"/> after the close. Its board verifies, its result page and BLT download work.
/// The ballots come from a seeded generator: the same preferences on every machine (the tracking codes,
/// salts and postal codes are random, as in any primary). Seeded once, all or nothing: the published
/// result is the seed's completion marker (the count is its last step). A seed that fails removes
/// what it wrote, and one that was killed half-way (a primary of this title without a result) is
/// removed at the next start and seeded again; the primary's rows all cascade from it. The seed
/// holds a job lock (<see cref="LockKey"/>) so that a node starting beside one that is seeding
/// leaves its work alone.
/// </summary>
internal sealed class FinishedPrimaryDemoSeed(
    AnswerbackDbContext db, PrimaryAccess access, OrganisationAccess organisationAccess, IBallotPapers papers,
    ResidencyHasher hasher, BoardQuery board, OrganisationDirectory organisations, AreaDirectory areas,
    UserManager<Person> users, SendWebmentions webmentions, IJobLocks locks, TimeProvider time, ILogger<CountPrimary> countLogger, ILogger<FinishedPrimaryDemoSeed> logger) : IDemoSeed
{
    public const string Title = DemoData.FinishedPrimaryTitle;

    /// <summary>The seed of the synthetic preferences.</summary>
    private const int BallotSeed = 20260507;

    /// <summary>How often the checkpoint job runs (<see cref="PrimaryBallotsSchedule"/>: every 5 minutes).</summary>
    private static readonly TimeSpan CheckpointJobInterval = TimeSpan.FromMinutes(5);

    // After the hustings-phase primary: both need the party, its people and the register.
    public int Order => DemoSeedOrder.Primaries + 1;

    /// <summary>Called after each step with its name (tests inject a failure half-way with it).</summary>
    internal Func<string, Task> AfterStep { get; set; } = _ => Task.CompletedTask;

    /// <summary>The lock held while seeding: two nodes starting at once must not take each other's seed for a half one.</summary>
    public const string LockKey = "demo:finished-primary";

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        // Another node is seeding it: that node finishes it (or removes what it wrote).
        await using var held = await locks.TryAcquireAsync(LockKey, ct);
        if (held is null)
        {
            return;
        }

        var results = await db.Primaries.Where(p => p.Title == Title).Select(p => p.ResultPublishedAt).ToListAsync(ct);
        if (results.Exists(r => r is not null))
        {
            return;
        }

        if (results.Count > 0)
        {
            if (logger.IsEnabled(LogLevel.Warning))
            {
                logger.LogWarning("The demo primary {Title} was seeded only half-way (no result): removing it and seeding it again", Title);
            }

            await RemoveUnfinishedAsync(ct);
        }

        try
        {
            await SeedFullyAsync(ct);
        }
        catch
        {
            // Whatever the failure, no half demo stays behind (nor, after a crash, past the next start).
            await RemoveUnfinishedAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>Removes a primary of the demo's title that has no result, with everything of it (cascading from the primary row).</summary>
    private async Task RemoveUnfinishedAsync(CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await db.Primaries.Where(p => p.Title == Title && p.ResultPublishedAt == null).ExecuteDeleteAsync(ct);
    }

    private async Task SeedFullyAsync(CancellationToken ct)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var organisation = await organisations.FindAsync(DemoData.OrganisationSlug, ct) ?? throw new InvalidOperationException("The demo party is missing.");
        var romsey = (await areas.ChoicesAsync(codedOnly: true, ct)).Single(a => a.Code == DemoData.WardCode("Romsey")).Id;
        async Task<Person> Person(string email) => await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"The demo person {email} is missing.");
        var organiser = (await Person(DemoData.OrganiserEmail)).Id;
        var candidates = new[] { await Person(DemoData.FirstCandidateEmail), await Person(DemoData.SecondCandidateEmail), await Person(DemoData.ThirdCandidateEmail) };

        // Polling day was a fortnight ago, 07:00 to 22:00.
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var pollingDay = today.AddDays(-14);
        var timetable = new PrimaryTimetable(pollingDay.AddDays(-28).AddHours(9), pollingDay.AddDays(-14).AddHours(9), pollingDay.AddHours(7), pollingDay.AddHours(22));
        var clock = new DemoClock(timetable.NominationsOpen.AddDays(-1));
        var details = new PrimaryDetails(Title,
            "Who should stand for the Cambridge Commons Party in **Romsey** at the May elections? Every elector on the party's " +
            "register for Romsey's polling district 2 was sent a postal code, and voted by ranking the candidates: the count is " +
            "by the Alternative Vote. The board below has every ballot and its salt, so anyone can check and recount it.\n\n" +
            "This is demo data: the people, the party and the ballots are invented.",
            romsey, 1, "av", Electorate.MembersOrVerifiedResidents, timetable);
        var primary = PrimariesDemoSeed.Check(await new CreatePrimary(db, access, clock).CreateAsync(organiser, organisation.Id, details, ct));
        PrimariesDemoSeed.Check(await new PublishPrimary(db, access, clock).PublishAsync(organiser, primary.Id, ct));
        await AfterStep("published");

        clock.Now = timetable.NominationsOpen.AddHours(3);
        var nominate = new Nominate(db, clock);
        var approve = new ApproveCandidate(db, access, webmentions, clock);
        var statement = new EditStatement(db, webmentions, clock);
        var statements = new[]
        {
            "## Why I am standing\n\nI want Romsey's streets to be safe to cross and its children's centre kept open.",
            "## About me\n\nI run a bike repair shop. I want **Mill Road's** shops full and buses that come on time.",
            "## Cara for Romsey\n\nA nurse at Addenbrooke's for twelve years: I will fight for **GP appointments** and homes nurses can afford.",
        };
        for (var i = 0; i < candidates.Length; i++)
        {
            var candidate = PrimariesDemoSeed.Check(await nominate.NominateAsync(candidates[i].Id, primary.Id, null, ct)).Candidate!;
            PrimariesDemoSeed.Check(await statement.SaveAsync(candidates[i].Id, candidate.Id, statements[i], ct));
            clock.Now = clock.Now.AddHours(4);
            PrimariesDemoSeed.Check(await approve.ApproveAsync(organiser, candidate.Id, ct));
        }

        await AfterStep("candidates");

        // The organiser exports the postal codes for the mail merge before polling day.
        clock.Now = timetable.VotingOpens.AddDays(-10);
        var extract = new StringBuilder("elector_number,postcode\n");
        foreach (var (elector, postcode, _) in ResidencyDemoSeed.RomseyPostalRegister())
        {
            extract.Append(elector).Append(',').Append(postcode).Append('\n');
        }

        using var upload = new MemoryStream(Encoding.UTF8.GetBytes(extract.ToString()));
        var export = PrimariesDemoSeed.Check(await new ExportPostalCodes(db, papers, organisationAccess, hasher, clock).ExportAsync(primary.Id, organiser, upload, "romsey-district-2.csv", ct));
        var codes = export.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[2]).ToList();

        await AfterStep("postal codes");
        await PollingDayAsync(primary.Id, timetable, codes, clock, ct);
        await AfterStep("polling day");
        // The count job's first run after the close.
        clock.Now = timetable.VotingCloses.AddMinutes(1);
        if (!await new CountPrimary(db, papers, board, clock, countLogger).RunAsync(primary.Id, ct))
        {
            throw new InvalidOperationException("The demo primary could not be counted.");
        }

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Demo primary {Title} seeded: {Ballots} ballots cast and counted in {Milliseconds} ms", Title, DemoData.RomseyBallots, watch.ElapsedMilliseconds);
        }
    }

    /// <summary>
    /// Polling day, written in one transaction with one SaveChanges: each synthetic voter's ranking is
    /// checked (<see cref="ValidateBallot"/>), sealed with a fresh salt (<see cref="SealedBallot"/>)
    /// and staged as <see cref="CastBallot"/> stages it (<see cref="BoardAppender.Staged"/>); at each
    /// 5-minute run of the checkpoint job the ballots waiting since the last run are appended to the
    /// chain in a shuffled batch as the appender does (<see cref="BoardAppender.Chain"/>) and a
    /// checkpoint is kept when the job would publish one (<see cref="PublishCheckpoints.IsDue"/>); the
    /// ballots of the last minutes stay pending for the count. The codes voted with are marked used in
    /// one statement. The board is computed in memory and written once, not appended through 180 job
    /// runs of a few round trips and a commit each (which, with a transaction per run of casts, was
    /// most of the seed's time; docs/primaries.md, "Demo").
    /// </summary>
    private async Task PollingDayAsync(Guid primaryId, PrimaryTimetable timetable, IReadOnlyList<string> codes, DemoClock clock, CancellationToken ct)
    {
        clock.Now = timetable.VotingOpens;
        var paper = await papers.FindAsync(primaryId, ct) ?? throw new InvalidOperationException("The demo primary has no ballot paper.");
        var order = new[] { DemoData.FirstCandidateEmail, DemoData.SecondCandidateEmail, DemoData.ThirdCandidateEmail }
            .Select(email => paper.Candidates.ToList().IndexOf(DemoData.People.Single(p => p.Email == email).DisplayName)).ToArray();
        var random = new Random(BallotSeed);
        var voters = codes.OrderBy(_ => random.Next()).Take(DemoData.RomseyBallots).ToList();
        var key = await hasher.GetKeyAsync(ct);
        var step = (timetable.VotingCloses - timetable.VotingOpens) / (voters.Count + 1);

        var chain = BoardChain.Start(paper.BoardId);
        var ballots = new List<StoredBallot>(voters.Count);
        var records = new List<BoardRecord>(voters.Count);
        var checkpoints = new List<PublishedCheckpoint>();
        var used = new List<string>(voters.Count);
        var cast = 0;
        List<PendingBoardEntry> CastUntil(DateTimeOffset until)
        {
            var pending = new List<PendingBoardEntry>();
            for (; cast < voters.Count && timetable.VotingOpens + (step * (cast + 1)) < until; cast++)
            {
                var ballot = PrimariesDemoSeed.Check(ValidateBallot.Check(paper.Method, paper.Candidates, Ranking(random, order, paper.Candidates.Count)));
                var (stored, entry) = BoardAppender.Staged(primaryId, SealedBallot.Seal(ballot));
                ballots.Add(stored);
                pending.Add(entry);
                used.Add(CredentialCodes.TryParse(voters[cast], out var canonical, out var problem)
                    ? CredentialCodes.Hash(key, paper.BoardId, canonical)
                    : throw new InvalidOperationException("The demo exported a code it cannot read: " + problem));
            }

            return pending;
        }

        for (var run = timetable.VotingOpens; run < timetable.VotingCloses; run += CheckpointJobInterval)
        {
            // The ballots cast since the job's last run, then the run: it appends them (in the order the
            // appender reads them, by tracking code, before its shuffle), then checkpoints the head.
            var waiting = CastUntil(run).OrderBy(p => p.TrackingCode, StringComparer.Ordinal).ToArray();
            records.AddRange(BoardAppender.Chain(primaryId, chain, waiting));
            if (PublishCheckpoints.IsDue(checkpoints.LastOrDefault(), chain.Count, run))
            {
                checkpoints.Add(new PublishedCheckpoint { Id = Guid.NewGuid(), PrimaryId = primaryId, Count = chain.Count, Hash = chain.Head, PublishedAt = run });
            }
        }

        var last = CastUntil(timetable.VotingCloses);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            db.Set<StoredBallot>().AddRange(ballots);
            db.Set<BoardRecord>().AddRange(records);
            db.Set<PendingBoardEntry>().AddRange(last);
            db.Set<PublishedCheckpoint>().AddRange(checkpoints);
            db.Set<BoardHead>().Add(new BoardHead { PrimaryId = primaryId, Count = chain.Count, Hash = chain.Head });
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            db.ChangeTracker.Clear();
        }

        await db.Set<PrimaryCredential>().Where(c => c.PrimaryId == primaryId && c.CodeHash != null && used.Contains(c.CodeHash))
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Used, true), ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>
    /// One synthetic voter's ranking, as the ballot form sends it (a number or nothing beside each
    /// candidate in published order). Ana leads on first preferences, but most of Cara's voters put
    /// Ben second, so Ben wins once Cara is out: the transfers decide it. Some voters rank only one.
    /// </summary>
    private static BallotForm Ranking(Random random, int[] order, int count)
    {
        var first = Pick(random, [38, 34, 28]);
        // The chance, out of 100, that a voter of [first] puts each of the others second.
        int[][] second = [[0, 20, 60], [20, 0, 55], [20, 70, 0]];
        var ranks = new string?[count];
        ranks[order[first]] = "1";
        var roll = random.Next(100);
        var others = Enumerable.Range(0, 3).Where(c => c != first).ToArray();
        var next = roll < second[first][others[0]] ? others[0] : roll < second[first][others[0]] + second[first][others[1]] ? others[1] : -1;
        if (next >= 0)
        {
            ranks[order[next]] = "2";
            if (random.Next(2) == 0)
            {
                ranks[order[others.Single(c => c != next)]] = "3";
            }
        }

        return new BallotForm(Ranks: ranks);
    }

    private static int Pick(Random random, int[] weights)
    {
        var roll = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            roll -= weights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }
}
