namespace Answerback.Platform.Demo;

/// <summary>The <c>Demo</c> section, read by the web host.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Seed the demo data and show the demo sign-in panel.</summary>
    public bool Enabled { get; set; }

    /// <summary>
    /// Outside Development the demo (whose outbox anyone can read) only starts when this is set
    /// too, and a warning is logged: it says the operator knows the outbox is public.
    /// </summary>
    public bool AllowPublicOutbox { get; set; }
}
