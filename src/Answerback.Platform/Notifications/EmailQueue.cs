using Answerback.Platform.Data;
using Answerback.Platform.Jobs;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Notifications;

/// <summary>
/// Where requests put the email they send: never sent inside the request, so that an answer takes
/// the same time whether or not a message went out (no enumeration by timing) and a slow SMTP
/// server never holds a page. The queue is a table (durable: it survives restarts and outlives the
/// job engine's own state); a background job sends each message.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the name says what it is.")]
public interface IEmailQueue
{
    /// <summary>Stores the message for the background sender (saved before this returns).</summary>
    Task EnqueueAsync(EmailMessage message, CancellationToken ct = default);
}

/// <summary>Where a queued message is: waiting, or being handed to the mail server.</summary>
public enum QueuedEmailState
{
    /// <summary>Waiting to be sent at <see cref="QueuedEmail.NotBefore"/>.</summary>
    Pending = 0,

    /// <summary>Claimed by a sender, which is talking to the mail server now (or crashed while it did).</summary>
    Sending = 1,

    /// <summary>A sender claimed it and never finished: it may or may not have gone out, so it is not sent again automatically (see docs/architecture.md).</summary>
    Unconfirmed = 2,
}

/// <summary>A message waiting to be sent. Deleted once sent: reset links are not kept.</summary>
public class QueuedEmail
{
    public Guid Id { get; set; }

    public string To { get; set; } = "";

    public string Subject { get; set; } = "";

    public string TextBody { get; set; } = "";

    public string? HtmlBody { get; set; }

    public EmailKind Kind { get; set; }

    /// <summary>The one-click unsubscribe address (RFC 8058) for notification emails; null for account emails.</summary>
    public string? UnsubscribeUrl { get; set; }

    public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>Not sent before this instant (a retry waits).</summary>
    public DateTimeOffset NotBefore { get; set; }

    public QueuedEmailState State { get; set; }

    /// <summary>When a sender claimed it (state <see cref="QueuedEmailState.Sending"/>).</summary>
    public DateTimeOffset? SendingSince { get; set; }

    public int Attempts { get; set; }

    internal EmailMessage ToMessage() => new(To, Subject, TextBody, HtmlBody, Kind, UnsubscribeUrl, Id);
}

internal sealed class QueuedEmailConfiguration : IEntityTypeConfiguration<QueuedEmail>
{
    public void Configure(EntityTypeBuilder<QueuedEmail> builder)
    {
        builder.ToTable("QueuedEmails");
        builder.Property(e => e.To).HasMaxLength(320);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.Property(e => e.UnsubscribeUrl).HasMaxLength(2000);
        builder.HasIndex(e => new { e.State, e.NotBefore });
    }
}

/// <summary>The queue as a table in the platform database, each message handed to a background job.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the name says what it is.")]
public sealed class DatabaseEmailQueue(AnswerbackDbContext db, TimeProvider time, IBackgroundJobClient jobs) : IEmailQueue
{
    public async Task EnqueueAsync(EmailMessage message, CancellationToken ct = default)
    {
        var id = Stage(message);
        await db.SaveChangesAsync(ct);
        Dispatch(id);
    }

    /// <summary>Adds the message to the context without saving, so a caller can save it with its own rows in one transaction; call <see cref="Dispatch"/> after saving.</summary>
    public Guid Stage(EmailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        var email = new QueuedEmail
        {
            Id = Guid.NewGuid(),
            To = message.To,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            Kind = message.Kind,
            UnsubscribeUrl = message.UnsubscribeUrl,
            EnqueuedAt = now,
            NotBefore = now,
        };
        db.Set<QueuedEmail>().Add(email);
        return email.Id;
    }

    /// <summary>Queues the background job that sends a saved message. Should the job be lost (a crash before this, or in-memory jobs on restart), the minute sweep sends the message instead.</summary>
    public void Dispatch(Guid emailId) => jobs.Enqueue<DeliverQueuedEmail>(d => d.SendAsync(emailId, CancellationToken.None));
}

