namespace Answerback.Platform.Residency;

/// <summary>A residency verification attempt, kept for the rate limit and the audit log.</summary>
public class VerificationAttempt
{
    public Guid Id { get; set; }

    public Guid PersonId { get; set; }

    public DateTimeOffset At { get; set; }

    public bool Succeeded { get; set; }
}
