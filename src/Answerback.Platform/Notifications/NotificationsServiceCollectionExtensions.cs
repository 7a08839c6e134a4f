using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Notifications;

/// <summary>Registers the Notifications capability.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Its options (<c>Email</c>), the email sender (SMTP when configured, the outbox otherwise), the outbox, the queue requests put their email in (sent by background jobs), and <see cref="INotify"/>.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From must be an email address.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Email:Smtp:Port must be between 1 and 65535.")
            .Validate(o => o.SendingTimeout > TimeSpan.Zero, "Email:SendingTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<NotificationsOptions>().Bind(configuration.GetSection(NotificationsOptions.Section))
            .Validate(o => !string.IsNullOrWhiteSpace(o.DigestCron), "Notifications:DigestCron must be a cron expression such as '0 7 * * 1' (Mondays 07:00 UTC).")
            .ValidateOnStart();
        services.TryAddSingleton<Outbox>();
        services.TryAddScoped<OutboxView>();
        services.TryAddSingleton<IEmailSender>(provider =>
        {
            var email = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            return string.IsNullOrWhiteSpace(email.Smtp.Host)
                ? ActivatorUtilities.CreateInstance<OutboxEmailSender>(provider)
                : ActivatorUtilities.CreateInstance<SmtpEmailSender>(provider);
        });
        services.TryAddScoped<DatabaseEmailQueue>();
        services.TryAddScoped<IEmailQueue>(provider => provider.GetRequiredService<DatabaseEmailQueue>());
        services.TryAddScoped<DeliverQueuedEmail>();
        services.TryAddSingleton<NotificationLinks>();
        services.TryAddScoped<INotify, NotifyPerson>();
        services.TryAddScoped<NotifyMany>();
        services.TryAddScoped<NotificationPreferences>();
        services.TryAddScoped<Unsubscribe>();
        services.TryAddScoped<SendWeeklyDigest>();
        services.AddHostedService<NotificationsSchedule>();
        return services;
    }
}
