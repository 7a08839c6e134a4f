using Answerback.Platform.Data;
using Answerback.Platform.RateLimits;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Tests.RateLimits;

public abstract class CountAttemptTests(TestProvider provider) : PlatformTest(provider)
{
    private static readonly RateLimit ThreeAMinute = new("Test/address", 3, TimeSpan.FromMinutes(1));

    private Task<AttemptCounted> CountAsync(RateLimit limit, string partition)
        => Db.With<CountAttempt, AttemptCounted>(c => c.RunAsync(limit, partition, Ct));

    private async Task<List<bool>> CountManyAsync(int attempts, RateLimit limit, string partition)
    {
        var allowed = new List<bool>();
        for (var i = 0; i < attempts; i++)
        {
            allowed.Add((await CountAsync(limit, partition)).Allowed);
        }

        return allowed;
    }

    [Fact]
    public async Task Run_UpToThePermits_Allowed_ThenRefusedUntilTheWindowEnds()
    {
        var allowed = await CountManyAsync(5, ThreeAMinute, "192.0.2.1");
        var last = await CountAsync(ThreeAMinute, "192.0.2.1");

        Assert.Equal([true, true, true, false, false], allowed);
        Assert.Equal((false, 6), (last.Allowed, last.Count));
        // The clock starts at 09:00:00 exactly: the window is that minute.
        Assert.Equal(PlatformTestDatabase.Start.AddMinutes(1), last.WindowEnds);
        Assert.Equal(60, last.RetryAfterSeconds(Db.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Run_OtherPartitionOrOtherLimit_CountedApart()
    {
        await CountManyAsync(3, ThreeAMinute, "192.0.2.1");

        var otherAddress = await CountAsync(ThreeAMinute, "192.0.2.2");
        var otherLimit = await CountAsync(new RateLimit("Test/account", 3, TimeSpan.FromMinutes(1)), "192.0.2.1");
        var sameAgain = await CountAsync(ThreeAMinute, "192.0.2.1");

        Assert.Equal((true, 1), (otherAddress.Allowed, otherAddress.Count));
        Assert.Equal((true, 1), (otherLimit.Allowed, otherLimit.Count));
        Assert.False(sameAgain.Allowed);
    }

    [Fact]
    public async Task Run_NextWindow_StartsAgainFromOne_FixedWindowsSoABurstAtTheBoundaryGetsTwice()
    {
        Db.Time.Advance(TimeSpan.FromSeconds(59));
        var endOfFirst = await CountManyAsync(4, ThreeAMinute, "192.0.2.1");
        Db.Time.Advance(TimeSpan.FromSeconds(1));
        var startOfSecond = await CountManyAsync(4, ThreeAMinute, "192.0.2.1");
        Db.Time.Advance(TimeSpan.FromMinutes(5));
        var later = await CountAsync(ThreeAMinute, "192.0.2.1");

        Assert.Equal([true, true, true, false], endOfFirst);
        Assert.Equal([true, true, true, false], startOfSecond);
        Assert.Equal((true, 1), (later.Allowed, later.Count));
        Assert.Equal(PlatformTestDatabase.Start.AddMinutes(7), later.WindowEnds);
    }

    [Fact]
    public async Task Run_ManyAtOnceFromSeparateConnections_NeverMoreThanThePermits_EachGetsItsOwnCount()
    {
        var limit = new RateLimit("Test/burst", 10, TimeSpan.FromHours(1));
        const int attempts = 60;

        // Each attempt in its own scope: its own DbContext and connection, as parallel requests on
        // several nodes would be.
        var results = await Task.WhenAll(Enumerable.Range(0, attempts).Select(_ => Task.Run(() => CountAsync(limit, "203.0.113.9"), Ct)));

        Assert.Equal(10, results.Count(r => r.Allowed));
        Assert.Equal(Enumerable.Range(1, attempts), results.Select(r => r.Count).Order());
        Assert.All(results.Where(r => r.Allowed), r => Assert.InRange(r.Count, 1, 10));
    }

    [Fact]
    public async Task Run_LongPartition_KeyIsBoundedAndHoldsNoneOfTheUsersText()
    {
        var typed = new string('x', 10_000) + "@example.org";
        await CountManyAsync(3, ThreeAMinute, typed);

        var fourth = await CountAsync(ThreeAMinute, typed);
        var keys = await Db.With<AnswerbackDbContext, List<string>>(db => db.Set<RateLimitWindow>().Select(w => w.Key).ToListAsync(Ct));

        Assert.False(fourth.Allowed);
        var key = Assert.Single(keys);
        Assert.Equal(CountAttempt.Key(ThreeAMinute, typed), key);
        Assert.StartsWith("Test/address:", key, StringComparison.Ordinal);
        Assert.InRange(key.Length, 1, RateLimitWindow.MaxKeyLength);
        Assert.DoesNotContain("example", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteExpired_EndedWindowsGone_CurrentOnesKeptAndStillCounting()
    {
        var hourly = new RateLimit("Test/hourly", 2, TimeSpan.FromHours(1));
        await CountManyAsync(2, ThreeAMinute, "192.0.2.1");
        await CountManyAsync(2, hourly, "192.0.2.1");
        Db.Time.Advance(TimeSpan.FromMinutes(2));

        var deleted = await Db.With<DeleteExpiredRateLimitWindows, int>(d => d.RunAsync(Ct));
        var left = await Db.With<AnswerbackDbContext, List<string>>(db => db.Set<RateLimitWindow>().Select(w => w.Key).ToListAsync(Ct));
        var hourlyAgain = await CountAsync(hourly, "192.0.2.1");

        Assert.Equal(1, deleted);
        Assert.Equal([CountAttempt.Key(hourly, "192.0.2.1")], left);
        Assert.Equal((false, 3), (hourlyAgain.Allowed, hourlyAgain.Count));
    }

    [Fact]
    public void RateLimit_BadNamePermitsOrWindow_Refused()
    {
        Assert.Throws<ArgumentException>(() => new RateLimit("has space", 1, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentException>(() => new RateLimit(new string('a', RateLimit.MaxNameLength + 1), 1, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimit("Test/a", 0, TimeSpan.FromMinutes(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateLimit("Test/a", 1, TimeSpan.FromMilliseconds(1500)));
    }
}

public sealed class CountAttemptSqliteTests() : CountAttemptTests(TestProvider.Sqlite);

public sealed class CountAttemptPostgresTests() : CountAttemptTests(TestProvider.Postgres);
