using Answerback.Platform.Common;
using Answerback.Platform.Organisations;
using Answerback.Platform.Primaries;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>Primaries set up through the real use cases, on the test clock.</summary>
public static class PrimaryArrange
{
    /// <summary>A timetable from the clock's now: nominations in 1 day, hustings in 3, voting 10 to 12.</summary>
    public static PrimaryTimetable Timetable(DateTimeOffset now) =>
        new(now.AddDays(1), now.AddDays(3), now.AddDays(10), now.AddDays(12));

    public static PrimaryDetails Details(Guid areaId, DateTimeOffset now, string title = "North Ward candidate", Electorate electorate = Electorate.VerifiedResidents, string method = "av", int seats = 1)
        => new(title, "Choose our **candidate**.", areaId, seats, method, electorate, Timetable(now));

    public static async Task<Guid> OrganiserAsync(this PlatformTestDatabase db, Guid organisationId, string email)
    {
        var person = await db.PersonAsync(email);
        var granted = await db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(organisationId, person, OrganisationRoleKind.Organiser));
        Assert.True(granted.Succeeded);
        return person;
    }

    public static async Task<Primary> PrimaryAsync(this PlatformTestDatabase db, Guid organiser, Guid organisationId, Guid areaId, bool publish = true, Electorate electorate = Electorate.VerifiedResidents)
    {
        var created = await db.With<CreatePrimary, Result<Primary>>(c => c.CreateAsync(organiser, organisationId, Details(areaId, db.Time.GetUtcNow(), electorate: electorate)));
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        if (publish)
        {
            var published = await db.With<PublishPrimary, Result<Primary>>(p => p.PublishAsync(organiser, created.Value!.Id));
            Assert.True(published.Succeeded, string.Join("; ", published.Errors));
        }

        return created.Value!;
    }
}

/// <summary>A published members-only primary in its hustings phase, with its organiser, two approved candidates and two members.</summary>
public sealed record HustingsSetup(Guid Organisation, Guid Organiser, Primary Primary, Guid Ana, Guid AnaCandidate, Guid Ben, Guid BenCandidate, Guid Member, Guid OtherMember, Guid Outsider);

public static class HustingsArrange
{
    public static async Task<HustingsSetup> HustingsAsync(this PlatformTestDatabase db)
    {
        var (_, ward, _) = await db.CityWithWardsAsync();
        var organisation = await db.OrganisationAsync();
        var organiser = await db.OrganiserAsync(organisation, "org@example.org");
        var ana = await db.PersonAsync("ana@example.org");
        var ben = await db.PersonAsync("ben@example.org");
        var member = await db.PersonAsync("member@example.org");
        var otherMember = await db.PersonAsync("member2@example.org");
        var outsider = await db.PersonAsync("outsider@example.org");
        var members = await db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(Arrange.Csv("email\nmember@example.org\nmember2@example.org\n"), "members.csv", organisation));
        Assert.True(members.Succeeded);
        var primary = await db.PrimaryAsync(organiser, organisation, ward, electorate: Electorate.Members);
        db.Time.Advance(TimeSpan.FromDays(1));
        var anaCandidate = await db.ApprovedCandidateAsync(organiser, primary.Id, ana);
        var benCandidate = await db.ApprovedCandidateAsync(organiser, primary.Id, ben);
        db.Time.Advance(TimeSpan.FromDays(2));
        return new HustingsSetup(organisation, organiser, primary, ana, anaCandidate, ben, benCandidate, member, otherMember, outsider);
    }

    /// <summary>The person nominates themselves and the organiser approves them (nominations must be open).</summary>
    public static async Task<Guid> ApprovedCandidateAsync(this PlatformTestDatabase db, Guid organiser, Guid primaryId, Guid person)
    {
        var nominated = await db.With<Nominate, Result<NominationOutcome>>(n => n.NominateAsync(person, primaryId, null));
        Assert.True(nominated.Succeeded, string.Join("; ", nominated.Errors));
        var approved = await db.With<ApproveCandidate, Result<Candidate>>(a => a.ApproveAsync(organiser, nominated.Value!.Candidate!.Id));
        Assert.True(approved.Succeeded, string.Join("; ", approved.Errors));
        return approved.Value!.Id;
    }
}
