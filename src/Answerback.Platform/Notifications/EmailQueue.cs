using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Notifications;

/// <summary>
/// Where requests put the email they send: never sent inside the request, so that an answer takes
/// the same time whether or not a message went out (no enumeration by timing) and a slow SMTP
/// server never holds a page. Behind this small interface so that a job scheduler can replace the
/// table and the hosted service later.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the name says what it is.")]
public interface IEmailQueue
{
    /// <summary>Stores the message for the background sender (saved before this returns).</summary>
    Task EnqueueAsync(EmailMessage message, CancellationToken ct = default);
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

    public DateTimeOffset EnqueuedAt { get; set; }

    /// <summary>Not picked up before this instant: a sender that claims a message moves it forward, so two senders never send it twice.</summary>
    public DateTimeOffset NotBefore { get; set; }

    public int Attempts { get; set; }
}

internal sealed class QueuedEmailConfiguration : IEntityTypeConfiguration<QueuedEmail>
{
    public void Configure(EntityTypeBuilder<QueuedEmail> builder)
    {
        builder.ToTable("QueuedEmails");
        builder.Property(e => e.To).HasMaxLength(320);
        builder.Property(e => e.Subject).HasMaxLength(200);
        builder.HasIndex(e => e.NotBefore);
    }
}

/// <summary>Wakes the sender as soon as a message is queued.</summary>
public sealed class EmailQueueSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, int.MaxValue);

    public void Notify() => signal.Release();

    /// <summary>Waits for a message or the poll interval, whichever comes first.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken ct) => signal.WaitAsync(timeout, ct);

    public void Dispose() => signal.Dispose();
}

/// <summary>The queue as a table in the platform database.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "It is a queue: the name says what it is.")]
public sealed class DatabaseEmailQueue(AnswerbackDbContext db, TimeProvider time, EmailQueueSignal signal) : IEmailQueue
{
    public async Task EnqueueAsync(EmailMessage message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        db.Set<QueuedEmail>().Add(new QueuedEmail
        {
            Id = Guid.NewGuid(),
            To = message.To,
            Subject = message.Subject,
            TextBody = message.TextBody,
            HtmlBody = message.HtmlBody,
            Kind = message.Kind,
            EnqueuedAt = now,
            NotBefore = now,
        });
        await db.SaveChangesAsync(ct);
        signal.Notify();
    }
}

/// <summary>Sends what is due in the queue: claims each message, sends it, deletes it; a failure is retried later, ten times at most.</summary>
public sealed class DeliverQueuedEmail(AnswerbackDbContext db, IEmailSender sender, TimeProvider time, ILogger<DeliverQueuedEmail> logger)
{
    /// <summary>Attempts before a message is dropped (logged, without its recipient).</summary>
    public const int MaxAttempts = 10;

    private static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>Sends every due message; returns how many were sent.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var due = await db.Set<QueuedEmail>().AsNoTracking().Where(e => e.NotBefore <= now).OrderBy(e => e.NotBefore).Take(100).ToListAsync(ct);
        var sent = 0;
        foreach (var message in due)
        {
            var retryAt = now + RetryAfter;
            var claimed = await db.Set<QueuedEmail>().Where(e => e.Id == message.Id && e.NotBefore <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.NotBefore, retryAt).SetProperty(e => e.Attempts, e => e.Attempts + 1), ct);
            if (claimed == 0)
            {
                continue; // another sender has it
            }

            try
            {
                await sender.SendAsync(new EmailMessage(message.To, message.Subject, message.TextBody, message.HtmlBody, message.Kind), ct);
                await db.Set<QueuedEmail>().Where(e => e.Id == message.Id).ExecuteDeleteAsync(ct);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending queued email {Id} failed (attempt {Attempt})", message.Id, message.Attempts + 1);
                if (message.Attempts + 1 >= MaxAttempts)
                {
                    await db.Set<QueuedEmail>().Where(e => e.Id == message.Id).ExecuteDeleteAsync(ct);
                    logger.LogError("Queued email {Id} dropped after {Attempts} attempts", message.Id, MaxAttempts);
                }
            }
        }

        return sent;
    }
}

/// <summary>The hosted service that drains the queue: at once when signalled, and every 30 seconds for retries.</summary>
public sealed class EmailQueueWorker(IServiceScopeFactory scopes, EmailQueueSignal signal, ILogger<EmailQueueWorker> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<DeliverQueuedEmail>().DeliverDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The database may be briefly unavailable (or not migrated yet): try again at the next wake-up.
                logger.LogWarning(ex, "The email queue could not be read");
            }

            try
            {
                await signal.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
