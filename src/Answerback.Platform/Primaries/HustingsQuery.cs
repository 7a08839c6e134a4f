using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Primaries;

/// <summary>A candidate's answer, its text rendered as safe HTML.</summary>
public sealed record AnswerView(Guid CandidateId, string CandidateName, string Html, DateTimeOffset AnsweredAt, DateTimeOffset? RevisedAt);

/// <summary>
/// A question as the hustings page shows it. <see cref="Rank"/> is 1 for the most supported visible
/// question (0 for one a moderator hid, which shows the placeholder with <see cref="HiddenReason"/>
/// instead of its text and answers).
/// </summary>
public sealed record QuestionView(
    Guid Id, int Rank, string Text, DateTimeOffset AskedAt, int Supports, bool SupportedByViewer, bool AskedByViewer,
    IReadOnlyList<AnswerView> Answers, ModerationReason? HiddenReason)
{
    public bool IsHidden => HiddenReason is not null;

    /// <summary>The question as the Moderation capability names it.</summary>
    public ModerationSubject Subject => new(HustingsModerationSubjects.Kind, Id);
}

/// <summary>How many of the most supported questions a candidate has answered, and which they have not.</summary>
public sealed record CandidateCoverage(PublishedCandidate Candidate, int Answered, int Of, IReadOnlyList<QuestionView> Unanswered);

/// <summary>The hustings: every question (visible ones ranked by support, then hidden ones), the top ones, and each candidate's coverage of them.</summary>
public sealed record HustingsView(IReadOnlyList<QuestionView> Questions, IReadOnlyList<QuestionView> Top, IReadOnlyList<CandidateCoverage> Coverage);

/// <summary>A candidate's public page: their statement (safe HTML) and the questions they answered.</summary>
public sealed record CandidatePage(PrimarySummary Primary, Candidate Candidate, string Name, string StatementHtml, IReadOnlyList<(QuestionView Question, AnswerView Answer)> Answers);

/// <summary>A nomination as its nominee and the organisers see it.</summary>
public sealed record NominationView(Candidate Candidate, string Name, bool SelfNominated);

/// <summary>
/// Reads the hustings and candidates for the pages and the API. Questions are ranked by support
/// (most first), then by when they were asked (earlier first); hidden questions never count
/// towards the top questions.
/// </summary>
public sealed class HustingsQuery(AnswerbackDbContext db, PrimaryQuery primaries, ModerationStatus moderation)
{
    /// <summary>How many of the most supported questions every candidate is measured against.</summary>
    public const int TopCount = 10;

    /// <summary>The hustings of the primary as <paramref name="viewer"/> sees them (null: signed out).</summary>
    public async Task<HustingsView> ViewAsync(Guid primaryId, Guid? viewer, CancellationToken ct = default)
    {
        var candidates = await primaries.CandidatesAsync(primaryId, ct);
        var questions = await QuestionsAsync(primaryId, viewer, candidates, ct);
        var top = questions.Where(q => !q.IsHidden).Take(TopCount).ToList();
        var coverage = candidates.Select(c =>
        {
            var unanswered = top.Where(q => q.Answers.All(a => a.CandidateId != c.Id)).ToList();
            return new CandidateCoverage(c, top.Count - unanswered.Count, top.Count, unanswered);
        }).ToList();
        return new HustingsView(questions, top, coverage);
    }

    /// <summary>The candidate's page, or null when there is no such candidate (or they are not approved, and <paramref name="viewer"/> is not them).</summary>
    public async Task<CandidatePage?> CandidateAsync(Guid primaryId, Guid candidateId, Guid? viewer, CancellationToken ct = default)
    {
        var candidate = await db.Candidates.AsNoTracking().FirstOrDefaultAsync(c => c.Id == candidateId && c.PrimaryId == primaryId, ct);
        var primary = await primaries.GetAsync(primaryId, ct);
        if (candidate is null || primary is null || !primary.IsPublished || (candidate.Status != CandidateStatus.Approved && candidate.PersonId != viewer))
        {
            return null;
        }

        var name = await Nominations.NameAsync(db, candidate.PersonId, ct);
        var questions = await QuestionsAsync(primaryId, viewer, primary.Candidates, ct);
        var answers = questions.SelectMany(q => q.Answers.Where(a => a.CandidateId == candidateId).Select(a => (q, a))).ToList();
        return new CandidatePage(primary, candidate, name, MarkdownText.ToHtml(candidate.Statement), answers);
    }

