using Answerback.Platform.Eligibility;

namespace Answerback.Platform.Comments;

/// <summary>A thread's page as its owner describes it: whose moderators look after it, where it is, what it is called.</summary>
public sealed record CommentThreadInfo(Guid OrganisationId, string PublicPath, string Title);

/// <summary>
/// A capability whose public pages take comments, for one thread kind (e.g. "candidate",
/// "conversation-report"). Registered with
/// <c>services.TryAddEnumerable(ServiceDescriptor.Scoped&lt;ICommentThreadOwner, ...&gt;())</c>.
/// Everyone may read; who may write is the underlying thing's eligibility rule.
/// </summary>
public interface ICommentThreadOwner
{
    string Kind { get; }

    /// <summary>The thread, or null when there is no such thing (or it takes no comments).</summary>
    Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct);

    /// <summary>Whether the person may take part in the underlying thing, with the reason in words they can act on.</summary>
    Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct);
}

/// <summary>Finds a thread kind's owner.</summary>
public sealed class CommentThreads(IEnumerable<ICommentThreadOwner> owners)
{
    public ICommentThreadOwner? Owner(string kind) => owners.FirstOrDefault(o => string.Equals(o.Kind, kind, StringComparison.Ordinal));
}
