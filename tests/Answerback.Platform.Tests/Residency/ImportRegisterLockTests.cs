using System.Globalization;
using System.Text;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;

namespace Answerback.Platform.Tests.Residency;

/// <summary>
/// SQLite has one write lock per database: a register import must not hold it while the upload is
/// still arriving and being parsed, or every sign-up and vote waits for the whole import.
/// </summary>
public sealed class ImportRegisterLockSqliteTests() : PlatformTest(TestProvider.Sqlite)
{
    [Fact]
    public async Task ImportAsync_WhileTheUploadIsStillArriving_OtherWritersAreNotBlocked()
    {
        await Db.CityWithWardsAsync();
        var organisation = await Db.OrganisationAsync();
        // Many good rows (several reader buffers, so they are parsed before the stream stalls), then the stall, then the rest.
        var head = new StringBuilder("elector_number,postcode\n");
        for (var i = 0; i < 5000; i++)
        {
            head.Append(CultureInfo.InvariantCulture, $"AB1-{i},CB4 2JB\n");
        }

        await using var upload = new StallingStream(Encoding.UTF8.GetBytes(head.ToString()), Encoding.UTF8.GetBytes("AB1-99999,CB1 3NE\n"));
        var import = Task.Run(() => Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(upload, "register.csv", organisation, "C1", Ct)), Ct);
        try
        {
            await upload.Stalled.WaitAsync(Ct);

            // Another writer, on its own scope and connection, while the import waits for the rest of the file.
            // With the import holding the write lock this waits out SQLite's busy timeout and throws "database is locked".
            var other = await Db.OrganisationAsync("Another Party");
            Assert.NotEqual(Guid.Empty, other);
        }
        finally
        {
            upload.Release();
        }

        var report = await import;
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(5001, report.Imported);
    }

    /// <summary>Serves <c>head</c>, then waits for <see cref="Release"/> before serving <c>tail</c>: an upload arriving slowly.</summary>
    private sealed class StallingStream(byte[] head, byte[] tail) : Stream
    {
        private readonly TaskCompletionSource stalled = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int position;

        /// <summary>Completes when every byte of the head has been read and the reader asks for more.</summary>
        public Task Stalled => stalled.Task;

        public void Release() => released.TrySetResult();

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (position == head.Length)
            {
                stalled.TrySetResult();
                await released.Task.WaitAsync(cancellationToken);
            }

            return Serve(buffer.Span);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
            => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        private int Serve(Span<byte> buffer)
        {
            // Never past the end of the head in one read, so the reader always meets the stall.
            var end = position < head.Length ? head.Length : head.Length + tail.Length;
            var count = Math.Min(buffer.Length, end - position);
            for (var i = 0; i < count; i++, position++)
            {
                buffer[i] = position < head.Length ? head[position] : tail[position - head.Length];
            }

            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
