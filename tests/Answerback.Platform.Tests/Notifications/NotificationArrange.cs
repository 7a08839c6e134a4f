using Answerback.Platform.Data;
using Answerback.Platform.Notifications;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Notifications;

/// <summary>What a person has been notified of, and their preferences, for the capabilities' notification tests.</summary>
public static class NotificationArrange
{
    /// <summary>The person's recorded notifications, oldest first.</summary>
    public static async Task<IReadOnlyList<SentNotification>> NotificationsAsync(this PlatformTestDatabase db, Guid personId)
    {
        await using var scope = db.Scope();
        var context = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        return [.. (await context.Set<SentNotification>().AsNoTracking().Where(n => n.PersonId == personId).ToListAsync()).OrderBy(n => n.CreatedAt).ThenBy(n => n.EventKey, StringComparer.Ordinal)];
    }

    /// <summary>How many emails wait in the queue for the address.</summary>
    public static async Task<int> QueuedEmailsToAsync(this PlatformTestDatabase db, string address)
    {
        await using var scope = db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<QueuedEmail>().CountAsync(e => e.To == address);
    }

    /// <summary>The person turns one kind off.</summary>
    public static async Task TurnOffAsync(this PlatformTestDatabase db, Guid personId, NotificationKind kind)
    {
        await using var scope = db.Scope();
        await scope.ServiceProvider.GetRequiredService<NotificationPreferences>().SaveAsync(personId, [new KindPreference(kind, Enabled: false, WeeklyDigest: false)], TestContext.Current.CancellationToken);
    }
}
