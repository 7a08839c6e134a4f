using System.Globalization;
using System.Text;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.Platform.Notifications;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// The follow-up links' tokens: a token names one question and is protected with the data-protection
/// key ring every node shares (authenticated encryption: it cannot be guessed, forged or changed to
/// name another question). It does not expire, so an asker who gets a late reply can still say so.
/// </summary>
public sealed class FollowUpTokens(IDataProtectionProvider protection)
{
    public const string Path = "/representatives/follow-up";

    private readonly IDataProtector protector = protection.CreateProtector("Answerback.Accountability.FollowUp.v1");

    public string Create(Guid questionId) => WebEncoders.Base64UrlEncode(protector.Protect(questionId.ToByteArray()));

    /// <summary>The question a token names; null for anything that is not a token we issued.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 500)
        {
            return null;
        }

        try
        {
            var bytes = protector.Unprotect(WebEncoders.Base64UrlDecode(token));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    /// <summary>The one-click address for the question, with the representative and answer chosen (the page still asks to confirm).</summary>
    public string PathFor(string token, Guid? representativeId = null, FollowUpAnswer? answer = null)
        => Path + "?token=" + Uri.EscapeDataString(token)
            + (representativeId is { } r ? "&representative=" + r.ToString("D") : "")
            + (answer is { } a ? "&answer=" + FollowUpText.Key(a) : "");
}

/// <summary>The follow-up answers as people read and links spell them.</summary>
public static class FollowUpText
{
    public static readonly IReadOnlyList<FollowUpAnswer> All = [FollowUpAnswer.Yes, FollowUpAnswer.YesButNotMyPoints, FollowUpAnswer.No, FollowUpAnswer.NotExpected];

    public static string Describe(FollowUpAnswer answer) => answer switch
    {
        FollowUpAnswer.Yes => "Yes",
        FollowUpAnswer.YesButNotMyPoints => "Yes, but it did not answer my points",
        FollowUpAnswer.No => "No",
        FollowUpAnswer.NotExpected => "I did not expect one",
        _ => answer.ToString(),
    };

    public static string Key(FollowUpAnswer answer) => answer switch
    {
        FollowUpAnswer.Yes => "yes",
        FollowUpAnswer.YesButNotMyPoints => "not-my-points",
        FollowUpAnswer.No => "no",
        FollowUpAnswer.NotExpected => "not-expected",
        _ => "",
    };

    public static FollowUpAnswer? Parse(string? key) => All.Cast<FollowUpAnswer?>().FirstOrDefault(a => Key(a!.Value) == key);
}

/// <summary>A follow-up page's question: its text and, per representative, what the asker said so far.</summary>
public sealed record FollowUpView(Guid QuestionId, string Text, DateTimeOffset AskedAt, IReadOnlyList<(Guid RepresentativeId, string Name, FollowUpAnswer? Answer)> Recipients);

/// <summary>
/// The follow-up emails (a recurring job, <see cref="SendDueAsync"/>) and the asker's answers to them.
/// <see cref="FollowUpAfter"/> after asking, the asker is emailed once ("did you get a reply, not just
/// an acknowledgement?"); <see cref="ReminderAfter"/> after asking, once more if some representative's
/// answer is still missing. Each email goes through <see cref="INotify"/> with an event key per
/// question, so a job run twice, on two nodes or after a crash between sending and marking, sends once.
/// </summary>
public sealed class QuestionFollowUps(AnswerbackDbContext db, INotify notify, NotificationLinks links, FollowUpTokens tokens, ModerationStatus moderation, TimeProvider time)
{
    public const string JobId = "accountability-question-follow-ups";

    public static readonly TimeSpan FollowUpAfter = TimeSpan.FromDays(14);

    public static readonly TimeSpan ReminderAfter = TimeSpan.FromDays(21);

