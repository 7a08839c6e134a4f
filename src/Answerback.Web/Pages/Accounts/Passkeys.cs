using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Passkeys (WebAuthn) through ASP.NET Core Identity 10's own handler: the relying party is the
/// host of <c>Site:PublicUrl</c> (never the request's Host header), user verification (a PIN or
/// a fingerprint on the device) is required, and credentials are discoverable so that signing in
/// needs no email address. A passkey sign-in counts as two factors (the device and its PIN or
/// biometric), so Identity does not ask for the authenticator code after it.
/// </summary>
public static class Passkeys
{
    public static IServiceCollection AddPasskeys(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<IdentityPasskeyOptions>().Configure<IOptions<SiteOptions>>((options, site) =>
        {
            options.ServerDomain = site.Value.BaseUri?.Host;
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
        });
        return services;
    }

    /// <summary>Credential ids travel in forms as base64url, as WebAuthn writes them.</summary>
    public static string Encode(byte[] credentialId) => Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlEncode(credentialId);

    public static byte[]? Decode(string? credentialId)
    {
        if (string.IsNullOrEmpty(credentialId) || credentialId.Length > 1400)
        {
            return null;
        }

        try
        {
            return Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(credentialId);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
