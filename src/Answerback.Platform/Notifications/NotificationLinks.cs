using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Configuration;

namespace Answerback.Platform.Notifications;

/// <summary>
/// Absolute links in notification emails, from <c>Site:PublicUrl</c> (never a request's Host header),
/// and the signed unsubscribe tokens: a token names one person and one kind, is protected with the
/// data-protection key ring shared by every node (authenticated encryption, so it cannot be forged or
/// altered), and does not expire (an old email's unsubscribe link must keep working). A token with no
/// kind (the weekly digest's) stops every kind.
/// </summary>
public sealed class NotificationLinks(IConfiguration configuration, IDataProtectionProvider protection)
{
    /// <summary>The page that one-click unsubscribe links point to (GET shows a button; POST unsubscribes).</summary>
    public const string UnsubscribePath = "/notifications/unsubscribe";

    /// <summary>The preferences page.</summary>
    public const string PreferencesPath = "/notifications/preferences";

    private readonly IDataProtector protector = protection.CreateProtector("Answerback.Notifications.Unsubscribe.v1");

    /// <summary>An absolute address on the site for a path that starts with '/'.</summary>
    public string Absolute(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var site = configuration["Site:PublicUrl"] ?? throw new InvalidOperationException("Site:PublicUrl is not set.");
        return site.TrimEnd('/') + (path.StartsWith('/') ? path : "/" + path);
    }

    /// <summary>The one-click unsubscribe address for this person and kind (null: every kind).</summary>
    public string Unsubscribe(Guid personId, NotificationKind? kind) =>
        Absolute(UnsubscribePath + "?token=" + Uri.EscapeDataString(CreateToken(personId, kind)));

    public string CreateToken(Guid personId, NotificationKind? kind) =>
        WebEncoders.Base64UrlEncode(protector.Protect(Encoding.UTF8.GetBytes(personId.ToString("N") + ":"
            + (kind is { } k ? ((int)k).ToString(System.Globalization.CultureInfo.InvariantCulture) : AllKinds))));

    private const string AllKinds = "*";

    /// <summary>The person and kind (null: every kind) a token names; null for anything that is not a token we issued.</summary>
    public UnsubscribeToken? ReadToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var text = Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            var parts = text.Split(':');
            if (parts.Length != 2 || !Guid.TryParseExact(parts[0], "N", out var person))
            {
                return null;
            }

            if (parts[1] == AllKinds)
            {
                return new UnsubscribeToken(person, null);
            }

            return int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var kind)
                && Enum.IsDefined((NotificationKind)kind)
                ? new UnsubscribeToken(person, (NotificationKind)kind)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

/// <summary>What an unsubscribe token names: a person, and one kind or (null) every kind.</summary>
public sealed record UnsubscribeToken(Guid PersonId, NotificationKind? Kind);
