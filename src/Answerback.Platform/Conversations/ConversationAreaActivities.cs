using Answerback.Platform.Areas;

namespace Answerback.Platform.Conversations;

/// <summary>Conversations' part of an area's "what happens here", with an overdue mark where a response is overdue.</summary>
internal sealed class ConversationAreaActivities(ConversationQueries queries) : IAreaActivities
{
    public async Task<IReadOnlyList<AreaActivity>> InAreaAsync(Guid areaId, CancellationToken ct)
        => [.. (await queries.ListAsync(areaId: areaId, ct: ct)).Select(c => new AreaActivity(
            "Conversation: " + c.Topic + (c.WorstStatus is { IsOverdue: true } s ? $" (response {s.Words})" : ""),
            c.OrganisationSlug, c.OrganisationName))];
}
