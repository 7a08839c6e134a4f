namespace Answerback.Platform.Moderation;

/// <summary>The fixed list of reasons a moderator may hide content for: nothing else, so criticism is not a reason.</summary>
public enum ModerationReason
{
    /// <summary>Abuse: threats, harassment, slurs.</summary>
    Abuse = 1,

    /// <summary>Personal data about someone who did not publish it.</summary>
    PersonalData = 2,

    /// <summary>The same point already made.</summary>
    Duplicate = 3,

    /// <summary>Not about what is being discussed.</summary>
    OffTopic = 4,
}

/// <summary>When a capability's content is checked: after it appears (flags and hiding) or before (held until approved).</summary>
public enum ModerationPolicy
{
    /// <summary>Published at once; moderators hide it afterwards if it breaks a rule.</summary>
    AfterPublication = 1,

    /// <summary>Held for review; published when a moderator approves it.</summary>
    BeforePublication = 2,
}

/// <summary>The words the pages use for the reasons and the roles.</summary>
public static class ModerationText
{
    public static string Describe(this ModerationReason reason) => reason switch
    {
        ModerationReason.Abuse => "abuse",
        ModerationReason.PersonalData => "personal data",
        ModerationReason.Duplicate => "duplicate",
        ModerationReason.OffTopic => "off-topic",
        _ => "unknown reason",
    };

    public static string Describe(this ModerationRole role) => role switch
    {
        ModerationRole.Organiser => "an organiser",
        ModerationRole.Moderator => "a moderator",
        ModerationRole.Administrator => "a site administrator",
        _ => "unknown role",
    };

    /// <summary>Parses a reason from a form field (its name or number); null when it is not one of the fixed list.</summary>
    public static ModerationReason? ParseReason(string? value)
        => Enum.TryParse<ModerationReason>(value, ignoreCase: true, out var reason) && Enum.IsDefined(reason) ? reason : null;
}

/// <summary>
/// A piece of content a capability shows in public: its kind (e.g. "hustings-question", "statement",
/// "comment", "representative-question", "webmention") and its id within that kind.
/// </summary>
public readonly record struct ModerationSubject(string Kind, Guid Id)
{
    /// <summary>The longest kind a subject may have (the database column's length).</summary>
    public const int MaxKindLength = 40;
}

/// <summary>What moderation needs to know about a subject: whose rules apply, who wrote it, a short excerpt for the moderators and where it is shown.</summary>
public sealed record ModerationSubjectInfo(Guid OrganisationId, Guid? AuthorPersonId, string Excerpt, string PublicPath);

/// <summary>
/// A capability's content, as moderation sees it. Each capability registers one for its kinds
/// (<c>TryAddEnumerable(ServiceDescriptor.Scoped&lt;IModerationSubjects, ...&gt;())</c>).
/// </summary>
public interface IModerationSubjects
{
    /// <summary>The subject, or null when it is not one of this capability's kinds or does not exist.</summary>
    Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct);
}

/// <summary>Asks every registered <see cref="IModerationSubjects"/> about a subject.</summary>
public sealed class ModerationSubjects(IEnumerable<IModerationSubjects> capabilities)
{
    public async Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(subject.Kind) || subject.Kind.Length > ModerationSubject.MaxKindLength)
        {
            return null;
        }

        foreach (var capability in capabilities)
        {
            if (await capability.FindAsync(subject, ct) is { } info)
            {
                return info;
            }
        }

        return null;
    }
}
