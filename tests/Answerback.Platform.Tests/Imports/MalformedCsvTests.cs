using System.Text;
using Answerback.Counting.Formats;
using Answerback.Formats;
using Answerback.Formats.Csv;
using Answerback.OpinionMap.Polis;
using Answerback.Platform.Areas;
using Answerback.Platform.Imports;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Answerback.SocialAudit;

namespace Answerback.Platform.Tests.Imports;

/// <summary>
/// The same malformed CSV, fed to every CSV importer of the project (the three Platform uploads, the three
/// Pol.is files, QUT posts, the representatives registry, cast-vote records): each must name the same rule at
/// the same line and column, because they share one tokeniser and one set of header rules.
/// </summary>
public abstract class MalformedCsvTests(TestProvider provider) : PlatformTest(provider)
{
    /// <summary>Where and what, as an importer reports it; null when the file was accepted.</summary>
    private sealed record Outcome(long Line, long Column, string Problem);

    /// <summary>
    /// An importer: its header (the first column is a required one), two good rows whose first field is
    /// plain, and how to run it on bytes.
    /// </summary>
    private sealed record Importer(string Name, string Header, string Row1, string Row2, Func<byte[], Task<Outcome?>> Run);

    private Guid organisation;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await Db.CityWithWardsAsync();
        organisation = await Db.OrganisationAsync();
    }

    private IEnumerable<Importer> Importers()
    {
        yield return new("areas", "code,name,parent_code", "C7,Seventown,", "W7,Seven Ward,C7", async bytes => Platform(
            (await Db.With<ImportAreas, AreaImportReport>(i => i.ImportAsync(new MemoryStream(bytes), "areas.csv", mayChangeExisting: false, Ct))).Errors));
        yield return new("members", "email", "ann@example.org", "bob@example.org", async bytes => Platform(
            (await Db.With<ImportMembers, MemberImportReport>(i => i.ImportAsync(new MemoryStream(bytes), "members.csv", organisation, Ct))).Errors));
        yield return new("register", "elector_number,postcode", "NW1-1,CB4 2JB", "NW1-2,CB4 2JD", async bytes => Platform(
            (await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(new MemoryStream(bytes), "register.csv", organisation, "C1", Ct))).Errors));

        var statements = PolisExport.ReadComments(new MemoryStream("comment-id\n0\n1\n"u8.ToArray()), "comments.csv");
        yield return new("Pol.is comments", "comment-id,comment-body", "0,Parks", "1,Roads",
            bytes => Engine(() => PolisExport.ReadComments(new MemoryStream(bytes), "comments.csv")));
        yield return new("Pol.is votes", "comment-id,voter-id,vote", "0,7,1", "1,7,-1",
            bytes => Engine(() => PolisExport.ReadVotes(statements, new MemoryStream(bytes), "votes.csv")));
        yield return new("Pol.is participants", "participant,group-id,0,1", "5,0,1,", "6,1,-1,1",
            bytes => Engine(() => PolisExport.ReadParticipantsVotes(statements, new MemoryStream(bytes), "participants-votes.csv")));
        yield return new("QUT posts", string.Join(',', QutCsvFormat.Columns), "1,u1,one,,,hello,1700000000,", "2,u2,two,,,bye,1700000001,",
            bytes => Engine(() => QutCsvFormat.Read(new MemoryStream(bytes), "posts.csv").ToList()));
        yield return new("registry", string.Join(',', Registry.Columns), "x,ann,Ann,councillor,Green,W1", "x,bob,Bob,councillor,Red,W2",
            bytes => Engine(() => Registry.Read(new MemoryStream(bytes), "registry.csv")));
        yield return new("cast-vote records", "rank1,rank2,ballot", "Ann,Bob,1", "Bob,Ann,2",
            bytes => Engine(() => CvrCsvFormat.Read(new MemoryStream(bytes), "cvr.csv")));
    }

    private static Outcome? Platform(IReadOnlyList<ImportError> errors)
    {
        if (errors.Count == 0)
        {
            return null;
        }

        var error = Assert.Single(errors);
        var column = error.Field.StartsWith("column ", StringComparison.Ordinal) ? long.Parse(error.Field[7..], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return new Outcome(error.Line, column, error.Message);
    }

    private static Task<Outcome?> Engine(Func<object> read)
    {
        try
        {
            read();
            return Task.FromResult<Outcome?>(null);
        }
        catch (InputFormatException ex)
        {
            return Task.FromResult<Outcome?>(new Outcome(ex.Line, ex.Column, ex.Problem));
        }
    }

    private static byte[] Bytes(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");

    private static string FirstField(string row) => row.Split(',')[0];

    private static string AfterFirstField(string row) => row[FirstField(row).Length..];

    private async Task EveryImporterSays(Func<Importer, byte[]> file, Func<Importer, Outcome?> expected)
    {
        foreach (var importer in Importers())
        {
            var outcome = await importer.Run(file(importer));
            Assert.True(expected(importer) == outcome, $"{importer.Name}: expected {expected(importer)?.ToString() ?? "success"}, got {outcome?.ToString() ?? "success"}");
        }
    }

    [Fact]
    public Task BlankLineInTheMiddle_IsAnErrorAtThatLine_TrailingOnesAreNot() =>
        EveryImporterSays(i => Bytes(i.Header, i.Row1, "", i.Row2, "", ""), _ => new Outcome(3, 0, CsvReader.BlankLineProblem));

    [Fact]
    public Task TextAfterAClosingQuote_IsAnErrorAtThatColumn() =>
        EveryImporterSays(
            i => Bytes(i.Header, i.Row1, $"\"{FirstField(i.Row2)}\"x{AfterFirstField(i.Row2)}"),
            i => new Outcome(3, FirstField(i.Row2).Length + 3, "text after a closing quote (a quote inside a quoted field must be doubled)"));

    [Fact]
    public Task UnterminatedQuote_IsAnErrorAtTheOpeningQuote() =>
        EveryImporterSays(
            i => Bytes(i.Header, i.Row1, "\"" + i.Row2),
            _ => new Outcome(3, 1, "a quoted field is not closed (a missing or undoubled quote, or a truncated file?)"));

    [Fact]
    public Task InvalidUtf8_IsAnErrorAtTheBadByte() =>
        EveryImporterSays(
            i => [.. Bytes(i.Header, i.Row1), .. Encoding.UTF8.GetBytes(FirstField(i.Row2)), 0xE9, .. Bytes(AfterFirstField(i.Row2))],
            i => new Outcome(3, FirstField(i.Row2).Length + 1, "not valid UTF-8 text (save the file as CSV UTF-8)"));

    [Fact]
    public Task DuplicateHeader_IsAnErrorAtTheSecondOne() =>
        EveryImporterSays(
            i => Bytes(i.Header + "," + FirstField(i.Header).ToUpperInvariant(), i.Row1 + ",", i.Row2 + ","),
            i => new Outcome(1, i.Header.Length + 2, $"duplicate column name '{FirstField(i.Header).ToUpperInvariant()}' (columns 1 and {i.Header.Split(',').Length + 1})"));

    [Fact]
    public Task HeaderInAnotherCase_IsAccepted() =>
        EveryImporterSays(i => Bytes(i.Header.ToUpperInvariant(), i.Row1, i.Row2), _ => null);

    [Fact]
    public async Task MissingRequiredColumn_IsAnErrorAtTheHeaderNamingIt()
    {
        foreach (var importer in Importers())
        {
            var column = FirstField(importer.Header);
            var outcome = await importer.Run(Bytes("zzz" + AfterFirstField(importer.Header), importer.Row1, importer.Row2));
            Assert.NotNull(outcome);
            Assert.Equal((1L, 0L), (outcome.Line, outcome.Column));
            Assert.StartsWith($"missing column '{column}' (expected ", outcome.Problem, StringComparison.Ordinal);
            Assert.EndsWith($"; the header has: zzz{AfterFirstField(importer.Header).Replace(",", ", ", StringComparison.Ordinal)})", outcome.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public Task OverLongLine_IsAnErrorNamingTheLine() =>
        EveryImporterSays(
            i => Bytes(i.Header, i.Row1, new string('a', CsvOptions.DefaultMaxRecordBytes + 10) + AfterFirstField(i.Row2)),
            _ => new Outcome(3, 0, "the line is longer than 1,048,576 bytes, the most one record may take (is a quote not closed?)"));
}

public sealed class MalformedCsvSqliteTests() : MalformedCsvTests(TestProvider.Sqlite);

public sealed class MalformedCsvPostgresTests() : MalformedCsvTests(TestProvider.Postgres);
