using Answerback.Platform.Accounts;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Primaries;

/// <summary>How a credential was issued.</summary>
public enum CredentialChannel
{
    /// <summary>To a signed-in eligible person who asked for their ballot.</summary>
    Online = 1,

    /// <summary>As a code on a letter, one per register entry (the mail merge export).</summary>
    Postal = 2,
}

/// <summary>
/// The right to cast one ballot in one primary. Online credentials name the person; postal ones the
/// register entry and a keyed hash of the code (never the code). Neither is linkable to the ballot:
/// the ballot row has no reference to this one, and this row records no time of use, only that it is used.
/// </summary>
public class PrimaryCredential
{
    public Guid Id { get; set; }

    public Guid PrimaryId { get; set; }

    public CredentialChannel Channel { get; set; }

    /// <summary>The person (online credentials).</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The register entry the code was sent to (postal credentials).</summary>
    public Guid? RegisterEntryId { get; set; }

    /// <summary><see cref="CredentialCodes.Hash"/> of the code (postal credentials).</summary>
    public string? CodeHash { get; set; }

    /// <summary>True once a ballot was cast with it (set in the ballot's own transaction, only from false).</summary>
    public bool Used { get; set; }
}

internal sealed class PrimaryCredentialConfiguration : IEntityTypeConfiguration<PrimaryCredential>
{
    public void Configure(EntityTypeBuilder<PrimaryCredential> builder)
    {
        builder.ToTable("PrimaryCredentials");
        builder.Property(c => c.CodeHash).HasMaxLength(64);
        // One credential per person, per register entry and per code in a primary (NULLs are distinct in
        // both providers, so each index only binds its own channel). The unique index on the person is
        // what refuses a second online credential created at the same instant.
        builder.HasIndex(c => new { c.PrimaryId, c.PersonId }).IsUnique();
        builder.HasIndex(c => new { c.PrimaryId, c.RegisterEntryId }).IsUnique();
        builder.HasIndex(c => new { c.PrimaryId, c.CodeHash }).IsUnique();
        builder.HasOne<Primary>().WithMany().HasForeignKey(c => c.PrimaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegisterEntry>().WithMany().HasForeignKey(c => c.RegisterEntryId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>An export of postal codes (the audit of issuing on that channel): when, by whom, how many.</summary>
public class CredentialExport
{
    public Guid Id { get; set; }

    public Guid PrimaryId { get; set; }

    public Guid ExportedByPersonId { get; set; }

    public DateTimeOffset ExportedAt { get; set; }

    /// <summary>Codes issued by this export.</summary>
    public int Issued { get; set; }

    /// <summary>Unused codes of earlier exports that this one replaced (they no longer work).</summary>
    public int Replaced { get; set; }
}

internal sealed class CredentialExportConfiguration : IEntityTypeConfiguration<CredentialExport>
{
    public void Configure(EntityTypeBuilder<CredentialExport> builder)
    {
        builder.ToTable("PrimaryCredentialExports");
        builder.HasOne<Primary>().WithMany().HasForeignKey(e => e.PrimaryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(e => e.ExportedByPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
