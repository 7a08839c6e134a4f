using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Imports;

/// <summary>
/// An uploaded file kept in the database until a background job has read it, so that any web node
/// can run the job (see <see cref="UploadStore"/>). Its bytes are in <see cref="StoredUploadChunk"/> rows.
/// </summary>
public class StoredUpload
{
    public Guid Id { get; set; }

    /// <summary>The uploaded file's name, as errors name it.</summary>
    public string FileName { get; set; } = "";

    /// <summary>The file's length in bytes.</summary>
    public long Size { get; set; }

    /// <summary>What the upload is for, e.g. <c>post-import</c> (for the operator: what a stray row belongs to).</summary>
    public string Purpose { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One piece of a <see cref="StoredUpload"/>: <see cref="UploadStore.ChunkBytes"/> bytes, the last one
/// shorter; <see cref="Index"/> counts from 0.
/// </summary>
public class StoredUploadChunk
{
    public Guid UploadId { get; set; }

    public int Index { get; set; }

    public byte[] Bytes { get; set; } = [];
}

internal sealed class StoredUploadConfiguration : IEntityTypeConfiguration<StoredUpload>
{
    public const int FileNameLength = 260;

    public void Configure(EntityTypeBuilder<StoredUpload> builder)
    {
        builder.ToTable("StoredUploads");
        builder.Property(u => u.FileName).HasMaxLength(FileNameLength);
        builder.Property(u => u.Purpose).HasMaxLength(100);
        builder.HasIndex(u => u.CreatedAt);
    }
}

internal sealed class StoredUploadChunkConfiguration : IEntityTypeConfiguration<StoredUploadChunk>
{
    public void Configure(EntityTypeBuilder<StoredUploadChunk> builder)
    {
        builder.ToTable("StoredUploadChunks");
        builder.HasKey(c => new { c.UploadId, c.Index });
        builder.HasOne<StoredUpload>().WithMany().HasForeignKey(c => c.UploadId).OnDelete(DeleteBehavior.Cascade);
    }
}
