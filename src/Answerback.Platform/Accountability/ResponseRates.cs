using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.SocialAudit;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// A representative's response rate to residents' questions, as WriteToThem computes it: from the
/// askers' follow-up answers, one per question (a campaign's near-identical questions count once),
/// with the Wilson 95 % interval, judged only from <see cref="Scorecards.MinimumSample"/> counted
/// questions up. <see cref="AnswerTime"/> is the median time from asking to the public answer on the page.
/// </summary>
public sealed record ResponseRate(
    int Questions, int Counted, int Campaigns, int NotExpected, int Awaiting, int NotMyPoints, Proportion Replied, Duration AnswerTime)
{
    /// <summary>True when the rate is judged (ranked in league tables).</summary>
    public bool Ranked => Replied.Judged;
}

/// <summary>One representative's row in a league table.</summary>
public sealed record LeagueRow(RepresentativeSummary Representative, ResponseRate Rate);

/// <summary>A league table: the ranked rows (highest rate first) and those with too few questions to judge.</summary>
public sealed record LeagueTable(string Title, IReadOnlyList<LeagueRow> Ranked, IReadOnlyList<LeagueRow> TooFew);

/// <summary>A representative's answer to a question, its text rendered as safe HTML.</summary>
public sealed record QuestionAnswerView(Guid RepresentativeId, string RepresentativeName, string Html, DateTimeOffset AnsweredAt, DateTimeOffset? RevisedAt);

/// <summary>
/// A question as a representative's page shows it: the text (never the asker's name), who it went
/// to, the answers, and, when a moderator hid it, the reason instead of the text.
/// </summary>
public sealed record RepresentativeQuestionView(
    Guid Id, string Text, DateTimeOffset AskedAt, IReadOnlyList<string> SentTo, bool AskedByViewer,
    IReadOnlyList<QuestionAnswerView> Answers, ModerationReason? HiddenReason, int SimilarQuestions)
{
    public bool IsHidden => HiddenReason is not null;

    public ModerationSubject Subject => new(RepresentativeQuestionSubjects.Kind, Id);
}

/// <summary>
/// How each question counts for a representative's rate, and the groups of near-identical ones. The
/// rules (also in docs/accountability.md): the asker's follow-up answer decides; "yes" and "yes, but
/// it did not answer my points" are replies, "no" is not, "I did not expect one" leaves the question
/// out; with no follow-up answer a public answer on the page is a reply, and otherwise the question
/// is left out (awaiting). Questions whose word shingles overlap by at least <see cref="GroupThreshold"/>
/// (<see cref="NearDuplicates"/>) are one group, counted once, as most of its counted questions say
/// (a tie is a reply); hidden questions never count.
/// </summary>
public static class ResponseRules
{
    /// <summary>The word overlap (Jaccard of shingles) from which questions are the same campaign: the campaigns' 80 %.</summary>
    public const double GroupThreshold = 0.8;

    /// <summary>What the asker said; null while they have not answered.</summary>
    internal sealed record Asked(Guid QuestionId, string Text, DateTimeOffset AskedAt, DateTimeOffset? AnsweredAt, FollowUpAnswer? FollowUp);

    private enum Outcome
    {
        Unknown,
        Replied,
        NotReplied,
        NotExpected,
    }

    private static Outcome Of(Asked q) => q.FollowUp switch
    {
        FollowUpAnswer.Yes or FollowUpAnswer.YesButNotMyPoints => Outcome.Replied,
        FollowUpAnswer.No => Outcome.NotReplied,
        FollowUpAnswer.NotExpected => Outcome.NotExpected,
        _ => q.AnsweredAt is not null ? Outcome.Replied : Outcome.Unknown,
    };

