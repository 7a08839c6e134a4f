using System.Data.Common;
using Answerback.Platform.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using NpgsqlTypes;

namespace Answerback.Platform.Accountability;

/// <summary>
/// Posts of one import on their way in: they are written to a temporary table of the import's own
/// connection as the file is read (PostgreSQL: binary COPY; SQLite: one prepared insert), so memory
/// stays bounded and no transaction is open while the file arrives; <see cref="CommitAsync"/> then
/// moves them into <c>AuditPosts</c> in one short transaction, skipping posts already stored (the
/// unique key on network and post id). A failed file is never committed: the temporary table goes
/// with the connection, and nothing of it was ever in <c>AuditPosts</c>.
/// </summary>
internal abstract class PostStaging : IAsyncDisposable
{
    protected const string Columns = "\"Network\", \"PostId\", \"AccountId\", \"Handle\", \"Time\", \"Kind\", \"ReplyToPostId\", \"ReplyToAccountId\", \"RepostOfId\", \"Text\", \"Mentions\", \"ImportId\"";

    protected PostStaging(AnswerbackDbContext db) => Db = db;

    protected AnswerbackDbContext Db { get; }

    protected DbConnection Connection => Db.Database.GetDbConnection();

    public static async Task<PostStaging> StartAsync(AnswerbackDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Moving a million posts in is one statement: more than the default 30 s on a busy server.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(15));
        await db.Database.OpenConnectionAsync(ct);
        PostStaging staging = db.Database.IsNpgsql() ? new Postgres(db) : new Sqlite(db);
        await staging.CreateAsync(ct);
        return staging;
    }

    protected abstract Task CreateAsync(CancellationToken ct);

    public abstract Task AddAsync(IReadOnlyList<AuditPost> posts, CancellationToken ct);

    /// <summary>Moves the staged posts in (the first of each (network, post id) only); returns how many were new.</summary>
    public async Task<long> CommitAsync(CancellationToken ct)
    {
        await FinishAsync(ct);
        await using var transaction = await Db.Database.BeginTransactionAsync(ct);
        var added = await Db.Database.ExecuteSqlRawAsync(InsertSql, ct);
        await transaction.CommitAsync(ct);
        return added;
    }

    protected virtual Task FinishAsync(CancellationToken ct) => Task.CompletedTask;

    protected abstract string InsertSql { get; }

    public virtual async ValueTask DisposeAsync()
    {
        await Db.Database.ExecuteSqlRawAsync("DROP TABLE IF EXISTS audit_staging");
        await Db.Database.CloseConnectionAsync();
    }

    private sealed class Postgres(AnswerbackDbContext db) : PostStaging(db)
    {
        private NpgsqlBinaryImporter? importer;

        protected override async Task CreateAsync(CancellationToken ct)
        {
            await Db.Database.ExecuteSqlRawAsync(
                "CREATE TEMP TABLE audit_staging (\"Seq\" bigserial, \"Network\" text, \"PostId\" text, \"AccountId\" text, \"Handle\" text, \"Time\" timestamptz, \"Kind\" integer, "
                + "\"ReplyToPostId\" text, \"ReplyToAccountId\" text, \"RepostOfId\" text, \"Text\" text, \"Mentions\" text, \"ImportId\" uuid)", ct);
            importer = await ((NpgsqlConnection)Connection).BeginBinaryImportAsync($"COPY audit_staging ({Columns}) FROM STDIN (FORMAT BINARY)", ct);
        }

        // Synchronous writes: the importer buffers, and an awaited call per field cost more than the COPY itself.
        // This runs in a background job, never on a request thread.
        public override Task AddAsync(IReadOnlyList<AuditPost> posts, CancellationToken ct)
        {
            var copy = importer ?? throw new InvalidOperationException("Not started.");
            foreach (var p in posts)
            {
                ct.ThrowIfCancellationRequested();
                copy.StartRow();
                copy.Write(p.Network, NpgsqlDbType.Text);
                copy.Write(p.PostId, NpgsqlDbType.Text);
                copy.Write(p.AccountId, NpgsqlDbType.Text);
                copy.Write(p.Handle, NpgsqlDbType.Text);
                copy.Write(p.Time, NpgsqlDbType.TimestampTz);
                copy.Write((int)p.Kind, NpgsqlDbType.Integer);
                WriteNullable(copy, p.ReplyToPostId);
                WriteNullable(copy, p.ReplyToAccountId);
                WriteNullable(copy, p.RepostOfId);
                copy.Write(p.Text, NpgsqlDbType.Text);
                copy.Write(p.Mentions, NpgsqlDbType.Text);
                copy.Write(p.ImportId, NpgsqlDbType.Uuid);
            }

            return Task.CompletedTask;
        }

        private static void WriteNullable(NpgsqlBinaryImporter copy, string? value)
        {
            if (value is null)
            {
                copy.WriteNull();
            }
            else
            {
                copy.Write(value, NpgsqlDbType.Text);
            }
        }

        protected override async Task FinishAsync(CancellationToken ct)
        {
            if (importer is not null)
            {
                await importer.CompleteAsync(ct);
                await importer.DisposeAsync();
                importer = null;
            }
        }

        // In file order, so the first copy of a post seen twice in the file is the one kept: DO NOTHING skips the
        // later copies as it skips posts already stored (unlike DO UPDATE, it may meet a row of its own statement).
        protected override string InsertSql =>
            $"INSERT INTO \"AuditPosts\" ({Columns}) SELECT {Columns} FROM audit_staging ORDER BY \"Seq\" ON CONFLICT (\"Network\", \"PostId\") DO NOTHING";

        public override async ValueTask DisposeAsync()
        {
            if (importer is not null)
            {
                // A failed file: cancel the COPY so the connection can drop the table.
                await importer.DisposeAsync();
                importer = null;
            }

            await base.DisposeAsync();
        }
    }

    private sealed class Sqlite(AnswerbackDbContext db) : PostStaging(db)
    {
        private static readonly ValueConverter<DateTimeOffset, long> Time = new DateTimeOffsetToBinaryConverter();

        private SqliteCommand? insert;
        private SqliteTransaction? batch;

        protected override async Task CreateAsync(CancellationToken ct)
        {
            // A TEMP table lives in the connection's own temporary database: filling it takes no lock on the main file.
            await Db.Database.ExecuteSqlRawAsync(
                "CREATE TEMP TABLE audit_staging (\"Seq\" INTEGER PRIMARY KEY, \"Network\" TEXT, \"PostId\" TEXT, \"AccountId\" TEXT, \"Handle\" TEXT, \"Time\" INTEGER, \"Kind\" INTEGER, "
                + "\"ReplyToPostId\" TEXT, \"ReplyToAccountId\" TEXT, \"RepostOfId\" TEXT, \"Text\" TEXT, \"Mentions\" TEXT, \"ImportId\" TEXT)", ct);
        }

        public override async Task AddAsync(IReadOnlyList<AuditPost> posts, CancellationToken ct)
        {
            var connection = (SqliteConnection)Connection;
            // One transaction per batch on the temporary database only, so the inserts are not one fsync each.
            batch = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            if (insert is null)
            {
                insert = connection.CreateCommand();
                insert.CommandText = $"INSERT INTO temp.audit_staging ({Columns}) VALUES ($n, $p, $a, $h, $t, $k, $rp, $ra, $ro, $x, $m, $i)";
                foreach (var name in new[] { "$n", "$p", "$a", "$h", "$t", "$k", "$rp", "$ra", "$ro", "$x", "$m", "$i" })
                {
                    insert.Parameters.Add(new SqliteParameter { ParameterName = name });
                }
            }

            insert.Transaction = batch;
            var values = insert.Parameters;
            foreach (var p in posts)
            {
                values[0].Value = p.Network;
                values[1].Value = p.PostId;
                values[2].Value = p.AccountId;
                values[3].Value = p.Handle;
                values[4].Value = Time.ConvertToProvider(p.Time);
                values[5].Value = (int)p.Kind;
                values[6].Value = (object?)p.ReplyToPostId ?? DBNull.Value;
                values[7].Value = (object?)p.ReplyToAccountId ?? DBNull.Value;
                values[8].Value = (object?)p.RepostOfId ?? DBNull.Value;
                values[9].Value = p.Text;
                values[10].Value = p.Mentions;
                // EF stores a Guid in SQLite as upper-case text.
                values[11].Value = p.ImportId.ToString().ToUpperInvariant();
                await insert.ExecuteNonQueryAsync(ct);
            }

            await batch.CommitAsync(ct);
            await batch.DisposeAsync();
            batch = null;
        }

        // The lowest Seq of each (network, post id) is the file's first copy; OR IGNORE skips posts already stored.
        protected override string InsertSql =>
            $"INSERT OR IGNORE INTO \"AuditPosts\" ({Columns}) SELECT {Columns} FROM temp.audit_staging WHERE \"Seq\" IN (SELECT MIN(\"Seq\") FROM temp.audit_staging GROUP BY \"Network\", \"PostId\") ORDER BY \"Seq\"";

        public override async ValueTask DisposeAsync()
        {
            if (batch is not null)
            {
                await batch.DisposeAsync();
            }

            if (insert is not null)
            {
                await insert.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }
}
