using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Data;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Eligibility;

/// <summary>Whether a person may take part, and why (in words the person can act on).</summary>
public sealed record EligibilityDecision(bool IsEligible, string Reason);

/// <summary>Decides an <see cref="EligibilityRule"/> for a person from their residencies and member-list entries.</summary>
public sealed class CheckEligibility(AnswerbackDbContext db, AccountFactsReader accounts, ResidencyHasher hasher, RegisterAttestation attestation)
{
    private sealed class Facts
    {
        public required Guid PersonId { get; init; }
        public required bool Exists { get; init; }
        public required string? ConfirmedEmail { get; init; }
        /// <summary>Read when a rule first needs them (an "anyone signed in" check reads only the person).</summary>
        public List<(Guid AreaId, ResidencyKind Kind)>? Residencies { get; set; }
        public bool EmailHashed { get; set; }
        public string? EmailHash { get; set; }
        public Dictionary<Guid, bool> Membership { get; } = [];
        public Dictionary<Guid, string> AreaNames { get; } = [];
        public Dictionary<Guid, string> OrganisationNames { get; } = [];
        /// <summary>The person's claimed entries from approved holders' registers: organisation, the entry's area and those above it.</summary>
        public List<(Guid OrganisationId, string OrganisationName, IReadOnlyList<Guid> Areas)>? AttestedClaims { get; set; }
    }

    public async Task<EligibilityDecision> CheckAsync(Guid personId, EligibilityRule rule, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        // Usually no read at all: the session check of the same request has read the row (AccountFactsReader).
        var person = await accounts.FindAsync(personId, ct);
        // Only a confirmed address counts: otherwise anyone could sign up with a member's email.
        var facts = new Facts { PersonId = personId, Exists = person is not null, ConfirmedEmail = person is { EmailConfirmed: true } ? person.Email : null };
        return await DecideAsync(rule, facts, ct);
    }

    private async Task<List<(Guid AreaId, ResidencyKind Kind)>> ResidenciesAsync(Facts facts, CancellationToken ct)
        => facts.Residencies ??= (await db.Residencies.AsNoTracking().Where(r => r.PersonId == facts.PersonId)
            .Select(r => new { r.AreaId, r.Kind }).ToListAsync(ct)).Select(r => (r.AreaId, r.Kind)).ToList();

    private async Task<string?> EmailHashAsync(Facts facts, CancellationToken ct)
    {
        if (!facts.EmailHashed)
        {
            facts.EmailHash = facts.ConfirmedEmail is { } email ? await hasher.HashEmailAsync(email, ct) : null;
            facts.EmailHashed = true;
        }

        return facts.EmailHash;
    }

