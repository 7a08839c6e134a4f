using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Imports;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Imports;

/// <summary>The database store of uploads: chunked round trip, the size limit, deletion and the clean-up.</summary>
public abstract class UploadStoreTests(TestProvider provider) : PlatformTest(provider)
{
    private const int Limit = 4 * 1024 * 1024;

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Uploads:MaxBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Uploads:KeepDays"] = "7",
    };

    private static byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private Task<Result<StoredUpload>> SaveAsync(Stream content, string name)
        => Db.With<UploadStore, Result<StoredUpload>>(s => s.SaveAsync(content, name, "test", Ct));

    private async Task<(int Uploads, int Chunks)> RowsAsync()
    {
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        return (await db.Set<StoredUpload>().CountAsync(Ct), await db.Set<StoredUploadChunk>().CountAsync(Ct));
    }

    private async Task<byte[]?> ReadAsync(Guid id, long from = 0)
    {
        await using var scope = Db.Scope();
        await using var stream = await scope.ServiceProvider.GetRequiredService<UploadStore>().OpenReadAsync(id, Ct);
        if (stream is null)
        {
            return null;
        }

        stream.Seek(from, SeekOrigin.Begin);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Fact]
    public async Task SaveAndRead_TwoAndAHalfMegabytesStreamed_AreThreeChunksAndReadBackEqual()
    {
        var bytes = RandomBytes((5 * UploadStore.ChunkBytes) / 2);

        // Not seekable: the store cannot know the length in advance and reads it in chunks.
        var saved = await SaveAsync(new NonSeekable(bytes), "posts.jsonl");

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        Assert.Equal(("posts.jsonl", bytes.LongLength), (saved.Value.FileName, saved.Value.Size));
        Assert.Equal((1, 3), await RowsAsync());
        Assert.Equal(bytes, await ReadAsync(saved.Value.Id));
        // A seek lands in the chunk it names (an archive's central directory is read that way).
        var from = UploadStore.ChunkBytes + 12_345;
        Assert.Equal(bytes[from..], await ReadAsync(saved.Value.Id, from));
        using var sync = new MemoryStream();
        await using (var scope = Db.Scope())
        await using (var stream = (await scope.ServiceProvider.GetRequiredService<UploadStore>().OpenReadAsync(saved.Value.Id, Ct))!)
        {
            Assert.Equal(bytes.LongLength, stream.Length);
#pragma warning disable CA1849 // The engines read archives synchronously: the synchronous path is tested on purpose.
            stream.CopyTo(sync);
#pragma warning restore CA1849
        }

        Assert.Equal(bytes, sync.ToArray());
    }

    [Fact]
    public async Task Save_ExactlyOneChunkAndEmpty_RoundTrip()
    {
        var one = RandomBytes(UploadStore.ChunkBytes);
        var saved = await SaveAsync(new MemoryStream(one), "one.csv");
        var empty = await SaveAsync(new MemoryStream(), "empty.csv");

        Assert.Equal(one, await ReadAsync(saved.Value!.Id));
        var read = await ReadAsync(empty.Value!.Id);
        Assert.Empty(read!);
        Assert.Equal((2, 1), await RowsAsync());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Save_OverTheLimit_IsRefusedNamingTheFileAndTheLimitAndStoresNothing(bool seekable)
    {
        var bytes = RandomBytes(Limit + 1);

        var saved = await SaveAsync(seekable ? new MemoryStream(bytes) : new NonSeekable(bytes), "huge.jsonl");

        Assert.False(saved.Succeeded);
        var error = Assert.Single(saved.Errors);
        Assert.Equal("file", error.Field);
        Assert.StartsWith("huge.jsonl: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("4 MB", error.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0), await RowsAsync());
    }

    [Fact]
    public async Task Delete_RemovesTheUploadAndItsChunks_AndOpenThenFindsNothing()
    {
        var kept = await SaveAsync(new MemoryStream(RandomBytes(UploadStore.ChunkBytes + 1)), "kept.zip");
        var deleted = await SaveAsync(new MemoryStream(RandomBytes(UploadStore.ChunkBytes + 1)), "deleted.zip");

        await Db.With<UploadStore, bool>(async s =>
        {
            await s.DeleteAsync(deleted.Value!.Id, Ct);
            await s.DeleteAsync(deleted.Value.Id, Ct);
            return true;
        });

        Assert.Null(await ReadAsync(deleted.Value!.Id));
        Assert.NotNull(await ReadAsync(kept.Value!.Id));
        Assert.Equal((1, 2), await RowsAsync());
    }

    [Fact]
    public async Task DeleteExpired_RemovesUploadsOlderThanKeepDaysOnly()
    {
        var old = await SaveAsync(new MemoryStream(RandomBytes(10)), "old.jsonl");
        Db.Time.Advance(TimeSpan.FromDays(6));
        var recent = await SaveAsync(new MemoryStream(RandomBytes(10)), "recent.jsonl");
        Db.Time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromMinutes(1));

        var removed = await Db.With<UploadStore, int>(s => s.DeleteExpiredAsync(Ct));

        Assert.Equal(1, removed);
        Assert.Null(await ReadAsync(old.Value!.Id));
        Assert.NotNull(await ReadAsync(recent.Value!.Id));
        Assert.Equal((1, 1), await RowsAsync());
    }

    /// <summary>A request body as it arrives: forward only, length unknown.</summary>
    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes, writable: false)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => base.Position; set => throw new NotSupportedException(); }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}

public sealed class UploadStoreSqliteTests() : UploadStoreTests(TestProvider.Sqlite);

public sealed class UploadStorePostgresTests() : UploadStoreTests(TestProvider.Postgres);
