using System.Globalization;
using System.Text.Json;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Answerback.Platform.Conversations;

/// <summary>The engine's JSON report as read back (the names are the engine's public contract).</summary>
public sealed record MapDocument(
    IReadOnlyList<MapDocument.Participant> Participants,
    IReadOnlyList<MapDocument.Group> Groups,
    MapDocument.ConsensusLists Consensus,
    IReadOnlyList<MapDocument.StatementFigures> Statements)
{
    public sealed record Participant(string Id, int? Group, double X, double Y, int Votes);

    public sealed record Group(int Id, int Size, IReadOnlyList<Representative> Representative);

    public sealed record Representative(string Statement, string Direction, double P, double Z);

    public sealed record ConsensusLists(IReadOnlyList<string> Agree, IReadOnlyList<string> Disagree);

    public sealed record StatementFigures(string Id, int Agree, int Disagree, int Pass, double GroupInformedConsensus, double? Bridging, double Priority)
    {
        public int Votes => Agree + Disagree + Pass;
    }

    public static MapDocument Parse(string json) => JsonSerializer.Deserialize<MapDocument>(json, JsonSerializerOptions.Web)
        ?? throw new InvalidOperationException("A stored map is empty.");
}

/// <summary>A statement as a map or report shows it: its number, text and counts.</summary>
public sealed record StatementLine(Guid Id, int Number, string Text, int Agree, int Disagree, int Pass, bool Hidden, Moderation.ModerationReason? HiddenReason = null)
{
    public int Votes => Agree + Disagree + Pass;

    /// <summary>The share of votes that agree (passes included), 0 with no votes.</summary>
    public double AgreeShare => Votes == 0 ? 0 : (double)Agree / Votes;
}

/// <summary>One group on the map: letter, size and what it stands for (statement, "agree"/"disagree", share of the group).</summary>
public sealed record GroupView(int Id, string Letter, int Size, IReadOnlyList<(StatementLine Statement, string Direction, double Share)> Representative);

/// <summary>
/// A stored map made ready for the pages: groups with their representative statements, and the
/// common ground. Common ground (consensus and bridging) is only claimed for statements with at least
/// <see cref="MinVotesForCommonGround"/> votes, as Jigsaw's Sensemaker does: with fewer, "everyone
/// agrees" may be three people.
/// </summary>
public sealed record MapView(
    Guid ConversationId,
    int Version,
    DateTimeOffset ComputedAt,
    int Participants,
    int Votes,
    string Svg,
    IReadOnlyList<GroupView> Groups,
    IReadOnlyList<StatementLine> ConsensusAgree,
    IReadOnlyList<StatementLine> ConsensusDisagree,
    IReadOnlyList<StatementLine> Bridging,
    IReadOnlyDictionary<int, MapDocument.StatementFigures> Figures,
    IReadOnlyDictionary<string, int> GroupOfParticipant,
    string Json)
{
    public const int MinVotesForCommonGround = 20;

    /// <summary>The group of a person, or null when they are not (yet) in one.</summary>
    public GroupView? GroupOf(Guid personId)
        => GroupOfParticipant.TryGetValue(Vote.ParticipantOf(personId), out var g) ? Groups.FirstOrDefault(x => x.Id == g) : null;
}

/// <summary>Reads stored maps, parsed once per version and cached (the map page at 20,000 participants parses nothing).</summary>
public sealed class MapViews(AnswerbackDbContext db, StatementModeration moderation, IMemoryCache cache)
{
    /// <summary>The latest map's version, or null when none is stored yet (one indexed query).</summary>
    public Task<int?> LatestVersionAsync(Guid conversationId, CancellationToken ct)
        => db.Set<MapSnapshot>().Where(m => m.ConversationId == conversationId).MaxAsync(m => (int?)m.Version, ct);

