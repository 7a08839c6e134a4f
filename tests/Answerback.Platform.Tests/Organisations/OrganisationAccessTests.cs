using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Organisations;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Organisations;

public abstract class OrganisationAccessTests(TestProvider provider) : PlatformTest(provider)
{
    [Fact]
    public async Task Checks_OrganiserModeratorCitizenOtherOrganiserAndAdministrator()
    {
        var greens = await Db.OrganisationAsync("Greens");
        var blues = await Db.OrganisationAsync("Blues");
        var organiser = await Db.PersonAsync("org@example.org");
        var moderator = await Db.PersonAsync("mod@example.org");
        var citizen = await Db.PersonAsync("cit@example.org");
        var bluesOrganiser = await Db.PersonAsync("blue@example.org");
        Assert.True((await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(greens, organiser, OrganisationRoleKind.Organiser, Ct))).Value!.Changed);
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(greens, moderator, OrganisationRoleKind.Moderator, Ct));
        await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.GrantAsync(blues, bluesOrganiser, OrganisationRoleKind.Organiser, Ct));
        var admin = (await Db.With<CreateAdministrator, Result<CreatedAdministrator>>(c => c.CreateAsync("root@example.org", null, Ct))).Value!.PersonId;

        Task<bool> Organiser(Guid p) => Db.With<OrganisationAccess, bool>(a => a.IsOrganiserAsync(p, greens, Ct));
        Task<bool> Moderator(Guid p) => Db.With<OrganisationAccess, bool>(a => a.IsModeratorAsync(p, greens, Ct));

        Assert.True(await Organiser(organiser));
        Assert.True(await Moderator(organiser));
        Assert.False(await Organiser(moderator));
        Assert.True(await Moderator(moderator));
        Assert.False(await Organiser(citizen));
        Assert.False(await Moderator(citizen));
        Assert.False(await Organiser(bluesOrganiser));
        Assert.False(await Moderator(bluesOrganiser));
        Assert.True(await Organiser(admin));
        Assert.True(await Moderator(admin));
        Assert.False(await Db.With<OrganisationAccess, bool>(a => a.IsAnyOrganiserAsync(citizen, Ct)));
        Assert.True(await Db.With<OrganisationAccess, bool>(a => a.IsAnyOrganiserAsync(bluesOrganiser, Ct)));

        var revoked = await Db.With<GrantOrganisationRole, Result<RoleChange>>(g => g.RevokeAsync(greens, organiser, OrganisationRoleKind.Organiser, Ct));
        Assert.True(revoked.Value!.Changed);
        Assert.False(await Organiser(organiser));
    }

    [Fact]
    public async Task CreateAsync_TakenOrInvalidSlug_FieldErrors()
    {
        await Db.OrganisationAsync("Cambridge Commons");
        var taken = await Db.With<CreateOrganisation, Result<Organisation>>(c => c.CreateAsync("Cambridge Commons", null, null, Ct));
        var invalid = await Db.With<CreateOrganisation, Result<Organisation>>(c => c.CreateAsync("X", "Not A Slug", null, Ct));
        Assert.Equal("The address cambridge-commons is taken.", Assert.Single(taken.Errors).Message);
        Assert.Equal("slug", Assert.Single(invalid.Errors).Field);
    }
}

public sealed class OrganisationAccessSqliteTests() : OrganisationAccessTests(TestProvider.Sqlite);

public sealed class OrganisationAccessPostgresTests() : OrganisationAccessTests(TestProvider.Postgres);
