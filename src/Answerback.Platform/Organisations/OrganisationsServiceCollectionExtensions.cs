using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Organisations;

/// <summary>Registers the Organisations capability.</summary>
public static class OrganisationsServiceCollectionExtensions
{
    /// <summary>Creating organisations, granting their roles, who may act for them, and their member lists.</summary>
    public static IServiceCollection AddOrganisations(this IServiceCollection services)
    {
        services.TryAddScoped<CreateOrganisation>();
        services.TryAddScoped<GrantOrganisationRole>();
        services.TryAddScoped<OrganisationAccess>();
        services.TryAddScoped<ImportMembers>();
        return services;
    }
}
