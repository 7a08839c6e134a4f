using Answerback.Platform.Jobs;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Imports;

/// <summary>Registers the database store of uploads kept for background jobs.</summary>
public static class UploadsServiceCollectionExtensions
{
    /// <summary>The <c>Uploads</c> options (validated at start-up), <see cref="UploadStore"/> and its daily clean-up job.</summary>
    public static IServiceCollection AddUploads(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<UploadsOptions>().Bind(configuration.GetSection(UploadsOptions.Section))
            .Validate(o => o.MaxBytes > 0 && o.KeepDays >= 1, "Uploads: MaxBytes must be positive and KeepDays at least 1.")
            .ValidateOnStart();
        services.TryAddScoped<UploadStore>();
        services.AddRecurringJob<UploadStore>(UploadStore.CleanUpJobId, s => s.DeleteExpiredAsync(CancellationToken.None), Cron.Daily());
        return services;
    }
}
