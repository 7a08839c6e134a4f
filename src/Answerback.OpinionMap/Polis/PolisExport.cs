using System.Globalization;
using System.Text;
using Answerback.Formats;
using Answerback.Formats.Csv;

namespace Answerback.OpinionMap.Polis;

/// <summary>A Pol.is conversation read from its export files.</summary>
/// <param name="Matrix">Statements and votes.</param>
/// <param name="PolisGroups">Pol.is's own group of each participant (the <c>group-id</c> column of <c>participants-votes.csv</c>; null when blank); empty when that file is absent.</param>
public sealed record PolisConversation(VoteMatrix Matrix, IReadOnlyDictionary<string, int?> PolisGroups);

/// <summary>
/// Reads and writes Pol.is's export format: <c>comments.csv</c> (one row per statement),
/// <c>votes.csv</c> (one row per vote, with its time) and <c>participants-votes.csv</c> (one row
/// per participant, one column per statement). Errors name the file and the line.
/// </summary>
public static class PolisExport
{
    /// <summary>Columns of <c>participants-votes.csv</c> that are not statements.</summary>
    private static readonly HashSet<string> ParticipantColumns = new(StringComparer.OrdinalIgnoreCase) // header names ignore case (docs/architecture.md, "CSV")
    {
        "participant", "xid", "group-id", "n-comments", "n-votes", "n-agree", "n-disagree",
    };

    /// <summary>
    /// Reads a folder holding a Pol.is export. Votes come from <c>votes.csv</c> (with
    /// <c>comments.csv</c>) when present, otherwise from <c>participants-votes.csv</c>; Pol.is's
    /// groups come from <c>participants-votes.csv</c> when present.
    /// </summary>
    /// <exception cref="InputFormatException">A file is malformed; names the file, line and column.</exception>
    /// <exception cref="FileNotFoundException">The folder lacks the files needed.</exception>
    public static PolisConversation ReadDirectory(string directory)
    {
        var comments = Path.Combine(directory, "comments.csv");
        var votes = Path.Combine(directory, "votes.csv");
        var participants = Path.Combine(directory, "participants-votes.csv");
        IReadOnlyList<StatementInfo>? statements = null;
        if (File.Exists(comments))
        {
            using var stream = File.OpenRead(comments);
            statements = ReadComments(stream, comments);
        }

        VoteMatrix? matrix = null;
        IReadOnlyDictionary<string, int?> groups = new Dictionary<string, int?>(StringComparer.Ordinal);
        if (File.Exists(votes))
        {
            if (statements is null)
            {
                throw new FileNotFoundException($"{votes} needs comments.csv beside it (the list of statements), which is missing.", comments);
            }

            using var stream = File.OpenRead(votes);
            matrix = ReadVotes(statements, stream, votes);
        }

        if (File.Exists(participants))
        {
            using var stream = File.OpenRead(participants);
            var (fromParticipants, polisGroups) = ReadParticipantsVotes(statements, stream, participants);
            matrix ??= fromParticipants;
            groups = polisGroups;
        }

        if (matrix is null)
        {
            throw new FileNotFoundException($"{directory} holds no Pol.is export: expected votes.csv with comments.csv, or participants-votes.csv.", votes);
        }

        return new PolisConversation(matrix, groups);
    }

