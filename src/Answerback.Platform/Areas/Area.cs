using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Areas;

/// <summary>A place: a city, a ward. Areas form a tree through <see cref="ParentId"/>.</summary>
public class Area
{
    public Guid Id { get; set; }

    /// <summary>Unique, URL-safe name used in the area's page address.</summary>
    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>The official code (a GSS code such as E05013050), unique when set.</summary>
    public string? Code { get; set; }

    public Guid? ParentId { get; set; }

    public Area? Parent { get; set; }

    public List<Area> Children { get; set; } = [];
}

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder)
    {
        builder.Property(a => a.Slug).HasMaxLength(100);
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Code).HasMaxLength(20);
        builder.HasIndex(a => a.Slug).IsUnique();
        // Unique when set: both SQLite and PostgreSQL allow many NULLs in a unique index.
        builder.HasIndex(a => a.Code).IsUnique();
        builder.HasOne(a => a.Parent).WithMany(a => a.Children).HasForeignKey(a => a.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
