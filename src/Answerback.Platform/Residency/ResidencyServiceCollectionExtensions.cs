using Answerback.Platform.Areas;
using Answerback.Platform.Demo;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Residency;

/// <summary>Registers the Residency capability.</summary>
public static class ResidencyServiceCollectionExtensions
{
    /// <summary>Its options (<c>Residency</c>), the keyed hasher, register import, verification, declaration, and its part of an area's page.</summary>
    public static IServiceCollection AddResidency(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<ResidencyOptions>().Bind(configuration.GetSection(ResidencyOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.HashKey) || ResidencyHasher.ParseKey(o.HashKey) is not null, "Residency:HashKey must be base64 of at least 32 bytes.")
            .Validate(ResidencyKeys.IsConfigured, ResidencyKeys.MissingMessage)
            .Validate(o => o.MoveCoolDown >= TimeSpan.Zero, "Residency:MoveCoolDown must not be negative.")
            .Validate(o => o.MaxFailedAttemptsPerHour > 0, "Residency:MaxFailedAttemptsPerHour must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton<ResidencyKeyCache>();
        services.TryAddScoped<ResidencyHasher>();
        services.TryAddScoped<ImportRegister>();
        services.TryAddScoped<VerifyResidency>();
        services.TryAddScoped<DeclareResidency>();
        services.TryAddScoped<RegisterAttestation>();
        services.TryAddScoped<ApproveRegisterHolder>();
        services.TryAddScoped<RequestResidencyCode>();
        services.TryAddScoped<ResidencyDisputes>();
        services.TryAddScoped<RedeemResidencyCode>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IAreaActivities, RegisterAreaActivities>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeed, ResidencyDemoSeed>());
        services.TryAddScoped<IVerifiedResidents, AttestedResidents>();
        return services;
    }
}
