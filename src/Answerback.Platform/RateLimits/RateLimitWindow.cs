using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Answerback.Platform.RateLimits;

/// <summary>
/// The attempts counted for one key in one fixed window: one row per (key, window start), created
/// by the first attempt and incremented by each later one in a single upsert (<see cref="CountAttempt"/>),
/// deleted after <see cref="Ends"/> by <see cref="DeleteExpiredRateLimitWindows"/>. Instants are Unix
/// seconds (UTC), so the one SQL statement binds the same values on both providers.
/// </summary>
public class RateLimitWindow
{
    /// <summary>The longest key: a limit's name, ':' and 32 hex digits of the partition's hash.</summary>
    public const int MaxKeyLength = RateLimit.MaxNameLength + 1 + 32;

    /// <summary>The limit's name and the hash of its partition, e.g. <c>SignIn/address:3f9a…</c>.</summary>
    public string Key { get; set; } = "";

    /// <summary>The window's first second (Unix time, UTC): a multiple of the window's length.</summary>
    public long Start { get; set; }

    /// <summary>The first second after the window (Unix time, UTC).</summary>
    public long Ends { get; set; }

    /// <summary>Attempts in the window, refused ones included.</summary>
    public int Count { get; set; }
}

internal sealed class RateLimitWindowConfiguration : IEntityTypeConfiguration<RateLimitWindow>
{
    public void Configure(EntityTypeBuilder<RateLimitWindow> builder)
    {
        builder.ToTable("RateLimitWindows");
        builder.HasKey(w => new { w.Key, w.Start });
        builder.Property(w => w.Key).HasMaxLength(RateLimitWindow.MaxKeyLength);
        builder.HasIndex(w => w.Ends);
    }
}
