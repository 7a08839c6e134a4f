using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Notifications;

/// <summary>Registers the Notifications capability.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>Its options (<c>Email</c>), the email sender (SMTP when configured, the outbox otherwise), the outbox, and the queue requests put their email in (drained by a hosted service).</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.Section))
            .Validate(o => MimeKit.MailboxAddress.TryParse(o.From, out _), "Email:From must be an email address.")
            .Validate(o => o.Smtp.Port is > 0 and < 65536, "Email:Smtp:Port must be between 1 and 65535.")
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
        services.TryAddSingleton<EmailQueueSignal>();
        services.TryAddScoped<IEmailQueue, DatabaseEmailQueue>();
        services.TryAddScoped<DeliverQueuedEmail>();
        services.AddHostedService<EmailQueueWorker>();
        return services;
    }
}
