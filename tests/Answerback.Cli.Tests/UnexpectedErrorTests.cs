namespace Answerback.Cli.Tests;

/// <summary>A failure that is not the user's mistake still gives one clear line and no stack trace.</summary>
public sealed class UnexpectedErrorTests
{
    [Fact]
    public async Task DbMigrate_UnreachablePostgres_OneLineWithoutStackTrace()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        // Port 1 on loopback: nothing listens there, so the connection is refused at once.
        var exit = await AnswerbackCli.RunAsync(
            ["db", "migrate", "--provider", "Postgres", "--connection", "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2"],
            output, error, TestContext.Current.CancellationToken);

        Assert.NotEqual(0, exit);
        var text = error.ToString();
        Assert.StartsWith("answerback: ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
    }
}
