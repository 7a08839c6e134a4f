using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Residency;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Answerback.Platform.Tests.Residency;

/// <summary>
/// Issue 9, finding 3: with the HMAC key stored beside the hashes, a dump gave back every elector
/// of a ward in seconds. The attack: take every value in the dump that could be a key, hash a
/// known elector with it, and look for the hash. Now no value in the database is the key.
/// </summary>
public abstract class ResidencyKeyTests(TestProvider provider) : PlatformTest(provider)
{
    /// <summary>As a fresh Development install: no key configured (the case that stored it in the database).</summary>
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Residency:HashKey"] = null, ["Residency:GenerateKeyFile"] = "true" };

    [Fact]
    public async Task Dump_WithoutTheConfiguredKey_NoCandidateKeyReproducesAHash()
    {
        await Db.With<SeedDemo, SeedDemoReport>(s => s.SeedAsync(Ct));
        await using var scope = Db.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>();
        var hashes = (await db.RegisterEntries.Select(e => e.Hash).ToListAsync(Ct)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(hashes);

        var candidates = await DumpTextAsync(db);
        Assert.NotEmpty(candidates);
        var elector = ResidencyHasher.NormaliseElectorNumber(DemoData.VerifiedResidentElectorNumber);
        var postcode = ResidencyHasher.NormalisePostcode(DemoData.VerifiedResidentPostcode);
        foreach (var value in candidates)
        {
            if (ResidencyHasher.ParseKey(value) is { } key)
            {
                Assert.DoesNotContain(ResidencyHasher.HashEntry(key, elector, postcode), hashes);
            }
        }

        // The configured key does reproduce it: the search above would have found a stored key.
        var real = await scope.ServiceProvider.GetRequiredService<ResidencyHasher>().GetKeyAsync(Ct);
        Assert.Contains(ResidencyHasher.HashEntry(real, elector, postcode), hashes);
    }

    /// <summary>Every text value of every table, read with plain SQL as from a dump.</summary>
    private async Task<List<string>> DumpTextAsync(AnswerbackDbContext db)
    {
        var values = new List<string>();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(Ct);
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).Where(t => t is not null).Distinct())
        {
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Table names come from the EF model.
            command.CommandText = $"SELECT * FROM \"{table}\"";
#pragma warning restore CA2100
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    if (!await reader.IsDBNullAsync(i, Ct) && reader.GetValue(i) is string text)
                    {
                        values.Add(text);
                    }
                }
            }
        }

        return values;
    }
}

public sealed class ResidencyKeySqliteTests() : ResidencyKeyTests(TestProvider.Sqlite);

public sealed class ResidencyKeyPostgresTests() : ResidencyKeyTests(TestProvider.Postgres);

/// <summary>Where the key comes from when it is not in the configuration itself.</summary>
public sealed class ResidencyKeySourceTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddPlatform(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    [Fact]
    public void NoKeyConfigured_RefusesWithTheKeyName()
    {
        using var provider = Build(new() { ["Storage:DataFolder"] = Path.GetTempPath() });
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ResidencyOptions>>().Value);
        Assert.Contains("Residency:HashKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GeneratedKeyFile_InTheDataFolder_SameKeyForTheNextProcess()
    {
        var folder = Path.Combine(Path.GetTempPath(), "answerback-tests", Guid.NewGuid().ToString("N"));
        try
        {
            var settings = new Dictionary<string, string?> { ["Storage:DataFolder"] = folder, ["Residency:GenerateKeyFile"] = "true" };
            byte[] first;
            await using (var provider = Build(settings))
            {
                first = await provider.CreateScope().ServiceProvider.GetRequiredService<ResidencyHasher>().GetKeyAsync(TestContext.Current.CancellationToken);
            }

            Assert.True(File.Exists(Path.Combine(folder, ResidencyHasher.GeneratedKeyFileName)));
            await using var again = Build(new() { ["Storage:DataFolder"] = folder, ["Residency:HashKeyFile"] = Path.Combine(folder, ResidencyHasher.GeneratedKeyFileName) });
            Assert.Equal(first, await again.CreateScope().ServiceProvider.GetRequiredService<ResidencyHasher>().GetKeyAsync(TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
