using System.Text;

namespace Answerback.Platform.Notifications;

/// <summary>The text of notification emails: the event, its link, and how to change or stop them.</summary>
public static class NotificationEmails
{
    /// <summary>Names of the kinds as people read them (preferences page, email footers).</summary>
    public static string Describe(NotificationKind kind) => kind switch
    {
        NotificationKind.QuestionAnswered => "A question you asked is answered",
        NotificationKind.ConversationReport => "A conversation you took part in gets a report",
        NotificationKind.ConversationResponse => "A conversation you took part in gets a response",
        NotificationKind.ResponseOverdue => "A promised response becomes overdue",
        NotificationKind.PrimaryOpened => "A primary you may vote in opens",
        NotificationKind.PrimaryResult => "A primary you may vote in publishes its result",
        NotificationKind.CommentReply => "Someone replies to your comment",
        NotificationKind.RepresentativeFollowUp => "We ask whether a representative replied to your question",
        _ => kind.ToString(),
    };

    /// <summary>One notification, sent at once.</summary>
    public static EmailMessage Immediate(Notification n, string to, NotificationLinks links)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(links);
        var text = new StringBuilder()
            .AppendLine(n.Text)
            .AppendLine()
            .AppendLine(links.Absolute(n.LinkPath));
        // One token for the header and the text (each protection of the same data differs).
        var unsubscribe = links.Unsubscribe(n.PersonId, n.Kind);
        Footer(text, links, unsubscribe, "To stop emails when " + Describe(n.Kind).ToLowerInvariant() + ", unsubscribe");
        return new EmailMessage(to, n.Subject, text.ToString(), null, EmailKind.Notice, unsubscribe);
    }

    /// <summary>The footer every notification email ends with.</summary>
    internal static void Footer(StringBuilder text, NotificationLinks links, string unsubscribe, string stop)
    {
        text.AppendLine()
            .AppendLine("--")
            .AppendLine("Choose which emails you get, and how often: " + links.Absolute(NotificationLinks.PreferencesPath))
            .AppendLine(stop + ": " + unsubscribe);
    }
}
