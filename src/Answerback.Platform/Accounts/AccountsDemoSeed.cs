using Answerback.Platform.Demo;
using Microsoft.AspNetCore.Identity;

namespace Answerback.Platform.Accounts;

/// <summary>The demo people: confirmed emails and no password (the demo panel signs them in), through Identity's <see cref="UserManager{TUser}"/>.</summary>
internal sealed class AccountsDemoSeed(UserManager<Person> users, TimeProvider time) : IDemoSeed
{
    public int Order => DemoSeedOrder.Accounts;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        foreach (var person in DemoData.People)
        {
            if (await users.FindByEmailAsync(person.Email) is not null)
            {
                continue;
            }

            var created = await users.CreateAsync(Person.Create(person.Email, person.DisplayName, time.GetUtcNow(), emailConfirmed: true, isCandidateOrRepresentative: person.IsCandidate));
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"The demo person {person.Email} could not be created: " + string.Join(" ", created.Errors.Select(e => e.Description)));
            }

            seeding.PeopleCreated++;
        }
    }
}
