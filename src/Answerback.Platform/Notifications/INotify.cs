namespace Answerback.Platform.Notifications;

/// <summary>What a notification is about: a person turns each kind on or off, and chooses immediate or weekly.</summary>
public enum NotificationKind
{
    QuestionAnswered = 0,
    ConversationReport = 1,
    ConversationResponse = 2,
    ResponseOverdue = 3,
    PrimaryOpened = 4,
    PrimaryResult = 5,
    CommentReply = 6,
    RepresentativeFollowUp = 7,
}

/// <summary>
/// One event for one person. <see cref="EventKey"/> names the event (e.g. <c>"answer:{answerId}"</c>):
/// the same (person, key) is notified once, however often it is called. <see cref="LinkPath"/> is a
/// path on this site (<c>/conversations/…</c>); the email's link is built from <c>Site:PublicUrl</c>.
/// <see cref="Text"/> is plain text.
/// </summary>
public sealed record Notification(NotificationKind Kind, Guid PersonId, string EventKey, string Subject, string Text, string LinkPath)
{
    /// <summary>Text made fit for <see cref="Subject"/>: one line (line breaks become spaces), at most 200 characters.</summary>
    public static string SubjectLine(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return line.Length <= 200 ? line : line[..199] + "…";
    }

    /// <summary>Text made fit for <see cref="Text"/>: at most 4,000 characters.</summary>
    public static string Excerpt(string text, int max = 1000)
    {
        ArgumentNullException.ThrowIfNull(text);
        max = Math.Clamp(max, 1, 4000);
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }
}

/// <summary>
/// Tells a person about an event, by email now or in their weekly digest, or not at all, as their
/// preferences say. Never sends inside the call: the email is queued and sent in the background.
/// </summary>
public interface INotify
{
    /// <summary>Records the notification (once per person and event) and queues what the person's preferences ask for.</summary>
    Task NotifyAsync(Notification n, CancellationToken ct);
}
