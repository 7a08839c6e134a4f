using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accounts;

/// <summary>What the request path needs of a person's account row: the security stamp (the session check) and the email (eligibility).</summary>
public sealed record AccountFacts(Guid PersonId, string? SecurityStamp, string? Email, bool EmailConfirmed);

/// <summary>
/// Reads a person's <see cref="AccountFacts"/> once per scope: the session cookie's security-stamp check
/// and the eligibility check of the same request (a vote, a statement) share one read of the row, not two.
/// Scoped, and it remembers the last person only, so a long-lived scope that checks many people reads each
/// afresh, and no request sees another's.
/// </summary>
public sealed class AccountFactsReader(AnswerbackDbContext db)
{
    private AccountFacts? last;

    public async Task<AccountFacts?> FindAsync(Guid personId, CancellationToken ct = default)
    {
        if (last is { } known && known.PersonId == personId)
        {
            return known;
        }

        last = await db.Users.AsNoTracking().Where(u => u.Id == personId)
            .Select(u => new AccountFacts(u.Id, u.SecurityStamp, u.Email, u.EmailConfirmed)).FirstOrDefaultAsync(ct);
        return last;
    }
}
