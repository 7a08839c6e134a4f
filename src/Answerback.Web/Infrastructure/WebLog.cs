namespace Answerback.Web.Infrastructure;

/// <summary>The web host's structured log events (source-generated: no boxing when a level is off).</summary>
public static partial class WebLog
{
    [LoggerMessage(1001, LogLevel.Information, "Account {PersonId} created")]
    public static partial void AccountCreated(this ILogger logger, Guid personId);

    [LoggerMessage(1002, LogLevel.Information, "Account {PersonId} confirmed its email address")]
    public static partial void EmailConfirmed(this ILogger logger, Guid personId);

    [LoggerMessage(1003, LogLevel.Information, "Account {PersonId} signed in")]
    public static partial void SignedIn(this ILogger logger, Guid personId);

    [LoggerMessage(1004, LogLevel.Warning, "Account {PersonId} is locked out after repeated failed sign-ins")]
    public static partial void LockedOut(this ILogger logger, Guid personId);

    [LoggerMessage(1005, LogLevel.Information, "Account {PersonId} reset its password")]
    public static partial void PasswordReset(this ILogger logger, Guid personId);

    [LoggerMessage(1006, LogLevel.Warning, "Rate limit {Limit} reached for {Path} from {Address}")]
    public static partial void RateLimited(this ILogger logger, string limit, string? path, string address);

    [LoggerMessage(1007, LogLevel.Information, "Demo sign-in as {PersonId}")]
    public static partial void DemoSignIn(this ILogger logger, Guid personId);

    [LoggerMessage(1008, LogLevel.Warning, "Person {PersonId} was refused {Action} for organisation {OrganisationId}")]
    public static partial void Refused(this ILogger logger, Guid personId, string action, Guid organisationId);

    [LoggerMessage(1009, LogLevel.Information, "Demo mode: seeded {Areas} areas, {People} people, {Entries} register entries (0 means already present)")]
    public static partial void DemoSeeded(this ILogger logger, int areas, int people, int entries);

    [LoggerMessage(1010, LogLevel.Warning, "Sign-in failed for {PersonId} ({Reason})")]
    public static partial void SignInFailed(this ILogger logger, string personId, string reason);

    [LoggerMessage(1011, LogLevel.Information, "Account {PersonId} ended all its sessions")]
    public static partial void SessionsEnded(this ILogger logger, Guid personId);

    [LoggerMessage(1012, LogLevel.Warning, "Demo mode outside Development: the outbox, with every email the site sends, is public (Demo:AllowPublicOutbox)")]
    public static partial void PublicOutbox(this ILogger logger);

    [LoggerMessage(1013, LogLevel.Information, "Account {PersonId} changed its two-factor sign-in: {Change}")]
    public static partial void TwoFactorChanged(this ILogger logger, Guid personId, string change);

    // Sign in with existing accounts and passkeys (issue 13): ids 1301 and up.
    [LoggerMessage(1301, LogLevel.Warning, "Sign-in through {Provider} refused: {Reason}")]
    public static partial void ExternalSignInRefused(this ILogger logger, string provider, string reason);

    [LoggerMessage(1302, LogLevel.Information, "Account {PersonId} {Change}")]
    public static partial void SignInMethodChanged(this ILogger logger, Guid personId, string change);
}
