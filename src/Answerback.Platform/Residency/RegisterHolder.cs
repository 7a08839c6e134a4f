using Answerback.Platform.Accounts;
using Answerback.Platform.Areas;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Residency;

/// <summary>
/// An administrator's approval of an organisation as the holder of the electoral register for an
/// area (and every area within it). Any organiser can upload a register, so only registers of an
/// approved holder count for the public figures and for eligibility: an invented register verifies
/// nobody that matters.
/// </summary>
public class RegisterHolder
{
    public Guid Id { get; set; }

    public Guid OrganisationId { get; set; }

    public Guid AreaId { get; set; }

    /// <summary>The administrator who approved it (null once that account is deleted, or from the command line).</summary>
    public Guid? ApprovedByPersonId { get; set; }

    public DateTimeOffset ApprovedAt { get; set; }
}

internal sealed class RegisterHolderConfiguration : IEntityTypeConfiguration<RegisterHolder>
{
    public void Configure(EntityTypeBuilder<RegisterHolder> builder)
    {
        builder.ToTable("RegisterHolders");
        builder.HasIndex(h => new { h.OrganisationId, h.AreaId }).IsUnique();
        builder.HasOne<Organisation>().WithMany().HasForeignKey(h => h.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Area>().WithMany().HasForeignKey(h => h.AreaId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(h => h.ApprovedByPersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
