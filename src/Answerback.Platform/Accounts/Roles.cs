namespace Answerback.Platform.Accounts;

/// <summary>Global Identity role names. Organisation roles live in <c>OrganisationRoles</c>.</summary>
public static class Roles
{
    /// <summary>Runs the whole platform; passes every organisation check.</summary>
    public const string Administrator = "Administrator";
}
