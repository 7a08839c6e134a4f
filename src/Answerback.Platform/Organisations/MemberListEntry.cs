namespace Answerback.Platform.Organisations;

/// <summary>A member of an organisation, known only by a keyed hash of their normalised email address.</summary>
public class MemberListEntry
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    /// <summary>HMAC-SHA256 of the trimmed, lower-cased email address, lower-case hex.</summary>
    public string EmailHash { get; set; } = "";
}
