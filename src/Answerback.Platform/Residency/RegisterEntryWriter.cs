using Answerback.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Answerback.Platform.Residency;

/// <summary>
/// Writes new <see cref="RegisterEntry"/> rows straight to the database, bypassing EF change
/// tracking, inside the transaction the import has begun on the context (so a rollback still
/// discards everything). One path per provider: SQLite reuses one prepared INSERT for every row;
/// PostgreSQL streams the rows with a binary COPY. The table, the columns and the way each value is
/// stored (e.g. SQLite's instants as ticks) all come from the EF model, so the rows are exactly
/// what <c>SaveChanges</c> would have written.
/// </summary>
internal abstract class RegisterEntryWriter : IAsyncDisposable
{
    private protected RegisterEntryWriter(IReadOnlyList<Column> columns) => Columns = columns;

    private protected IReadOnlyList<Column> Columns { get; }

    /// <summary>Opens the writer for the context's provider, on its open connection and current transaction.</summary>
    public static async Task<RegisterEntryWriter> OpenAsync(AnswerbackDbContext db, CancellationToken ct)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The register entries are written inside the import's transaction.");
        var entityType = db.Model.FindEntityType(typeof(RegisterEntry))
            ?? throw new InvalidOperationException("RegisterEntry is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entityType.GetProperties()
            .Select(p => new Column(sql.DelimitIdentifier(p.GetColumnName(table)!), p.GetRelationalTypeMapping(), p.GetGetter()))
            .ToList();
        var tableName = sql.DelimitIdentifier(table.Name, table.Schema);
        return db.Database.GetDbConnection() switch
        {
            SqliteConnection sqlite => new SqliteWriter(sqlite, (SqliteTransaction)transaction, tableName, columns),
            NpgsqlConnection npgsql => await PostgresWriter.OpenAsync(npgsql, tableName, columns, ct),
            var other => throw new NotSupportedException($"No bulk register import for {other.GetType().Name}."),
        };
    }

    /// <summary>Adds one entry (visible only once the import's transaction commits).</summary>
    public abstract ValueTask WriteAsync(RegisterEntry entry, CancellationToken ct);

    /// <summary>Finishes writing and releases the writer; called before the commit (a failed import disposes instead, which cancels a COPY, and rolls back).</summary>
    public abstract ValueTask CompleteAsync(CancellationToken ct);

    /// <summary>Releases the command or importer; safe to call more than once.</summary>
    public abstract ValueTask DisposeAsync();

    /// <summary>One mapped column: its quoted name, its EF type mapping, and how to read the property.</summary>
    private protected sealed record Column(string Name, RelationalTypeMapping Mapping, IClrPropertyGetter Getter)
    {
        /// <summary>The value as the provider stores it (after the model's value converter, if any); null for a null property.</summary>
        public object? ProviderValue(RegisterEntry entry)
        {
            var value = Getter.GetClrValue(entry);
            return value is null ? null : Mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
        }
    }

    /// <summary>SQLite: one INSERT, prepared once, its parameters refilled for each row.</summary>
    private sealed class SqliteWriter : RegisterEntryWriter
    {
        /// <summary>Page cache for the import, in KiB: the indexes take random keys, so the default 2 MB thrashes.</summary>
        private const int ImportCacheKibibytes = 64 * 1024;

        private readonly SqliteCommand command;
        private readonly SqliteTransaction transaction;
        private readonly long previousCacheSize;
        private bool disposed;

        public SqliteWriter(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<Column> columns)
            : base(columns)
        {
            this.transaction = transaction;
            command = connection.CreateCommand();
            command.Transaction = transaction;
            // A per-connection setting (the connection is pooled, so it is put back on dispose).
            command.CommandText = "PRAGMA cache_size";
            previousCacheSize = (long)command.ExecuteScalar()!;
            command.CommandText = "PRAGMA cache_size = -" + ImportCacheKibibytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
            var names = string.Join(", ", columns.Select(c => c.Name));
            var values = string.Join(", ", columns.Select((_, i) => "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
#pragma warning disable CA2100 // Identifiers come from the EF model and are quoted by the provider; values are parameters.
            command.CommandText = $"INSERT INTO {table} ({names}) VALUES ({values})";
#pragma warning restore CA2100
            for (var i = 0; i < columns.Count; i++)
            {
                // The type mapping configures the parameter as EF would (e.g. a Guid bound as TEXT).
                command.Parameters.Add(columns[i].Mapping.CreateParameter(command, "$p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), null, nullable: true));
            }

            command.Prepare();
        }

        public override async ValueTask WriteAsync(RegisterEntry entry, CancellationToken ct)
        {
            for (var i = 0; i < Columns.Count; i++)
            {
                command.Parameters[i].Value = Columns[i].ProviderValue(entry) ?? DBNull.Value;
            }

            await command.ExecuteNonQueryAsync(ct);
        }

        // Each row is already in the transaction; put the connection back as it was before the commit.
        public override ValueTask CompleteAsync(CancellationToken ct) => DisposeAsync();

        public override async ValueTask DisposeAsync()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            command.Parameters.Clear();
            // Normally still inside the open transaction (the command must then name it); after it ends, not.
            command.Transaction = transaction.Connection is null ? null : transaction;
#pragma warning disable CA2100 // A number read from the connection itself.
            command.CommandText = "PRAGMA cache_size = " + previousCacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
#pragma warning restore CA2100
            try
            {
                await command.ExecuteNonQueryAsync();
            }
            catch (SqliteException)
            {
                // The connection is failing anyway (the import's own error is the one to report).
            }

            await command.DisposeAsync();
        }
    }

    /// <summary>PostgreSQL: a binary COPY into the table, each value sent as the column's store type.</summary>
    private sealed class PostgresWriter : RegisterEntryWriter
    {
        private readonly NpgsqlBinaryImporter importer;
        private bool disposed;

        private PostgresWriter(NpgsqlBinaryImporter importer, IReadOnlyList<Column> columns)
            : base(columns) => this.importer = importer;

        public static async Task<RegisterEntryWriter> OpenAsync(NpgsqlConnection connection, string table, IReadOnlyList<Column> columns, CancellationToken ct)
        {
            var names = string.Join(", ", columns.Select(c => c.Name));
            var importer = await connection.BeginBinaryImportAsync($"COPY {table} ({names}) FROM STDIN (FORMAT BINARY)", ct);
            return new PostgresWriter(importer, columns);
        }

        public override async ValueTask WriteAsync(RegisterEntry entry, CancellationToken ct)
        {
            await importer.StartRowAsync(ct);
            foreach (var column in Columns)
            {
                if (column.ProviderValue(entry) is { } value)
                {
                    // The type name without facets ("character varying", not "character varying(64)").
                    await importer.WriteAsync(value, column.Mapping.StoreTypeNameBase, ct);
                }
                else
                {
                    await importer.WriteNullAsync(ct);
                }
            }
        }

        public override async ValueTask CompleteAsync(CancellationToken ct)
        {
            await importer.CompleteAsync(ct);
            // The connection is only free for the commit once the importer is closed.
            await DisposeAsync();
        }

        // Disposing an importer that was not completed cancels the COPY; the transaction is then rolled back.
        public override async ValueTask DisposeAsync()
        {
            if (!disposed)
            {
                disposed = true;
                await importer.DisposeAsync();
            }
        }
    }
}
