namespace Answerback.Platform.Notifications;

/// <summary>The <c>Notifications</c> section.</summary>
public sealed class NotificationsOptions
{
    public const string Section = "Notifications";

    /// <summary>When the weekly digest goes out: a cron expression in UTC (default Mondays 07:00).</summary>
    public string DigestCron { get; set; } = "0 7 * * 1";
}
