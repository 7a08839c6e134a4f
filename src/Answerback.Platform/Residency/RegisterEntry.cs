namespace Answerback.Platform.Residency;

/// <summary>
/// One elector from an uploaded register extract. Only a keyed hash of the normalised elector number
/// and postcode is stored (see <see cref="ResidencyHasher"/>); names and other columns are never kept.
/// </summary>
public class RegisterEntry
{
    public Guid Id { get; set; }

    public Guid AreaId { get; set; }

    /// <summary>The organisation that uploaded the register.</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>HMAC-SHA256 of the normalised elector number and postcode, lower-case hex (64 characters). Unique per area and organisation.</summary>
    public string Hash { get; set; } = "";

    /// <summary>The account this entry verified, if any: an entry backs at most one account.</summary>
    public Guid? ClaimedByPersonId { get; set; }

    public DateTimeOffset? ClaimedAt { get; set; }

    public DateTimeOffset ImportedAt { get; set; }
}
