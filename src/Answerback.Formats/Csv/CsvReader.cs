using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text;
using System.Text.Unicode;

namespace Answerback.Formats.Csv;

/// <summary>Limits and variations of <see cref="CsvReader"/>; the defaults are the project's rules (docs/architecture.md, "CSV").</summary>
public sealed record CsvOptions
{
    /// <summary>The default cap on one record: 1 MiB.</summary>
    public const int DefaultMaxRecordBytes = 1 << 20;

    /// <summary>The rules every importer uses.</summary>
    public static CsvOptions Default { get; } = new();

    /// <summary>
    /// The most bytes one record (a line, or several when a quoted field holds line breaks) may take. The
    /// reader's memory is bounded by it: a 100 MB line is an error naming its line, not a 100 MB buffer.
    /// </summary>
    public int MaxRecordBytes { get; init; } = DefaultMaxRecordBytes;

    /// <summary>
    /// Whether a quoted field may hold line breaks (RFC 4180 allows it; Pol.is comment bodies use it). Off for
    /// formats that are split into byte ranges at line ends and read in parallel (cast-vote records).
    /// </summary>
    public bool LineBreaksInQuotes { get; init; } = true;

    /// <summary>Whether a UTF-8 byte-order mark at the start is skipped (off for a part read from the middle of a file).</summary>
    public bool SkipByteOrderMark { get; init; } = true;
}

/// <summary>
/// The project's one CSV tokeniser (RFC 4180: comma separated, fields optionally quoted with doubled quotes
/// inside, records ending at LF or CRLF). It streams UTF-8 bytes, synchronously or asynchronously, record by
/// record, without a per-record allocation; fields are handed out as validated UTF-8 bytes (<see cref="GetBytes"/>)
/// or strings. Every problem is an <see cref="InputFormatException"/> naming the file, the physical line and the
/// column. The rules, identical for every importer: text after a closing quote, a quote inside an unquoted
/// field, an unclosed quote, bytes that are not UTF-8 and a record longer than <see cref="CsvOptions.MaxRecordBytes"/>
/// are errors; a blank line is an error unless only blank lines follow it (a trailing newline or two is fine;
/// a run of blank lines in the middle is one error, at its first line). After an error the reader cannot
/// continue, except past a blank line (<see cref="CanContinue"/>).
/// </summary>
/// <remarks>
/// Written here rather than taken from Sep or Sylvan.Data.Csv: both tokenise UTF-16 text decoded by a reader
/// in front of them, so an invalid byte surfaces as a decoder error with no line or column (or as U+FFFD), and
/// the cast-vote reader would pay a decode per field where it now hashes the bytes. Splitting bytes is safe:
/// the comma, quote and line-feed bytes never occur inside a multi-byte UTF-8 sequence.
/// </remarks>
public sealed class CsvReader : IDisposable, IAsyncDisposable
{
    private const int ReadSize = 1 << 16;
    private const string NotClosed = "a quoted field is not closed (a missing or undoubled quote, or a truncated file?)";
    private static readonly SearchValues<byte> UnquotedStops = SearchValues.Create(",\n\""u8);
    private static readonly SearchValues<byte> QuotedStopsOnOneLine = SearchValues.Create("\"\n"u8);

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly CsvOptions _options;
    private byte[] _buffer = new byte[ReadSize];
    private byte[] _scratch = new byte[256];
    private int _end;
    private bool _eof;
    private bool _atStart = true;
    private long _bufferOffset;
    private int _validEnd; // buffer[.._validEnd) is known to be valid UTF-8

    // The current record: buffer[_start..] starts on line _line; the next one starts at _next on line _nextLine.
    private int _start;
    private int _next;
    private long _line;
    private long _nextLine = 1;
    private long _pendingBlank;

    private Field[] _fields = new Field[16];
    private bool _doubledQuotes;
    private int _fieldCount;