    private async Task<EligibilityDecision> DecideAsync(EligibilityRule rule, Facts facts, CancellationToken ct)
    {
        if (!facts.Exists)
        {
            return new EligibilityDecision(false, "Sign in to take part.");
        }

        switch (rule)
        {
            case AnyoneSignedIn:
                return new EligibilityDecision(true, "Everyone who is signed in can take part.");

            case VerifiedResidentOf verified:
            {
                // Only a register of an approved holder counts: any organiser can upload an invented one.
                var name = await AreaNameAsync(verified.AreaId, facts, ct);
                var backing = (await AttestedClaimsAsync(facts, ct))
                    .FirstOrDefault(c => c.Areas.Contains(verified.AreaId) && (verified.AttestedBy is null || c.OrganisationId == verified.AttestedBy));
                if (backing.Areas is not null)
                {
                    return new EligibilityDecision(true, $"You are a verified resident of {name} on the register of {backing.OrganisationName}.");
                }

                if (verified.AttestedBy is { } organisationId)
                {
                    var organisation = await OrganisationNameAsync(organisationId, facts, ct);
                    return new EligibilityDecision(false, $"Only residents of {name} verified against the register of {organisation} can take part: verify your residency with your elector number and postcode.");
                }

                return new EligibilityDecision(false, $"Only verified residents of {name} can take part: verify your residency with your elector number and postcode.");
            }

            case SelfDeclaredResidentOf(var areaId):
            {
                var name = await AreaNameAsync(areaId, facts, ct);
                var residencies = await ResidenciesAsync(facts, ct);
                if (residencies.Contains((areaId, ResidencyKind.Verified)))
                {
                    return new EligibilityDecision(true, $"You are a verified resident of {name}.");
                }

                return residencies.Contains((areaId, ResidencyKind.SelfDeclared))
                    ? new EligibilityDecision(true, $"You have said you live in {name} (unverified).")
                    : new EligibilityDecision(false, $"Only residents of {name} can take part: say where you live, or verify your residency.");
            }

            case MemberOf(var organisationId):
            {
                var name = await OrganisationNameAsync(organisationId, facts, ct);
                var emailHash = await EmailHashAsync(facts, ct);
                if (!facts.Membership.TryGetValue(organisationId, out var member))
                {
                    member = emailHash is { } hash && await db.MemberListEntries.AnyAsync(m => m.OrganisationId == organisationId && m.EmailHash == hash, ct);
                    facts.Membership[organisationId] = member;
                }

                return member
                    ? new EligibilityDecision(true, $"You are a member of {name}.")
                    : new EligibilityDecision(false, emailHash is null
                        ? $"Only members of {name} can take part: confirm your email address first."
                        : $"Only members of {name} can take part, and your email address is not on its member list.");
            }

            case AllOf all:
            {
                var reasons = new List<string>();
                foreach (var part in all.Rules)
                {
                    var decision = await DecideAsync(part, facts, ct);
                    if (!decision.IsEligible)
                    {
                        return decision;
                    }

                    reasons.Add(decision.Reason);
                }

                return new EligibilityDecision(true, reasons.Count == 0 ? "Everyone who is signed in can take part." : string.Join(" ", reasons));
            }

            case AnyOf any:
            {
                var reasons = new List<string>();
                foreach (var part in any.Rules)
                {
                    var decision = await DecideAsync(part, facts, ct);
                    if (decision.IsEligible)
                    {
                        return decision;
                    }

                    reasons.Add(decision.Reason);
                }

                return new EligibilityDecision(false, reasons.Count == 0 ? "Nobody can take part yet." : "You do not meet any of the conditions. " + string.Join(" Or: ", reasons));
            }

            default:
                throw new ArgumentException($"Unknown eligibility rule {rule.GetType().Name}.", nameof(rule));
        }
    }

    /// <summary>
    /// The person's claimed register entries that count: uploaded by an organisation an administrator
    /// approved as register holder for the entry's area. The residency rows alone cannot say this: they
    /// do not record whose register verified them.
    /// </summary>
    private async Task<List<(Guid OrganisationId, string OrganisationName, IReadOnlyList<Guid> Areas)>> AttestedClaimsAsync(Facts facts, CancellationToken ct)
    {
        if (facts.AttestedClaims is null)
        {
            var claims = new List<(Guid, string, IReadOnlyList<Guid>)>();
            foreach (var backing in (await attestation.BackingAsync(facts.PersonId, ct)).Where(b => b.Attested))
            {
                // Residency of a parent is gained through a ward's entry, as VerifyResidency does.
                claims.Add((backing.OrganisationId, backing.OrganisationName, await AreaDirectory.WithAncestorsAsync(db, backing.AreaId, ct)));
            }

            facts.AttestedClaims = claims;
        }

        return facts.AttestedClaims;
    }

    private async Task<string> AreaNameAsync(Guid areaId, Facts facts, CancellationToken ct)
    {
        if (!facts.AreaNames.TryGetValue(areaId, out var name))
        {
            name = await db.Areas.Where(a => a.Id == areaId).Select(a => a.Name).FirstOrDefaultAsync(ct) ?? "an area that no longer exists";
            facts.AreaNames[areaId] = name;
        }

        return name;
    }

    private async Task<string> OrganisationNameAsync(Guid organisationId, Facts facts, CancellationToken ct)
    {
        if (!facts.OrganisationNames.TryGetValue(organisationId, out var name))
        {
            name = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "an organisation that no longer exists";
            facts.OrganisationNames[organisationId] = name;
        }

        return name;
    }
}
