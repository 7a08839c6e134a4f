using System.Globalization;
using System.Text.Json;
using Answerback.OpinionMap;
using Answerback.Platform.Data;
using Answerback.Platform.Jobs;
using Answerback.Platform.Live;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Answerback.Platform.Conversations;

/// <summary>
/// The background job that recomputes a conversation's opinion map from its votes and stores it
/// (<see cref="MapSnapshot"/>), then tells the map pages (<see cref="ILiveUpdates"/>, topic
/// <see cref="LiveTopic"/>, message: the version). At most one runs at a time per conversation across
/// all nodes (<see cref="IJobLocks"/>); one that
/// finds the lock taken returns at once, because the holder re-reads the votes before it lets go,
/// so votes that arrived meanwhile are included. Idempotent: a map that is up to date is not recomputed.
/// </summary>
public sealed class RecomputeMap(
    AnswerbackDbContext db, StatementModeration moderation, IJobLocks locks, ILiveUpdates live, TimeProvider time, ILogger<RecomputeMap> logger)
{
    /// <summary>The lock key of a conversation's recompute.</summary>
    public static string LockKey(Guid conversationId) => "conversation-map:" + conversationId.ToString("N");

    /// <summary>The live-update topic of a conversation's map: each message is a new map version.</summary>
    public static string LiveTopic(Guid conversationId) => "conversation-map-" + conversationId.ToString("N");

    /// <summary>Recomputes until the stored map includes every vote; false when another run holds the lock.</summary>
    public async Task<bool> RunAsync(Guid conversationId, CancellationToken ct)
    {
        await using var held = await locks.TryAcquireAsync(LockKey(conversationId), ct);
        if (held is null)
        {
            return false;
        }

        // Bounded: under a constant stream of votes each pass includes what came in during the last.
        for (var pass = 0; pass < 10 && await ComputeOnceAsync(conversationId, ct); pass++)
        {
        }

        return true;
    }

    /// <summary>One recompute if the map is stale; true when it computed.</summary>
    private async Task<bool> ComputeOnceAsync(Guid conversationId, CancellationToken ct)
    {
        var latest = await db.Set<MapSnapshot>().AsNoTracking().Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Version).Select(m => new { m.Version, m.VoteSequence, m.StatementSignature, m.ParticipantGroups }).FirstOrDefaultAsync(ct);
        // Read before the votes: a vote committed after this read has a higher number, so it makes this map stale
        // even when it carries the same timestamp as the votes before it.
        var sequence = await db.Set<Conversation>().Where(c => c.Id == conversationId).Select(c => c.VoteSequence).FirstOrDefaultAsync(ct);
        var signature = await ConversationMatrix.SignatureAsync(db, moderation, conversationId, ct);
        var upToDate = latest is null
            ? !await db.Set<Vote>().AnyAsync(v => v.ConversationId == conversationId, ct)
            : sequence <= latest.VoteSequence && string.Equals(latest.StatementSignature, signature, StringComparison.Ordinal);
        if (upToDate)
        {
            return false;
        }

        var started = time.GetTimestamp();
        var loaded = await ConversationMatrix.LoadAsync(db, moderation, conversationId, ct);
        var numbers = loaded.NumberOfParticipant;
        var matrix = loaded.Matrix;
        var version = (latest?.Version ?? 0) + 1;
        // A full analysis labelled after the stored previous map: the same votes and the same stored
        // map give the same groups on every node, whichever computes it and however often it restarted.
        var map = OpinionMapper.Analyze(matrix, new OpinionMapOptions { PreviousGroups = ConversationMatrix.StoredGroups(latest?.ParticipantGroups, numbers) });
        using var json = new MemoryStream();
        OpinionMapReport.WriteJson(map, json);
        var groups = map.GroupsByParticipant();
        var byKey = numbers.Where(n => groups.TryGetValue(n.Value, out var g) && g is not null).ToDictionary(n => n.Key, n => groups[n.Value]!.Value, StringComparer.Ordinal);
        var snapshot = new MapSnapshot
        {
            Id = Guid.NewGuid(), ConversationId = conversationId, Version = version, ComputedAt = time.GetUtcNow(), VoteSequence = sequence,
            Participants = matrix.ParticipantCount, Votes = matrix.VoteCount, Groups = map.Groups.Count,
            Json = System.Text.Encoding.UTF8.GetString(json.ToArray()), ParticipantGroups = JsonSerializer.Serialize(byKey),
            StatementSignature = loaded.StatementSignature, Svg = GroupMapSvg.Draw(map),
        };
        db.Set<MapSnapshot>().Add(snapshot);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        // Keep the new map, the one before it (a page may be reading it) and every map a report shows.
        await db.Set<MapSnapshot>().Where(m => m.ConversationId == conversationId && m.Version < version - 1
                && !db.Set<Report>().Any(r => r.MapId == m.Id))
            .ExecuteDeleteAsync(ct);
        var elapsed = time.GetElapsedTime(started).TotalMilliseconds;
        logger.MapComputed(conversationId, version, matrix.ParticipantCount, matrix.VoteCount, elapsed);
        await live.PublishAsync(LiveTopic(conversationId), version.ToString(CultureInfo.InvariantCulture), ct);
        return true;
    }
}

internal static partial class ConversationsLog
{
    [LoggerMessage(EventId = 7100, Level = LogLevel.Information, Message = "Map of conversation {ConversationId} version {Version}: {Participants} participants, {Votes} votes, {Milliseconds:F0} ms")]
    public static partial void MapComputed(this ILogger logger, Guid conversationId, int version, int participants, int votes, double milliseconds);

    [LoggerMessage(EventId = 7101, Level = LogLevel.Error, Message = "Conversations background work failed; it is retried")]
    public static partial void BackgroundFailed(this ILogger logger, Exception exception);
}
