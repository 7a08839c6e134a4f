using System.Globalization;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Imports;

/// <summary>The <c>Uploads</c> section: how large an upload kept for a background job may be, and how long it is kept.</summary>
public sealed class UploadsOptions
{
    public const string Section = "Uploads";

    /// <summary>512 MiB: the request limit of the largest upload form (a million posts of JSON lines is about 300 MB).</summary>
    public const long DefaultMaxBytes = 512L * 1024 * 1024;

    /// <summary>The largest file kept (bytes); a larger one is refused and nothing is stored.</summary>
    public long MaxBytes { get; set; } = DefaultMaxBytes;

    /// <summary>Days an upload is kept at most; the daily clean-up deletes older ones (their job has finished or was lost).</summary>
    public int KeepDays { get; set; } = 7;
}

/// <summary>
/// Uploaded files kept in the database until a background job has read them, so that the job may run
/// on any web node (several stateless nodes share one database and no folder). A file is written as
/// it streams in, in <see cref="ChunkBytes"/> rows inside one transaction (never whole in memory), read
/// back through a seekable stream that holds one chunk at a time, and deleted by its job when done; the
/// daily <see cref="DeleteExpiredAsync"/> job removes what is older than <c>Uploads:KeepDays</c>.
/// </summary>
public sealed class UploadStore(AnswerbackDbContext db, IServiceScopeFactory scopes, IOptions<UploadsOptions> options, TimeProvider time, ILogger<UploadStore> logger)
{
    /// <summary>The recurring clean-up's Hangfire id.</summary>
    public const string CleanUpJobId = "uploads-cleanup";

    /// <summary>The size of every chunk but the last (1 MiB).</summary>
    public const int ChunkBytes = 1024 * 1024;

    /// <summary>
    /// Stores <paramref name="content"/> as <paramref name="fileName"/>. Joins the context's open
    /// transaction when there is one (so the caller commits the upload with its own rows), otherwise
    /// commits its own. A file over <c>Uploads:MaxBytes</c> is refused (field <c>file</c>, naming the
    /// file and the limit) and nothing of it is kept.
    /// </summary>
    public async Task<Result<StoredUpload>> SaveAsync(Stream content, string fileName, string purpose, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        fileName = Path.GetFileName(fileName ?? "");
        var max = options.Value.MaxBytes;
        if (content.CanSeek && content.Length - content.Position > max)
        {
            return TooLarge(fileName, max);
        }

        var upload = new StoredUpload
        {
            Id = Guid.NewGuid(),
            FileName = fileName.Length > StoredUploadConfiguration.FileNameLength ? fileName[^StoredUploadConfiguration.FileNameLength..] : fileName,
            Purpose = purpose,
            CreatedAt = time.GetUtcNow(),
        };
        await using var owned = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        db.Set<StoredUpload>().Add(upload);
        await db.SaveChangesAsync(ct);

        // One buffer for every full chunk: each is saved (and untracked) before the next is read into it.
        var buffer = new byte[ChunkBytes];
        long total = 0;
        for (var index = 0; ; index++)
        {
            var length = await content.ReadAtLeastAsync(buffer, ChunkBytes, throwOnEndOfStream: false, ct);
            if (length == 0)
            {
                break;
            }

            total += length;
            if (total > max)
            {
                // Within the transaction: gone even if the caller commits it.
                await RemoveAsync(db, upload.Id, ct);
                db.Entry(upload).State = EntityState.Detached;
                return TooLarge(fileName, max);
            }

            var chunk = new StoredUploadChunk { UploadId = upload.Id, Index = index, Bytes = length == ChunkBytes ? buffer : buffer[..length] };
            var entry = db.Set<StoredUploadChunk>().Add(chunk);
            await db.SaveChangesAsync(ct);
            entry.State = EntityState.Detached;
            if (length < ChunkBytes)
            {
                break;
            }
        }

        upload.Size = total;
        await db.SaveChangesAsync(ct);
        if (owned is not null)
        {
            await owned.CommitAsync(ct);
        }

        return Result.Ok(upload);
    }

