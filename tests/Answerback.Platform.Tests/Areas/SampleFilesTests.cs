using Answerback.Platform.Areas;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Areas;

/// <summary>The sample files in tests/data/Platform, imported as an operator would.</summary>
public abstract class SampleFilesTests(TestProvider provider) : PlatformTest(provider)
{
    private static string Sample(string name) => Path.Combine(TestEnvironment.TestData, "Platform", name);

    [Fact]
    public async Task CambridgeAreasAndSampleRegister_Import_MatchTheDemoAndAreVerifiable()
    {
        await using (var areas = File.OpenRead(Sample("cambridge-areas.csv")))
        {
            var report = await Db.With<ImportAreas, AreaImportReport>(i => i.ImportAsync(areas, "cambridge-areas.csv", mayChangeExisting: false, Ct));
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
            Assert.Equal(15, report.Created);
        }

        await using (var scope = Db.Scope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
            var wards = await db.Areas.Where(a => a.Parent!.Code == DemoData.CambridgeCode).Select(a => new { a.Name, a.Code }).ToListAsync(Ct);
            Assert.Equal(DemoData.Wards.OrderBy(w => w.Code, StringComparer.Ordinal), wards.Select(w => (w.Name, w.Code!)).OrderBy(w => w.Item2, StringComparer.Ordinal));
        }

        var organisation = await Db.OrganisationAsync();
        await using (var register = File.OpenRead(Sample("register-sample.csv")))
        {
            var report = await Db.With<ImportRegister, RegisterImportReport>(i => i.ImportAsync(register, "register-sample.csv", organisation, DemoData.CambridgeCode, Ct));
            Assert.True(report.Succeeded, string.Join("; ", report.Errors));
            Assert.Equal(7, report.Imported);
        }

        var person = await Db.PersonAsync("sam@example.org");
        var result = await Db.With<VerifyResidency, Result<VerifiedResidency>>(v => v.VerifyAsync(person, "ab1-0002", "CB58HT", Ct));
        Assert.Equal("You are now a verified resident of Abbey.", result.Value?.Message);
    }
}

public sealed class SampleFilesSqliteTests() : SampleFilesTests(TestProvider.Sqlite);

public sealed class SampleFilesPostgresTests() : SampleFilesTests(TestProvider.Postgres);
