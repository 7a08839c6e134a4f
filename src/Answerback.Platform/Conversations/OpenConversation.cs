using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.Platform.Eligibility;
using Answerback.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Conversations;

/// <summary>What an organiser fills in to open a conversation.</summary>
public sealed record ConversationDraft(
    Guid OrganisationId,
    Guid? AreaId,
    string Topic,
    string Question,
    string? Background,
    IReadOnlyList<string> SeedStatements,
    EligibilityRule VoteRule,
    EligibilityRule AddRule,
    DateTimeOffset? EndsAt,
    int ReportPeriodDays,
    ModerationPolicy Moderation,
    int ResponseDays);

/// <summary>Opens a conversation with its seed statements (organisers of the organisation only).</summary>
public sealed class OpenConversation(AnswerbackDbContext db, OrganisationAccess access, TimeProvider time)
{
    public async Task<Result<Conversation>> RunAsync(ConversationDraft draft, Guid actorPersonId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (!await access.IsOrganiserAsync(actorPersonId, draft.OrganisationId, ct))
        {
            return Result.Failed<Conversation>("organisation", "Only an organiser of the organisation can open a conversation.");
        }

        var now = time.GetUtcNow();
        var errors = new List<FieldError>();
        var topic = (draft.Topic ?? "").Trim();
        var question = (draft.Question ?? "").Trim();
        var background = (draft.Background ?? "").Trim();
        var seeds = (draft.SeedStatements ?? []).Select(s => (s ?? "").Trim()).Where(s => s.Length > 0).ToList();
        Check(errors, topic.Length is > 0 and <= 200, "topic", topic.Length == 0 ? "Enter the topic, e.g. Homes in South Cambridge." : "The topic must be at most 200 characters.");
        Check(errors, question.Length is > 0 and <= 500, "question", question.Length == 0 ? "Enter the question people are asked." : "The question must be at most 500 characters.");
        Check(errors, background.Length <= 20000, "background", "The background must be at most 20,000 characters.");
        for (var i = 0; i < seeds.Count; i++)
        {
            Check(errors, seeds[i].Length <= Statement.MaxLength, "seeds", $"Seed statement {i + 1} has {seeds[i].Length} characters; at most {Statement.MaxLength}.", i + 1);
        }

        Check(errors, seeds.Distinct(StringComparer.Ordinal).Count() == seeds.Count, "seeds", "Two seed statements are the same.");
        Check(errors, draft.ReportPeriodDays is >= 1 and <= 366, "reportPeriodDays", "The report period must be between 1 and 366 days.");
        Check(errors, draft.ResponseDays is >= 1 and <= 366, "responseDays", "The response commitment must be between 1 and 366 days.");
        Check(errors, Enum.IsDefined(draft.Moderation), "moderation", "Choose a moderation policy.");
        Check(errors, draft.EndsAt is null || draft.EndsAt > now, "endsAt", "The end date must be in the future (or choose continuous).");
        if (draft.AreaId is { } areaId && !await db.Areas.AnyAsync(a => a.Id == areaId, ct))
        {
            errors.Add(new FieldError("area", "The area does not exist."));
        }

        if (errors.Count > 0)
        {
            return Result.Failed<Conversation>(errors);
        }

        var conversation = new Conversation
        {
            Id = Guid.NewGuid(),
            OrganisationId = draft.OrganisationId,
            AreaId = draft.AreaId,
            Topic = topic,
            Question = question,
            BackgroundMarkdown = background,
            BackgroundHtml = MarkdownText.ToHtml(background),
            VoteRule = draft.VoteRule.ToJson(),
            AddRule = draft.AddRule.ToJson(),
            EndsAt = draft.EndsAt?.ToUniversalTime(),
            ReportPeriodDays = draft.ReportPeriodDays,
            Moderation = draft.Moderation,
            ResponseDays = draft.ResponseDays,
            OpenedAt = now,
        };
        db.Set<Conversation>().Add(conversation);
        db.Set<Statement>().AddRange(seeds.Select((text, i) => new Statement
        {
            Id = Guid.NewGuid(), ConversationId = conversation.Id, Number = i + 1, Text = text, IsSeed = true,
            State = StatementState.Published, CreatedAt = now,
        }));
        await db.SaveChangesAsync(ct);
        return Result.Ok(conversation);
    }

    private static void Check(List<FieldError> errors, bool ok, string field, string message, int line = 0)
    {
        if (!ok)
        {
            errors.Add(new FieldError(field, message, line));
        }
    }
}
