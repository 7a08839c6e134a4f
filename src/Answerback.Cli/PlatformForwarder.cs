using System.Diagnostics;

namespace Answerback.Cli;

/// <summary>
/// How the native engines build (<c>src/Answerback.Cli.Engines</c>) runs the platform's commands
/// (<c>admin</c>, <c>db</c>, ...): it starts the full command, installed in the <c>platform</c> folder beside
/// it (the README's install step) or named by <see cref="Variable"/>, with the same arguments, standard
/// input, output and error, and returns its exit code. So users have one <c>answerback</c>: <c>--help</c> and
/// the engines' commands start in milliseconds, and the platform's commands cost one more process start.
/// </summary>
public static class PlatformForwarder
{
    /// <summary>The environment variable naming the full command's executable, when it is not in <c>platform/</c>.</summary>
    public const string Variable = "ANSWERBACK_PLATFORM_CLI";

    /// <summary>The full command's executable: <see cref="Variable"/>, or <c>platform/answerback</c> beside this executable.</summary>
    public static string Locate() =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path
            ? path
            : Path.Combine(AppContext.BaseDirectory, "platform", OperatingSystem.IsWindows() ? "answerback.exe" : "answerback");

    /// <summary>Runs <paramref name="executable"/> with <paramref name="args"/> and returns its exit code.</summary>
    /// <exception cref="CliException">The executable is not there (names the install step).</exception>
    public static int Run(string executable, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var name = args.Count > 0 ? args[0] : "";
        if (!File.Exists(executable))
        {
            throw new CliException(
                $"'{name}' is one of the platform's commands, which this build runs through the full command at {executable}, and it is not there. " +
                $"Install it with `dotnet publish src/Answerback.Cli -c Release -o {Path.GetDirectoryName(executable)}` (see the README), or set {Variable} to its path.");
        }

        var start = new ProcessStartInfo(executable) { UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // Ctrl+C reaches both processes: this one waits for the full command to stop and passes on its exit code.
        static void KeepWaiting(object? sender, ConsoleCancelEventArgs e) => e.Cancel = true;
        Console.CancelKeyPress += KeepWaiting;
        try
        {
            using var process = Process.Start(start) ?? throw new CliException($"could not start {executable}");
            process.WaitForExit();
            return process.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= KeepWaiting;
        }
    }
}
