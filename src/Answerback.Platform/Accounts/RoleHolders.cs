namespace Answerback.Platform.Accounts;

/// <summary>
/// Who may hold a role (administrator, organiser, moderator). An unconfirmed account may belong to
/// someone who signed up with another person's address before them, and an account made on a demo
/// site may have been taken over through the demo's public outbox: neither ever receives a role.
/// </summary>
public static class RoleHolders
{
    /// <summary>Why the person cannot be given a role, or null when they can.</summary>
    public static string? Refusal(Person person)
    {
        ArgumentNullException.ThrowIfNull(person);
        return !person.EmailConfirmed
            ? "The account has not confirmed its email address, so it cannot be given a role (anyone can sign up with an address that is not theirs)."
            : person.CreatedInDemo
                ? "The account was created while the site ran as a demo, so it cannot be given a role."
                : null;
    }
}
