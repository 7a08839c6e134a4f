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
            })
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AnswerbackDbContext>()
            .AddDefaultTokenProviders();
        services.TryAddScoped<CreateAdministrator>();
        services.TryAddScoped<AccountOverview>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<IDemoSeed, AccountsDemoSeed>());
        return services;
    }
}
