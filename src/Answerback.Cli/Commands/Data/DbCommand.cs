using System.CommandLine;
using Answerback.Platform;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Cli.Commands.Data;

/// <summary><c>answerback db migrate</c>: applies the configured provider's migrations.</summary>
public static class DbCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var command = new Command("db", "Manage the platform database.");
        var migrate = new Command("migrate", "Create the database if missing and apply every pending migration (SQLite by default, PostgreSQL with --provider Postgres).");
        var connection = PlatformConnection.AddTo(migrate);
        migrate.SetAction((parseResult, ct) => connection.RunAsync(parseResult, requireMigrated: false, async (services, token) =>
        {
            var db = services.GetRequiredService<AnswerbackDbContext>();
            var pending = (await db.Database.GetPendingMigrationsAsync(token)).ToList();
            await services.MigrateDatabaseAsync(token);
            var where = PlatformConnection.Describe(db);
            if (pending.Count == 0)
            {
                await context.Output.WriteLineAsync($"The database {where} was already up to date.");
            }
            else
            {
                await context.Output.WriteLineAsync($"Applied {pending.Count} migration(s) to {where}: {string.Join(", ", pending)}.");
            }

            return 0;
        }, ct));
        command.Subcommands.Add(migrate);
        return command;
    }
}
