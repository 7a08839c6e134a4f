using System.ComponentModel.DataAnnotations;
using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Organisations;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, RFC 6238, Identity's authenticator token
/// provider): the key is shown as text and as an <c>otpauth://</c> link (no QR image, so no script
/// or image library is needed); a code from the app turns it on and gives ten one-use recovery codes.
/// Required for administrators and organisers, who cannot turn it off.
/// </summary>
public sealed class TwoFactorModel(UserManager<Person> users, SignInManager<Person> signIn, OrganisationAccess access, CurrentPerson current, ILogger<TwoFactorModel> logger) : PageModel
{
    [BindProperty]
    public TwoFactorInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    public bool Enabled { get; private set; }

    public bool MayDisable { get; private set; }

    public string Key { get; private set; } = "";

    public string AuthenticatorUri { get; private set; } = "";

    public IReadOnlyList<string> RecoveryCodes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        await LoadAsync(person, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        var code = new string([.. Input.Code.Where(char.IsAsciiDigit)]);
        if (!await users.VerifyTwoFactorTokenAsync(person, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            ModelState.AddModelError("Input.Code", "This code is not right. Enter the 6 digits your authenticator app shows now.");
            await LoadAsync(person, ct);
            return Page();
        }

        await users.SetTwoFactorEnabledAsync(person, true);
        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 10) ?? []];
        // Turning it on changes the security stamp: re-issue this session's cookie.
        await signIn.RefreshSignInAsync(person);
        logger.TwoFactorChanged(person.Id, "enabled");
        await LoadAsync(person, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync(CancellationToken ct)
    {
        var person = await users.GetUserAsync(User);
        if (person is null || !person.TwoFactorEnabled)
        {
            return RedirectToPage();
        }

        RecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(person, 10) ?? []];
        logger.TwoFactorChanged(person.Id, "new recovery codes");
        await LoadAsync(person, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        var person = await users.GetUserAsync(User);
        if (person is null)
        {
            return Challenge();
        }

        if (await access.IsAnyOrganiserAsync(person.Id, ct))
        {
            return Forbid();
        }

        await users.SetTwoFactorEnabledAsync(person, false);
        await users.ResetAuthenticatorKeyAsync(person);
        await signIn.RefreshSignInAsync(person);
        logger.TwoFactorChanged(person.Id, "disabled");
        return RedirectToPage();
    }

    private async Task LoadAsync(Person person, CancellationToken ct)
    {
        Enabled = person.TwoFactorEnabled;
        MayDisable = !await access.IsAnyOrganiserAsync(current.Id, ct);
        if (Enabled)
        {
            return;
        }

        var key = await users.GetAuthenticatorKeyAsync(person);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(person);
            // Resetting the key changes the security stamp: keep this session.
            await signIn.RefreshSignInAsync(person);
            key = await users.GetAuthenticatorKeyAsync(person) ?? "";
        }

        Key = FormatKey(key);
        AuthenticatorUri = "otpauth://totp/" + Uri.EscapeDataString("Answerback:" + person.Email) + "?secret=" + key + "&issuer=Answerback&digits=6";
    }

    /// <summary>The base32 key in groups of four, easier to type.</summary>
    private static string FormatKey(string key)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            builder.Append(key.AsSpan(i, Math.Min(4, key.Length - i))).Append(' ');
        }

        return builder.ToString().TrimEnd().ToLowerInvariant();
    }
}

public sealed class TwoFactorInput
{
    [Display(Name = "Code from your authenticator app")]
    [StringLength(20)]
    public string Code { get; set; } = "";
}
