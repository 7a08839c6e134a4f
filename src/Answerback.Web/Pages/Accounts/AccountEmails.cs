using System.Text;
using System.Text.Encodings.Web;
using Answerback.Platform.Accounts;
using Answerback.Platform.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Answerback.Web.Pages.Accounts;

/// <summary>The account emails: confirmation and password reset, each with a one-use link.</summary>
public sealed class AccountEmails(UserManager<Person> users, IEmailSender sender, LinkGenerator links, IHttpContextAccessor accessor)
{
    public async Task SendConfirmationAsync(Person person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var token = Encode(await users.GenerateEmailConfirmationTokenAsync(person));
        var link = Link("/Accounts/ConfirmEmail", new { userId = person.Id, code = token });
        var text = $"Hello {person.DisplayName},\n\nPlease confirm your email address for Answerback by opening this link:\n\n{link}\n\nIf you did not create an account, ignore this email.\n";
        var html = $"<p>Hello {HtmlEncoder.Default.Encode(person.DisplayName)},</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Confirm your email address</a></p><p>If you did not create an account, ignore this email.</p>";
        await sender.SendAsync(new EmailMessage(person.Email!, "Confirm your email address", text, html), ct);
    }

    public async Task SendPasswordResetAsync(Person person, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(person);
        var token = Encode(await users.GeneratePasswordResetTokenAsync(person));
        var link = Link("/Accounts/ResetPassword", new { userId = person.Id, code = token });
        var text = $"Hello {person.DisplayName},\n\nSomeone asked to reset the password of your Answerback account. To choose a new password, open this link:\n\n{link}\n\nIf it was not you, ignore this email: your password has not changed.\n";
        var html = $"<p>Hello {HtmlEncoder.Default.Encode(person.DisplayName)},</p><p><a href=\"{HtmlEncoder.Default.Encode(link)}\">Choose a new password</a></p><p>If it was not you, ignore this email: your password has not changed.</p>";
        await sender.SendAsync(new EmailMessage(person.Email!, "Reset your password", text, html), ct);
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

    private string Link(string page, object values)
    {
        var context = accessor.HttpContext ?? throw new InvalidOperationException("Account emails are sent during a request.");
        return links.GetUriByPage(context, page, handler: null, values)
            ?? throw new InvalidOperationException("No route to " + page);
    }
}
