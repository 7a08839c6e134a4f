using Answerback.OpinionMap;
using Answerback.Platform.Data;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>A conversation in a list.</summary>
public sealed record ConversationSummary(
    Guid Id, string Topic, string Question, string OrganisationSlug, string OrganisationName, string? AreaName, string? AreaSlug,
    bool IsImported, bool IsOpen, int Participants, ResponseStatus? WorstStatus);

/// <summary>A report in a list, with its response status now.</summary>
public sealed record ReportSummary(Guid Id, int Number, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateTimeOffset PublishedAt, ResponseStatus Status);

/// <summary>The statement shown next to a participant, with how many are left.</summary>
public sealed record NextStatement(Guid Id, int Number, string Text, int Remaining);

/// <summary>Everything the conversation page shows.</summary>
public sealed record ConversationPage(
    Conversation Conversation,
    string OrganisationSlug,
    string OrganisationName,
    string? AreaName,
    string? AreaSlug,
    bool IsOpen,
    NextStatement? Next,
    int VotedByYou,
    EligibilityDecision? MayVote,
    EligibilityDecision? MayAdd,
    IReadOnlyList<ReportSummary> Reports,
    int? MapVersion,
    bool IsOrganiser,
    bool IsModerator,
    IReadOnlyList<Statement> AwaitingReview,
    IReadOnlyList<StatementLine> Statements);

/// <summary>A published response with its points, for the report page.</summary>
public sealed record ResponseView(string Text, DateTimeOffset PublishedAt, IReadOnlyList<(StatementLine Statement, ResponseDecision Decision, string? Reason, DateOnly? Until)> Points);

/// <summary>Everything a report page shows.</summary>
public sealed record ReportView(
    Guid ConversationId, string Topic, string Question, string OrganisationSlug, string OrganisationName, string? Attribution,
    Report Report, ResponseStatus Status, MapView? Map, IReadOnlyList<StatementLine> Highlighted, ResponseView? Response);

/// <summary>An organisation's record of answering its conversations' reports.</summary>
public sealed record Responsiveness(
    string OrganisationSlug, string OrganisationName, IReadOnlyList<(string Topic, Guid ConversationId, ReportSummary Report)> Reports,
    int OnTime, int Late, int Missing, double? MedianDaysToRespond);

/// <summary>The read side of conversations for the pages and the API (no page touches the DbContext).</summary>
public sealed class ConversationQueries(AnswerbackDbContext db, ConversationRules rules, MapViews maps, StatementModeration moderation, OrganisationAccess access, TimeProvider time)
{
    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(Guid? organisationId = null, Guid? areaId = null, CancellationToken ct = default)
    {
        var rows = await db.Set<Conversation>().AsNoTracking()
            .Where(c => (organisationId == null || c.OrganisationId == organisationId) && (areaId == null || c.AreaId == areaId))
            .OrderByDescending(c => c.OpenedAt)
            .Select(c => new
            {
                c.Id, c.Topic, c.Question, OrgSlug = c.Organisation!.Slug, OrgName = c.Organisation.Name,
                AreaName = c.Area != null ? c.Area.Name : null, AreaSlug = c.Area != null ? c.Area.Slug : null, c.IsImported, c.EndsAt,
                Participants = db.Set<MapSnapshot>().Where(m => m.ConversationId == c.Id).OrderByDescending(m => m.Version).Select(m => m.Participants).FirstOrDefault(),
            }).ToListAsync(ct);
        var ids = rows.Select(r => r.Id).ToList();
        var statuses = await StatusesAsync(ids, ct);
        var now = time.GetUtcNow();
        return [.. rows.Select(r => new ConversationSummary(r.Id, r.Topic, r.Question, r.OrgSlug, r.OrgName, r.AreaName, r.AreaSlug, r.IsImported,
            !r.IsImported && (r.EndsAt is null || now < r.EndsAt), r.Participants,
            statuses.GetValueOrDefault(r.Id)?.Select(s => s.Status).OrderByDescending(s => s.State).FirstOrDefault()))];
    }

