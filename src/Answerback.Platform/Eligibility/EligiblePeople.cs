using Answerback.Platform.Data;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Eligibility;

/// <summary>
/// Everyone a rule admits, for background jobs that tell a whole electorate something (a primary
/// opens). The rule's facts give the candidates (residency rows of the area, confirmed addresses on
/// the member list); <see cref="CheckEligibility"/> then decides each one, so the answer is exactly
/// what a person would be told on the page. Never called on a request: it reads one row per person.
/// </summary>
public sealed class EligiblePeople(AnswerbackDbContext db, CheckEligibility eligibility, ResidencyHasher hasher)
{
    /// <summary>The ids of the people <paramref name="rule"/> admits now.</summary>
    public async Task<IReadOnlyList<Guid>> ListAsync(EligibilityRule rule, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var candidates = await CandidatesAsync(rule, ct);
        var admitted = new List<Guid>(candidates.Count);
        foreach (var person in candidates.Order())
        {
            if ((await eligibility.CheckAsync(person, rule, ct)).IsEligible)
            {
                admitted.Add(person);
            }
        }

        return admitted;
    }

    private async Task<HashSet<Guid>> CandidatesAsync(EligibilityRule rule, CancellationToken ct)
    {
        switch (rule)
        {
            case VerifiedResidentOf verified:
                // Verification writes a row for the entry's area and every area above it (ResidencyClaims).
                return [.. await db.Residencies.AsNoTracking().Where(r => r.AreaId == verified.AreaId && r.Kind == ResidencyKind.Verified).Select(r => r.PersonId).ToListAsync(ct)];
            case SelfDeclaredResidentOf(var areaId):
                return [.. await db.Residencies.AsNoTracking().Where(r => r.AreaId == areaId).Select(r => r.PersonId).ToListAsync(ct)];
            case MemberOf(var organisationId):
            {
                var members = (await db.MemberListEntries.AsNoTracking().Where(m => m.OrganisationId == organisationId).Select(m => m.EmailHash).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                var result = new HashSet<Guid>();
                if (members.Count == 0)
                {
                    return result;
                }

                // Member lists hold keyed hashes only, so each confirmed address is hashed to be matched.
                await foreach (var person in db.Users.AsNoTracking().Where(u => u.EmailConfirmed && u.Email != null).Select(u => new { u.Id, u.Email }).AsAsyncEnumerable().WithCancellation(ct))
                {
                    if (members.Contains(await hasher.HashEmailAsync(person.Email!, ct)))
                    {
                        result.Add(person.Id);
                    }
                }

                return result;
            }

            case AnyOf any:
            {
                var result = new HashSet<Guid>();
                foreach (var part in any.Rules)
                {
                    result.UnionWith(await CandidatesAsync(part, ct));
                }

                return result;
            }

            case AllOf { Rules.Count: > 0 } all:
                return await CandidatesAsync(all.Rules[0], ct);
            default:
                // Anyone signed in (or an empty AllOf): everyone with an account.
                return [.. await db.Users.AsNoTracking().Select(u => u.Id).ToListAsync(ct)];
        }
    }
}
