namespace Answerback.Testing;

/// <summary>
/// Where the tests find what lies outside the project, and what they do when it is missing:
/// locally a test that needs PostgreSQL, Chromium or <c>../shared/data</c> is skipped with a visible
/// reason; under <c>CI=true</c> a missing PostgreSQL or Chromium is a failure (npgsql's practice).
/// </summary>
internal static class TestEnvironment
{
    public static bool IsCi =>
        string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>The folder holding <c>Answerback.slnx</c>.</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>The project's own test data: <c>tests/data</c>.</summary>
    public static string TestData => Path.Combine(RepositoryRoot, "tests", "data");

    /// <summary>
    /// <c>../shared/data</c> beside the checkout, or a skip when it is absent (a fresh clone has none).
    /// </summary>
    public static string RequireSharedData()
    {
        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "data"));
        if (!Directory.Exists(path))
        {
            Assert.Skip($"Reference data not found at {path}: this test needs ../shared/data beside the checkout.");
        }

        return path;
    }

    /// <summary>The PostgreSQL connection string from ANSWERBACK_TEST_POSTGRES, or a skip (a failure in CI).</summary>
    public static string RequirePostgres()
    {
        var connection = Environment.GetEnvironmentVariable("ANSWERBACK_TEST_POSTGRES");
        if (string.IsNullOrWhiteSpace(connection))
        {
            const string reason = "ANSWERBACK_TEST_POSTGRES is not set: PostgreSQL tests need a server (.ci/run starts one).";
            if (IsCi)
            {
                Assert.Fail(reason + " CI=true, so this is a failure.");
            }

            Assert.Skip(reason);
        }

        return connection;
    }

    /// <summary>The Chromium executable for browser tests, or a skip (a failure in CI).</summary>
    public static string RequireChromium()
    {
        var path = Environment.GetEnvironmentVariable("ANSWERBACK_TEST_CHROMIUM") ?? "/usr/bin/chromium";
        if (!File.Exists(path))
        {
            var reason = $"Chromium not found at {path}: browser tests need Debian's chromium package (.ci/run installs it).";
            if (IsCi)
            {
                Assert.Fail(reason + " CI=true, so this is a failure.");
            }

            Assert.Skip(reason);
        }

        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Answerback.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Answerback.slnx not found above " + AppContext.BaseDirectory);
    }
}
