using System.Globalization;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>
/// Publishes every report whose period has ended: report n covers
/// [opened + (n−1)·period, opened + n·period). A conversation with an end date gets no report for a
/// period starting after it ends. Idempotent (report numbers are unique per conversation), so it can
/// run on every node and after any restart.
/// </summary>
public sealed class PublishDueReports(AnswerbackDbContext db, StatementModeration moderation, MapViews maps, TimeProvider time)
{
    /// <summary>
    /// A statement the report highlights, and the response must address: a consensus statement of the
    /// map, or one that crosses the published threshold — at least <see cref="MapView.MinVotesForCommonGround"/>
    /// votes of which at least 70 % agree.
    /// </summary>
    public const double AgreeThreshold = 0.7;

    /// <summary>The reports published, in order.</summary>
    public async Task<IReadOnlyList<Report>> RunAsync(CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var published = new List<Report>();
        var conversations = await db.Set<Conversation>().AsNoTracking().Where(c => !c.IsImported)
            .Select(c => new { c.Id, c.OpenedAt, c.ReportPeriodDays, c.ResponseDays, c.EndsAt }).ToListAsync(ct);
        foreach (var c in conversations)
        {
            var count = await db.Set<Report>().CountAsync(r => r.ConversationId == c.Id, ct);
            var period = TimeSpan.FromDays(c.ReportPeriodDays);
            for (var n = count + 1; ; n++)
            {
                var start = c.OpenedAt + (n - 1) * period;
                var end = start + period;
                if (end > now || (c.EndsAt is { } ends && start >= ends))
                {
                    break;
                }

                var report = await PublishAsync(c.Id, n, start, end, now, TimeSpan.FromDays(c.ResponseDays), ct);
                if (report is null)
                {
                    break;
                }

                published.Add(report);
            }
        }

        return published;
    }

    private async Task<Report?> PublishAsync(Guid conversationId, int number, DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, TimeSpan respondWithin, CancellationToken ct)
    {
        var map = await maps.LatestAsync(conversationId, ct);
        var statements = await moderation.Visible(conversationId).Select(s => new { s.Id, s.Number }).ToListAsync(ct);
        var highlighted = new List<Guid>();
        if (map is not null)
        {
            highlighted.AddRange(map.ConsensusAgree.Concat(map.ConsensusDisagree).Select(s => s.Id));
            highlighted.AddRange(statements.Where(s => map.Figures.TryGetValue(s.Number, out var f)
                    && f.Votes >= MapView.MinVotesForCommonGround && (double)f.Agree / f.Votes >= AgreeThreshold)
                .OrderBy(s => s.Number).Select(s => s.Id));
        }

        var report = new Report
        {
            Id = Guid.NewGuid(), ConversationId = conversationId, Number = number, PeriodStart = start, PeriodEnd = end,
            PublishedAt = now, RespondBy = now + respondWithin,
            MapId = map is null ? null : await db.Set<MapSnapshot>().Where(m => m.ConversationId == conversationId && m.Version == map.Version).Select(m => (Guid?)m.Id).FirstAsync(ct),
            Participants = map?.Participants ?? 0, Votes = map?.Votes ?? 0, Groups = map?.Groups.Count ?? 0,
            Highlighted = string.Join(',', highlighted.Distinct().Select(id => id.ToString("D", CultureInfo.InvariantCulture))),
        };
        db.Set<Report>().Add(report);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node published this report first.
            db.ChangeTracker.Clear();
            return null;
        }

        return report;
    }
}
