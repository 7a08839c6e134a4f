using Answerback.Platform.Data;
using Answerback.SocialAudit;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>One registered account as the matcher knows it.</summary>
internal sealed record RegisteredAccount(Guid AccountRowId, Guid RepresentativeId, string Network, string HandleKey)
{
    public string? AccountId { get; set; }
}

/// <summary>A representative as the matcher knows them: for messages naming their accounts.</summary>
internal sealed record RegisteredRepresentative(Guid Id, string Name, IReadOnlyList<RegisteredAccount> Accounts)
{
    public string Describe() => Accounts.Count == 0
        ? "no account is listed"
        : string.Join(", ", Accounts.Select(a => $"@{a.HandleKey} on {Networks.Label(a.Network)}"));
}

/// <summary>
/// Matches posts to the registry's accounts: by network and handle (case-insensitive; a Mastodon
/// handle is <c>name@server</c>, the server taken from the post's actor URL) or by the account id
/// learned from an earlier post.
/// </summary>
internal sealed class AccountRegistry
{
    private readonly Dictionary<(string, string), RegisteredAccount> byHandle = [];
    private readonly Dictionary<(string, string), RegisteredAccount> byAccountId = [];
    private readonly Dictionary<Guid, RegisteredRepresentative> representatives = [];

    private AccountRegistry(IEnumerable<(Guid RepId, string Name, RepresentativeAccount? Account)> rows)
    {
        foreach (var group in rows.GroupBy(r => r.RepId))
        {
            var accounts = group.Where(r => r.Account is not null && Networks.Posting.Contains(r.Account.Network))
                .Select(r => new RegisteredAccount(r.Account!.Id, group.Key, r.Account.Network, r.Account.HandleKey) { AccountId = r.Account.AccountId })
                .ToList();
            representatives[group.Key] = new RegisteredRepresentative(group.Key, group.First().Name, accounts);
            foreach (var a in accounts)
            {
                byHandle[(a.Network, a.HandleKey)] = a;
                if (a.AccountId is not null)
                {
                    byAccountId[(a.Network, a.AccountId)] = a;
                }
            }
        }
    }

    public static async Task<AccountRegistry> LoadAsync(AnswerbackDbContext db, CancellationToken ct)
    {
        var reps = await db.Set<Representative>().AsNoTracking().Include(r => r.Accounts).ToListAsync(ct);
        return new AccountRegistry(reps.SelectMany(r => r.Accounts.Count == 0
            ? [(r.Id, r.Name, (RepresentativeAccount?)null)]
            : r.Accounts.Select(a => (r.Id, r.Name, (RepresentativeAccount?)a))));
    }

    public RegisteredRepresentative? Representative(Guid id) => representatives.GetValueOrDefault(id);

    /// <summary>The registered account that wrote the post, or null.</summary>
    public RegisteredAccount? Match(Post post)
    {
        if (byAccountId.TryGetValue((post.Network, post.AccountId), out var known))
        {
            return known;
        }

        return HandleKey(post) is { } key && byHandle.TryGetValue((post.Network, key), out var account) ? account : null;
    }

    /// <summary>Records the account id of a matched account, so replies naming only the id are recognised.</summary>
    public void Learn(RegisteredAccount account, string accountId)
    {
        account.AccountId = accountId;
        byAccountId.TryAdd((account.Network, accountId), account);
    }

    /// <summary>True for a reply to a registered account or a post mentioning one.</summary>
    public bool IsAddressedToRegistry(Post post)
    {
        if (post.ReplyToAccountId is { } to && byAccountId.ContainsKey((post.Network, to)))
        {
            return true;
        }

        foreach (var mention in post.Mentions)
        {
            var key = Networks.Key(mention);
            if (byHandle.ContainsKey((post.Network, key)) || byAccountId.ContainsKey((post.Network, mention)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The post's author as the registry writes handles: Mastodon as <c>name@server</c>.</summary>
    public static string? HandleKey(Post post)
    {
        if (post.Handle.Length == 0)
        {
            return null;
        }

        var handle = Networks.Key(post.Handle);
        if (post.Network == Networks.Mastodon && !handle.Contains('@', StringComparison.Ordinal)
            && Uri.TryCreate(post.AccountId, UriKind.Absolute, out var actor))
        {
            return handle + "@" + actor.Host.ToLowerInvariant();
        }

        return handle;
    }
}
