namespace Answerback.Platform.Demo;

/// <summary>The <c>Demo</c> section, read by the web host.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo data and show the demo sign-in panel.</summary>
    public bool Enabled { get; set; }
}
