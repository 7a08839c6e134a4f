using Answerback.OpinionMap;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>Writes a conversation as a Pol.is export zip (<see cref="PolisZip"/>), with the latest map's groups.</summary>
public sealed class ExportConversation(AnswerbackDbContext db, StatementModeration moderation)
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
        var stored = await db.Set<MapSnapshot>().Where(m => m.ConversationId == conversationId)
            .OrderByDescending(m => m.Version).Select(m => m.ParticipantGroups).FirstOrDefaultAsync(ct);
        // The analysis the map job makes, labelled after the latest map: the same groups and numbers
        // as the map page while no vote has come in since (the export is not on the vote path).
        var map = loaded.Matrix.VoteCount > 0
            ? OpinionMapper.Analyze(loaded.Matrix, new OpinionMapOptions { PreviousGroups = ConversationMatrix.StoredGroups(stored, loaded.NumberOfParticipant) })
            : null;
        var attribution = conversation.Attribution ?? SiteAttribution(conversation.Organisation!.Name, url);
        PolisZip.Write(output, loaded.Matrix, map, conversation.Topic, url, attribution);
        return true;
    }
}
