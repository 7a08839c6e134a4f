using Answerback.Platform.Data;
using Answerback.Platform.Moderation;
using Answerback.Platform.Eligibility;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Answerback.Platform.Conversations;

/// <summary>What the vote and add paths need to know of a conversation, read once and cached.</summary>
public sealed record ConversationRuleSet(
    Guid Id, Guid OrganisationId, bool IsImported, DateTimeOffset? EndsAt, EligibilityRule VoteRule, EligibilityRule AddRule, ModerationPolicy Moderation)
{
    /// <summary>Why votes and statements are refused at <paramref name="now"/>, or null while it is open.</summary>
    public string? ClosedReason(DateTimeOffset now) => Conversation.IsOpen(IsImported, EndsAt, now) ? null : ClosedText(IsImported);

    /// <summary>What a closed conversation says: the one wording of the vote path, the add path and the page.</summary>
    public static string ClosedText(bool imported) => imported ? "This conversation was imported and is read-only." : "This conversation has ended.";
}

/// <summary>
/// The rules of a conversation and who may vote or add. The rules are cached (they never change after
/// a conversation opens); who may take part is decided afresh on every vote and every statement, so
/// someone removed from a member list, or whose residency is withdrawn, is refused at once. The check
/// is cheap for the common rule: "anyone signed in" reads only the person's row
/// (<see cref="CheckEligibility"/> reads residencies and member lists only for rules that need them).
/// </summary>
public sealed class ConversationRules(AnswerbackDbContext db, CheckEligibility eligibility, IMemoryCache cache)
{
    private static readonly TimeSpan RulesLifetime = TimeSpan.FromMinutes(5);

    public async Task<ConversationRuleSet?> FindAsync(Guid conversationId, CancellationToken ct)
    {
        if (cache.TryGetValue(("conversation-rules", conversationId), out ConversationRuleSet? rules))
        {
            return rules;
        }

        var row = await db.Set<Conversation>().AsNoTracking().Where(c => c.Id == conversationId)
            .Select(c => new { c.Id, c.OrganisationId, c.IsImported, c.EndsAt, c.VoteRule, c.AddRule, c.Moderation }).FirstOrDefaultAsync(ct);
        if (row is null)
        {
            return null;
        }

        rules = new ConversationRuleSet(row.Id, row.OrganisationId, row.IsImported, row.EndsAt,
            EligibilityRule.FromJson(row.VoteRule), EligibilityRule.FromJson(row.AddRule), row.Moderation);
        cache.Set(("conversation-rules", conversationId), rules, RulesLifetime);
        return rules;
    }

    /// <summary>Whether the person may vote (<paramref name="adding"/> false) or add statements (true), with the reason.</summary>
    public Task<EligibilityDecision> MayAsync(ConversationRuleSet rules, Guid personId, bool adding, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return eligibility.CheckAsync(personId, adding ? rules.AddRule : rules.VoteRule, ct);
    }
}
