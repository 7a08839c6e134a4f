using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>What a change to one entry did.</summary>
public sealed record RepresentativeChange(Guid RepresentativeId);

/// <summary>
/// Changes to one registry entry: its accounts and term (the owning organisation's organisers), the
/// platform account it is linked to (organisers), and the public note that excludes a channel (the
/// representative themselves). Each checks who may, so no page can forget.
/// </summary>
public sealed class EditRepresentative(AnswerbackDbContext db, AccountabilityAccess access, UserManager<Person> users)
{
    public const int NoteLength = 1000;

    /// <summary>Links the entry to the platform account with this email, so that person may act as the representative.</summary>
    public async Task<Result<RepresentativeChange>> LinkPersonAsync(Guid representativeId, Guid organiserId, string email, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().FirstOrDefaultAsync(r => r.Id == representativeId, ct);
        if (rep is null || !await access.MayEditRegistryAsync(organiserId, rep.OwnerOrganisationId, ct))
        {
            return Result.Failed<RepresentativeChange>("representative", "You may not change this entry.");
        }

        var person = await users.FindByEmailAsync((email ?? "").Trim());
        if (person is null)
        {
            // The same answer as for a typo: the registry does not reveal who has an account.
            return Result.Failed<RepresentativeChange>("email", "No account can be linked with that address: ask them to create one first.");
        }

        rep.PersonId = person.Id;
        await db.SaveChangesAsync(ct);
        return Result.Ok(new RepresentativeChange(rep.Id));
    }

    /// <summary>Adds or replaces an account of the entry (organisers), or removes it with an empty handle.</summary>
    public async Task<Result<RepresentativeChange>> SetAccountAsync(Guid representativeId, Guid organiserId, string network, string handle, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().Include(r => r.Accounts).FirstOrDefaultAsync(r => r.Id == representativeId, ct);
        if (rep is null || !await access.MayEditRegistryAsync(organiserId, rep.OwnerOrganisationId, ct))
        {
            return Result.Failed<RepresentativeChange>("representative", "You may not change this entry.");
        }

        if (!Networks.All.Contains(network))
        {
            return Result.Failed<RepresentativeChange>("network", "Choose X, Mastodon, Bluesky, Facebook or Website.");
        }

        var clean = network switch
        {
            Networks.X => handle.Length == 0 ? "" : ImportRepresentatives.XHandle(handle),
            Networks.Mastodon => handle.Length == 0 ? "" : ImportRepresentatives.MastodonHandle(handle),
            _ => Networks.CleanHandle(handle),
        };
        if (clean is null || clean.Length > 300)
        {
            return Result.Failed<RepresentativeChange>("handle", network == Networks.Mastodon ? "Expected @name@server." : "Not a handle or address.");
        }

        var key = Networks.Key(clean);
        if (clean.Length > 0 && await db.Set<RepresentativeAccount>().AnyAsync(a => a.Network == network && a.HandleKey == key && a.RepresentativeId != rep.Id, ct))
        {
            return Result.Failed<RepresentativeChange>("handle", $"{clean} is already another representative's account.");
        }

        db.Set<RepresentativeAccount>().RemoveRange(rep.Accounts.Where(a => a.Network == network));
        if (clean.Length > 0)
        {
            db.Set<RepresentativeAccount>().Add(new RepresentativeAccount { Id = Guid.NewGuid(), RepresentativeId = rep.Id, Network = network, Handle = clean, HandleKey = key });
        }

        await db.SaveChangesAsync(ct);
        return Result.Ok(new RepresentativeChange(rep.Id));
    }

    /// <summary>
    /// The representative's own public note; naming a network (<c>x</c>, <c>mastodon</c>, <c>bluesky</c>)
    /// leaves it out of their scores from the next recomputation. Only the linked person may.
    /// </summary>
    public async Task<Result<RepresentativeChange>> SaveNoteAsync(Guid representativeId, Guid personId, string? note, string? excludedNetwork, CancellationToken ct = default)
    {
        var rep = await db.Set<Representative>().FirstOrDefaultAsync(r => r.Id == representativeId, ct);
        if (rep is null || rep.PersonId != personId)
        {
            return Result.Failed<RepresentativeChange>("representative", "Only the representative can write their note.");
        }

        note = (note ?? "").Trim();
        if (note.Length > NoteLength)
        {
            return Result.Failed<RepresentativeChange>("note", $"The note must be at most {NoteLength} characters.");
        }

        excludedNetwork = string.IsNullOrWhiteSpace(excludedNetwork) ? null : excludedNetwork.Trim().ToLowerInvariant();
        if (excludedNetwork is not null && !Networks.Posting.Contains(excludedNetwork))
        {
            return Result.Failed<RepresentativeChange>("excluded", "Choose X, Mastodon or Bluesky, or none.");
        }

        if (excludedNetwork is not null && note.Length == 0)
        {
            return Result.Failed<RepresentativeChange>("note", "Say in the note why the channel is left out (readers see it).");
        }

        rep.PublicNote = note.Length == 0 ? null : note;
        rep.ExcludedNetwork = excludedNetwork;
        await db.SaveChangesAsync(ct);
        return Result.Ok(new RepresentativeChange(rep.Id));
    }
}
