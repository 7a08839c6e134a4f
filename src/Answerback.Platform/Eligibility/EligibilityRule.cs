using System.Text.Json.Serialization;

namespace Answerback.Platform.Eligibility;

/// <summary>
/// Who may take part in something (a primary, a conversation). Rules compose with
/// <see cref="AllOf"/> and <see cref="AnyOf"/>, e.g. <c>new AnyOf(new MemberOf(party), new VerifiedResidentOf(ward))</c>.
/// They serialise to JSON (System.Text.Json, discriminator <c>"rule"</c>) so later features can store them.
/// Check them with <see cref="CheckEligibility"/>.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "rule")]
[JsonDerivedType(typeof(AnyoneSignedIn), "anyone-signed-in")]
[JsonDerivedType(typeof(SelfDeclaredResidentOf), "self-declared-resident-of")]
[JsonDerivedType(typeof(VerifiedResidentOf), "verified-resident-of")]
[JsonDerivedType(typeof(MemberOf), "member-of")]
[JsonDerivedType(typeof(AllOf), "all-of")]
[JsonDerivedType(typeof(AnyOf), "any-of")]
public abstract record EligibilityRule
{
    /// <summary>Serialises the rule to JSON.</summary>
    public string ToJson() => System.Text.Json.JsonSerializer.Serialize(this);

    /// <summary>Reads a rule written by <see cref="ToJson"/>.</summary>
    public static EligibilityRule FromJson(string json)
        => System.Text.Json.JsonSerializer.Deserialize<EligibilityRule>(json) ?? throw new FormatException("The eligibility rule is empty.");
}

/// <summary>Anyone with an account who is signed in.</summary>
public sealed record AnyoneSignedIn : EligibilityRule;

/// <summary>Residents of the area, self-declared or verified (a verified resident has declared more than enough).</summary>
public sealed record SelfDeclaredResidentOf(Guid AreaId) : EligibilityRule;

/// <summary>
/// Residents of the area verified against the electoral register. Without <see cref="AttestedBy"/>
/// any organisation's register counts, and any organiser can upload a register, so a rule that
/// matters (a primary, a conversation run by an organisation) should name the organisation whose
/// register it trusts: then only a claimed register entry uploaded by that organisation, for the
/// area or an area within it, satisfies the rule.
/// </summary>
public sealed record VerifiedResidentOf : EligibilityRule
{
    // A constructor rather than a positional record so that callers can write attestedBy: and the
    // rule stays one argument for existing code and JSON written before AttestedBy existed.
    public VerifiedResidentOf(Guid areaId, Guid? attestedBy = null)
    {
        AreaId = areaId;
        AttestedBy = attestedBy;
    }

    public Guid AreaId { get; }

    /// <summary>The organisation whose register must back the residency; null accepts any register.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? AttestedBy { get; }
}

/// <summary>People whose confirmed email address is on the organisation's member list.</summary>
public sealed record MemberOf(Guid OrganisationId) : EligibilityRule;

/// <summary>Every one of the rules (an empty list is satisfied by anyone signed in).</summary>
public sealed record AllOf : EligibilityRule
{
    [JsonConstructor]
    public AllOf(IReadOnlyList<EligibilityRule> rules)
    {
        Rules = rules;
    }

    public AllOf(params EligibilityRule[] rules) : this((IReadOnlyList<EligibilityRule>)rules)
    {
    }

    public IReadOnlyList<EligibilityRule> Rules { get; }

    public bool Equals(AllOf? other) => other is not null && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => Rules.Count;
}

/// <summary>At least one of the rules (an empty list is satisfied by nobody).</summary>
public sealed record AnyOf : EligibilityRule
{
    [JsonConstructor]
    public AnyOf(IReadOnlyList<EligibilityRule> rules)
    {
        Rules = rules;
    }

    public AnyOf(params EligibilityRule[] rules) : this((IReadOnlyList<EligibilityRule>)rules)
    {
    }

    public IReadOnlyList<EligibilityRule> Rules { get; }

    public bool Equals(AnyOf? other) => other is not null && Rules.SequenceEqual(other.Rules);

    public override int GetHashCode() => Rules.Count;
}
