using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Notifications;

/// <summary>One kind's setting as the preferences page shows it.</summary>
public sealed record KindPreference(NotificationKind Kind, bool Enabled, bool WeeklyDigest);

/// <summary>Reads and saves a person's notification preferences (every kind; the default is on, immediate).</summary>
public sealed class NotificationPreferences(AnswerbackDbContext db)
{
    /// <summary>Every kind, in the enum's order, with the person's choice or the default.</summary>
    public async Task<IReadOnlyList<KindPreference>> GetAsync(Guid personId, CancellationToken ct)
    {
        var stored = await db.Set<NotificationPreference>().AsNoTracking().Where(p => p.PersonId == personId).ToDictionaryAsync(p => p.Kind, ct);
        return [.. Enum.GetValues<NotificationKind>().Select(k => stored.TryGetValue(k, out var p)
            ? new KindPreference(k, p.Enabled, p.WeeklyDigest)
            : new KindPreference(k, Enabled: true, WeeklyDigest: false))];
    }

    /// <summary>Saves the given kinds (others keep their setting).</summary>
    public async Task SaveAsync(Guid personId, IReadOnlyCollection<KindPreference> preferences, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        var stored = await db.Set<NotificationPreference>().Where(p => p.PersonId == personId).ToDictionaryAsync(p => p.Kind, ct);
        foreach (var preference in preferences.Where(p => Enum.IsDefined(p.Kind)))
        {
            if (!stored.TryGetValue(preference.Kind, out var row))
            {
                row = new NotificationPreference { PersonId = personId, Kind = preference.Kind };
                db.Set<NotificationPreference>().Add(row);
                stored[preference.Kind] = row;
            }

            row.Enabled = preference.Enabled;
            row.WeeklyDigest = preference.WeeklyDigest;
        }

        await db.SaveChangesAsync(ct);
    }
}

/// <summary>
/// One-click unsubscribe (RFC 8058): the token from the email's link or List-Unsubscribe header turns
/// its kind off (a digest's token, every kind), without signing in. Idempotent: a repeat is a success.
/// </summary>
public sealed class Unsubscribe(NotificationLinks links, NotificationPreferences preferences, AnswerbackDbContext db)
{
    /// <summary>What the token stops, before acting (the confirmation page shows it); null for a bad token.</summary>
    public UnsubscribeToken? Read(string? token) => links.ReadToken(token);

    /// <summary>Turns the kind(s) off; false for a token we did not issue.</summary>
    public async Task<bool> RunAsync(string? token, CancellationToken ct)
    {
        if (links.ReadToken(token) is not { } named)
        {
            return false;
        }

        if (!await db.Users.AnyAsync(p => p.Id == named.PersonId, ct))
        {
            return true; // the account is gone, and with it every email
        }

        var current = await preferences.GetAsync(named.PersonId, ct);
        await preferences.SaveAsync(named.PersonId, [.. current.Where(p => named.Kind is null || p.Kind == named.Kind).Select(p => p with { Enabled = false })], ct);
        return true;
    }
}