    /// <summary>The latest map, or null.</summary>
    public async Task<MapView?> LatestAsync(Guid conversationId, CancellationToken ct)
        => await LatestVersionAsync(conversationId, ct) is { } version ? await VersionAsync(conversationId, version, ct) : null;

    /// <summary>The stored map with this id (a report's), or null.</summary>
    public async Task<MapView?> ByIdAsync(Guid mapId, CancellationToken ct)
    {
        var key = await db.Set<MapSnapshot>().AsNoTracking().Where(m => m.Id == mapId).Select(m => new { m.ConversationId, m.Version }).FirstOrDefaultAsync(ct);
        return key is null ? null : await VersionAsync(key.ConversationId, key.Version, ct);
    }

    /// <summary>
    /// The stored map of this version, or null. Cached as the task that reads it: the votes that arrive while a
    /// new version is read and parsed wait for that one read instead of each reading it again (a burst of
    /// votes after every recompute did). The read is this scope's and is not cancelled by its caller.
    /// </summary>
    public Task<MapView?> VersionAsync(Guid conversationId, int version, CancellationToken ct)
    {
        var key = ("map-view", conversationId, version);
        if (cache.TryGetValue(key, out Task<MapView?>? cached) && cached is not null)
        {
            return cached;
        }

        var load = LoadAsync(conversationId, version);
        cache.Set(key, load, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(10) });
        _ = ForgetUnlessFoundAsync(key, load);
        return load;
    }

    /// <summary>Neither a failed read nor a missing version is remembered (the callers see the failure).</summary>
    private async Task ForgetUnlessFoundAsync(object key, Task<MapView?> load)
    {
        await ((Task)load).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!load.IsCompletedSuccessfully || await load is null)
        {
            cache.Remove(key);
        }
    }

    private async Task<MapView?> LoadAsync(Guid conversationId, int version)
    {
        var ct = CancellationToken.None;
        var snapshot = await db.Set<MapSnapshot>().AsNoTracking().FirstOrDefaultAsync(m => m.ConversationId == conversationId && m.Version == version, ct);
        if (snapshot is null)
        {
            return null;
        }

        var moderated = await moderation.ForConversationAsync(conversationId, ct);
        var statements = await db.Set<Statement>().AsNoTracking().Where(s => s.ConversationId == conversationId)
            .ToDictionaryAsync(s => s.Number.ToString(CultureInfo.InvariantCulture), ct);
        var document = MapDocument.Parse(snapshot.Json);
        var figures = document.Statements.ToDictionary(s => int.Parse(s.Id, CultureInfo.InvariantCulture));
        StatementLine? Line(string number)
        {
            if (!statements.TryGetValue(number, out var s))
            {
                return null;
            }

            var f = figures.GetValueOrDefault(s.Number);
            return ConversationQueries.Line(s, f, moderated);
        }

        List<StatementLine> Lines(IEnumerable<string> numbers) => [.. numbers.Select(Line).OfType<StatementLine>().Where(l => !l.Hidden && l.Votes >= MapView.MinVotesForCommonGround)];
        var groups = document.Groups.Select(g => new GroupView(g.Id, GroupMapSvg.Letter(g.Id), g.Size,
            [.. g.Representative.Select(r => (Line: Line(r.Statement), r.Direction, r.P)).Where(r => r.Line is { Hidden: false }).Select(r => (r.Line!, r.Direction, r.P))])).ToList();
        var bridging = document.Statements.Where(s => s.Bridging is > 0 && s.Votes >= MapView.MinVotesForCommonGround)
            .OrderByDescending(s => s.Bridging).Take(5).Select(s => s.Id);
        return new MapView(conversationId, version, snapshot.ComputedAt, snapshot.Participants, snapshot.Votes, snapshot.Svg, groups,
            Lines(document.Consensus.Agree), Lines(document.Consensus.Disagree), Lines(bridging), figures,
            JsonSerializer.Deserialize<Dictionary<string, int>>(snapshot.ParticipantGroups) ?? [], snapshot.Json);
    }
}
