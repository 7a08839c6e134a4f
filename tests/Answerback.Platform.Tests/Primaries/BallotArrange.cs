using System.Globalization;
using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>A published primary with three approved candidates, its organiser and places.</summary>
public sealed record VotingPrimary(BallotPaper Paper, Guid OrganisationId, Guid OrganiserId, Guid CityId, Guid Ward1Id)
{
    public Guid Id => Paper.PrimaryId;
}

/// <summary>The ballot tests' primaries, voters and postal codes, set up through the use cases.</summary>
public static class BallotArrange
{
    public static readonly string[] Candidates = ["Ann Smith", "Bob Jones", "Cy Patel"];

    /// <summary>
    /// A published primary of a new organisation for the city: members of the organisation vote
    /// (<see cref="MemberAsync"/>), or with <paramref name="wardResidentsOnly"/> verified residents of ward W1.
    /// </summary>
    public static async Task<VotingPrimary> VotingPrimaryAsync(this PlatformTestDatabase db, string method = "av", bool wardResidentsOnly = false)
    {
        var (city, ward1, _) = await db.CityWithWardsAsync();
        var organisation = await db.OrganisationAsync();
        var organiser = await db.OrganiserAsync(organisation, "organiser@example.org");
        var details = PrimaryArrange.Details(wardResidentsOnly ? ward1 : city, db.Time.GetUtcNow(), title: "Testville candidate", electorate: wardResidentsOnly ? Electorate.VerifiedResidents : Electorate.Members, method: method);
        var created = await db.With<CreatePrimary, Result<Primary>>(c => c.CreateAsync(organiser, organisation, details));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        var primaryId = created.Value!.Id;
        await ApprovedCandidatesAsync(db, primaryId);
        var published = await db.With<PublishPrimary, Result<Primary>>(p => p.PublishAsync(organiser, primaryId));
        Assert.True(published.Succeeded, string.Join("; ", published.Errors));
        var paper = await db.With<IBallotPapers, BallotPaper?>(p => p.FindAsync(primaryId, TestContext.Current.CancellationToken));
        Assert.Equal(Candidates, paper!.Candidates);
        return new VotingPrimary(paper, organisation, organiser, city, ward1);
    }

    /// <summary>Approved candidates numbered 1 to 3 (written directly until the nomination use cases exist).</summary>
    private static async Task ApprovedCandidatesAsync(PlatformTestDatabase db, Guid primaryId)
    {
        await using var scope = db.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Person>>();
        var context = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        for (var i = 0; i < Candidates.Length; i++)
        {
            var person = Person.Create($"candidate{i}-{primaryId:N}@example.org", Candidates[i], db.Time.GetUtcNow(), emailConfirmed: true);
            Assert.True((await users.CreateAsync(person)).Succeeded);
            context.Candidates.Add(new Candidate
            {
                Id = Guid.NewGuid(), PrimaryId = primaryId, PersonId = person.Id, Status = CandidateStatus.Approved, OrderNumber = i + 1,
                NominatedByPersonId = person.Id, NominatedAt = db.Time.GetUtcNow(), AcceptedAt = db.Time.GetUtcNow(), ApprovedAt = db.Time.GetUtcNow(),
            });
        }

        await context.SaveChangesAsync();
    }

    /// <summary>A person on the organisation's member list (eligible in a members' primary).</summary>
    public static async Task<Guid> MemberAsync(this PlatformTestDatabase db, VotingPrimary primary, string email)
    {
        var person = await db.PersonAsync(email);
        var imported = await db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\n" + email + "\n"), "members.csv", primary.OrganisationId));
        Assert.True(imported.Succeeded, string.Join("; ", imported.Errors));
        return person;
    }

    /// <summary>Moves the clock into the voting window.</summary>
    public static void OpenVoting(this PlatformTestDatabase db, VotingPrimary primary) => db.Time.SetUtcNow(primary.Paper.VotingOpens.AddMinutes(1));

    /// <summary>Moves the clock past the close.</summary>
    public static void CloseVoting(this PlatformTestDatabase db, VotingPrimary primary) => db.Time.SetUtcNow(primary.Paper.VotingCloses.AddMinutes(1));

    /// <summary>The register extract of <paramref name="count"/> electors in ward W1, as the organisation uploads it.</summary>
    public static string Register(int count)
    {
        var csv = new StringBuilder("elector_number,postcode,area_code\n");
        for (var i = 0; i < count; i++)
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