    /// <summary>Sends the follow-ups and reminders that are due; returns how many questions were followed up or reminded.</summary>
    public async Task<int> SendDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hidden = moderation.HiddenIds(RepresentativeQuestionSubjects.Kind);
        var firstDue = now - FollowUpAfter;
        var reminderDue = now - ReminderAfter;
        var due = await db.Set<RepresentativeQuestion>().AsNoTracking().Include(q => q.Recipients)
            .Where(q => !hidden.Contains(q.Id)
                && ((q.FollowUpSentAt == null && q.AskedAt <= firstDue)
                    || (q.FollowUpSentAt != null && q.ReminderSentAt == null && q.AskedAt <= reminderDue && q.Recipients.Any(r => r.FollowUp == null))))
            .OrderBy(q => q.AskedAt).Take(500).ToListAsync(ct);
        var repIds = due.SelectMany(q => q.Recipients.Select(r => r.RepresentativeId)).Distinct().ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        foreach (var question in due)
        {
            var reminder = question.FollowUpSentAt is not null;
            await notify.NotifyAsync(Message(question, reminder, names), ct);
            // Marked after notifying, with its own statement: INotify may clear this context's tracked
            // rows when another node notified first, and a crash before this line notifies again,
            // which INotify's event key turns into nothing.
            var rows = db.Set<RepresentativeQuestion>().Where(q => q.Id == question.Id);
            await (reminder
                ? rows.ExecuteUpdateAsync(s => s.SetProperty(q => q.ReminderSentAt, now), ct)
                : rows.ExecuteUpdateAsync(s => s.SetProperty(q => q.FollowUpSentAt, now), ct));
        }

        return due.Count;
    }

    private Notification Message(RepresentativeQuestion question, bool reminder, IReadOnlyDictionary<Guid, string> names)
    {
        var token = tokens.Create(question.Id);
        var text = new StringBuilder();
        var asked = question.AskedAt.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        text.AppendLine(reminder
            ? $"A reminder: on {asked} you asked a question in public. We have not heard whether you got a reply."
            : $"On {asked} you asked a question in public. Two weeks on, did you get a reply (not just an acknowledgement)?");
        text.AppendLine().AppendLine("Your question: " + (question.Text.Length > 300 ? question.Text[..300] + "…" : question.Text));
        foreach (var r in question.Recipients.Where(r => !reminder || r.FollowUp is null))
        {
            text.AppendLine().AppendLine($"Did you get a reply from {names.GetValueOrDefault(r.RepresentativeId, "the representative")}? Choose one:");
            foreach (var answer in FollowUpText.All)
            {
                text.AppendLine($"- {FollowUpText.Describe(answer)}: {links.Absolute(tokens.PathFor(token, r.RepresentativeId, answer))}");
            }
        }

        text.AppendLine().AppendLine("Your answers are not published: they make up each representative's response rate.");
        return new Notification(NotificationKind.RepresentativeFollowUp, question.AuthorPersonId,
            (reminder ? "representative-question-reminder:" : "representative-question-follow-up:") + question.Id.ToString("N"),
            reminder ? "Reminder: did you get a reply to your question?" : "Did you get a reply to your question?",
            text.ToString(), tokens.PathFor(token));
    }

    /// <summary>The question a follow-up token names, for its page; null for a token that is not ours (no hint which).</summary>
    public async Task<FollowUpView?> ViewAsync(string? token, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } questionId)
        {
            return null;
        }

        var question = await db.Set<RepresentativeQuestion>().AsNoTracking().Include(q => q.Recipients).FirstOrDefaultAsync(q => q.Id == questionId, ct);
        if (question is null)
        {
            return null;
        }

        var ids = question.Recipients.Select(r => r.RepresentativeId).ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => ids.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        return new FollowUpView(question.Id, question.Text, question.AskedAt,
            [.. question.Recipients.Select(r => (r.RepresentativeId, names.GetValueOrDefault(r.RepresentativeId, ""), r.FollowUp)).OrderBy(r => r.Item2, StringComparer.Ordinal)]);
    }

    /// <summary>Records (or changes) the asker's answer about one representative. The token is the authority: whoever holds the asker's email may answer.</summary>
    public async Task<Result<FollowUpView>> RecordAsync(string? token, Guid representativeId, FollowUpAnswer? answer, CancellationToken ct = default)
    {
        if (tokens.Read(token) is not { } questionId)
        {
            return Result.Failed<FollowUpView>("token", "This link is not valid: use the link in the email exactly as it came.");
        }

        if (answer is null || !Enum.IsDefined(answer.Value))
        {
            return Result.Failed<FollowUpView>("answer", "Choose one of the answers.");
        }

        var recipient = await db.Set<QuestionRecipient>().FirstOrDefaultAsync(r => r.QuestionId == questionId && r.RepresentativeId == representativeId, ct);
        if (recipient is null)
        {
            return Result.Failed<FollowUpView>("representative", "Choose one of the representatives the question went to.");
        }

        recipient.FollowUp = answer;
        recipient.FollowUpAt = time.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return Result.Ok((await ViewAsync(token, ct))!);
    }
}