    /// <summary>Reads <c>comments.csv</c>: <c>comment-id</c> is required; <c>moderated</c> (−1 = moderated out), <c>is-meta</c>, <c>comment-body</c>, <c>author-id</c>, <c>timestamp</c> are used when present.</summary>
    public static IReadOnlyList<StatementInfo> ReadComments(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var csv = new CsvReader(stream, fileName, leaveOpen: true);
        var header = CsvHeader.Read(csv, "comment-id (and optionally timestamp, author-id, moderated, is-meta, comment-body)");
        var id = header.Required("comment-id");
        var moderated = header.Optional("moderated");
        var meta = header.Optional("is-meta");
        var body = header.Optional("comment-body");
        var author = header.Optional("author-id");
        var time = header.Optional("timestamp");
        var result = new List<StatementInfo>();
        var seen = new Dictionary<string, long>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Line;
            header.CheckWidth(csv);
            var fields = csv.GetStrings();
            var statementId = fields[id].Trim();
            if (statementId.Length == 0)
            {
                throw new InputFormatException(fileName, line, "empty comment-id");
            }

            if (!seen.TryAdd(statementId, line))
            {
                throw new InputFormatException(fileName, line, $"comment-id '{statementId}' already appeared on line {seen[statementId]}");
            }

            var moderatedOut = false;
            if (moderated >= 0 && fields[moderated].Trim().Length > 0)
            {
                var value = ParseInteger(fields[moderated], fileName, line, "moderated");
                if (value is < -1 or > 1)
                {
                    throw new InputFormatException(fileName, line, $"moderated is {value}; expected -1 (moderated out), 0 (not yet moderated) or 1 (accepted)");
                }

                moderatedOut = value == -1;
            }

            var isMeta = false;
            if (meta >= 0 && fields[meta].Trim().Length > 0)
            {
                isMeta = fields[meta].Trim() switch
                {
                    "true" or "True" or "TRUE" or "1" => true,
                    "false" or "False" or "FALSE" or "0" => false,
                    var other => throw new InputFormatException(fileName, line, $"is-meta is '{other}'; expected true or false"),
                };
            }

            long? timestamp = time >= 0 && fields[time].Trim().Length > 0 ? ParseLong(fields[time], fileName, line, "timestamp") : null;
            result.Add(new StatementInfo(
                statementId,
                moderatedOut,
                isMeta,
                body >= 0 ? fields[body] : null,
                author >= 0 && fields[author].Trim().Length > 0 ? fields[author].Trim() : null,
                timestamp));
        }

