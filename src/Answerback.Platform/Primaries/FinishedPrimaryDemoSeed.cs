using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
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
/// salts and postal codes are random, as in any primary). Seeded once.
/// </summary>
internal sealed class FinishedPrimaryDemoSeed(
    AnswerbackDbContext db, PrimaryAccess access, OrganisationAccess organisationAccess, IBallotPapers papers,
    ResidencyHasher hasher, BoardQuery board, OrganisationDirectory organisations, AreaDirectory areas,
    UserManager<Person> users, AppendToBoard append, SendWebmentions webmentions, TimeProvider time, ILogger<CountPrimary> countLogger, ILogger<FinishedPrimaryDemoSeed> logger) : IDemoSeed
{
    public const string Title = DemoData.FinishedPrimaryTitle;

    /// <summary>The seed of the synthetic preferences.</summary>
    private const int BallotSeed = 20260507;

    /// <summary>How often the checkpoint job runs (<see cref="PrimaryBallotsSchedule"/>: every 5 minutes).</summary>
    private static readonly TimeSpan CheckpointJobInterval = TimeSpan.FromMinutes(5);

    // After the hustings-phase primary: both need the party, its people and the register.
    public int Order => DemoSeedOrder.Primaries + 1;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        if (await db.Primaries.AnyAsync(p => p.Title == Title, ct))
        {
            return;
        }

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

        await PollingDayAsync(primary.Id, timetable, codes, clock, ct);
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
    /// Polling day: each synthetic voter's ranking is checked (<see cref="ValidateBallot"/>), sealed
    /// with a fresh salt (<see cref="SealedBallot"/>) and staged as a pending board entry by
    /// <see cref="BoardAppender.Stage"/>, the code <see cref="CastBallot"/> uses, with the code voted
    /// with marked used in the same transaction; the checkpoint job runs every 5 minutes of the day and
    /// appends what waits (<see cref="AppendToBoard"/>), as on a real polling day. One transaction per
    /// 5 minutes of voting, not <see cref="CastBallot"/> per ballot: its transaction and commit per
    /// ballot took 40 to 70 s for 800 ballots on the loaded 2-core machine, too slow for a start-up
    /// (docs/primaries.md, "Demo").
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
        var checkpoints = new PublishCheckpoints(db, papers, append, clock);
        var step = (timetable.VotingCloses - timetable.VotingOpens) / (voters.Count + 1);

        await BoardAppender.EnsureHeadAsync(db, primaryId, ct);
        var cast = 0;
        async Task CastUntilAsync(DateTimeOffset until)
        {
            var used = new List<string>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            for (; cast < voters.Count && timetable.VotingOpens + (step * (cast + 1)) < until; cast++)
            {
                clock.Now = timetable.VotingOpens + (step * (cast + 1));
                var ballot = PrimariesDemoSeed.Check(ValidateBallot.Check(paper.Method, paper.Candidates, Ranking(random, order, paper.Candidates.Count)));
                BoardAppender.Stage(db, primaryId, SealedBallot.Seal(ballot));
                used.Add(CredentialCodes.TryParse(voters[cast], out var canonical, out var problem)
                    ? CredentialCodes.Hash(key, paper.BoardId, canonical)
                    : throw new InvalidOperationException("The demo exported a code it cannot read: " + problem));
            }

            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            await db.Set<PrimaryCredential>().Where(c => c.PrimaryId == primaryId && c.CodeHash != null && used.Contains(c.CodeHash))
                .ExecuteUpdateAsync(u => u.SetProperty(c => c.Used, true), ct);
            await transaction.CommitAsync(ct);
        }

        for (var run = timetable.VotingOpens; run < timetable.VotingCloses; run += CheckpointJobInterval)
        {
            // The ballots cast since the job's last run, then the run (which appends them first).
            await CastUntilAsync(run);
            clock.Now = run;
            await checkpoints.RunAsync(ct);
            db.ChangeTracker.Clear();
        }

        await CastUntilAsync(timetable.VotingCloses);
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
