using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Demo;
using Microsoft.AspNetCore.Identity;

namespace Answerback.Platform.Organisations;

/// <summary>
/// The demo party, through <see cref="CreateOrganisation"/>, <see cref="GrantOrganisationRole"/> and
/// <see cref="ImportMembers"/>: its organiser and moderator, and a member list of its organiser,
/// moderator and candidates.
/// </summary>
internal sealed class OrganisationsDemoSeed(
    CreateOrganisation create, GrantOrganisationRole grant, ImportMembers members, OrganisationDirectory directory, UserManager<Person> users) : IDemoSeed
{
    public int Order => DemoSeedOrder.Organisations;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        var organisation = await directory.FindAsync(DemoData.OrganisationSlug, ct);
        if (organisation is null)
        {
            var created = await create.CreateAsync(DemoData.OrganisationName, DemoData.OrganisationSlug,
                "A fictional local party for the demo. Its people, register and members are made up.", ct);
            organisation = created.Value ?? throw new InvalidOperationException("The demo organisation could not be created: " + string.Join(" ", created.Errors.Select(e => e.Message)));
            seeding.OrganisationCreated = true;
        }

        foreach (var (email, role) in new[] { (DemoData.OrganiserEmail, OrganisationRoleKind.Organiser), (DemoData.ModeratorEmail, OrganisationRoleKind.Moderator) })
        {
            var person = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"The demo person {email} is missing.");
            await grant.GrantAsync(organisation.Id, person.Id, role, ct);
        }

        var list = "email\n" + string.Join("\n", DemoData.OrganiserEmail, DemoData.ModeratorEmail, DemoData.FirstCandidateEmail, DemoData.SecondCandidateEmail) + "\n";
        using var csv = new MemoryStream(Encoding.UTF8.GetBytes(list));
        var imported = await members.ImportAsync(csv, "demo-members.csv", organisation.Id, ct);
        if (!imported.Succeeded)
        {
            throw new InvalidOperationException("The demo member list could not be imported: " + string.Join(" ", imported.Errors.Select(e => e.Message)));
        }
    }
}
