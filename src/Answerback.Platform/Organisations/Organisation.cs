using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Organisations;

/// <summary>A local party, a council or a campaign: it owns what it runs.</summary>
public class Organisation
{
    public Guid Id { get; set; }

    /// <summary>Unique, URL-safe name (lower case letters, digits and hyphens).</summary>
    public string Slug { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Description { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Slug).HasMaxLength(100);
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.Description).HasMaxLength(4000);
        builder.HasIndex(o => o.Slug).IsUnique();
    }
}
