using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Answerback.Platform.Postgres;

/// <summary>
/// Lets dotnet-ef build the Postgres model to write migrations; it never connects (the connection
/// string is a placeholder).
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AnswerbackDbContext>
{
    public AnswerbackDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AnswerbackDbContext>();
        options.UseApplicationServiceProvider(Accounts.IdentitySchema.DesignTimeServices());
        options.UseNpgsql("Host=localhost;Database=answerback_design", npgsql => npgsql.MigrationsAssembly(PlatformServiceCollectionExtensions.PostgresMigrationsAssembly));
        return new AnswerbackDbContext(options.Options);
    }
}