    /// <summary>
    /// The stored file as a read-only, seekable stream over its own connection (the caller's may be busy),
    /// holding one chunk in memory at a time; null when there is no such upload (deleted, or expired).
    /// </summary>
    public async Task<Stream?> OpenReadAsync(Guid uploadId, CancellationToken ct = default)
    {
        var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var size = await own.Set<StoredUpload>().Where(u => u.Id == uploadId).Select(u => (long?)u.Size).FirstOrDefaultAsync(ct);
        if (size is null)
        {
            await scope.DisposeAsync();
            return null;
        }

        return new StoredUploadStream(scope, own, uploadId, size.Value);
    }

    /// <summary>Deletes the upload and its chunks (nothing when it is already gone).</summary>
    public async Task DeleteAsync(Guid uploadId, CancellationToken ct = default)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await RemoveAsync(db, uploadId, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    /// <summary>The daily job: deletes uploads older than <c>Uploads:KeepDays</c>, one at a time; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow().AddDays(-options.Value.KeepDays);
        var expired = await db.Set<StoredUpload>().Where(u => u.CreatedAt < before).Select(u => u.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            await DeleteAsync(id, ct);
        }

        if (expired.Count > 0 && logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Deleted {Count} uploads older than {Days} days", expired.Count, options.Value.KeepDays);
        }

        return expired.Count;
    }

    private static async Task RemoveAsync(AnswerbackDbContext db, Guid uploadId, CancellationToken ct)
    {
        await db.Set<StoredUploadChunk>().Where(c => c.UploadId == uploadId).ExecuteDeleteAsync(ct);
        await db.Set<StoredUpload>().Where(u => u.Id == uploadId).ExecuteDeleteAsync(ct);
    }

    private static Result<StoredUpload> TooLarge(string fileName, long max)
        => Result.Failed<StoredUpload>("file", $"{fileName}: the file is larger than the limit of {Describe(max)}; split it and upload the parts");

    /// <summary>"512 MB" for whole mebibytes, otherwise the bytes.</summary>
    internal static string Describe(long bytes)
        => bytes % (1024 * 1024) == 0
            ? (bytes / (1024 * 1024)).ToString("N0", CultureInfo.InvariantCulture) + " MB"
            : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";

    /// <summary>Reads chunk after chunk (or the one a seek lands in), keeping only the current one.</summary>
    private sealed class StoredUploadStream(AsyncServiceScope scope, AnswerbackDbContext db, Guid uploadId, long length) : Stream
    {
        private byte[] chunk = [];
        private int chunkIndex = -1;
        private long position;
        private bool disposed;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => position;
            set => position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (position >= length || buffer.IsEmpty)
            {
                return 0;
            }

            var index = (int)(position / ChunkBytes);
            if (index != chunkIndex)
            {
                Loaded(index, Query(index).FirstOrDefault());
            }

            return CopyOut(buffer);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position >= length || buffer.IsEmpty)
            {
                return 0;
            }

            var index = (int)(position / ChunkBytes);
            if (index != chunkIndex)
            {
                Loaded(index, await Query(index).FirstOrDefaultAsync(cancellationToken));
            }

            return CopyOut(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private IQueryable<byte[]> Query(int index)
            => db.Set<StoredUploadChunk>().AsNoTracking().Where(c => c.UploadId == uploadId && c.Index == index).Select(c => c.Bytes);

        private void Loaded(int index, byte[]? bytes)
        {
            chunk = bytes ?? throw new IOException($"The stored upload {uploadId} has no chunk {index} (deleted while it was read?).");
            chunkIndex = index;
        }

        private int CopyOut(Span<byte> buffer)
        {
            var offset = (int)(position - ((long)chunkIndex * ChunkBytes));
            var n = Math.Min(buffer.Length, chunk.Length - offset);
            if (n <= 0)
            {
                throw new IOException($"The stored upload {uploadId} is shorter than its recorded size.");
            }

            chunk.AsSpan(offset, n).CopyTo(buffer);
            position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => position + offset,
                SeekOrigin.End => length + offset,
                _ => throw new ArgumentOutOfRangeException(nameof(origin)),
            };
            return position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && !disposed)
            {
                disposed = true;
                scope.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            if (!disposed)
            {
                disposed = true;
                await scope.DisposeAsync();
            }

            await base.DisposeAsync();
        }
    }
}
