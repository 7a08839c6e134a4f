using System.Collections.Concurrent;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Answerback.Web.Tests.Accounts;

/// <summary>Issue 9 finding 12: failed sign-ins are logged, passwords and recipient addresses never are.</summary>
public sealed class AccountLogTests
{
    [Fact]
    public async Task SignIn_WrongPassword_LoggedWithoutThePasswordOrTheAddress()
    {
        var logs = new CapturedLogs();
        await using var app = new LoggedApp(logs);
        var email = "logged-sign-in@example.org";
        await app.CreatePersonAsync(email);
        using var session = app.Session();

        await session.PostFormAsync("/accounts/sign-in", [new("Input.Email", email), new("Input.Password", "wrong-password-Zq81")]);

        Assert.Contains(logs.Messages, m => m.Contains("Sign-in failed", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains("wrong-password-Zq81", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task SendingEmail_LogsNoRecipientAddress()
    {
        var logs = new CapturedLogs();
        await using var app = new LoggedApp(logs);
        var email = "logged-recipient@example.org";
        using var session = app.Session();

        await session.PostFormAsync("/accounts/sign-up", [new("Input.Email", email), new("Input.DisplayName", "Someone"), new("Input.Password", WebSession.DefaultPassword)]);
        await app.DeliverEmailAsync();

        // The email was sent (and logged by its subject), so the check below has something to look at.
        Assert.Contains(logs.Messages, m => m.StartsWith("Sent email ", StringComparison.Ordinal) || m.StartsWith("Stored email ", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Messages, m => m.Contains(email, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The app on SQLite with Information logs of the app's own categories captured.</summary>
    private sealed class LoggedApp(CapturedLogs logs)
        : AnswerbackApp(Provider.Sqlite, demo: false, new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information" })
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILoggerProvider>(logs));
        }
    }

    /// <summary>Every formatted message, from every logger.</summary>
    private sealed class CapturedLogs : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => this;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            Messages.Enqueue(formatter(state, exception) + " " + exception);
        }

        public void Dispose()
        {
        }
    }
}
