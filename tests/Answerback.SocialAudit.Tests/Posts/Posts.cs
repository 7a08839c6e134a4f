namespace Answerback.SocialAudit.Tests;

/// <summary>Terse post builders for hand-built cases: times are seconds after a fixed instant.</summary>
internal static class Posts
{
    public static readonly DateTimeOffset T0 = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    private static int _next;

    public static Post Text(string account, double seconds, string text, string? id = null) => new()
    {
        Network = "csv",
        Id = id ?? "p" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture),
        AccountId = account,
        Handle = account,
        Time = T0.AddSeconds(seconds),
        Text = text,
        Kind = PostKind.Original,
    };

    public static Post Repost(string account, double seconds, string of, string text = "") =>
        Text(account, seconds, text) with { Kind = PostKind.Repost, RepostOfId = of };

    public static Post Reply(string account, double seconds, string toPost, string? toAccount = null, string text = "reply") =>
        Text(account, seconds, text) with { Kind = PostKind.Reply, ReplyToPostId = toPost, ReplyToAccountId = toAccount };

    public static Post Link(string account, double seconds, params string[] urls) =>
        Text(account, seconds, "look " + string.Join(' ', urls)) with { Urls = urls };
}
