using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Answerback.Platform.Common;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>The primaries the ballot tests vote in (until the Primary entity is merged, held in memory).</summary>
public sealed class TestBallotPapers : IBallotPapers
{
    private readonly ConcurrentDictionary<Guid, BallotPaper> papers = new();

    public void Add(BallotPaper paper) => papers[paper.PrimaryId] = paper;

    public Task<BallotPaper?> FindAsync(Guid primaryId, CancellationToken ct) => Task.FromResult(papers.GetValueOrDefault(primaryId));

    public Task<IReadOnlyList<Guid>> VotingAtAsync(DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. papers.Values.Where(p => p.IsVotingAt(now)).Select(p => p.PrimaryId)]);

    public Task<IReadOnlyList<Guid>> ClosedByAsync(DateTimeOffset now, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<Guid>>([.. papers.Values.Where(p => p.VotingCloses <= now).Select(p => p.PrimaryId)]);
}

/// <summary>A primary in voting, its organiser and postal codes, set up through the use cases.</summary>
public sealed record VotingPrimary(BallotPaper Paper, Guid OrganisationId, Guid OrganiserId, Guid CityId, Guid Ward1Id)
{
    public Guid Id => Paper.PrimaryId;
}

public static class PrimaryArrange
{
    public static readonly string[] Candidates = ["Ann Smith", "Bob Jones", "Cy Patel"];

    public static void AddTestBallotPapers(this IServiceCollection services) => services.AddSingleton<TestBallotPapers>().AddSingleton<IBallotPapers>(s => s.GetRequiredService<TestBallotPapers>());

    /// <summary>A primary of a new organisation for the city, voting from one hour after the test's start for a week.</summary>
    /// <remarks>With <paramref name="wardResidentsOnly"/> the electorate is the verified residents of ward W1; otherwise anyone signed in.</remarks>
    public static async Task<VotingPrimary> VotingPrimaryAsync(this PlatformTestDatabase db, string method = "av", bool wardResidentsOnly = false)
    {
        var (city, ward1, _) = await db.CityWithWardsAsync();
        var organisation = await db.OrganisationAsync();
        var organiser = await db.PersonAsync("organiser@example.org");
        var granted = await db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(organisation, organiser, OrganisationRoleKind.Organiser));
        Assert.True(granted.Succeeded, string.Join("; ", granted.Errors));
        var opens = PlatformTestDatabase.Start.AddHours(1);
        var paper = new BallotPaper(Guid.NewGuid(), organisation, city, "Testville candidate", method, 1, Candidates, opens, opens.AddDays(7), wardResidentsOnly ? new VerifiedResidentOf(ward1) : new AnyoneSignedIn());
        db.Services.GetRequiredService<TestBallotPapers>().Add(paper);
        return new VotingPrimary(paper, organisation, organiser, city, ward1);
    }

    /// <summary>Moves the clock into the voting window.</summary>
    public static void OpenVoting(this PlatformTestDatabase db, VotingPrimary primary) => db.Time.SetUtcNow(primary.Paper.VotingOpens.AddMinutes(1));

    /// <summary>Moves the clock past the close.</summary>
    public static void CloseVoting(this PlatformTestDatabase db, VotingPrimary primary) => db.Time.SetUtcNow(primary.Paper.VotingCloses.AddMinutes(1));

    /// <summary>The register extract of <paramref name="count"/> electors in ward W1, as the organisation uploads it.</summary>
    public static string Register(int count, int first = 0)
    {
        var csv = new StringBuilder("elector_number,postcode,area_code\n");
        for (var i = first; i < first + count; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"AB1-{i},CB4 2JB,W1\n");
        }

        return csv.ToString();
    }

    /// <summary>Imports a register of <paramref name="count"/> electors and exports a postal code for each; the codes as printed.</summary>
    public static async Task<IReadOnlyList<string>> PostalCodesAsync(this PlatformTestDatabase db, VotingPrimary primary, int count)
    {
        var imported = await db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(Arrange.Csv(Register(count)), "register.csv", primary.OrganisationId, "C1"));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        var export = await db.With<ExportPostalCodes, Result<PostalCodeExport>>(e => e.ExportAsync(primary.Id, primary.OrganiserId, Arrange.Csv(Register(count)), "register.csv"));
        Assert.True(export.Succeeded, string.Join("; ", export.Errors));
        return [.. export.Value!.Csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(line => line.Split(',')[2])];
    }

    /// <summary>A ranked ballot form: 1 for the first candidate listed, 2 for the next...</summary>
    public static BallotForm Ranked(params int[] order)
    {
        var ranks = new string?[Candidates.Length];
        for (var i = 0; i < order.Length; i++)
        {
            ranks[order[i] - 1] = (i + 1).ToString(CultureInfo.InvariantCulture);
        }

        return new BallotForm(Ranks: ranks);
    }
}
