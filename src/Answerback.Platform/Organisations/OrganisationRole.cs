using Answerback.Platform.Accounts;

namespace Answerback.Platform.Organisations;

/// <summary>What a person may do for one organisation.</summary>
public enum OrganisationRoleKind
{
    /// <summary>Runs the organisation's areas, registers, primaries and conversations.</summary>
    Organiser = 1,

    /// <summary>Moderates the organisation's conversations.</summary>
    Moderator = 2,
}

/// <summary>A grant of <see cref="OrganisationRoleKind"/> to a person for one organisation.</summary>
public class OrganisationRole
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public OrganisationRoleKind Role { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}
