namespace Answerback.Platform.Data;

/// <summary>
/// A secret the platform generated for itself on first use (the residency hash key when
/// <c>Residency:HashKey</c> is not configured), shared by every web node through the database.
/// </summary>
public class PlatformSecret
{
    public string Name { get; set; } = "";

    public string Value { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
