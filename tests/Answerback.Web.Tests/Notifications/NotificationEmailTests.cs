using System.Net;
using Answerback.Platform.Data;
using Answerback.Platform.Notifications;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Notifications;

/// <summary>An app that sends its email to a real SMTP server on 127.0.0.1.</summary>
public sealed class SmtpAppFixture : AppFixture
{
    public SmtpTestServer Smtp { get; } = new();

    protected override IReadOnlyDictionary<string, string?> Settings => Smtp.Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Smtp.Dispose();
    }
}

/// <summary>Notifications by email through SMTP: headers, one-click unsubscribe, deduplication, the digest.</summary>
public sealed class NotificationEmailTests(SmtpAppFixture apps) : IClassFixture<SmtpAppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Notify_Immediate_SentWithOneClickUnsubscribeThatTurnsTheKindOff(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"ann-{provider}@example.org";
        var ann = await app.CreatePersonAsync(email);

        await NotifyAsync(app, new Notification(NotificationKind.QuestionAnswered, ann.Id, "answer:1", "Your question was answered", "The Green Party answered your question about buses.", "/primaries/cambridge/questions/1"));

        var message = Assert.Single(await apps.Smtp.WaitForAsync(email));
        Assert.Equal("Your question was answered", message.Subject);
        Assert.Contains("https://localhost/primaries/cambridge/questions/1", message.TextBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var header = message.Headers["List-Unsubscribe"] ?? "";
        Assert.Matches("^<https://localhost/notifications/unsubscribe\\?token=[A-Za-z0-9_%-]+>$", header);
        var unsubscribe = header[1..^1];
        Assert.True((message.TextBody ?? "").Contains(unsubscribe, StringComparison.Ordinal), message.TextBody + "\n---\n" + unsubscribe);

        var response = await OneClickAsync(app, unsubscribe);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("You are unsubscribed", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);

        var preferences = await app.WithScopeAsync(s => s.GetRequiredService<NotificationPreferences>().GetAsync(ann.Id, Ct));
        Assert.False(preferences.Single(p => p.Kind == NotificationKind.QuestionAnswered).Enabled);
        Assert.All(preferences.Where(p => p.Kind != NotificationKind.QuestionAnswered), p => Assert.True(p.Enabled));

        // That kind is now off; another kind still arrives (and nothing of the first was queued meanwhile).
        await NotifyAsync(app, new Notification(NotificationKind.QuestionAnswered, ann.Id, "answer:2", "Another answer", "Text", "/q/2"));
        await NotifyAsync(app, new Notification(NotificationKind.CommentReply, ann.Id, "reply:1", "Someone replied", "Text", "/c/1"));
        var both = await apps.Smtp.WaitForAsync(email, 2);
        Assert.Equal(["Someone replied", "Your question was answered"], both.Select(m => m.Subject).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(NotificationDelivery.Off, await DeliveryAsync(app, ann.Id, "answer:2"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Notify_SameEventManyTimesAtOnce_OneEmail(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"bob-{provider}@example.org";
        var bob = await app.CreatePersonAsync(email);
        var n = new Notification(NotificationKind.ConversationReport, bob.Id, "report:9", "A report on the conversation", "Text", "/conversations/9");

        // Five requests at once, each with its own scope and connection, as five nodes would.
        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => NotifyAsync(app, n)));
        await NotifyAsync(app, n);
        await NotifyAsync(app, n with { EventKey = "report:10", Subject = "The next report" });

        var received = await apps.Smtp.WaitForAsync(email, 2);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct); // time for a duplicate to arrive, had one been queued
        Assert.Equal(1, apps.Smtp.To(email).Count(m => m.Subject == "A report on the conversation"));
        Assert.Equal(2, received.Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Unsubscribe_BadTokenOrGet_ChangesNothing(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var cy = await app.CreatePersonAsync($"cy-{provider}@example.org");
        var token = await app.WithScopeAsync(s => Task.FromResult(s.GetRequiredService<NotificationLinks>().CreateToken(cy.Id, NotificationKind.PrimaryOpened)));
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = AnswerbackApp.BaseAddress });

        // A GET (a link scanner) only shows the button.
        var page = await client.GetAsync("/notifications/unsubscribe?token=" + token, Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("a primary you may vote in opens", await page.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        // A forged or altered token is refused.
        using var empty = new FormUrlEncodedContent([]);
        var forged = await client.PostAsync("/notifications/unsubscribe?token=" + token[..^4] + "AAAA", empty, Ct);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/notifications/unsubscribe", empty, Ct)).StatusCode);

        var preferences = await app.WithScopeAsync(s => s.GetRequiredService<NotificationPreferences>().GetAsync(cy.Id, Ct));
        Assert.All(preferences, p => Assert.True(p.Enabled));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task WeeklyDigest_WaitingItems_OneEmailOnceWithUnsubscribeFromAll(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"dee-{provider}@example.org";
        var dee = await app.CreatePersonAsync(email);
        await app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<NotificationPreferences>().SaveAsync(dee.Id, [new KindPreference(NotificationKind.PrimaryOpened, true, true), new KindPreference(NotificationKind.PrimaryResult, true, true)], Ct);
            return 0;
        });
        await NotifyAsync(app, new Notification(NotificationKind.PrimaryOpened, dee.Id, "opened:1", "The Cambridge primary is open", "Vote now.", "/primaries/cambridge"));
        await NotifyAsync(app, new Notification(NotificationKind.PrimaryResult, dee.Id, "result:1", "The Cambridge primary has a result", "See it.", "/primaries/cambridge/result"));
        Assert.Equal(NotificationDelivery.Digest, await DeliveryAsync(app, dee.Id, "opened:1"));

        var first = await app.WithScopeAsync(s => s.GetRequiredService<SendWeeklyDigest>().RunAsync(Ct));
        var again = await app.WithScopeAsync(s => s.GetRequiredService<SendWeeklyDigest>().RunAsync(Ct));

        Assert.Equal(1, first);
        Assert.Equal(0, again);
        var digest = Assert.Single(await apps.Smtp.WaitForAsync(email));
        Assert.Equal("Your weekly digest: 2 updates", digest.Subject);
        Assert.Contains("The Cambridge primary is open", digest.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://localhost/primaries/cambridge/result", digest.TextBody, StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);

        // The digest's one-click link stops every kind.
        Assert.Equal(HttpStatusCode.OK, (await OneClickAsync(app, (digest.Headers["List-Unsubscribe"] ?? "<>")[1..^1])).StatusCode);
        var preferences = await app.WithScopeAsync(s => s.GetRequiredService<NotificationPreferences>().GetAsync(dee.Id, Ct));
        Assert.All(preferences, p => Assert.False(p.Enabled));
    }

    /// <summary>What a mail client's "unsubscribe" button sends: a POST of that body to the header's address, no cookies, no form token.</summary>
    private static async Task<HttpResponseMessage> OneClickAsync(AnswerbackApp app, string address)
    {
        using var client = app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false, BaseAddress = AnswerbackApp.BaseAddress });
        using var body = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
        var response = await client.PostAsync(new Uri(address), body, Ct);
        await response.Content.LoadIntoBufferAsync(Ct);
        return response;
    }

    private static async Task NotifyAsync(AnswerbackApp app, Notification n) =>
        await app.WithScopeAsync(async s =>
        {
            await s.GetRequiredService<INotify>().NotifyAsync(n, Ct);
            return 0;
        });

    private static Task<NotificationDelivery> DeliveryAsync(AnswerbackApp app, Guid personId, string eventKey) =>
        app.WithScopeAsync(s => s.GetRequiredService<AnswerbackDbContext>().Set<SentNotification>()
            .Where(n => n.PersonId == personId && n.EventKey == eventKey).Select(n => n.Delivery).SingleAsync(Ct));
}
