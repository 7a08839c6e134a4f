namespace Answerback.Platform.Comments;

/// <summary>Per-person limits on commenting (section <c>Comments</c>).</summary>
public sealed class CommentsOptions
{
    public const string Section = "Comments";

    /// <summary>Comments a person may post in any one minute.</summary>
    public int PerMinute { get; set; } = 5;

    /// <summary>Comments a person may post in any one hour.</summary>
    public int PerHour { get; set; } = 40;

    /// <summary>How long a near-identical comment by the same person is refused as a repeat.</summary>
    public TimeSpan RepeatWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long after posting the author may edit (the 10 minutes); every edit stays in the public history.</summary>
    public TimeSpan EditWindow { get; set; } = TimeSpan.FromMinutes(10);
}
