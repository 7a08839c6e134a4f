using Answerback.Platform.Accounts;
using Answerback.Platform.Residency;
using Answerback.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Answerback.Web.Pages.Accounts;

/// <summary>"My account": who I am, where I live (verified or declared) and what I may do.</summary>
public sealed class MeModel(UserManager<Person> users, SignInManager<Person> signIn, AccountOverview overview, RegisterAttestation attestation, CurrentPerson current, SignInMethods methods, ExternalProviders providers, ILogger<MeModel> logger) : PageModel
{
    public Person Person { get; private set; } = null!;

    public bool IsAdministrator { get; private set; }

    public IReadOnlyList<MyResidency> Residencies { get; private set; } = [];

    public IReadOnlyList<MyOrganisationRole> OrganisationRoles { get; private set; } = [];

    /// <summary>Whose register backs each verification, and whether it counts.</summary>
    public IReadOnlyList<VerificationBacking> Backing { get; private set; } = [];

    /// <summary>Password, linked accounts and passkeys.</summary>
    public SignInMethodList Methods { get; private set; } = new(false, [], []);

    /// <summary>Providers not linked yet, offered as "Link …" buttons.</summary>
    public IReadOnlyList<ExternalProvider> LinkableProviders { get; private set; } = [];

    public IReadOnlyList<ExternalProvider> Providers => providers.All;

    [BindProperty]
    public string? CredentialJson { get; set; }

    [BindProperty]
    public string? PasskeyName { get; set; }

    /// <summary>Unlinks an account at a provider (refused when it is the last way to sign in).</summary>
    public async Task<IActionResult> OnPostUnlinkAsync(string loginProvider, string providerKey, CancellationToken ct)
    {
        var person = await users.FindByIdAsync(current.Id.ToString());
        if (person is null)
        {
            return Challenge();
        }

        var result = await methods.UnlinkAsync(person, loginProvider ?? "", providerKey ?? "");
        return await AfterChangeAsync(person, result, "unlinked an account at " + loginProvider, ct);
    }

    /// <summary>Removes a passkey (refused when it is the last way to sign in).</summary>
    public async Task<IActionResult> OnPostRemovePasskeyAsync(string credentialId, CancellationToken ct)
    {
        var person = await users.FindByIdAsync(current.Id.ToString());
        if (person is null)
        {
            return Challenge();
        }

        var result = Passkeys.Decode(credentialId) is { } id
            ? await methods.RemovePasskeyAsync(person, id)
            : new Answerback.Platform.Common.Result([new("passkey", "That passkey is not one of yours.")]);
        return await AfterChangeAsync(person, result, "removed a passkey", ct);
    }

    /// <summary>The options for <c>navigator.credentials.create</c> (JSON), for the signed-in person.</summary>
    public async Task<IActionResult> OnPostPasskeyCreationOptionsAsync()
    {
        var person = await users.FindByIdAsync(current.Id.ToString());
        if (person is null)
        {
            return Challenge();
        }

        var entity = new PasskeyUserEntity { Id = person.Id.ToString(), Name = person.Email ?? person.Id.ToString(), DisplayName = person.DisplayName };
        return Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    /// <summary>Stores the passkey the browser created (its attestation checked by Identity).</summary>
    public async Task<IActionResult> OnPostAddPasskeyAsync(CancellationToken ct)
    {
        var person = await users.FindByIdAsync(current.Id.ToString());
        if (person is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(CredentialJson) || CredentialJson.Length > 64 * 1024)
        {
            return await AfterChangeAsync(person, new([new("passkey", "The browser sent no passkey. Try again.")]), "", ct);
        }

        var attestation = await signIn.PerformPasskeyAttestationAsync(CredentialJson);
        if (!attestation.Succeeded)
        {
            return await AfterChangeAsync(person, new([new("passkey", "The passkey could not be added: " + attestation.Failure.Message)]), "", ct);
        }

        var name = string.IsNullOrWhiteSpace(PasskeyName) ? "Passkey" : PasskeyName.Trim();
        attestation.Passkey.Name = name.Length > 100 ? name[..100] : name;
        var stored = await users.AddOrUpdatePasskeyAsync(person, attestation.Passkey);
        return await AfterChangeAsync(person, stored.Succeeded ? new([]) : new([.. stored.Errors.Select(e => new Answerback.Platform.Common.FieldError("passkey", e.Description))]), "added a passkey", ct);
    }

    /// <summary>
    /// After a change of sign-in methods: errors are shown on the page; on success this session is
    /// renewed (a removal changes the security stamp, which ends the person's other sessions).
    /// </summary>
    private async Task<IActionResult> AfterChangeAsync(Person person, Answerback.Platform.Common.Result result, string change, CancellationToken ct)
    {
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result);
            return await OnGetAsync(ct);
        }

        logger.SignInMethodChanged(person.Id, change);
        await signIn.RefreshSignInAsync((await users.FindByIdAsync(person.Id.ToString()))!);
        return Redirect("/accounts/me");
    }

    /// <summary>"Sign out everywhere": every session of the account ends, this one included.</summary>
    public async Task<IActionResult> OnPostSignOutEverywhereAsync()
    {
        await Sessions.EndAllAsync(users, current.Id);
        logger.SessionsEnded(current.Id);
        await signIn.SignOutAsync();
        return Redirect("/accounts/sign-in");
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var person = await users.FindByIdAsync(current.Id.ToString());
        if (person is null)
        {
            return Challenge();
        }

        Person = person;
        var account = await overview.GetAsync(person.Id, ct);
        IsAdministrator = account.IsAdministrator;
        Residencies = account.Residencies;
        OrganisationRoles = account.OrganisationRoles;
        Backing = await attestation.BackingAsync(person.Id, ct);
        Methods = await methods.ListAsync(person);
        LinkableProviders = [.. providers.All.Where(p => !Methods.Logins.Any(l => l.LoginProvider == p.Scheme))];
        return Page();
    }
}