/// <summary>
/// Sends queued messages, each at most once: under a lock for the message, it is marked
/// <see cref="QueuedEmailState.Sending"/> in the database before the SMTP call and deleted after it.
/// A failure the mail server reports is retried later with back-off (ten attempts); a sender that
/// dies between the two steps leaves the message marked, and the sweep moves it to
/// <see cref="QueuedEmailState.Unconfirmed"/> instead of sending it again: a lost message is
/// preferred to a doubled one (docs/architecture.md explains the trade-off).
/// </summary>
public sealed class DeliverQueuedEmail(AnswerbackDbContext db, IEmailSender sender, IJobLocks locks, IBackgroundJobClient jobs, IOptions<EmailOptions> options, TimeProvider time, ILogger<DeliverQueuedEmail> logger)
{
    /// <summary>Attempts before a message is dropped (logged, without its recipient).</summary>
    public const int MaxAttempts = 10;

    /// <summary>The id of the recurring sweep.</summary>
    public const string SweepJobId = "email-sweep";

    /// <summary>The job for one message. Hangfire may run a job again (a node that died mid-job); the claim makes that harmless.</summary>
    [AutomaticRetry(Attempts = 3)]
    public async Task SendAsync(Guid emailId, CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync("email:" + emailId.ToString("N"), ct);
        if (held is null)
        {
            return; // another sender has it right now
        }

        var now = time.GetUtcNow();
        var claimed = await db.Set<QueuedEmail>()
            .Where(e => e.Id == emailId && e.State == QueuedEmailState.Pending && e.NotBefore <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, QueuedEmailState.Sending).SetProperty(e => e.SendingSince, now).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
        if (claimed == 0)
        {
            return; // sent, being sent, not due yet, or gone
        }

        var email = await db.Set<QueuedEmail>().AsNoTracking().SingleAsync(e => e.Id == emailId, ct);
        try
        {
            await sender.SendAsync(email.ToMessage(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await RetryLaterAsync(email, ex, ct);
            return;
        }

        // Outside the try: if this fails the message went out, so it must stay claimed, never retried.
        await db.Set<QueuedEmail>().Where(e => e.Id == emailId).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>The sweep (every minute): sends due messages whose job was lost or whose retry is due, and marks claims that never finished. Returns how many it sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var stale = now - options.Value.SendingTimeout;
        var abandoned = await db.Set<QueuedEmail>().Where(e => e.State == QueuedEmailState.Sending && e.SendingSince < stale)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, QueuedEmailState.Unconfirmed), ct);
        if (abandoned > 0)
        {
            logger.LogError("{Count} queued email(s) were being sent when their sender stopped; they may or may not have gone out and are not resent (state Unconfirmed)", abandoned);
        }

        var due = await db.Set<QueuedEmail>().AsNoTracking().Where(e => e.State == QueuedEmailState.Pending && e.NotBefore <= now)
            .OrderBy(e => e.NotBefore).Select(e => e.Id).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var id in due)
        {
            await SendAsync(id, ct);
            sent += await db.Set<QueuedEmail>().AnyAsync(e => e.Id == id, ct) ? 0 : 1;
        }

        return sent;
    }

    private async Task RetryLaterAsync(QueuedEmail email, Exception ex, CancellationToken ct)
    {
        var attempts = email.Attempts;
        logger.LogWarning(ex, "Sending queued email {Id} failed (attempt {Attempt})", email.Id, attempts);
        if (attempts >= MaxAttempts)
        {
            await db.Set<QueuedEmail>().Where(e => e.Id == email.Id).ExecuteDeleteAsync(ct);
            logger.LogError("Queued email {Id} dropped after {Attempts} attempts", email.Id, MaxAttempts);
            return;
        }

        // 1, 2, 4 ... minutes, at most an hour.
        var delay = TimeSpan.FromMinutes(Math.Min(60, 1 << Math.Min(attempts - 1, 6)));
        var retryAt = time.GetUtcNow() + delay;
        await db.Set<QueuedEmail>().Where(e => e.Id == email.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.State, QueuedEmailState.Pending).SetProperty(e => e.SendingSince, (DateTimeOffset?)null).SetProperty(e => e.NotBefore, retryAt), ct);
        jobs.Schedule<DeliverQueuedEmail>(d => d.SendAsync(email.Id, CancellationToken.None), delay);
    }
}
