using System.Text;
using Answerback.Formats.Csv;

namespace Answerback.Formats.Tests.Csv;

public sealed class CsvReaderTests
{
    private static CsvReader Reader(string text, CsvOptions? options = null) => Reader(Encoding.UTF8.GetBytes(text), options);

    private static CsvReader Reader(byte[] bytes, CsvOptions? options = null) => new(new MemoryStream(bytes), "t.csv", options);

    private static List<(long Line, string[] Fields)> All(string text, CsvOptions? options = null)
    {
        using var csv = Reader(text, options);
        var records = new List<(long, string[])>();
        while (csv.Read())
        {
            records.Add((csv.Line, csv.GetStrings()));
        }

        return records;
    }

    private static InputFormatException Fails(string text, CsvOptions? options = null) => Assert.Throws<InputFormatException>(() => All(text, options));

    [Fact]
    public void Read_QuotedCommasDoubledQuotesAndLineBreaks_KeepsTextAndPhysicalLines()
    {
        var records = All("\uFEFFa,b\r\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,\"\"");

        Assert.Equal([1L, 2L, 3L, 5L], records.Select(r => r.Line));
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["x, y", "say \"hi\""], records[1].Fields);
        Assert.Equal(["two\nlines", "z"], records[2].Fields);
        Assert.Equal(["last", ""], records[3].Fields);
    }

    [Fact]
    public void Read_QuoteFreeLinesOfEveryLengthAcrossBuffers_SplitAtEveryComma()
    {
        // Lines of 0 to 79 bytes (either side of every 16-byte step of the vectorised split), LF and CRLF,
        // some with a carriage return inside a field, 200 KB in all so records cross the 64 KiB reads.
        var lines = new List<string>();
        var text = new StringBuilder();
        for (var n = 0; text.Length < 200_000; n++)
        {
            var line = new StringBuilder();
            for (var k = 0; k < n % 80; k++)
            {
                line.Append((n * 7 + k * 13) % 5 == 0 ? ',' : (n + k) % 97 == 0 ? '\r' : (char)('a' + ((n + k) % 26)));
            }

            var value = line.Length == 0 || line[^1] == '\r' ? line.Append('x').ToString() : line.ToString();
            lines.Add(value);
            text.Append(value).Append(n % 3 == 0 ? "\r\n" : "\n");
        }

        var records = All(text.ToString());

        Assert.Equal(lines.Count, records.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            Assert.Equal(lines[i].Split(','), records[i].Fields);
            Assert.Equal(i + 1, records[i].Line);
        }
    }

    [Fact]
    public void Read_QuoteLateInAnUnquotedLine_IsAnErrorAtItsColumn()
    {
        var error = Fails("a,b\n" + new string('x', 40) + ",yy\"z,w\n");

        Assert.Equal(2, error.Line);
        Assert.Equal(44, error.Column);
    }

    [Fact]
    public void Read_EmptyFieldsAndTrailingComma_AreFields()
    {
        Assert.Equal(["", "", ""], Assert.Single(All(",,\n")).Fields);
    }

    [Fact]
    public void Read_TrailingBlankLines_AreIgnoredAndReported()
    {
        using var csv = Reader("a\nb\n\r\n\n");
        Assert.True(csv.Read());
        Assert.True(csv.Read());
        Assert.False(csv.Read());
        Assert.Equal(3, csv.TrailingBlankLine);
    }

    [Fact]
    public void Read_BlankLineInTheMiddle_IsOneErrorPerRunAndReadingCanGoOn()
    {
        using var csv = Reader("a\n\n\nb\n");
        Assert.True(csv.Read());
        var error = Assert.Throws<InputFormatException>(() => csv.Read());
        Assert.Equal(("t.csv:2: " + CsvReader.BlankLineProblem, true), (error.Message, csv.CanContinue));
        Assert.True(csv.Read());
        Assert.Equal((4L, "b"), (csv.Line, csv.GetString(0)));
        Assert.False(csv.Read());
    }

    [Theory]
    [InlineData("a,b\n\"x\"y,z\n", 2, 4, "text after a closing quote")]
    [InlineData("a,b\nx,y\"z\n", 2, 4, "a quote inside a field that does not start with one")]
    [InlineData("a,b\nx,\"never closed\n", 2, 3, "a quoted field is not closed")]
    [InlineData("a\n\"two\nlines\"!\n", 3, 7, "text after a closing quote")]
    [InlineData("é,\"x\"y\n", 1, 6, "text after a closing quote")]
    public void Read_BadQuotes_NameLineAndCharacterColumn(string text, long line, long column, string problem)
    {
        var error = Fails(text);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LineBreakInQuotesWhereTheFormatForbidsIt_IsAnError()
    {
        var error = Fails("a,b\n\"x\ny\",z\n", new CsvOptions { LineBreaksInQuotes = false });
        Assert.Equal((2L, 1L), (error.Line, error.Column));
    }

    [Fact]
    public void Read_InvalidUtf8_NamesTheByteNeverReplacesIt()
    {
        byte[] bytes = [.. "name\nok\nRen"u8, 0xE9, .. "e\n"u8];
        using var csv = Reader(bytes);
        Assert.True(csv.Read());
        Assert.True(csv.Read());
        var error = Assert.Throws<InputFormatException>(() => csv.Read());
        Assert.Equal("t.csv:3:4: not valid UTF-8 text (save the file as CSV UTF-8)", error.Message);
        Assert.False(csv.CanContinue);
    }

    [Fact]
    public async Task ReadAsync_SplitAcrossTinyReads_GivesTheSameRecords()
    {
        var text = "h1,h2\n\"a \"\"quoted\"\"\nfield\",é\r\nx,\"\"\n";
        await using var csv = new CsvReader(new TrickleStream(Encoding.UTF8.GetBytes(text)), "t.csv");
        var records = new List<string[]>();
        while (await csv.ReadAsync(TestContext.Current.CancellationToken))
        {
            records.Add(csv.GetStrings());
        }

        Assert.Equal(All(text).Select(r => r.Fields), records);
    }

    [Fact]
    public void Read_A100MegabyteLine_StopsAtTheCapWithoutReadingIt()
    {
        var stream = new EndlessLine(100 << 20);
        using var csv = new CsvReader(stream, "big.csv");
        var error = Assert.Throws<InputFormatException>(() => csv.Read());

        Assert.Equal((1L, 0L), (error.Line, error.Column));
        Assert.Contains("longer than 1,048,576 bytes", error.Problem, StringComparison.Ordinal);
        // The buffer never holds more than the cap and one read: the rest of the line is never read.
        Assert.InRange(stream.Served, CsvOptions.DefaultMaxRecordBytes, CsvOptions.DefaultMaxRecordBytes + (1 << 17));
    }

    [Fact]
    public void Read_CapIsConfigurable()
    {
        var error = Fails("a\n" + new string('x', 100) + "\n", new CsvOptions { MaxRecordBytes = 64 });
        Assert.Equal(2, error.Line);
        Assert.Contains("longer than 64 bytes", error.Problem, StringComparison.Ordinal);
        Assert.Equal(2, All("a\n" + new string('x', 64) + "\n", new CsvOptions { MaxRecordBytes = 64 }).Count);
    }

    [Fact]
    public void Position_AfterTheHeader_IsWhereTheDataStarts()
    {
        var bytes = "\uFEFFrank1,rank2\r\nAnn,Bob\n"u8.ToArray();
        using var csv = Reader(bytes);
        Assert.True(csv.Read());
        Assert.Equal("Ann", Encoding.UTF8.GetString(bytes.AsSpan((int)csv.Position, 3)));
        Assert.Equal(2, csv.NextLine);
    }

    /// <summary>Serves one byte at a time, so every record crosses buffer refills.</summary>
    private sealed class TrickleStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);
    }

    /// <summary>A single line of <c>length</c> bytes with no line break, produced as it is read.</summary>
    private sealed class EndlessLine(long length) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - Served);
            buffer.AsSpan(offset, n).Fill((byte)'a');
            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
