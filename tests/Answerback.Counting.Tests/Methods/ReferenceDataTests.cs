using Answerback.Counting.Formats;
using Answerback.Testing;

namespace Answerback.Counting.Tests;

public class ReferenceDataTests
{
    [Theory]
    [InlineData("scottish-stv")]
    [InlineData("meek-stv")]
    [InlineData("av")]
    [InlineData("schulze")]
    public void Count_EveryScottishBltFile_CountsWithoutError(string method)
    {
        var data = TestEnvironment.RequireSharedData();
        var files = Directory.GetFiles(Path.Combine(data, "stv", "blt"), "*.blt", SearchOption.AllDirectories);
        Assert.Equal(1100, files.Length);
        var counter = CountingMethods.Get(method);
        var failures = new List<string>();
        foreach (var file in files)
        {
            var election = BltFormat.Read(file);
            var seats = method is "av" or "schulze" ? (int?)null : election.Seats;
            var report = counter.Count(election, new CountOptions { Seats = seats });
            var expectedSeats = seats ?? 1;
            if (report.Elected.Count != expectedSeats)
            {
                failures.Add($"{Path.GetFileName(file)}: {report.Elected.Count} elected for {expectedSeats} seats");
            }
        }

        Assert.Empty(failures);
    }
}
