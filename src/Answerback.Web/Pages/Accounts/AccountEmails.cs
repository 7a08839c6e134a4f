using System.Text;
using System.Text.Encodings.Web;
using Answerback.Platform.Accounts;
using Answerback.Platform.Notifications;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// The account emails, each queued (never sent inside the request) with links built from
/// <c>Site:PublicUrl</c> (never from the request's Host header): confirmation and password reset
/// with a one-use link, and the notices that take their place when the address already has an
/// account or has none, so every form answers the same whatever the address.
/// </summary>
public sealed class AccountEmails(UserManager<Person> users, IEmailQueue queue, PublicLinks links)
{
    public async Task SendConfirmationAsync(Person person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var token = Encode(await users.GenerateEmailConfirmationTokenAsync(person));
        var link = links.Page("/Accounts/ConfirmEmail", new { userId = person.Id, code = token });
        await SendAsync(person.Email!, "Confirm your email address", Greeting(person),
            "Please confirm your email address for Answerback by opening this link:", link, "Confirm your email address",
            "If you did not create an account, ignore this email.", EmailKind.Confirmation, ct);
    }

    public async Task SendPasswordResetAsync(Person person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var token = Encode(await users.GeneratePasswordResetTokenAsync(person));
        var link = links.Page("/Accounts/ResetPassword", new { userId = person.Id, code = token });
        await SendAsync(person.Email!, "Reset your password", Greeting(person),
            "Someone asked to reset the password of your Answerback account. To choose a new password, open this link:", link, "Choose a new password",
            "If it was not you, ignore this email: your password has not changed.", EmailKind.PasswordReset, ct);
    }

    /// <summary>Sent instead of a confirmation when someone signs up with an address that has an account.</summary>
    public Task SendAlreadyRegisteredAsync(string email, CancellationToken ct)
        => SendAsync(email, "You already have an Answerback account", "Hello,",
            "Someone (perhaps you) tried to create an Answerback account with this address, which already has one. If you have forgotten your password, you can choose a new one here:",
            links.Page("/Accounts/ForgotPassword", null), "Reset your password",
            "If it was not you, ignore this email: nothing has changed.", EmailKind.Notice, ct);

    /// <summary>Sent instead of a reset link when the address has no account.</summary>
    public Task SendNoAccountAsync(string email, CancellationToken ct)
        => SendAsync(email, "Password reset for Answerback", "Hello,",
            "Someone (perhaps you) asked to reset an Answerback password for this address, but it has no account. You may have used another address, or you can create an account here:",
            links.Page("/Accounts/SignUp", null), "Create an account",
            "If it was not you, ignore this email.", EmailKind.Notice, ct);

    /// <summary>
    /// The display name as it may appear in an email: letters, marks, spaces, apostrophes and hyphens
    /// only, at most 40 characters. Anyone chooses their name, and a name like "Your account is
    /// suspended, log in at evil.example" must not read as the site's words.
    /// </summary>
    public static string SafeName(string? name)
    {
        var builder = new StringBuilder();
        foreach (var c in (name ?? "").Normalize(NormalizationForm.FormC))
        {
            if (char.IsLetter(c) || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.NonSpacingMark || c is '\'' or '-')
            {
                builder.Append(c);
            }
            else if (char.IsWhiteSpace(c) && builder.Length > 0 && builder[^1] != ' ')
            {
                builder.Append(' ');
            }

            if (builder.Length >= 40)
            {
                break;
            }
        }

        var safe = builder.ToString().Trim();
        return safe.Length == 0 ? "there" : safe;
    }

    /// <summary>Identity tokens contain '+' and '/': Base64Url keeps them intact in a link.</summary>
    public static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    public static string? Decode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(code));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Greeting(Person person) => $"Hello {SafeName(person.DisplayName)},";

    private Task SendAsync(string to, string subject, string greeting, string intro, string link, string linkText, string outro, EmailKind kind, CancellationToken ct)
    {
        var text = $"{greeting}\n\n{intro}\n\n{link}\n\n{outro}\n";
        var html = $"<p>{HtmlEncoder.Default.Encode(greeting)}</p><p>{HtmlEncoder.Default.Encode(intro)}</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">{HtmlEncoder.Default.Encode(linkText)}</a></p><p>{HtmlEncoder.Default.Encode(outro)}</p>";
        return queue.EnqueueAsync(new EmailMessage(to, subject, text, html, kind), ct);
    }
}
