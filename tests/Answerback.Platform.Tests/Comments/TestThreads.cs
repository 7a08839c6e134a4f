using System.Collections.Concurrent;
using Answerback.Platform.Comments;
using Answerback.Platform.Eligibility;

namespace Answerback.Platform.Tests.Comments;

/// <summary>A stand-in capability whose pages take comments: threads in memory, each with the people who may take part.</summary>
public sealed class TestThreads : ICommentThreadOwner
{
    private readonly ConcurrentDictionary<Guid, (CommentThreadInfo Info, HashSet<Guid> Eligible)> threads = new();

    public string Kind => "test-thread";

    public Guid Add(Guid organisationId, params Guid[] eligible)
    {
        var id = Guid.NewGuid();
        threads[id] = (new CommentThreadInfo(organisationId, "/test-threads/" + id, "Test thread"), [.. eligible]);
        return id;
    }

    public Task<CommentThreadInfo?> FindAsync(Guid threadId, CancellationToken ct)
        => Task.FromResult(threads.TryGetValue(threadId, out var t) ? t.Info : null);

    public Task<EligibilityDecision> MayTakePartAsync(Guid threadId, Guid personId, CancellationToken ct)
        => Task.FromResult(threads.TryGetValue(threadId, out var t) && t.Eligible.Contains(personId)
            ? new EligibilityDecision(true, "Taking part.")
            : new EligibilityDecision(false, "Only verified residents of Testville may take part."));
}
