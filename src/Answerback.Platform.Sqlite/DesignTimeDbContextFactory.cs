using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Answerback.Platform.Sqlite;

/// <summary>
/// Lets dotnet-ef build the Sqlite model to write migrations; it never connects (the connection
/// string is a placeholder).
/// </summary>
public sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AnswerbackDbContext>
{
    public AnswerbackDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<AnswerbackDbContext>();
        options.UseApplicationServiceProvider(Accounts.IdentitySchema.DesignTimeServices());
        options.UseSqlite("Data Source=design-time.db", sqlite => sqlite.MigrationsAssembly(PlatformServiceCollectionExtensions.SqliteMigrationsAssembly));
        return new AnswerbackDbContext(options.Options);
    }
}