    /// <summary>Every nomination of the primary (organisers' view), by status then name.</summary>
    public async Task<IReadOnlyList<NominationView>> NominationsAsync(Guid primaryId, CancellationToken ct = default)
    {
        var rows = await (
            from c in db.Candidates.AsNoTracking()
            join p in db.Users on c.PersonId equals p.Id
            where c.PrimaryId == primaryId
            select new { Candidate = c, p.DisplayName }).ToListAsync(ct);
        return [.. rows.OrderBy(r => r.Candidate.Status).ThenBy(r => r.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(r => new NominationView(r.Candidate, r.DisplayName, r.Candidate.NominatedByPersonId == r.Candidate.PersonId))];
    }

    /// <summary>The viewer's own nomination in the primary, if any.</summary>
    public async Task<NominationView?> OwnNominationAsync(Guid primaryId, Guid viewer, CancellationToken ct = default)
        => (await NominationsAsync(primaryId, ct)).FirstOrDefault(n => n.Candidate.PersonId == viewer);

    private async Task<List<QuestionView>> QuestionsAsync(Guid primaryId, Guid? viewer, IReadOnlyList<PublishedCandidate> candidates, CancellationToken ct)
    {
        var rows = await db.HustingsQuestions.AsNoTracking().Where(q => q.PrimaryId == primaryId)
            .Select(q => new { Question = q, Supports = db.Set<HustingsSupport>().Count(s => s.QuestionId == q.Id) }).ToListAsync(ct);
        var ids = rows.Select(r => r.Question.Id).ToList();
        var supported = viewer is { } v
            ? (await db.HustingsSupports.AsNoTracking().Where(s => s.PersonId == v && ids.Contains(s.QuestionId)).Select(s => s.QuestionId).ToListAsync(ct)).ToHashSet()
            : [];
        var names = candidates.ToDictionary(c => c.Id, c => c.Name);
        var answers = (await db.HustingsAnswers.AsNoTracking().Where(a => ids.Contains(a.QuestionId)).ToListAsync(ct))
            .Where(a => names.ContainsKey(a.CandidateId))
            .ToLookup(a => a.QuestionId);
        var hiddenReasons = await moderation.HiddenAsync(HustingsModerationSubjects.Kind, ids, ct);

        var ordered = rows.OrderBy(r => hiddenReasons.ContainsKey(r.Question.Id)).ThenByDescending(r => r.Supports).ThenBy(r => r.Question.AskedAt).ThenBy(r => r.Question.Id);
        var result = new List<QuestionView>(rows.Count);
        var rank = 0;
        foreach (var row in ordered)
        {
            var q = row.Question;
            ModerationReason? reason = hiddenReasons.TryGetValue(q.Id, out var r) ? r : null;
            IReadOnlyList<AnswerView> answerViews = reason is not null ? [] : [.. answers[q.Id]
                .OrderBy(a => candidates.First(c => c.Id == a.CandidateId).Number)
                .Select(a => new AnswerView(a.CandidateId, names[a.CandidateId], MarkdownText.ToHtml(a.Text), a.AnsweredAt, a.RevisedAt))];
            result.Add(new QuestionView(q.Id, reason is null ? ++rank : 0, reason is null ? q.Text : "", q.AskedAt, row.Supports,
                supported.Contains(q.Id), viewer == q.AuthorPersonId, answerViews, reason));
        }

        return result;
    }
}
