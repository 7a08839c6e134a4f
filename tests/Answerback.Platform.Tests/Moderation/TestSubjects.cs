using System.Collections.Concurrent;
using Answerback.Platform.Moderation;

namespace Answerback.Platform.Tests.Moderation;

/// <summary>A stand-in capability with one kind, "test-note", whose notes live in memory: what moderation asks of every capability.</summary>
public sealed class TestSubjects : IModerationSubjects
{
    public const string Kind = "test-note";

    private readonly ConcurrentDictionary<Guid, ModerationSubjectInfo> notes = new();

    public ModerationSubject Add(Guid organisationId, Guid? authorPersonId, string text = "A note")
    {
        var id = Guid.NewGuid();
        notes[id] = new ModerationSubjectInfo(organisationId, authorPersonId, text, "/test-notes/" + id);
        return new ModerationSubject(Kind, id);
    }

    public Task<ModerationSubjectInfo?> FindAsync(ModerationSubject subject, CancellationToken ct)
        => Task.FromResult(subject.Kind == Kind && notes.TryGetValue(subject.Id, out var info) ? info : null);
}