    /// <summary>The questions in groups of near-identical text, in order of asking (each group's first question decides who joins it).</summary>
    internal static List<List<T>> Group<T>(IEnumerable<T> questions, Func<T, string> text, Func<T, DateTimeOffset> askedAt)
    {
        var groups = new List<(HashSet<string> Shingles, List<T> Members)>();
        foreach (var q in questions.OrderBy(askedAt))
        {
            var shingles = NearDuplicates.Shingles(text(q));
            var home = groups.FindIndex(g => NearDuplicates.Similarity(g.Shingles, shingles) >= GroupThreshold);
            if (home >= 0)
            {
                groups[home].Members.Add(q);
            }
            else
            {
                groups.Add((shingles, [q]));
            }
        }

        return [.. groups.Select(g => g.Members)];
    }

    /// <summary>The rate over one representative's visible questions.</summary>
    internal static ResponseRate Rate(IReadOnlyList<Asked> questions)
    {
        int counted = 0, replied = 0, notExpected = 0, awaiting = 0, campaigns = 0;
        var times = new List<TimeSpan>();
        foreach (var group in Group(questions, q => q.Text, q => q.AskedAt))
        {
            if (group.Count > 1)
            {
                campaigns++;
            }

            var outcomes = group.Select(Of).ToList();
            var firstAnswer = group.Where(q => q.AnsweredAt is not null).Select(q => q.AnsweredAt!.Value - q.AskedAt).DefaultIfEmpty(TimeSpan.MinValue).Min();
            if (firstAnswer != TimeSpan.MinValue)
            {
                times.Add(firstAnswer);
            }

            int yes = outcomes.Count(o => o == Outcome.Replied), no = outcomes.Count(o => o == Outcome.NotReplied);
            if (yes > 0 && yes >= no)
            {
                counted++;
                replied++;
            }
            else if (no > 0)
            {
                counted++;
            }
            else if (outcomes.Contains(Outcome.NotExpected))
            {
                notExpected++;
            }
            else
            {
                awaiting++;
            }
        }

        times.Sort();
        return new ResponseRate(questions.Count, counted, campaigns, notExpected, awaiting,
            questions.Count(q => q.FollowUp == FollowUpAnswer.YesButNotMyPoints),
            Proportion.Of(replied, counted), Duration.Of(ConversationMetrics.Median(times), times.Count));
    }
}

/// <summary>Reads questions to representatives, their response rates and the league tables, for the pages and the API.</summary>
public sealed class RepresentativeQuestions(AnswerbackDbContext db, ModerationStatus moderation)
{
    /// <summary>The rates of the representatives (those without questions get an empty rate).</summary>
    public async Task<IReadOnlyDictionary<Guid, ResponseRate>> RatesAsync(IReadOnlyCollection<Guid> representativeIds, CancellationToken ct = default)
    {
        var hidden = moderation.HiddenIds(RepresentativeQuestionSubjects.Kind);
        var rows = await (
            from r in db.Set<QuestionRecipient>().AsNoTracking()
            join q in db.Set<RepresentativeQuestion>() on r.QuestionId equals q.Id
            where representativeIds.Contains(r.RepresentativeId) && !hidden.Contains(q.Id)
            select new { r.RepresentativeId, q.Id, q.Text, q.AskedAt, r.AnsweredAt, r.FollowUp }).ToListAsync(ct);
        var byRep = rows.ToLookup(r => r.RepresentativeId, r => new ResponseRules.Asked(r.Id, r.Text, r.AskedAt, r.AnsweredAt, r.FollowUp));
        return representativeIds.Distinct().ToDictionary(id => id, id => ResponseRules.Rate([.. byRep[id]]));
    }

    public async Task<ResponseRate> RateAsync(Guid representativeId, CancellationToken ct = default)
        => (await RatesAsync([representativeId], ct))[representativeId];

