using System.CommandLine;
using System.Data.Common;
using Answerback.Platform;
using Answerback.Platform.Data;
using Answerback.Platform.Notifications;
using Answerback.Platform.Residency;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Answerback.Cli.Commands.Data;

/// <summary>
/// The options every platform command shares (<c>--data-folder</c>, <c>--provider</c>,
/// <c>--connection</c>) and the service provider built from them with <c>AddPlatform</c>, so the
/// commands use the same services as the web app. Configuration comes from environment variables
/// (<c>Database__Provider</c>, <c>Database__ConnectionString</c>, <c>Storage__DataFolder</c>, ...),
/// and the options override them. No appsettings files are read.
/// </summary>
internal sealed class PlatformConnection
{
    private readonly Option<string?> dataFolder = new("--data-folder")
    {
        Description = "The data folder (SQLite file, outbox). Default: $Storage__DataFolder, else ./data.",
    };

    private readonly Option<string?> provider = new("--provider")
    {
        Description = "Sqlite or Postgres. Default: $Database__Provider, else Sqlite.",
    };

    private readonly Option<string?> connection = new("--connection")
    {
        Description = "The database connection string (required for Postgres). Default: $Database__ConnectionString.",
    };

    private readonly Option<string?> hashKeyFile = new("--hash-key-file")
    {
        Description = "A file holding the residency hash key (base64), the same as the web app's. Default: $Residency__HashKeyFile or $Residency__HashKey.",
    };

    private PlatformConnection()
    {
    }

    /// <summary>Adds the shared options to <paramref name="command"/>.</summary>
    public static PlatformConnection AddTo(Command command)
    {
        var options = new PlatformConnection();
        command.Options.Add(options.dataFolder);
        command.Options.Add(options.provider);
        command.Options.Add(options.connection);
        command.Options.Add(options.hashKeyFile);
        return options;
    }

    /// <summary>
    /// Builds the platform's services and runs <paramref name="action"/> in a scope, turning
    /// configuration and database failures into one-line <see cref="CliException"/>s. With
    /// <paramref name="requireMigrated"/> it refuses a database that lacks migrations (all commands but <c>db migrate</c>).
    /// </summary>
    public async Task<int> RunAsync(ParseResult parseResult, bool requireMigrated, Func<IServiceProvider, CancellationToken, Task<int>> action, CancellationToken ct)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (parseResult.GetValue(dataFolder) is { } folder)
        {
            overrides["Storage:DataFolder"] = folder;
        }

        if (parseResult.GetValue(provider) is { } providerName)
        {
            overrides["Database:Provider"] = providerName;
        }

        if (parseResult.GetValue(connection) is { } connectionString)
        {
            overrides["Database:ConnectionString"] = connectionString;
        }

        if (parseResult.GetValue(hashKeyFile) is { } keyFile)
        {
            overrides["Residency:HashKeyFile"] = keyFile;
        }

        var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddInMemoryCollection(overrides).Build();
        var services = new ServiceCollection();
        services.AddPlatform(configuration);
        await using var serviceProvider = services.BuildServiceProvider();
        try
        {
            // Validate the options now, so a bad setting is reported before anything is touched.
            _ = serviceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            _ = serviceProvider.GetRequiredService<IOptions<StorageOptions>>().Value;
            _ = serviceProvider.GetRequiredService<IOptions<ResidencyOptions>>().Value;
            _ = serviceProvider.GetRequiredService<IOptions<EmailOptions>>().Value;
            await using var scope = serviceProvider.CreateAsyncScope();
            if (requireMigrated)
            {
                var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    throw new CliException($"the database {Describe(db)} is not up to date ({pending.Count} migration(s) to apply): run 'answerback db migrate' first");
                }
            }

            return await action(scope.ServiceProvider, ct);
        }
        catch (OptionsValidationException ex)
        {
            throw new CliException("configuration: " + string.Join(" ", ex.Failures));
        }
        catch (DbException ex)
        {
            throw new CliException("database: " + ex.Message);
        }
        catch (InvalidOperationException ex) when (ex.InnerException is DbException inner)
        {
            throw new CliException("database: " + inner.Message);
        }
        catch (IOException ex)
        {
            throw new CliException(ex.Message);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CliException(ex.Message);
        }
    }

    /// <summary>Where the database is, without a password.</summary>
    public static string Describe(AnswerbackDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var builder = new DbConnectionStringBuilder { ConnectionString = db.Database.GetConnectionString() };
        foreach (var key in new[] { "Password", "password", "Pwd" })
        {
            builder.Remove(key);
        }

        return db.Database.IsNpgsql() ? "(PostgreSQL: " + builder.ConnectionString + ")" : "(SQLite: " + builder.ConnectionString + ")";
    }

    /// <summary>Opens an input file, or a CLI error naming it.</summary>
    public static FileStream OpenInput(string path)
    {
        if (!File.Exists(path))
        {
            throw new CliException($"{path}: file not found");
        }

        return File.OpenRead(path);
    }
}
