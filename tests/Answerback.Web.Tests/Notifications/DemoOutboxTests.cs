using System.Net;
using System.Text.RegularExpressions;
using Answerback.Platform.Accounts;
using Answerback.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Answerback.Web.Tests.Notifications;

/// <summary>
/// The outbox in demo mode: open to everyone for confirming new accounts, but never showing a
/// privileged account's email (a password reset link for the administrator would be a takeover).
/// </summary>
public sealed class DemoOutboxTests(DemoAppFixture apps) : IClassFixture<DemoAppFixture>
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_AnonymousInDemoMode_HidesTheAdministratorsResetButShowsACitizensConfirmation(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var admin = $"admin-{provider}@example.org";
        var citizen = $"new-citizen-{provider}@example.org";
        await app.CreatePersonAsync(admin, role: Roles.Administrator);
        using var anonymous = app.Session();
        await anonymous.PostFormAsync("/accounts/forgot-password", [new("Input.Email", admin)]);
        var signUp = await anonymous.PostFormAsync("/accounts/sign-up",
            [new("Input.Email", citizen), new("Input.DisplayName", "Nia Newcomer"), new("Input.Password", WebSession.DefaultPassword)]);
        Assert.Equal(HttpStatusCode.Redirect, signUp.Status);
        await app.DeliverEmailAsync();

        var list = await anonymous.GetAsync("/operator/outbox");

        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Contains("Confirm your email address<span class=\"visually-hidden\"> to " + citizen, list.Html, StringComparison.Ordinal);
        Assert.DoesNotContain(admin, list.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Messages to privileged accounts", list.Html, StringComparison.Ordinal);

        // The administrator sees the reset (so it was sent), and its address is refused to the anonymous visitor.
        using var adminSession = app.Session();
        await adminSession.SignInAsync(admin);
        var adminList = await adminSession.GetAsync("/operator/outbox");
        var reset = Regex.Match(adminList.Html, "href=\"(/operator/outbox/[0-9a-f-]+)\">Reset your password<span class=\"visually-hidden\"> to " + Regex.Escape(admin));
        Assert.True(reset.Success, "the administrator sees the reset email");
        Assert.DoesNotContain("Messages to privileged accounts", adminList.Html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(reset.Groups[1].Value)).Status);
        Assert.Equal(HttpStatusCode.OK, (await adminSession.GetAsync(reset.Groups[1].Value)).Status);
    }

    /// <summary>Issue 9, finding 6: on a demo, anyone could read any visitor's reset email and take the account.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Get_AnotherVisitorsReset_HiddenFromEveryoneButTheRecipient(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var visitor = $"visitor-{provider}@example.org";
        await app.CreatePersonAsync(visitor);
        using var attacker = app.Session();
        await attacker.PostFormAsync("/accounts/forgot-password", [new("Input.Email", visitor)]);
        await app.DeliverEmailAsync();

        var list = await attacker.GetAsync("/operator/outbox");
        Assert.DoesNotContain("Reset your password<span class=\"visually-hidden\"> to " + visitor, list.Html, StringComparison.Ordinal);

        using var owner = app.Session();
        await owner.SignInAsync(visitor);
        var own = await owner.GetAsync("/operator/outbox");
        Assert.Contains("Reset your password<span class=\"visually-hidden\"> to " + visitor, own.Html, StringComparison.Ordinal);
    }

    /// <summary>Issue 9, finding 6: an account made during a demo never receives a role.</summary>
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task SignUp_DuringADemo_TheAccountCannotBeGivenARole(Provider provider)
    {
        var app = await apps.AppAsync(provider);
        var email = $"demo-made-{provider}@example.org";
        using var visitor = app.Session();
        await visitor.PostFormAsync("/accounts/sign-up", [new("Input.Email", email), new("Input.DisplayName", "Dee Mo"), new("Input.Password", WebSession.DefaultPassword)]);
        var person = await app.WithScopeAsync(s => s.GetRequiredService<Answerback.Platform.Data.AnswerbackDbContext>().Users.Where(u => u.Email == email).Select(u => new { u.Id, u.CreatedInDemo }).SingleAsync());
        Assert.True(person.CreatedInDemo);

        var granted = await app.WithScopeAsync(async s =>
        {
            var organisation = await s.GetRequiredService<Answerback.Platform.Data.AnswerbackDbContext>().Organisations.Select(o => o.Id).FirstAsync();
            return await s.GetRequiredService<Answerback.Platform.Organisations.GrantOrganisationRole>().GrantAsync(organisation, person.Id, Answerback.Platform.Organisations.OrganisationRoleKind.Organiser);
        });
        Assert.False(granted.Succeeded);
    }
}

/// <summary>Issue 9, finding 6: a demo outside Development starts only with Demo:AllowPublicOutbox.</summary>
public sealed class DemoStartupTests
{
    [Fact]
    public async Task Start_DemoOutsideDevelopmentWithoutAllowPublicOutbox_Refused()
    {
        await using var app = new AnswerbackApp(Provider.Sqlite, demo: true, new Dictionary<string, string?> { ["Demo:AllowPublicOutbox"] = "false" });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains("Demo:AllowPublicOutbox", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Residency:HashKey", "Residency:HashKey")]
    [InlineData("DataProtection:CertificatePath", "DataProtection:CertificatePath")]
    [InlineData("Site:PublicUrl", "Site:PublicUrl")]
    public async Task Start_OutsideDevelopmentWithoutASecret_RefusedNamingIt(string missing, string named)
    {
        await using var app = new AnswerbackApp(Provider.Sqlite, demo: false, new Dictionary<string, string?> { [missing] = "" });
        var error = Assert.ThrowsAny<Exception>(() => app.Server);
        Assert.Contains(named, error.ToString(), StringComparison.Ordinal);
    }
}
