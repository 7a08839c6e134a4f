using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Accountability;

/// <summary>Where an upload of posts is.</summary>
public enum PostImportState
{
    Queued = 1,
    Running = 2,
    Succeeded = 3,
    Failed = 4,
}

/// <summary>
/// One uploaded file of posts, for one representative or in bulk (matched by handle), imported in the
/// background: its state, progress and, when it failed, the engine's message naming the file and line.
/// </summary>
public class PostImport
{
    public Guid Id { get; set; }

    /// <summary>The organisation the upload was made for (its representatives are the ones matched).</summary>
    public Guid OrganisationId { get; set; }

    /// <summary>The representative the file is for; null for a bulk upload matched by handle.</summary>
    public Guid? RepresentativeId { get; set; }

    public Guid RequestedByPersonId { get; set; }

    /// <summary>The uploaded file's name, as errors name it.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The file in the <see cref="Imports.UploadStore"/> until the job has read it (deleted afterwards: then null).</summary>
    public Guid? UploadId { get; set; }

    public PostImportState State { get; set; }

    /// <summary>Posts read so far (updated while the job runs).</summary>
    public long PostsRead { get; set; }

    /// <summary>Posts new to the database (0 until it succeeds: all or nothing).</summary>
    public long PostsAdded { get; set; }

    public string? Error { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }
}

internal sealed class PostImportConfiguration : IEntityTypeConfiguration<PostImport>
{
    public void Configure(EntityTypeBuilder<PostImport> builder)
    {
        builder.ToTable("PostImports");
        builder.Property(i => i.FileName).HasMaxLength(260);
        builder.Property(i => i.Error).HasMaxLength(2000);
        builder.HasOne<Organisations.Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Imports.StoredUpload>().WithMany().HasForeignKey(i => i.UploadId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne<Representative>().WithMany().HasForeignKey(i => i.RepresentativeId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(i => new { i.OrganisationId, i.CreatedAt });
    }
}

/// <summary>
/// A precomputed view (a scorecard, a party's campaigns, an area's presence) as JSON (or a network as CSV or GraphML text), written by
/// <see cref="RecomputeAudit"/> after each import so that pages only read one row.
/// </summary>
public class AuditSnapshot
{
    /// <summary><c>rep:{id}</c>, <c>party:{key}</c>, <c>area:{id}</c>.</summary>
    public string Key { get; set; } = "";

    public string Content { get; set; } = "";

    public DateTimeOffset ComputedAt { get; set; }
}

internal sealed class AuditSnapshotConfiguration : IEntityTypeConfiguration<AuditSnapshot>
{
    public void Configure(EntityTypeBuilder<AuditSnapshot> builder)
    {
        builder.ToTable("AuditSnapshots");
        builder.HasKey(s => s.Key);
        builder.Property(s => s.Key).HasMaxLength(300);
    }
}