    /// <summary>Reads CSV from <paramref name="stream"/>; <paramref name="file"/> names it in errors.</summary>
    public CsvReader(Stream stream, string file, CsvOptions? options = null, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(file);
        _stream = stream;
        File = file;
        _options = options ?? CsvOptions.Default;
        _leaveOpen = leaveOpen;
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxRecordBytes, 16, nameof(options));
    }

    private enum Step
    {
        Record,
        NeedMore,
        End,
    }

    /// <summary>The file's name as given, used in every error.</summary>
    public string File { get; }

    /// <summary>The physical line (1-based) the current record starts on.</summary>
    public long Line => _line;

    /// <summary>The line the next record would start on: after the last record, one more than the lines read (when the input ends with a newline).</summary>
    public long NextLine => _nextLine;

    /// <summary>Bytes of the stream consumed up to the end of the current record and its line ending.</summary>
    public long Position => _bufferOffset + _next;

    /// <summary>After the end: the first of the blank lines that ended the input (allowed), or 0.</summary>
    public long TrailingBlankLine { get; private set; }

    /// <summary>
    /// After an <see cref="InputFormatException"/>: true when it was a blank line in the middle, which an importer
    /// that lists every problem may read past (the next read goes on after it); false after any other error.
    /// </summary>
    public bool CanContinue { get; private set; }

    /// <summary>The problem reported for a blank line that is not at the end of the file.</summary>
    public const string BlankLineProblem = "blank line (remove it: blank lines are allowed only at the end of the file)";

    /// <summary>The number of fields of the current record.</summary>
    public int FieldCount => _fieldCount;

    /// <summary>Reads the next record; false at the end of the input.</summary>
    /// <exception cref="InputFormatException">The input breaks one of the rules; names the line and column.</exception>
    public bool Read()
    {
        Step step;
        while ((step = Parse()) == Step.NeedMore)
        {
            PrepareFill();
            Filled(_stream.Read(_buffer, _end, _buffer.Length - _end));
        }

        return step == Step.Record;
    }

    /// <summary>Reads the next record, awaiting the stream (an upload); false at the end of the input.</summary>
    /// <exception cref="InputFormatException">The input breaks one of the rules; names the line and column.</exception>
    public async ValueTask<bool> ReadAsync(CancellationToken cancellationToken = default)
    {
        Step step;
        while ((step = Parse()) == Step.NeedMore)
        {
            PrepareFill();
            Filled(await _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false));
        }

        return step == Step.Record;
    }

    /// <summary>Field <paramref name="index"/> of the current record as UTF-8 bytes (quotes removed, valid UTF-8); valid until the next read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ReadOnlySpan<byte> GetBytes(int index)
    {
        if ((uint)index >= (uint)_fieldCount)
        {
            ThrowNoSuchField(index);
        }

        ref readonly var field = ref _fields[index];
        return (field.InScratch ? _scratch : _buffer).AsSpan(field.From, field.To - field.From);
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowNoSuchField(int index) => throw new ArgumentOutOfRangeException(nameof(index), index, "The record has no such field.");

    /// <summary>Field <paramref name="index"/> of the current record as text.</summary>
    public string GetString(int index) => Encoding.UTF8.GetString(GetBytes(index));

    /// <summary>Every field of the current record as text.</summary>
    public string[] GetStrings()
    {
        var fields = new string[_fieldCount];
        for (var i = 0; i < fields.Length; i++)
        {
            fields[i] = GetString(i);
        }

        return fields;
    }

    /// <summary>The line and column where field <paramref name="index"/> of the current record starts (its opening quote, if quoted).</summary>
    public (long Line, long Column) PositionOf(int index)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_fieldCount, nameof(index));
        return Locate(_fields[index].Raw);
    }

    /// <summary>An error about the current record, at its line.</summary>
    public InputFormatException Error(string problem) => new(File, _line, 0, problem);

    /// <summary>An error about field <paramref name="index"/> of the current record, at its line and column.</summary>
    public InputFormatException Error(int index, string problem)
    {
        var (line, column) = PositionOf(index);
        return new InputFormatException(File, line, column, problem);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => _leaveOpen ? ValueTask.CompletedTask : _stream.DisposeAsync();

    private void PrepareFill()
    {
        if (_next > 0)
        {
            Buffer.BlockCopy(_buffer, _next, _buffer, 0, _end - _next);
            _bufferOffset += _next;
            _end -= _next;
            _validEnd = Math.Max(0, _validEnd - _next);
            _next = 0;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            // Never more than the cap plus one read: a longer record is an error before the buffer grows again.
            var size = (int)Math.Min(_buffer.Length * 2L, _options.MaxRecordBytes + (long)ReadSize);
            Array.Resize(ref _buffer, Math.Max(size, _end + 1));
        }
    }

    private void Filled(int read)
    {
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    private Step NeedMore()
    {
        if (_end - _start > _options.MaxRecordBytes)
        {
            throw Fail(-1, TooLong());
        }

        return Step.NeedMore;
    }

    private string TooLong() => string.Create(CultureInfo.InvariantCulture,
        $"the line is longer than {_options.MaxRecordBytes:N0} bytes, the most one record may take (is a quote not closed?)");

    private Step Parse()
    {
        while (true)
        {
            _start = _next;
            _line = _nextLine;
            if (_atStart)
            {
                if (_end < 3 && !_eof)
                {
                    return Step.NeedMore;
                }

                _atStart = false;
                if (_options.SkipByteOrderMark && _buffer.AsSpan(0, _end).StartsWith("\uFEFF"u8))
                {
                    _start = _next = 3;
                }
            }

            if (_start == _end)
            {
                if (!_eof)
                {
                    return NeedMore();
                }

                TrailingBlankLine = _pendingBlank;
                _fieldCount = 0;
                return Step.End;
            }

            var step = Tokenise(out var contentEnd, out var next, out var newlines);
            if (step != Step.Record)
            {
                return step;
            }

            if (contentEnd - _start > _options.MaxRecordBytes)
            {
                throw Fail(-1, TooLong());
            }

            var content = _buffer.AsSpan(_start, contentEnd - _start);
            if (contentEnd > _validEnd && !ValidateAhead(contentEnd) && !Utf8.IsValid(content))
            {
                throw Fail(_start + InvalidUtf8At(content), "not valid UTF-8 text (save the file as CSV UTF-8)");
            }

            if (content.IsEmpty)
            {
                _pendingBlank = _pendingBlank > 0 ? _pendingBlank : _line;
                _next = next;
                _nextLine = _line + newlines;
                continue;
            }

            if (_pendingBlank > 0)
            {
                throw BlankLine(); // before moving on: the next read returns this record
            }

            _next = next;
            _nextLine = _line + newlines;
            if (_doubledQuotes)
            {
                Unescape();
            }

            return Step.Record;
        }
    }

    // Splits the record at _start into fields (raw positions); NeedMore when it runs past the bytes read.
    // Fully optimised from the first call: it is the loop 10 million cast-vote rows go through.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private Step Tokenise(out int contentEnd, out int next, out long newlines)
    {
        var b = _buffer;
        var end = _end;
        var p = _start;
        var f = 0;
        newlines = 0;
        _doubledQuotes = false;
        contentEnd = next = 0;

        // The common case: a whole line with no quote in it, split at its commas in one pass.
        if (TokenisePlainLine(b, p, end, out contentEnd, out next))
        {
            newlines = 1;
            return Step.Record;
        }

        while (true)
        {
            if (f == _fields.Length)
            {
                Array.Resize(ref _fields, f * 2);
            }

            ref var field = ref _fields[f];
            field.Raw = p;
            if (p < end && b[p] == (byte)'"')
            {
                var q = p + 1;
                var doubled = false;
                while (true)
                {
                    var rest = b.AsSpan(q, end - q);
                    var i = _options.LineBreaksInQuotes ? rest.IndexOf((byte)'"') : rest.IndexOfAny(QuotedStopsOnOneLine);
                    if (i < 0)
                    {
                        if (!_eof)
                        {
                            return NeedMore();
                        }

                        throw Fail(p, NotClosed);
                    }

                    if (b[q + i] == (byte)'\n')
                    {
                        throw Fail(p, NotClosed); // a line break ends the record in this format
                    }

                    if (_options.LineBreaksInQuotes)
                    {
                        newlines += rest[..i].Count((byte)'\n');
                    }

                    q += i + 1;
                    if (q == end && !_eof)
                    {
                        return NeedMore(); // a doubled quote may follow
                    }

                    if (q == end || b[q] != (byte)'"')
                    {
                        break;
                    }

                    doubled = true;
                    q++;
                }

                field.From = p + 1;
                field.To = q - 1;
                field.InScratch = doubled;
                _doubledQuotes |= doubled;
                f++;
                p = q;
                if (p == end)
                {
                    contentEnd = next = p;
                    break;
                }

                var c = b[p];
                if (c == (byte)',')
                {
                    p++;
                    continue;
                }

                if (c == (byte)'\n')
                {
                    contentEnd = p;
                    next = p + 1;
                    newlines++;
                    break;
                }

                if (c == (byte)'\r')
                {
                    if (p + 1 == end && !_eof)
                    {
                        return NeedMore();
                    }

                    if (p + 1 == end || b[p + 1] == (byte)'\n')
                    {
                        contentEnd = p;
                        next = Math.Min(p + 2, end);
                        newlines += p + 1 == end ? 0 : 1;
                        break;
                    }
                }

                throw Fail(p, "text after a closing quote (a quote inside a quoted field must be doubled)");
            }
            else
            {
                var i = FindStop(b.AsSpan(p, end - p));
                if (i < 0)
                {
                    if (!_eof)
                    {
                        return NeedMore();
                    }

                    i = end - p;
                }

                var at = p + i;
                if (at < end && b[at] == (byte)'"')
                {
                    throw Fail(at, "a quote inside a field that does not start with one (quote the whole field and double the quote)");
                }

                field.From = p;
                field.InScratch = false;
                if (at < end && b[at] == (byte)',')
                {
                    field.To = at;
                    f++;
                    p = at + 1;
                    continue;
                }

                // The end of the record: a line feed, or the end of the input.
                var fieldEnd = at > p && b[at - 1] == (byte)'\r' ? at - 1 : at;
                field.To = fieldEnd;
                f++;
                contentEnd = fieldEnd;
                next = at < end ? at + 1 : at;
                newlines += at < end ? 1 : 0;
                break;
            }
        }

        _fieldCount = f;
        return Step.Record;
    }

    // Splits a quote-free line starting at p into fields: one vectorised pass finds its commas, its line feed and
    // any quote (16 bytes at a time, as bitmasks walked in order). False, with no field kept, when a quote comes
    // before the line feed or no line feed is buffered: the general loop below then reads the record.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TokenisePlainLine(byte[] b, int p, int end, out int contentEnd, out int next)
    {
        ref var origin = ref MemoryMarshal.GetArrayDataReference(b);
        var fields = _fields;
        var f = 0;
        var from = p;
        var at = p; // bytes before it are in the bitmask or done
        var maskStart = p; // where the bitmask starts
        uint stops = 0;
        while (true)
        {
            if (stops == 0)
            {
                if (at + Vector128<byte>.Count <= end)
                {
                    var v = Vector128.LoadUnsafe(ref origin, (nuint)at);
                    maskStart = at;
                    stops = (Vector128.Equals(v, Vector128.Create((byte)','))
                        | Vector128.Equals(v, Vector128.Create((byte)'\n'))
                        | Vector128.Equals(v, Vector128.Create((byte)'"'))).ExtractMostSignificantBits();
                    at += Vector128<byte>.Count;
                    continue;
                }

                // The last bytes of the buffer, one by one.
                while (at < end && Unsafe.Add(ref origin, at) is not ((byte)',' or (byte)'\n' or (byte)'"'))
                {
                    at++;
                }

                if (at == end)
                {
                    break; // no line feed buffered
                }

                maskStart = at++;
                stops = 1;
            }

            var stop = maskStart + BitOperations.TrailingZeroCount(stops);
            stops &= stops - 1;
            var c = Unsafe.Add(ref origin, stop);
            if (c == (byte)'"')
            {
                break;
            }

            if (f == fields.Length)
            {
                Array.Resize(ref _fields, f * 2);
                fields = _fields;
            }

            ref var field = ref fields[f++];
            field.Raw = field.From = from;
            field.InScratch = false;
            if (c == (byte)',')
            {
                field.To = stop;
                from = stop + 1;
                continue;
            }

            contentEnd = stop > p && Unsafe.Add(ref origin, stop - 1) == (byte)'\r' ? stop - 1 : stop;
            field.To = contentEnd;
            next = stop + 1;
            _fieldCount = f;
            return true;
        }

        contentEnd = next = 0;
        return false;
    }

    // The first comma, line feed or quote. Empty cells are the common case in wide files (Pol.is votes), so
    // the first byte is looked at before the vectorised search.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FindStop(ReadOnlySpan<byte> span)
    {
        if (span.IsEmpty)
        {
            return -1;
        }

        var c = span[0];
        if (c == (byte)',' || c == (byte)'\n' || c == (byte)'"')
        {
            return 0;
        }

        var rest = span[1..].IndexOfAny(UnquotedStops);
        return rest < 0 ? -1 : rest + 1;
    }

    // Copies the quoted fields that hold doubled quotes into the scratch buffer, undoubled.
    private void Unescape()
    {
        var used = 0;
        for (var f = 0; f < _fieldCount; f++)
        {
            ref var field = ref _fields[f];
            if (!field.InScratch)
            {
                continue;
            }

            var source = _buffer.AsSpan(field.From, field.To - field.From);
            if (_scratch.Length < used + source.Length)
            {
                Array.Resize(ref _scratch, Math.Max(_scratch.Length * 2, used + source.Length));
            }

            var start = used;
            for (var i = 0; i < source.Length; i++)
            {
                _scratch[used++] = source[i];
                if (source[i] == (byte)'"')
                {
                    i++; // its double
                }
            }

            field.From = start;
            field.To = used;
        }
    }

    // Checks the UTF-8 of every whole line buffered from this record on, in one call rather than one per
    // record (a line feed always falls between characters); false when that cannot vouch for this record.
    private bool ValidateAhead(int contentEnd)
    {
        var lastNewline = _buffer.AsSpan(_start, _end - _start).LastIndexOf((byte)'\n');
        if (lastNewline < 0 || _start + lastNewline < contentEnd || !Utf8.IsValid(_buffer.AsSpan(_start, lastNewline)))
        {
            return false;
        }

        _validEnd = _start + lastNewline;
        return true;
    }

    // Field bytes are buffer[From..To) or, for a quoted field with doubled quotes, scratch[From..To) once
    // undoubled; Raw is where the field starts in the buffer (its opening quote), for error positions.
    private struct Field
    {
        public int From;
        public int To;
        public int Raw;
        public bool InScratch;
    }

    private static int InvalidUtf8At(ReadOnlySpan<byte> content)
    {
        var at = 0;
        while (at < content.Length)
        {
            if (Rune.DecodeFromUtf8(content[at..], out _, out var consumed) != OperationStatus.Done)
            {
                return at;
            }

            at += consumed;
        }

        return at;
    }

    private InputFormatException BlankLine()
    {
        var line = _pendingBlank;
        _pendingBlank = 0;
        CanContinue = true;
        return new(File, line, 0, BlankLineProblem);
    }

    private InputFormatException Fail(int at, string problem)
    {
        if (_pendingBlank > 0)
        {
            return BlankLine(); // the earlier problem first; the next read meets this one again
        }

        CanContinue = false;
        if (at < 0)
        {
            return new InputFormatException(File, _line, 0, problem); // the record as a whole
        }

        var (line, column) = Locate(at);
        return new InputFormatException(File, line, column, problem);
    }

    // The physical line and the character column of buffer[at], counted from the record's start.
    private (long Line, long Column) Locate(int at)
    {
        var before = _buffer.AsSpan(_start, at - _start);
        var lastNewline = before.LastIndexOf((byte)'\n');
        var inLine = lastNewline < 0 ? before : before[(lastNewline + 1)..];
        long column = 1;
        foreach (var x in inLine)
        {
            if ((x & 0xC0) != 0x80)
            {
                column++; // not a UTF-8 continuation byte: a character starts here
            }
        }

        return (_line + before.Count((byte)'\n'), column);
    }
}
