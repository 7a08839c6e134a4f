using System.Text;
using Answerback.Platform.Data;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Residency;

public abstract class ImportRegisterTests(TestProvider provider) : PlatformTest(provider)
{
    private Guid organisation;
    private (Guid City, Guid Ward1, Guid Ward2) areas;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        areas = await Db.CityWithWardsAsync();
        organisation = await Db.OrganisationAsync();
    }

    private Task<RegisterImportReport> ImportAsync(string csv, string area = "C1")
        => ImportAsync(Arrange.Csv(csv), area);

    private Task<RegisterImportReport> ImportAsync(Stream csv, string area = "C1")
        => Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(csv, "register.csv", organisation, area, Ct));

    private async Task<List<RegisterEntry>> EntriesAsync()
    {
        await using var scope = Db.Scope();
        return await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().RegisterEntries.AsNoTracking().ToListAsync(Ct);
    }

    [Fact]
    public async Task ImportAsync_GoodFile_StoresOnlyHashesInTheRowsAreas()
    {
        var report = await ImportAsync("elector_number,postcode,area_code,full_name\nNW1-1,CB4 2JB,W1,Ann Example\nSW1-1,cb1 3ne,W2,Bob Example\nXX1-9,CB2 1AA,,Cy Example\n");

        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(3, report.Imported);
        var entries = await EntriesAsync();
        Assert.Equal(3, entries.Count);
        Assert.Equal(new[] { areas.City, areas.Ward1, areas.Ward2 }.Order(), entries.Select(e => e.AreaId).Order());
        Assert.All(entries, e => Assert.Matches("^[0-9a-f]{64}$", e.Hash));
        Assert.All(entries, e => Assert.Equal(organisation, e.OrganisationId));
    }

    [Fact]
    public async Task ImportAsync_GoodFile_NamesAndNumbersNeverReachTheDatabase()
    {
        await ImportAsync("elector_number,postcode,full_name\nNW1-777,CB4 2JB,Zebedee Quintessential\n");
        string text;
        if (Provider == TestProvider.Sqlite)
        {
            // The file's bytes: also catches anything left in free pages.
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var bytes = await File.ReadAllBytesAsync(Path.Combine(Db.DataFolder, "answerback.db"), Ct);
            text = Encoding.UTF8.GetString(bytes);
        }
        else
        {
            text = await PostgresTextDumpAsync();
            // The dump does read the register table: the entry's hash is in it.
            Assert.Contains(Assert.Single(await EntriesAsync()).Hash, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("Zebedee", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NW1-777", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CB42JB", text, StringComparison.Ordinal);
        Assert.DoesNotContain("CB4 2JB", text, StringComparison.Ordinal);
    }

    /// <summary>Every text-like and bytea value of every table in the test database's own schemas, as text.</summary>
    private async Task<string> PostgresTextDumpAsync()
    {
        await using var scope = Db.Scope();
        var connection = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var columns = new List<(string Schema, string Table, string Column, string Type)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                SELECT c.table_schema, c.table_name, c.column_name, c.data_type
                FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE t.table_type = 'BASE TABLE' AND c.table_schema NOT IN ('pg_catalog', 'information_schema')
                  AND c.data_type IN ('text', 'character varying', 'character', 'bytea', 'json', 'jsonb', 'xml')
                """;
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3)));
            }
        }

        Assert.Contains(columns, c => c.Table == "RegisterEntries");
        var dump = new StringBuilder();
        foreach (var (schema, table, column, type) in columns)
        {
            // bytea through the 'escape' encoding: printable ASCII stays readable, so a name would show.
            var value = type == "bytea" ? $"encode(\"{column}\", 'escape')" : $"\"{column}\"::text";
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Identifiers read from information_schema, quoted.
            command.CommandText = $"SELECT {value} FROM \"{schema}\".\"{table}\" WHERE \"{column}\" IS NOT NULL";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                dump.Append(reader.GetString(0)).Append('\n');
            }
        }

        return dump.ToString();
    }

    [Fact]
    public async Task ImportAsync_GoodFile_EntriesReadBackAsEfWouldHaveWrittenThem()
    {
        var report = await ImportAsync("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\nNW1-2,CB4 2JD,W1\nSW1-1,CB1 3NE,W2\n");
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));

        var entries = await EntriesAsync();
        Assert.Equal(3, entries.Count);
        Assert.Equal(3, entries.Select(e => e.Id).Where(id => id != Guid.Empty).Distinct().Count());
        Assert.All(entries, e => Assert.Equal(PlatformTestDatabase.Start, e.ImportedAt));
        Assert.All(entries, e => Assert.Null(e.ClaimedByPersonId));
        Assert.All(entries, e => Assert.Null(e.ClaimedAt));
        // Queries compare the stored ids and instants in the database (SQLite: Guid text, ticks).
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        Assert.Equal(2, await db.RegisterEntries.CountAsync(e => e.AreaId == areas.Ward1 && e.OrganisationId == organisation, Ct));
        Assert.Equal(3, await db.RegisterEntries.CountAsync(e => e.ImportedAt >= PlatformTestDatabase.Start, Ct));
        var one = entries[0];
        Assert.Equal(one.Hash, (await db.RegisterEntries.SingleAsync(e => e.Id == one.Id, Ct)).Hash);
    }

    [Theory]
    [InlineData("elector_number,postcode\nNW1-1,CB4 2JB\nNW1-2,CB4 2JD\n", true)]
    [InlineData("elector_number,postcode\nNW1-1,CB4 2JB\nNW1-2,nope\n", false)]
    public async Task ImportAsync_OnAConnectionTheCallerOpened_LeavesItAsItWas(string csv, bool succeeds)
    {
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        await db.Database.OpenConnectionAsync(Ct);
        var connection = db.Database.GetDbConnection();
        // SQLite: the import enlarges the page cache for itself and must put the caller's setting back.
        var setting = Provider == TestProvider.Sqlite ? "PRAGMA cache_size" : "SHOW work_mem";
        async Task<string> ReadSettingAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = setting;
            return Convert.ToString(await command.ExecuteScalarAsync(Ct), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        var before = await ReadSettingAsync();
        var report = await scope.ServiceProvider.GetRequiredService<ImportRegister>().ImportAsync(Arrange.Csv(csv), "r.csv", organisation, "C1", Ct);

        Assert.Equal(succeeds, report.Succeeded);
        Assert.Equal(System.Data.ConnectionState.Open, connection.State);
        Assert.Null(db.Database.CurrentTransaction);
        Assert.Equal(before, await ReadSettingAsync());
        Assert.Equal(succeeds ? 2 : 0, await db.RegisterEntries.CountAsync(Ct));
    }

    [Fact]
    public async Task ImportAsync_OverlappingFile_ImportsOnlyTheNewEntries()
    {
        await ImportAsync("elector_number,postcode\nNW1-1,CB4 2JB\nNW1-2,CB4 2JD\n");
        var second = await ImportAsync("elector_number,postcode\nNW1-2,CB4 2JD\nNW1-3,CB4 2JE\n");
        Assert.True(second.Succeeded, string.Join("; ", second.Errors));
        Assert.Equal(1, second.Imported);
        Assert.Equal(1, second.AlreadyPresent);
        Assert.Equal(3, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task ImportAsync_BadLineAfterRowsWereWritten_RollsBackAndTheScopeStillWorks()
    {
        await using var scope = Db.Scope();
        var import = scope.ServiceProvider.GetRequiredService<ImportRegister>();
        var bad = await import.ImportAsync(Arrange.Csv("elector_number,postcode\nNW1-1,CB4 2JB\nNW1-2,CB4 2JD\nNW1-3,nope\n"), "r.csv", organisation, "C1", Ct);
        Assert.Equal(4, Assert.Single(bad.Errors).Line);
        Assert.Empty(await EntriesAsync());

        var good = await import.ImportAsync(Arrange.Csv("elector_number,postcode\nNW1-1,CB4 2JB\n"), "r.csv", organisation, "C1", Ct);
        Assert.True(good.Succeeded, string.Join("; ", good.Errors));
        Assert.Equal(1, good.Imported);
        Assert.Single(await EntriesAsync());
    }

    [Fact]
    public async Task ImportAsync_ThenAnotherChangeInTheSameScope_IsSaved()
    {
        await using var scope = Db.Scope();
        var report = await scope.ServiceProvider.GetRequiredService<ImportRegister>().ImportAsync(Arrange.Csv("elector_number,postcode\nNW1-1,CB4 2JB\n"), "r.csv", organisation, "C1", Ct);
        Assert.True(report.Succeeded);
        var context = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var ward = await context.Areas.SingleAsync(a => a.Code == "W1", Ct);
        ward.Name = "Renamed Ward";
        await context.SaveChangesAsync(Ct);

        await using var other = Db.Scope();
        Assert.Equal("Renamed Ward", (await other.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Areas.SingleAsync(a => a.Code == "W1", Ct)).Name);
    }

    [Fact]
    public async Task ImportAsync_TwoOrganisationsShareAnElector_EachImportsEveryRowOfItsOwnRegister()
    {
        var rival = await Db.OrganisationAsync("Testville Blues");
        await ImportAsync("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\nNW1-2,CB4 2JD,W1\n");
        var theirs = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(
            Arrange.Csv("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\nSW1-1,CB1 3NE,W2\n"), "theirs.csv", rival, "C1", Ct));

        Assert.True(theirs.Succeeded, string.Join("; ", theirs.Errors));
        Assert.Equal((2, 0), (theirs.Imported, theirs.AlreadyPresent));
        var entries = await EntriesAsync();
        Assert.Equal(2, entries.Count(e => e.OrganisationId == organisation));
        Assert.Equal(2, entries.Count(e => e.OrganisationId == rival));
        // The shared elector is on both registers, once each.
        Assert.Single(entries.Where(e => e.AreaId == areas.Ward1).GroupBy(e => e.Hash), g => g.Count() == 2);

        // Re-importing one's own file still adds nothing, whatever the other organisation holds.
        var again = await ImportAsync("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\nNW1-2,CB4 2JD,W1\n");
        Assert.True(again.Succeeded, string.Join("; ", again.Errors));
        Assert.Equal((0, 2), (again.Imported, again.AlreadyPresent));
        Assert.Equal(4, (await EntriesAsync()).Count);
    }

    [Fact]
    public async Task ImportAsync_SameFileTwice_SecondTimeAlreadyPresent()
    {
        const string csv = "elector_number,postcode\nNW1-1,CB4 2JB\nNW1-2,CB4 2JD\n";
        await ImportAsync(csv);
        var second = await ImportAsync(csv);
        Assert.True(second.Succeeded);
        Assert.Equal(0, second.Imported);
        Assert.Equal(2, second.AlreadyPresent);
        Assert.Equal(2, (await EntriesAsync()).Count);
    }

    [Theory]
    [InlineData("postcode,area_code\nCB4 2JB,W1\n", "elector_number")]
    [InlineData("elector_number,area_code\nNW1-1,W1\n", "postcode")]
    public async Task ImportAsync_MissingColumn_ReportsHeaderLineAndImportsNothing(string csv, string column)
    {
        var report = await ImportAsync(csv);
        var error = Assert.Single(report.Errors);
        Assert.Equal(1, error.Line);
        Assert.Equal(column, error.Field);
        Assert.Contains($"missing column '{column}'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task ImportAsync_InvalidUtf8OnOneLine_ReportsThatLineAndImportsNothing()
    {
        var bytes = new List<byte>();
        bytes.AddRange(Encoding.UTF8.GetBytes("elector_number,postcode,name\nNW1-1,CB4 2JB,Ann\nNW1-2,CB4 2JD,Ren"));
        bytes.AddRange([0xE9, 0x65]); // "Renée" saved as Latin-1: 0xE9 is not valid UTF-8 here
        bytes.AddRange(Encoding.UTF8.GetBytes("\nNW1-3,CB4 2JE,Zoë\n"));
        var report = await ImportAsync(new MemoryStream([.. bytes]));

        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, report.Imported);
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task ImportAsync_DuplicateElectorNumbers_ReportsEachRepeatWithTheFirstLine()
    {
        var report = await ImportAsync("elector_number,postcode\nNW1-1,CB4 2JB\nNW1-2,CB4 2JD\nnw1-1,CB4 2JE\nNW1-2,CB4 2JD\n");

        Assert.Equal(2, report.Errors.Count);
        Assert.Equal((4, "elector_number"), (report.Errors[0].Line, report.Errors[0].Field));
        Assert.Contains("already on line 2", report.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(5, report.Errors[1].Line);
        Assert.Contains("already on line 3", report.Errors[1].Message, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task ImportAsync_BlankLineInTheMiddle_ReportsItButAcceptsATrailingNewline()
    {
        var report = await ImportAsync("elector_number,postcode\nNW1-1,CB4 2JB\n\nNW1-2,CB4 2JD\n");
        var error = Assert.Single(report.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("blank line", error.Message, StringComparison.Ordinal);
        Assert.Empty(await EntriesAsync());

        var good = await ImportAsync("elector_number,postcode\r\nNW1-1,CB4 2JB\r\nNW1-2,CB4 2JD\r\n");
        Assert.True(good.Succeeded, string.Join("; ", good.Errors));
        Assert.Equal(2, good.Imported);
    }

    [Fact]
    public async Task ImportAsync_BadFields_ReportsEachLineAndFieldAndImportsNothing()
    {
        var report = await ImportAsync("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W1\n,CB4 2JD,W1\nNW1-3,not a postcode,W1\nNW1-4,CB4 2JF,NOPE\nNW1-5\nNW1 6!,CB4 2JG,W2\n");

        Assert.Equal(
            [(3, "elector_number"), (4, "postcode"), (5, "area_code"), (6, "line"), (7, "elector_number")],
            report.Errors.Select(e => (e.Line, e.Field)).ToArray());
        Assert.Equal(0, report.Imported);
        Assert.Empty(await EntriesAsync());
    }

    [Fact]
    public async Task ImportAsync_AreaCodeOutsideTheUploadArea_IsAnError()
    {
        var report = await ImportAsync("elector_number,postcode,area_code\nNW1-1,CB4 2JB,W2\n", area: "W1");
        var error = Assert.Single(report.Errors);
        Assert.Equal("area_code", error.Field);
        Assert.Contains("not North Ward or an area within it", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", 0, "the file is empty")]
    [InlineData("elector_number,postcode\n", 1, "a header but no electors")]
    public async Task ImportAsync_EmptyFileOrHeaderOnly_IsAnError(string csv, int line, string message)
    {
        var report = await ImportAsync(csv);
        var error = Assert.Single(report.Errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_UnknownArea_ReportsTheAreaOption()
    {
        var report = await ImportAsync("elector_number,postcode\nNW1-1,CB4 2JB\n", area: "E99999999");
        var error = Assert.Single(report.Errors);
        Assert.Equal("area", error.Field);
        Assert.Contains("E99999999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_QuotedFieldsWithCommasAndBom_AreRead()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("\"elector_number\",postcode,address\n\"NW1-1\",\"CB4 2JB\",\"1 High St, Testville\"\n\"NW1-2\",CB4 2JD,\"The \"\"Old\"\" Mill\nTestville\"\n")).ToArray();
        var report = await ImportAsync(new MemoryStream(bytes));
        Assert.True(report.Succeeded, string.Join("; ", report.Errors));
        Assert.Equal(2, report.Imported);
    }

    [Fact]
    public async Task ImportAsync_FiftyMegabyteFileWithTwoBadLines_ReportsThoseLinesAndImportsNothing()
    {
        var path = Path.Combine(Db.DataFolder, "big-register.csv");
        var badLines = new List<int>();
        await using (var writer = new StreamWriter(path, false, new UTF8Encoding(false)))
        {
            await writer.WriteAsync("elector_number,postcode,area_code,full_name,address\n");
            var line = 1;
            var i = 0;
            while (writer.BaseStream.Length < 50L * 1024 * 1024)
            {
                i++;
                line++;
                var number = "BG" + (i / 100000).ToString(System.Globalization.CultureInfo.InvariantCulture) + "-" + (i % 100000).ToString("D5", System.Globalization.CultureInfo.InvariantCulture);
                var postcode = i == 20_000 ? "ZZZ" : "CB" + (1 + (i % 5)).ToString(System.Globalization.CultureInfo.InvariantCulture) + " 2AB";
                if (i == 20_000)
                {
                    badLines.Add(line);
                }

                await writer.WriteAsync(number + "," + postcode + ",W1,Elector Number " + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + ",\"1 Long Road, Testville\"\n");
                if (i % 10000 == 0)
                {
                    await writer.FlushAsync(Ct);
                }
            }

            line++;
            badLines.Add(line);
            await writer.WriteAsync("BG0-00001,CB1 2AB,W1,Repeated,\"1 Long Road\"\n");
        }

        Assert.True(new FileInfo(path).Length >= 50L * 1024 * 1024);
        await using var stream = File.OpenRead(path);
        var report = await ImportAsync(stream);

        Assert.Equal(badLines, report.Errors.Select(e => e.Line).ToList());
        Assert.Equal("postcode", report.Errors[0].Field);
        Assert.Equal("elector_number", report.Errors[1].Field);
        Assert.Equal(0, report.Imported);
        Assert.Empty(await EntriesAsync());
    }
}

public sealed class ImportRegisterSqliteTests() : ImportRegisterTests(TestProvider.Sqlite);

public sealed class ImportRegisterPostgresTests() : ImportRegisterTests(TestProvider.Postgres);
