using System.Net;
using System.Text;
using MimeKit;
using netDumbster.smtp;

namespace Answerback.Web.Tests.Notifications;

/// <summary>A real SMTP server on 127.0.0.1 (netDumbster) on a free port, and the messages it received, parsed by MimeKit.</summary>
public sealed class SmtpTestServer : IDisposable
{
    private readonly SimpleSmtpServer server = Configuration.Configure().WithAddress(IPAddress.Loopback).WithRandomPort().Build();

    public int Port => server.Configuration.Port;

    /// <summary>The settings that send the app's email here.</summary>
    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Email:Smtp:Host"] = "127.0.0.1",
        ["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Email:Smtp:Security"] = "None",
    };

    /// <summary>Every message received for <paramref name="to"/> so far.</summary>
    public IReadOnlyList<MimeMessage> To(string to) =>
        [.. server.ReceivedEmail
            .Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m.Data))))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)))];

    /// <summary>Waits until <paramref name="count"/> messages for <paramref name="to"/> have arrived (a bound of a minute, not a timing assertion).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(string to, int count = 1)
    {
        for (var i = 0; i < 600; i++)
        {
            var received = To(to);
            if (received.Count >= count)
            {
                return received;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"No {count} message(s) for {to} arrived at the test SMTP server.");
    }

    public void Dispose() => server.Dispose();
}