    /// <summary>The questions sent to the representative, newest first, as <paramref name="viewer"/> sees them (null: signed out).</summary>
    public async Task<IReadOnlyList<RepresentativeQuestionView>> ForRepresentativeAsync(Guid representativeId, Guid? viewer, CancellationToken ct = default)
    {
        var questions = await db.Set<RepresentativeQuestion>().AsNoTracking()
            .Where(q => q.Recipients.Any(r => r.RepresentativeId == representativeId))
            .Include(q => q.Recipients).OrderByDescending(q => q.AskedAt).ToListAsync(ct);
        var repIds = questions.SelectMany(q => q.Recipients.Select(r => r.RepresentativeId)).Distinct().ToList();
        var names = await db.Set<Representative>().AsNoTracking().Where(r => repIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, ct);
        var hidden = await moderation.HiddenAsync(RepresentativeQuestionSubjects.Kind, [.. questions.Select(q => q.Id)], ct);
        var similar = ResponseRules.Group(questions.Where(q => !hidden.ContainsKey(q.Id)), q => q.Text, q => q.AskedAt)
            .SelectMany(g => g.Select(q => (q.Id, g.Count))).ToDictionary(x => x.Id, x => x.Count);
        return [.. questions.Select(q => hidden.TryGetValue(q.Id, out var reason)
            ? new RepresentativeQuestionView(q.Id, "", q.AskedAt, [], q.AuthorPersonId == viewer, [], reason, 1)
            : new RepresentativeQuestionView(q.Id, q.Text, q.AskedAt,
                [.. q.Recipients.Select(r => names.GetValueOrDefault(r.RepresentativeId, "")).Order(StringComparer.Ordinal)],
                q.AuthorPersonId == viewer,
                [.. q.Recipients.Where(r => r.AnswerText is not null).OrderBy(r => r.AnsweredAt)
                    .Select(r => new QuestionAnswerView(r.RepresentativeId, names.GetValueOrDefault(r.RepresentativeId, ""), MarkdownText.ToHtml(r.AnswerText), r.AnsweredAt!.Value, r.AnswerRevisedAt))],
                null, similar.GetValueOrDefault(q.Id, 1)))];
    }

    /// <summary>Who a question to "everyone in the area" from this representative's page goes to (as <see cref="AskRepresentatives"/> sends it), by name.</summary>
    public async Task<IReadOnlyList<string>> EveryoneInAreaAsync(Guid representativeId, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().AsNoTracking().FirstOrDefaultAsync(r => r.Id == representativeId, ct);
        return rep is null ? [] : [.. (await db.Set<Representative>().AsNoTracking()
            .Where(r => r.AreaId == rep.AreaId && r.OwnerOrganisationId == rep.OwnerOrganisationId).Select(r => r.Name).ToListAsync(ct)).Order(StringComparer.Ordinal)];
    }

    /// <summary>The league table of the representatives listed in the area (by slug) and the areas within it; null for an unknown area.</summary>
    public async Task<LeagueTable?> AreaLeagueAsync(string areaSlug, AccountabilityDirectory directory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var area = await db.Areas.AsNoTracking().Where(a => a.Slug == areaSlug).Select(a => a.Name).FirstOrDefaultAsync(ct);
        return area is null ? null : await LeagueAsync(area, await directory.ListAsync(areaSlug, ct), ct);
    }

    /// <summary>The league table of a party's representatives (by the party's slug); null when nobody is listed for it.</summary>
    public async Task<LeagueTable?> PartyLeagueAsync(string partySlug, AccountabilityDirectory directory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var reps = (await directory.ListAsync(null, ct)).Where(r => r.PartyKey == partySlug).ToList();
        return reps.Count == 0 ? null : await LeagueAsync(reps[0].PartyName, reps, ct);
    }

    private async Task<LeagueTable> LeagueAsync(string title, IReadOnlyList<RepresentativeSummary> reps, CancellationToken ct)
    {
        var rates = await RatesAsync([.. reps.Select(r => r.Id)], ct);
        var rows = reps.Select(r => new LeagueRow(r, rates[r.Id])).ToList();
        return new LeagueTable(title,
            [.. rows.Where(r => r.Rate.Ranked).OrderByDescending(r => r.Rate.Replied.Value).ThenByDescending(r => r.Rate.Replied.Low).ThenBy(r => r.Representative.Name, StringComparer.Ordinal)],
            [.. rows.Where(r => !r.Rate.Ranked).OrderByDescending(r => r.Rate.Counted).ThenBy(r => r.Representative.Name, StringComparer.Ordinal)]);
    }
}
