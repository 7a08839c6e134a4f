using System.Globalization;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Answerback.Platform.Notifications;

/// <summary>What an email is for: the outbox hides password-reset messages from other visitors.</summary>
public enum EmailKind
{
    Notice = 0,
    Confirmation = 1,
    PasswordReset = 2,
}

/// <summary>
/// An email to one recipient. <see cref="HtmlBody"/> is optional; the text body is always sent.
/// <see cref="UnsubscribeUrl"/> adds the one-click unsubscribe headers of RFC 8058; <see cref="QueueId"/>
/// (the queued message's id) makes the Message-ID stable, so a receiving system can recognise a resend.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string TextBody, string? HtmlBody, EmailKind Kind = EmailKind.Notice, string? UnsubscribeUrl = null, Guid? QueueId = null);

/// <summary>The one way the platform sends email: SMTP when configured, the local outbox otherwise.</summary>
public interface IEmailSender
{
    /// <summary>Sends (or stores) the message.</summary>
    Task SendAsync(EmailMessage message, CancellationToken ct = default);
}

internal static class MimeMessages
{
    /// <summary>The header that carries <see cref="EmailKind"/> (read back by the outbox).</summary>
    public const string KindHeader = "X-Answerback-Kind";

    public static MimeMessage Create(EmailMessage message, string from, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mime = new MimeMessage { Subject = message.Subject, Date = date };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        var body = new BodyBuilder { TextBody = message.TextBody, HtmlBody = message.HtmlBody };
        mime.Body = body.ToMessageBody();
        mime.Headers.Add(KindHeader, message.Kind.ToString());
        if (message.QueueId is { } id)
        {
            mime.MessageId = id.ToString("N") + "@" + (mime.From.Mailboxes.FirstOrDefault()?.Domain ?? "answerback.invalid");
        }

        if (message.UnsubscribeUrl is { } unsubscribe)
        {
            // RFC 2369 and RFC 8058: mail clients show an "unsubscribe" button that POSTs
            // "List-Unsubscribe=One-Click" to this https address, with no cookies and no page visit.
            mime.Headers.Add("List-Unsubscribe", "<" + unsubscribe + ">");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        return mime;
    }
}

/// <summary>Sends through an SMTP server with MailKit (<c>Email:Smtp:*</c>).</summary>
public sealed class SmtpEmailSender(IOptions<EmailOptions> options, TimeProvider time, ILogger<SmtpEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var settings = options.Value;
        var mime = MimeMessages.Create(message, settings.From, time.GetUtcNow());
        var security = settings.Smtp.Security.ToUpperInvariant() switch
        {
            "NONE" => SecureSocketOptions.None,
            "STARTTLS" => SecureSocketOptions.StartTls,
            "SSLONCONNECT" => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.Auto,
        };
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Smtp.Host ?? throw new InvalidOperationException("Email:Smtp:Host is not set."), settings.Smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(settings.Smtp.Username))
        {
            await client.AuthenticateAsync(settings.Smtp.Username, settings.Smtp.Password ?? "", ct);
        }

        await client.SendAsync(mime, ct);
        try
        {
            await client.DisconnectAsync(true, ct);
        }
        catch (Exception ex) when (ex is IOException or MailKit.ProtocolException or SmtpCommandException)
        {
            // The server accepted the message (SendAsync returned after its 250): a failed QUIT must not
            // make the queue send it again.
            logger.LogWarning(ex, "Closing the SMTP connection failed after the message was accepted");
        }
        if (logger.IsEnabled(LogLevel.Information))
        {
            // Never the recipient's address: logs are kept longer and read by more people than the mail.
            logger.LogInformation("Sent email {Subject} ({Kind})", message.Subject, message.Kind);
        }
    }
}

/// <summary>
/// Writes each message as an <c>.eml</c> file under <c>&lt;data folder&gt;/outbox/</c>, so a fresh
/// install without SMTP still delivers confirmation and reset links (read them with <see cref="Outbox"/>).
/// </summary>
public sealed class OutboxEmailSender(IOptions<EmailOptions> options, Outbox outbox, TimeProvider time, ILogger<OutboxEmailSender> logger) : IEmailSender
{
    public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var mime = MimeMessages.Create(message, options.Value.From, now);
        var folder = outbox.Folder;
        Directory.CreateDirectory(folder);
        // The name starts with the UTC ticks so that names sort by time; the GUID keeps them unique.
        var id = now.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N");
        var path = Path.Combine(folder, id + ".eml");
        // Written under another name and renamed, so a reader (the outbox page) never sees half a message.
        var partial = path + ".partial";
        await using (var stream = File.Create(partial))
        {
            await mime.WriteToAsync(stream, ct);
        }

        File.Move(partial, path);

        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Stored email {Subject} ({Kind}) in the outbox as {Id}", message.Subject, message.Kind, id);
        }
    }
}

/// <summary>A message in the outbox.</summary>
public sealed record OutboxMessage(string Id, DateTimeOffset SentAt, string To, string Subject, string TextBody, string? HtmlBody, EmailKind Kind);

/// <summary>Lists and reads the outbox (for the operator page and tests), newest first.</summary>
public sealed class Outbox(IOptions<StorageOptions> storage)
{
    /// <summary>The outbox folder: <c>&lt;data folder&gt;/outbox</c>.</summary>
    public string Folder => Path.Combine(storage.Value.ResolveDataFolder(), "outbox");

    /// <summary>All messages, newest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> ListAsync(CancellationToken ct = default)
    {
        if (!Directory.Exists(Folder))
        {
            return [];
        }

        var files = Directory.GetFiles(Folder, "*.eml");
        Array.Sort(files, StringComparer.Ordinal);
        Array.Reverse(files);
        var result = new List<OutboxMessage>(files.Length);
        foreach (var file in files)
        {
            result.Add(await LoadAsync(file, ct));
        }

        return result;
    }

    /// <summary>The message with this id, or null (also for ids that are not outbox file names).</summary>
    public async Task<OutboxMessage?> ReadAsync(string id, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        // Ids are our own file names; anything else (a path, "..") is refused rather than opened.
        if (id.Length == 0 || !id.All(c => char.IsAsciiDigit(c) || char.IsAsciiHexDigitLower(c) || c == '-'))
        {
            return null;
        }

        var path = Path.Combine(Folder, id + ".eml");
        return File.Exists(path) ? await LoadAsync(path, ct) : null;
    }

    private static async Task<OutboxMessage> LoadAsync(string path, CancellationToken ct)
    {
        var mime = await MimeMessage.LoadAsync(path, ct);
        return new OutboxMessage(
            Path.GetFileNameWithoutExtension(path),
            mime.Date.ToUniversalTime(),
            mime.To.ToString(),
            mime.Subject ?? "",
            mime.TextBody ?? "",
            mime.HtmlBody,
            // A message without the header (older than it) counts as a reset: hidden rather than shown.
            Enum.TryParse<EmailKind>(mime.Headers[MimeMessages.KindHeader], out var kind) ? kind : EmailKind.PasswordReset);
    }
}