    /// <summary>Each conversation's reports with their status now, oldest first.</summary>
    public async Task<Dictionary<Guid, List<ReportSummary>>> StatusesAsync(IReadOnlyCollection<Guid> conversationIds, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var reports = await db.Set<Report>().AsNoTracking().Where(r => conversationIds.Contains(r.ConversationId))
            .Select(r => new
            {
                r.Id, r.ConversationId, r.Number, r.PeriodStart, r.PeriodEnd, r.PublishedAt, r.RespondBy,
                RespondedAt = db.Set<Response>().Where(x => x.ReportId == r.Id).Select(x => (DateTimeOffset?)x.PublishedAt).FirstOrDefault(),
            }).ToListAsync(ct);
        return reports.GroupBy(r => r.ConversationId).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Number)
            .Select(r => new ReportSummary(r.Id, r.Number, r.PeriodStart, r.PeriodEnd, r.PublishedAt, ResponseStatus.At(now, r.PublishedAt, r.RespondBy, r.RespondedAt)))
            .ToList());
    }

    public async Task<ConversationPage?> PageAsync(Guid conversationId, Guid? personId, CancellationToken ct = default)
    {
        var conversation = await db.Set<Conversation>().AsNoTracking().Include(c => c.Organisation).Include(c => c.Area)
            .FirstOrDefaultAsync(c => c.Id == conversationId, ct);
        if (conversation is null)
        {
            return null;
        }

        var ruleSet = (await rules.FindAsync(conversationId, ct))!;
        var open = conversation.IsOpenAt(time.GetUtcNow());
        var latest = await maps.LatestAsync(conversationId, ct);
        EligibilityDecision? mayVote = null, mayAdd = null;
        NextStatement? next = null;
        var voted = 0;
        bool organiser = false, moderator = false;
        if (personId is { } person)
        {
            organiser = await access.IsOrganiserAsync(person, conversation.OrganisationId, ct);
            moderator = await access.IsModeratorAsync(person, conversation.OrganisationId, ct);
            if (open)
            {
                mayVote = await rules.MayAsync(ruleSet, person, adding: false, ct);
                mayAdd = await rules.MayAsync(ruleSet, person, adding: true, ct);
                (next, voted) = await NextAsync(conversationId, person, ct);
            }
        }

        var statements = await db.Set<Statement>().AsNoTracking().Where(s => s.ConversationId == conversationId).OrderBy(s => s.Number).ToListAsync(ct);
        var moderated = await moderation.ForConversationAsync(conversationId, ct);
        var lines = statements.Where(s => !moderated.Held.Contains(s.Id)).Select(s => Line(s, latest?.Figures.GetValueOrDefault(s.Number), moderated)).ToList();
        var reports = (await StatusesAsync([conversationId], ct)).GetValueOrDefault(conversationId) ?? [];
        return new ConversationPage(conversation, conversation.Organisation!.Slug, conversation.Organisation.Name, conversation.Area?.Name, conversation.Area?.Slug,
            open, next, voted, mayVote, mayAdd, reports, latest?.Version, organiser, moderator,
            moderator ? [.. statements.Where(s => moderated.Held.Contains(s.Id))] : [], lines);
    }

    /// <summary>
    /// Only what the "your turn" panel shows (the fragment conversations.js asks for after a vote):
    /// whether the person may vote, the next statement and how many they have voted on. The rest of
    /// the page (statements, reports, roles) is left empty, so a vote costs one query here, not the page's.
    /// </summary>
    public async Task<ConversationPage?> VotePanelAsync(Guid conversationId, Guid personId, bool justVoted = false, CancellationToken ct = default)
    {
        // The cached rules carry all the panel needs of the conversation itself.
        if (await rules.FindAsync(conversationId, ct) is not { } ruleSet)
        {
            return null;
        }

        var open = ruleSet.ClosedReason(time.GetUtcNow()) is null;
        EligibilityDecision? mayVote = null;
        NextStatement? next = null;
        var voted = 0;
        if (open)
        {
            // A vote that was just recorded passed the same check a moment ago: not read again.
            mayVote = justVoted ? new EligibilityDecision(true, "") : await rules.MayAsync(ruleSet, personId, adding: false, ct);
            (next, voted) = await NextAsync(conversationId, personId, ct);
        }

        // The page record wants a conversation; the panel shows only its id and whether it was imported.
        var conversation = new Conversation { Id = ruleSet.Id, OrganisationId = ruleSet.OrganisationId, IsImported = ruleSet.IsImported, EndsAt = ruleSet.EndsAt };
        return new ConversationPage(conversation, "", "", null, null, open, next, voted, mayVote, null, [], null, false, false, [], []);
    }

    /// <summary>
    /// The next statement for the person: of the published ones they have not voted on, the one with
    /// the highest routing priority in the latest map (the engine's Pol.is formula); a statement newer
    /// than the map gets the priority of a statement with no votes, which the formula ranks high.
    /// One query: the statements left, with how many the person has voted on and the latest map's
    /// version beside each (the map itself is parsed once per version and cached, <see cref="MapViews"/>).
    /// </summary>
    public async Task<(NextStatement? Next, int Voted)> NextAsync(Guid conversationId, Guid personId, CancellationToken ct = default)
    {
        var participant = Vote.ParticipantOf(personId);
        var unseen = await moderation.Visible(conversationId)
            .Where(s => !db.Set<Vote>().Any(v => v.StatementId == s.Id && v.Participant == participant))
            .Select(s => new
            {
                s.Id, s.Number, s.Text,
                Voted = db.Set<Vote>().Count(v => v.ConversationId == conversationId && v.Participant == participant),
                MapVersion = db.Set<MapSnapshot>().Where(m => m.ConversationId == conversationId).Max(m => (int?)m.Version),
            }).ToListAsync(ct);
        if (unseen.Count == 0)
        {
            return (null, await db.Set<Vote>().CountAsync(v => v.ConversationId == conversationId && v.Participant == participant, ct));
        }

        var latest = unseen[0].MapVersion is { } version ? await maps.VersionAsync(conversationId, version, ct) : null;
        var fresh = OpinionMapper.Priority(0, 0, 0, 0, false);
        var pick = unseen.OrderByDescending(s => latest?.Figures.GetValueOrDefault(s.Number)?.Priority ?? fresh).ThenBy(s => s.Number).First();
        return (new NextStatement(pick.Id, pick.Number, pick.Text, unseen.Count), pick.Voted);
    }

    /// <summary>Every statement shown (published or hidden) with its exact vote counts, counted from the votes now.</summary>
    public async Task<IReadOnlyList<StatementLine>> StatementCountsAsync(Guid conversationId, CancellationToken ct = default)
    {
        var counts = await db.Set<Vote>().Where(v => v.ConversationId == conversationId).GroupBy(v => v.StatementId)
            .Select(g => new { Id = g.Key, Agree = g.Count(v => v.Value > 0), Disagree = g.Count(v => v.Value < 0), Pass = g.Count(v => v.Value == 0) })
            .ToDictionaryAsync(c => c.Id, ct);
        var moderated = await moderation.ForConversationAsync(conversationId, ct);
        return [.. (await moderation.NotHeld(conversationId).OrderBy(s => s.Number).ToListAsync(ct))
            .Select(s => Line(s, null, moderated) with
            {
                Agree = counts.GetValueOrDefault(s.Id)?.Agree ?? 0, Disagree = counts.GetValueOrDefault(s.Id)?.Disagree ?? 0, Pass = counts.GetValueOrDefault(s.Id)?.Pass ?? 0,
            })];
    }

    /// <summary>The organisation running the conversation, or null when there is no such conversation.</summary>
    public Task<Guid?> OrganisationOfAsync(Guid conversationId, CancellationToken ct = default)
        => db.Set<Conversation>().Where(c => c.Id == conversationId).Select(c => (Guid?)c.OrganisationId).FirstOrDefaultAsync(ct);

    /// <summary>The conversation's topic, or null when there is no such conversation.</summary>
    public Task<string?> TopicAsync(Guid conversationId, CancellationToken ct = default)
        => db.Set<Conversation>().Where(c => c.Id == conversationId).Select(c => c.Topic).FirstOrDefaultAsync(ct);

    public async Task<MapView?> MapAsync(Guid conversationId, CancellationToken ct = default) => await maps.LatestAsync(conversationId, ct);

    public async Task<ReportView?> ReportAsync(Guid conversationId, int number, CancellationToken ct = default)
    {
        var report = await db.Set<Report>().AsNoTracking().Include(r => r.Conversation).ThenInclude(c => c!.Organisation)
            .FirstOrDefaultAsync(r => r.ConversationId == conversationId && r.Number == number, ct);
        if (report?.Conversation?.Organisation is not { } organisation)
        {
            return null;
        }

        var map = report.MapId is { } mapId ? await maps.ByIdAsync(mapId, ct) : null;
        var statements = await db.Set<Statement>().AsNoTracking().Where(s => s.ConversationId == conversationId).ToDictionaryAsync(s => s.Id, ct);
        var moderated = await moderation.ForConversationAsync(conversationId, ct);
        StatementLine Of(Guid id) => Line(statements[id], map?.Figures.GetValueOrDefault(statements[id].Number), moderated);
        var highlighted = report.HighlightedIds.Where(statements.ContainsKey).Select(Of).ToList();
        var response = await db.Set<Response>().AsNoTracking().Include(r => r.Points).FirstOrDefaultAsync(r => r.ReportId == report.Id, ct);
        var status = ResponseStatus.At(time.GetUtcNow(), report.PublishedAt, report.RespondBy, response?.PublishedAt);
        var responseView = response is null ? null : new ResponseView(response.Text, response.PublishedAt,
            [.. response.Points.Where(p => statements.ContainsKey(p.StatementId)).Select(p => (Of(p.StatementId), p.Decision, p.Reason, p.Until))]);
        var c = report.Conversation;
        return new ReportView(conversationId, c.Topic, c.Question, organisation.Slug, organisation.Name, c.Attribution, report, status, map, highlighted, responseView);
    }

    public async Task<Responsiveness?> ResponsivenessAsync(string organisationSlug, CancellationToken ct = default)
    {
        var organisation = await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Slug == organisationSlug, ct);
        if (organisation is null)
        {
            return null;
        }

        var conversations = await db.Set<Conversation>().AsNoTracking().Where(c => c.OrganisationId == organisation.Id)
            .Select(c => new { c.Id, c.Topic }).ToListAsync(ct);
        var statuses = await StatusesAsync([.. conversations.Select(c => c.Id)], ct);
        var reports = conversations.SelectMany(c => (statuses.GetValueOrDefault(c.Id) ?? []).Select(r => (c.Topic, c.Id, r)))
            .OrderByDescending(r => r.r.PublishedAt).ToList();
        var days = reports.Where(r => r.r.Status.RespondedAt is not null)
            .Select(r => (r.r.Status.RespondedAt!.Value - r.r.PublishedAt).TotalDays).Order().ToList();
        double? median = days.Count == 0 ? null : days.Count % 2 == 1 ? days[days.Count / 2] : (days[(days.Count / 2) - 1] + days[days.Count / 2]) / 2;
        return new Responsiveness(organisation.Slug, organisation.Name, reports,
            reports.Count(r => r.r.Status.State == ResponseState.OnTime), reports.Count(r => r.r.Status.State == ResponseState.Late),
            reports.Count(r => r.r.Status.IsOverdue), median);
    }

    /// <summary>The one way a statement becomes a line: counts from the map's figures (if any), hidden as moderation says.</summary>
    internal static StatementLine Line(Statement s, MapDocument.StatementFigures? f, ModeratedStatements moderated)
        => new(s.Id, s.Number, s.Text, f?.Agree ?? 0, f?.Disagree ?? 0, f?.Pass ?? 0, moderated.IsHidden(s), moderated.ReasonFor(s.Id));
}
