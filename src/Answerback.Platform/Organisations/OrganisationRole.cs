using Answerback.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Organisations;

/// <summary>What a person may do for one organisation.</summary>
public enum OrganisationRoleKind
{
    /// <summary>Runs the organisation's areas, registers, primaries and conversations.</summary>
    Organiser = 1,

    /// <summary>Moderates the organisation's conversations.</summary>
    Moderator = 2,

    /// <summary>Uploads posts for the organisation's representatives (Accountability); nothing else.</summary>
    Researcher = 3,
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

internal sealed class OrganisationRoleConfiguration : IEntityTypeConfiguration<OrganisationRole>
{
    public void Configure(EntityTypeBuilder<OrganisationRole> builder)
    {
        builder.HasOne(r => r.Organisation).WithMany().HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Person).WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(r => new { r.OrganisationId, r.PersonId, r.Role }).IsUnique();
        builder.HasIndex(r => r.PersonId);
    }
}
