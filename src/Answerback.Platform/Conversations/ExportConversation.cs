using Answerback.OpinionMap;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>Writes a conversation as a Pol.is export zip (<see cref="PolisZip"/>), with the latest map's groups.</summary>
public sealed class ExportConversation(AnswerbackDbContext db, StatementModeration moderation, MapWarmStarts warm)
{
    /// <summary>The attribution of a conversation run on this site (its data is published under CC BY 4.0).</summary>
    public static string SiteAttribution(string organisationName, string url) =>
        $"Data gathered on Answerback by {organisationName} ({url}); published under CC BY 4.0 with attribution to {organisationName}. Participants are numbered, not named.";

    /// <summary>Writes the zip; false when there is no such conversation.</summary>
    public async Task<bool> WriteAsync(Guid conversationId, string url, Stream output, CancellationToken ct = default)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().Include(c => c.Organisation).FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            return false;
        }

        var loaded = await ConversationMatrix.LoadAsync(db, moderation, conversationId, ct);
        var version = await db.Set<MapSnapshot>().Where(m => m.ConversationId == conversationId).MaxAsync(m => (int?)m.Version, ct);
        // The groups of the map this node last computed when it is current; otherwise a fresh analysis
        // of the same votes (the export is not on the vote path, and is deterministic).
        var map = version is { } v ? warm.Previous(conversationId, v) : null;
        map ??= loaded.Matrix.VoteCount > 0 ? OpinionMapper.Analyze(loaded.Matrix) : null;
        var attribution = conversation.Attribution ?? SiteAttribution(conversation.Organisation!.Name, url);
        PolisZip.Write(output, loaded.Matrix, map, conversation.Topic, url, attribution);
        return true;
    }
}
