using Answerback.Platform.Data;
using Answerback.Platform.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Notifications;

/// <summary>
/// A node that stops between handing a message to the SMTP server and marking it sent: the next
/// node does not send it again (the message is marked Unconfirmed), and later messages still go out.
/// </summary>
public sealed class EmailCrashTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Sends through real SMTP, then never returns: the node is stopped at exactly the worst moment.</summary>
    private sealed class SendThenHang(IEmailSender inner) : IEmailSender
    {
        public async Task SendAsync(EmailMessage message, CancellationToken ct = default)
        {
            await inner.SendAsync(message, ct);
            await Task.Delay(Timeout.Infinite, ct);
        }
    }

    [Theory]
    [InlineData(TestProvider.Sqlite)]
    [InlineData(TestProvider.Postgres)]
    public async Task NodeStopsAfterSmtpBeforeMarkingSent_NextNodeDoesNotResend(TestProvider provider)
    {
        using var smtp = new SmtpTestServer();
        await using var database = TestDatabase.Create(provider, "email-crash");
        var settings = TwoNodes.NodeSettings(database, new Dictionary<string, string?>(smtp.Settings)
        {
            ["Email:SendingTimeout"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Critical",
        });

        var first = new WebNode("1", settings, services: s => s.AddSingleton<IEmailSender>(p => new SendThenHang(ActivatorUtilities.CreateInstance<SmtpEmailSender>(p)))).Start();
        await using (var scope = first.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IEmailQueue>().EnqueueAsync(new EmailMessage("eve@example.org", "Once only", "Text", null), Ct);
        }

        await smtp.WaitForAsync("eve@example.org");
        await first.DisposeAsync(); // the "crash": its sender never got to mark the message sent

        await using var second = new WebNode("2", settings).Start();
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // past Email:SendingTimeout
        await using (var scope = second.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<DeliverQueuedEmail>().DeliverDueAsync(Ct);
            await scope.ServiceProvider.GetRequiredService<IEmailQueue>().EnqueueAsync(new EmailMessage("eve@example.org", "Next message", "Text", null), Ct);
        }

        var received = await smtp.WaitForAsync("eve@example.org", 2);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // time for a resend to arrive, had there been one
        Assert.Equal(["Next message", "Once only"], smtp.To("eve@example.org").Select(m => m.Subject).Order(StringComparer.Ordinal).ToArray());
        await using (var scope = second.Services.CreateAsyncScope())
        {
            var left = await scope.ServiceProvider.GetRequiredService<AnswerbackDbContext>().Set<QueuedEmail>().AsNoTracking().ToListAsync(Ct);
            var stuck = Assert.Single(left);
            Assert.Equal("Once only", stuck.Subject);
            Assert.Equal(QueuedEmailState.Unconfirmed, stuck.State);
        }

        Assert.Equal(2, received.Count);
    }
}
