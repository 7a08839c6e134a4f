using Answerback.Platform.Data;
using Answerback.Platform.Residency;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Tests.Data;

public class AddPlatformTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddPlatform_PostgresWithoutConnectionString_ClearError()
    {
        using var provider = Build(new() { ["Database:Provider"] = "Postgres" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.Contains("Database:ConnectionString is required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPlatform_UnknownProvider_ClearError()
    {
        using var provider = Build(new() { ["Database:Provider"] = "Oracle" });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DatabaseOptions>>().Value);
        Assert.Contains("'Sqlite' or 'Postgres'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddPlatform_ShortHashKey_ClearError()
    {
        using var provider = Build(new() { ["Residency:HashKey"] = Convert.ToBase64String(new byte[8]) });
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResidencyOptions>>().Value);
    }

    [Fact]
    public void AddPlatform_DefaultSqlite_FileInTheDataFolderWhichIsCreated()
    {
        var folder = Path.Combine(Path.GetTempPath(), "answerback-tests", Guid.NewGuid().ToString("N"), "nested");
        try
        {
            using var provider = Build(new() { ["Storage:DataFolder"] = folder });
            using var scope = provider.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            Assert.Equal("Data Source=" + Path.Combine(folder, "answerback.db"), Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.GetConnectionString(db.Database));
            Assert.True(Directory.Exists(folder));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(folder)!, recursive: true);
        }
    }
}
