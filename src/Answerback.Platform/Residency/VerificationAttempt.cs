using Answerback.Platform.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.Residency;

/// <summary>A residency verification attempt, kept for the rate limit and the audit log.</summary>
public class VerificationAttempt
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset At { get; set; }

    public bool Succeeded { get; set; }
}

internal sealed class VerificationAttemptConfiguration : IEntityTypeConfiguration<VerificationAttempt>
{
    public void Configure(EntityTypeBuilder<VerificationAttempt> builder)
    {
        builder.HasIndex(a => new { a.PersonId, a.At });
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