        return result;
    }

    /// <summary>Reads <c>votes.csv</c> (<c>comment-id</c>, <c>voter-id</c>, <c>vote</c>; <c>timestamp</c> when present) against the statements of <c>comments.csv</c>.</summary>
    public static VoteMatrix ReadVotes(IReadOnlyList<StatementInfo> statements, Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentNullException.ThrowIfNull(stream);
        var builder = new VoteMatrixBuilder();
        foreach (var s in statements)
        {
            builder.AddStatement(s);
        }

        using var csv = new CsvReader(stream, fileName, leaveOpen: true);
        var header = CsvHeader.Read(csv, "comment-id, voter-id, vote (and optionally timestamp)");
        var comment = header.Required("comment-id");
        var voter = header.Required("voter-id");
        var vote = header.Required("vote");
        var time = header.Optional("timestamp");
        var order = 0L;
        while (csv.Read())
        {
            var line = csv.Line;
            header.CheckWidth(csv);
            var fields = csv.GetStrings();
            var statementId = fields[comment].Trim();
            if (!builder.HasStatement(statementId))
            {
                throw new InputFormatException(fileName, line, $"vote for unknown statement '{statementId}' (not in comments.csv)");
            }

            var participantId = fields[voter].Trim();
            if (participantId.Length == 0)
            {
                throw new InputFormatException(fileName, line, "empty voter-id");
            }

            var value = ParseVote(fields[vote], fileName, line);
            var timestamp = time >= 0 ? ParseLong(fields[time], fileName, line, "timestamp") : order;
            order++;
            builder.AddVote(participantId, statementId, value, timestamp);
        }

        return builder.Build();
    }

    /// <summary>
    /// Reads <c>participants-votes.csv</c>: one row per participant, one column per statement (1, −1, 0
    /// or blank). With <paramref name="statements"/> (from <c>comments.csv</c>), every statement
    /// column must name a known statement; without, the columns define the statements.
    /// </summary>
    public static (VoteMatrix Matrix, IReadOnlyDictionary<string, int?> Groups) ReadParticipantsVotes(
        IReadOnlyList<StatementInfo>? statements, Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var csv = new CsvReader(stream, fileName, leaveOpen: true);
        var header = CsvHeader.Read(csv, "participant (and optionally group-id), then one column per statement");
        var participant = header.Required("participant");
        var group = header.Optional("group-id");
        var builder = new VoteMatrixBuilder();
        if (statements is not null)
        {
            foreach (var s in statements)
            {
                builder.AddStatement(s);
            }
        }

        var statementColumns = new List<(int Field, string Id, int Index)>();
        for (var i = 0; i < header.Names.Count; i++)
        {
            var name = header.Names[i];
            if (ParticipantColumns.Contains(name))
            {
                continue;
            }

            if (!builder.HasStatement(name))
            {
                if (statements is not null)
                {
                    throw new InputFormatException(fileName, header.Line, $"column '{name}' names a statement that is not in comments.csv");
                }

                builder.AddStatement(new StatementInfo(name));
            }

            statementColumns.Add((i, name, builder.StatementIndex(name)));
        }

        var groups = new Dictionary<string, int?>(StringComparer.Ordinal);
        while (csv.Read())
        {
            var line = csv.Line;
            header.CheckWidth(csv);
            var participantId = csv.GetString(participant).Trim();
            if (participantId.Length == 0)
            {
                throw new InputFormatException(fileName, line, "empty participant");
            }

            if (groups.ContainsKey(participantId))
            {
                throw new InputFormatException(fileName, line, $"participant '{participantId}' appears twice");
            }

            var groupId = group >= 0 ? csv.GetString(group).Trim() : "";
            groups[participantId] = groupId.Length > 0 ? ParseInteger(groupId, fileName, line, "group-id") : null;
            var row = builder.AddParticipant(participantId);
            foreach (var (field, id, index) in statementColumns)
            {
                // Most cells are blank (not voted): look at the bytes before making a string.
                if (csv.GetBytes(field).Trim(" \t"u8).IsEmpty)
                {
                    continue;
                }

                builder.AddVote(row, index, ParseVote(csv.GetString(field), fileName, line, id), 0);
            }
        }

        return (builder.Build(), groups);
    }

    /// <summary>Writes <c>comments.csv</c> in Pol.is's column order; agree and disagree counts come from the matrix.</summary>
    public static void WriteComments(VoteMatrix matrix, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(writer);
        var agrees = new int[matrix.StatementCount];
        var disagrees = new int[matrix.StatementCount];
        for (var e = 0; e < matrix.VoteCount; e++)
        {
            if (matrix.Values[e] > 0)
            {
                agrees[matrix.Columns[e]]++;
            }
            else if (matrix.Values[e] < 0)
            {
                disagrees[matrix.Columns[e]]++;
            }
        }

        writer.Write("timestamp,comment-id,author-id,agrees,disagrees,moderated,is-meta,comment-body\n");
        for (var s = 0; s < matrix.StatementCount; s++)
        {
            var st = matrix.Statements[s];
            writer.Write(string.Join(',',
                st.Timestamp?.ToString(CultureInfo.InvariantCulture) ?? "",
                Quote(st.Id),
                Quote(st.AuthorId ?? ""),
                agrees[s].ToString(CultureInfo.InvariantCulture),
                disagrees[s].ToString(CultureInfo.InvariantCulture),
                st.IsModeratedOut ? "-1" : "1",
                st.IsMeta ? "true" : "false",
                Quote(st.Text ?? "")));
            writer.Write('\n');
        }
    }

    /// <summary>Writes <c>votes.csv</c>: every stored vote with its time (Unix ms and ISO 8601 UTC).</summary>
    public static void WriteVotes(VoteMatrix matrix, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write("timestamp,datetime,comment-id,voter-id,vote\n");
        for (var p = 0; p < matrix.ParticipantCount; p++)
        {
            for (var e = matrix.RowStart[p]; e < matrix.RowStart[p + 1]; e++)
            {
                var t = matrix.Timestamps[e];
                var when = t is >= -62135596800000 and <= 253402300799999
                    ? DateTimeOffset.FromUnixTimeMilliseconds(t).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)
                    : "";
                writer.Write(string.Join(',',
                    t.ToString(CultureInfo.InvariantCulture),
                    when,
                    Quote(matrix.Statements[matrix.Columns[e]].Id),
                    Quote(matrix.ParticipantIds[p]),
                    matrix.Values[e].ToString(CultureInfo.InvariantCulture)));
                writer.Write('\n');
            }
        }
    }

    /// <summary>Writes <c>participants-votes.csv</c>, with each participant's group from <paramref name="map"/> when given.</summary>
    public static void WriteParticipantsVotes(VoteMatrix matrix, OpinionMap? map, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(writer);
        var groups = map?.GroupsByParticipant();
        var authored = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in matrix.Statements)
        {
            if (s.AuthorId is not null)
            {
                authored[s.AuthorId] = authored.GetValueOrDefault(s.AuthorId) + 1;
            }
        }

        var line = new StringBuilder();
        line.Append("participant,group-id,n-comments,n-votes,n-agree,n-disagree");
        foreach (var s in matrix.Statements)
        {
            line.Append(',').Append(Quote(s.Id));
        }

        writer.Write(line.Append('\n').ToString());
        var cells = new string[matrix.StatementCount];
        for (var p = 0; p < matrix.ParticipantCount; p++)
        {
            Array.Fill(cells, "");
            int agree = 0, disagree = 0;
            for (var e = matrix.RowStart[p]; e < matrix.RowStart[p + 1]; e++)
            {
                var v = matrix.Values[e];
                cells[matrix.Columns[e]] = v.ToString(CultureInfo.InvariantCulture);
                if (v > 0)
                {
                    agree++;
                }
                else if (v < 0)
                {
                    disagree++;
                }
            }

            var id = matrix.ParticipantIds[p];
            int? group = groups is not null && groups.TryGetValue(id, out var g) ? g : null;
            line.Clear();
            line.Append(Quote(id)).Append(',')
                .Append(group?.ToString(CultureInfo.InvariantCulture) ?? "").Append(',')
                .Append(authored.GetValueOrDefault(id).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append((matrix.RowStart[p + 1] - matrix.RowStart[p]).ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(agree.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(disagree.ToString(CultureInfo.InvariantCulture));
            foreach (var cell in cells)
            {
                line.Append(',').Append(cell);
            }

            writer.Write(line.Append('\n').ToString());
        }
    }

    /// <summary>Writes the three files into <paramref name="directory"/> (created if needed).</summary>
    public static void WriteDirectory(VoteMatrix matrix, OpinionMap? map, string directory)
    {
        Directory.CreateDirectory(directory);
        using (var w = new StreamWriter(Path.Combine(directory, "comments.csv"), false, new UTF8Encoding(false)))
        {
            WriteComments(matrix, w);
        }

        using (var w = new StreamWriter(Path.Combine(directory, "votes.csv"), false, new UTF8Encoding(false)))
        {
            WriteVotes(matrix, w);
        }

        using (var w = new StreamWriter(Path.Combine(directory, "participants-votes.csv"), false, new UTF8Encoding(false)))
        {
            WriteParticipantsVotes(matrix, map, w);
        }
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static int ParseVote(string text, string fileName, long line, string? statement = null)
    {
        var trimmed = text.Trim();
        var where = statement is null ? "vote" : $"vote on statement '{statement}'";
        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            // Some tools write votes as 1.0 / -1.0.
            if (!double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) || real != Math.Round(real))
            {
                throw new InputFormatException(fileName, line, $"{where} is '{trimmed}'; expected -1 (disagree), 0 (pass) or 1 (agree)");
            }

            if (real is < -1 or > 1)
            {
                throw new InputFormatException(fileName, line, $"{where} is {trimmed}; expected -1 (disagree), 0 (pass) or 1 (agree)");
            }

            value = (int)real;
        }

        if (value is < -1 or > 1)
        {
            throw new InputFormatException(fileName, line, $"{where} is {value}; expected -1 (disagree), 0 (pass) or 1 (agree)");
        }

        return value;
    }

    private static int ParseInteger(string text, string fileName, long line, string column)
    {
        var trimmed = text.Trim();
        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new InputFormatException(fileName, line, $"{column} is '{trimmed}'; expected a whole number");
        }

        return value;
    }

    private static long ParseLong(string text, string fileName, long line, string column)
    {
        var trimmed = text.Trim();
        if (!long.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw new InputFormatException(fileName, line, $"{column} is '{trimmed}'; expected a whole number (Unix milliseconds)");
        }

        return value;
    }
}
