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
