using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Answerback.Platform.Accounts;

/// <summary>Registers the Accounts capability.</summary>
public static class AccountsServiceCollectionExtensions
{
    /// <summary>Identity core (people, the administrator role, tokens) and the account use cases and queries.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddIdentityCore<Person>(options =>
            {
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedEmail = true;
                PasswordPolicy.Configure(options.Password);
                options.Stores.SchemaVersion = IdentitySchema.Version;
            })
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AnswerbackDbContext>()
            .AddDefaultTokenProviders();
        services.TryAddScoped<CreateAdministrator>();
        services.TryAddScoped<AccountOverview>();
        services.TryAddScoped<AccountFactsReader>();
        services.TryAddScoped<SignInMethods>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeed, AccountsDemoSeed>());
        return services;
    }
}

/// <summary>
/// Identity's schema version: 3 adds the passkeys table (<c>AspNetUserPasskeys</c>). Identity's
/// DbContext reads it from <c>IdentityOptions</c> in the application's services, so dotnet-ef's
/// design-time factories pass <see cref="DesignTimeServices"/> to build the same model as the app.
/// </summary>
public static class IdentitySchema
{
    public static readonly Version Version = IdentitySchemaVersions.Version3;

    public static IServiceProvider DesignTimeServices()
        => new ServiceCollection().Configure<IdentityOptions>(options => options.Stores.SchemaVersion = Version).BuildServiceProvider();
}
