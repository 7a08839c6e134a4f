namespace Answerback.Platform.Notifications;

/// <summary>The <c>Email</c> section. SMTP is used when <c>Email:Smtp:Host</c> is set, the outbox otherwise.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>The sender address, e.g. <c>Answerback &lt;noreply@example.org&gt;</c>.</summary>
    public string From { get; set; } = "Answerback <noreply@answerback.invalid>";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>
    /// A message claimed by a sender longer ago than this (default 10 minutes) is taken for one whose
    /// sender died mid-send: it is marked Unconfirmed and not sent again (see docs/architecture.md).
    /// Longer than any SMTP conversation, so a slow server is never mistaken for a crash.
    /// </summary>
    public TimeSpan SendingTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>The <c>Email:Smtp</c> section.</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>TLS: <c>Auto</c> (default), <c>StartTls</c>, <c>SslOnConnect</c> or <c>None</c>.</summary>
    public string Security { get; set; } = "Auto";
}
