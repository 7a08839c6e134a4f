using System.Collections.Concurrent;
using System.Net.Sockets;
using Answerback.Platform.Data;
using Answerback.Platform.Primaries;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Web.Tests.Primaries;

/// <summary>
/// The web app is killed with SIGKILL in the middle of a casting load on PostgreSQL; after a restart
/// every ballot whose response was a success is on the board, the board verifies, and ballots stored
/// = board entries = credentials used (nothing half-done survives).
/// </summary>
public sealed class CastingDurabilityTests
{
    [Fact]
    public async Task Cast_ServerKilledMidLoad_EveryAcknowledgedBallotOnABoardThatVerifies()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = TestDatabase.Create(TestProvider.Postgres, "durability");
        var settings = TwoNodes.NodeSettings(database, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Critical", ["Primaries:BoardBatchMaxWait"] = "00:00:02" });
        var dll = WebProcess.WebDll(TestEnvironment.RepositoryRoot);
        var port = FreePort();
        var web = await WebProcess.StartAsync(dll, settings, port, ct);
        CastingPrimary primary;
        var acknowledged = new ConcurrentBag<string>();
        try
        {
            primary = await CastingLoad.SetUpAsync(settings, 600, ct);
            while (TimeProvider.System.GetUtcNow() < primary.VotingOpens.AddSeconds(1))
            {
                await Task.Delay(200, ct);
            }

            var codes = new ConcurrentQueue<string>(primary.Codes);
            var workers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
            {
                var (client, token) = await CastingLoad.ClientAsync(web.Address, primary.Id, ct);
                using (client)
                {
                    while (codes.TryDequeue(out var code))
                    {
                        var outcome = await CastingLoad.CastAsync(client, token, primary.Id, code, w, ct);
                        if (outcome.Acknowledged)
                        {
                            acknowledged.Add(outcome.TrackingCode!);
                        }
                        else if (outcome.Status is null)
                        {
                            return; // The server is gone.
                        }
                    }
                }
            }, ct)).ToList();

            // Kill once casting is well under way, with requests in flight.
            while (acknowledged.Count < 60)
            {
                await Task.Delay(10, ct);
            }

            web.Kill();
            await Task.WhenAll(workers);
        }
        finally
        {
            await web.DisposeAsync();
        }

        Assert.InRange(acknowledged.Count, 60, 599);
        await using var restarted = await WebProcess.StartAsync(dll, settings, FreePort(), ct);
        using var client = new HttpClient { BaseAddress = restarted.Address };
        var options = new DbContextOptionsBuilder<AnswerbackDbContext>().UseNpgsql(database.PostgresConnectionString).Options;
        await using var db = new AnswerbackDbContext(options);
        // The restarted app's appender puts the ballots accepted before the kill on the board.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (await db.Set<PendingBoardEntry>().AnyAsync(p => p.PrimaryId == primary.Id, ct) && waited.Elapsed < TimeSpan.FromMinutes(2))
        {
            await Task.Delay(250, ct);
        }

        var board = BoardDocument.Read(await client.GetStreamAsync(new Uri($"/api/primaries/{primary.Id}/board", UriKind.Relative), ct), "board.json");
        var verification = VerifyBoard.Run(board);
        Assert.True(verification.Succeeded, verification.FirstFailure?.Detail);
        var onBoard = board.Entries.Select(e => e.TrackingCode).ToHashSet(StringComparer.Ordinal);
        Assert.All(acknowledged, code => Assert.Contains(code, onBoard));

        var ballots = await db.Set<StoredBallot>().CountAsync(b => b.PrimaryId == primary.Id, ct);
        var used = await db.Set<PrimaryCredential>().CountAsync(c => c.PrimaryId == primary.Id && c.Used, ct);
        Assert.Equal((board.Entries.Count, board.Entries.Count), (ballots, used));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
