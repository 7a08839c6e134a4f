using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Answerback.Platform.Jobs;

/// <summary>
/// Locks across nodes with PostgreSQL session advisory locks (<c>pg_try_advisory_lock</c>). Each held
/// lock keeps its own connection open, so the lock lives exactly as long as the holder: a node that
/// dies drops its connection and PostgreSQL releases the lock at once (no lease to expire). A pooled
/// connection would carry the lock to its next user, so the lock is released before the connection
/// goes back to the pool.
/// </summary>
public sealed class PostgresJobLocks(IOptions<DatabaseOptions> database) : IJobLocks
{
    public async Task<IAsyncDisposable?> TryAcquireAsync(string key, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(key);
        var connection = new NpgsqlConnection(database.Value.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
            command.Parameters.AddWithValue(LockId(key));
            if (await command.ExecuteScalarAsync(ct) is true)
            {
                return new Held(connection, LockId(key));
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return null;
    }

    /// <summary>The 64-bit advisory lock id of a key: the first 8 bytes of its SHA-256 (collisions are negligible and only make a job wait its turn).</summary>
    public static long LockId(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("answerback:" + key), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    private sealed class Held(NpgsqlConnection connection, long id) : IAsyncDisposable
    {
        private int released;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref released, 1) != 0)
            {
                return;
            }

            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock($1)", connection);
                command.Parameters.AddWithValue(id);
                await command.ExecuteScalarAsync();
            }
            catch (NpgsqlException)
            {
                // The connection is gone, and with it the lock.
            }
            finally
            {
                await connection.DisposeAsync();
            }
        }
    }
}
