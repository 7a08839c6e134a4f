using Answerback.Platform.Notifications;
using Answerback.Platform.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Platform.Tests.Notifications;

public class OutboxTests
{
    [Fact]
    public async Task SendAsync_WithoutSmtp_WritesToTheOutboxNewestFirst()
    {
        await using var db = await PlatformTestDatabase.CreateAsync(TestProvider.Sqlite);
        var sender = db.Services.GetRequiredService<IEmailSender>();
        Assert.IsType<OutboxEmailSender>(sender);

        await sender.SendAsync(new EmailMessage("ann@example.org", "First", "Confirm: https://example.org/c?x=1", null), TestContext.Current.CancellationToken);
        db.Time.Advance(TimeSpan.FromSeconds(1));
        await sender.SendAsync(new EmailMessage("bob@example.org", "Second", "Plain text", "<p>Html</p>"), TestContext.Current.CancellationToken);

        var outbox = db.Services.GetRequiredService<Outbox>();
        var messages = await outbox.ListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["Second", "First"], messages.Select(m => m.Subject));
        Assert.Equal("bob@example.org", messages[0].To);
        Assert.Contains("<p>Html</p>", messages[0].HtmlBody, StringComparison.Ordinal);
        Assert.Contains("https://example.org/c?x=1", messages[1].TextBody, StringComparison.Ordinal);
        Assert.Equal(PlatformTestDatabase.Start, messages[1].SentAt);
        Assert.True(Directory.Exists(Path.Combine(db.DataFolder, "outbox")));

        var read = await outbox.ReadAsync(messages[1].Id, TestContext.Current.CancellationToken);
        Assert.Equal("First", read?.Subject);
        Assert.Null(await outbox.ReadAsync("../answerback", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task AddPlatform_SmtpHostSet_UsesSmtp()
    {
        await using var db = await PlatformTestDatabase.CreateAsync(TestProvider.Sqlite, new Dictionary<string, string?> { ["Email:Smtp:Host"] = "smtp.example.org" });
        Assert.IsType<SmtpEmailSender>(db.Services.GetRequiredService<IEmailSender>());
    }
}
