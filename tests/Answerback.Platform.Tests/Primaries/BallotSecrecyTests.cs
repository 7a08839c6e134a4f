using System.Data.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Primaries;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Primaries;

/// <summary>
/// The ballot table, as migrated into a real database and as EF models it, can lead to no person,
/// credential or register entry and holds no time: exactly the columns a ballot needs, and no foreign
/// key except to its primary.
/// </summary>
public abstract class BallotSecrecyTests(TestProvider provider) : PlatformTest(provider)
{
    /// <summary>Everything a stored ballot may hold. A new column must be argued for here, not just added.</summary>
    private static readonly string[] Allowed = ["Id", "PrimaryId", "TrackingCode", "Text", "Salt"];

    [Fact]
    public async Task BallotTable_InTheDatabase_HasOnlyTheBallotsOwnColumnsAndNoTime()
    {
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var columns = await ColumnsAsync(db, "PrimaryBallots");

        Assert.Equal(Allowed.Order(StringComparer.Ordinal), columns.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(columns, c => c.Value.Contains("time", StringComparison.OrdinalIgnoreCase) || c.Value.Contains("date", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task BallotTable_InTheModel_HasNoKeyToAPersonCredentialOrRegisterEntry()
    {
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var ballot = db.Model.FindEntityType(typeof(StoredBallot))!;

        Assert.Equal(Allowed.Order(StringComparer.Ordinal), ballot.GetProperties().Select(p => p.GetColumnName()).Order(StringComparer.Ordinal));
        Assert.All(ballot.GetForeignKeys(), fk => Assert.Equal(["PrimaryId"], fk.Properties.Select(p => p.Name)));
        Assert.DoesNotContain(ballot.GetProperties(), p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTime) || p.ClrType == typeof(DateTimeOffset?) || p.ClrType == typeof(DateTime?));
        // Nothing else points at a ballot either (a link table would defeat the point as surely as a column).
        Assert.DoesNotContain(db.Model.GetEntityTypes().SelectMany(t => t.GetForeignKeys()), fk => fk.PrincipalEntityType == ballot);
        // The key is random, not an increasing number that would give the order of casting.
        Assert.Equal(typeof(Guid), ballot.FindPrimaryKey()!.Properties.Single().ClrType);
    }

    [Fact]
    public async Task PendingEntryTable_HoldsOnlyWhatItsBoardEntryWillShowAndNoTime()
    {
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var columns = await ColumnsAsync(db, "PrimaryBoardPending");
        var pending = db.Model.FindEntityType(typeof(PendingBoardEntry))!;

        // Written in the cast's transaction, so it must not lead to the voter either.
        Assert.Equal(["Commitment", "PrimaryId", "TrackingCode"], columns.Keys.Order(StringComparer.Ordinal));
        Assert.DoesNotContain(columns, c => c.Value.Contains("time", StringComparison.OrdinalIgnoreCase) || c.Value.Contains("date", StringComparison.OrdinalIgnoreCase));
        Assert.All(pending.GetForeignKeys(), fk => Assert.Equal(["PrimaryId"], fk.Properties.Select(p => p.Name)));
    }

    [Fact]
    public async Task CredentialTable_RecordsNoTimeOfUse()
    {
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var columns = await ColumnsAsync(db, "PrimaryCredentials");

        Assert.DoesNotContain(columns, c => c.Value.Contains("time", StringComparison.OrdinalIgnoreCase) || c.Value.Contains("date", StringComparison.OrdinalIgnoreCase)
            || c.Key.EndsWith("At", StringComparison.Ordinal));
    }

    /// <summary>Column name → declared type, read from the database's own catalogue.</summary>
    private static async Task<Dictionary<string, string>> ColumnsAsync(AnswerbackDbContext db, string table)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = db.Database.IsNpgsql()
            ? $"SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '{table}'"
            : $"SELECT name, type FROM pragma_table_info('{table}')";
        var columns = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        while (await reader.ReadAsync(Ct))
        {
            columns[reader.GetString(0)] = reader.GetString(1);
        }

        Assert.NotEmpty(columns);
        return columns;
    }
}

public sealed class BallotSecrecySqliteTests() : BallotSecrecyTests(TestProvider.Sqlite);

public sealed class BallotSecrecyPostgresTests() : BallotSecrecyTests(TestProvider.Postgres);
