using System.Globalization;
using System.Text.RegularExpressions;

namespace Answerback.Platform.RateLimits;

/// <summary>
/// One limit: at most <see cref="Permits"/> attempts per fixed window of <see cref="Window"/>, counted
/// per partition (a client address, an account, a source host) under <see cref="Name"/>, e.g.
/// <c>SignIn/address</c>. The name is the code's, never a user's; the partition is hashed into the key.
/// </summary>
public sealed partial record RateLimit
{
    /// <summary>The longest <see cref="Name"/>: with the hashed partition the key stays under <see cref="RateLimitWindow.MaxKeyLength"/>.</summary>
    public const int MaxNameLength = 40;

    public RateLimit(string name, int permits, TimeSpan window)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxNameLength || !NameShape().IsMatch(name))
        {
            throw new ArgumentException($"A rate limit's name is 1 to {MaxNameLength} letters, digits and '/', '-', '.': '{name}'.", nameof(name));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permits);
        if (window < TimeSpan.FromSeconds(1) || window.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(window), window, "A rate limit's window is a whole number of seconds, at least one.");
        }

        Name = name;
        Permits = permits;
        Window = window;
    }

    public string Name { get; }

    public int Permits { get; }

    public TimeSpan Window { get; }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Name}: {Permits} per {Window}");

    [GeneratedRegex("^[A-Za-z0-9/.-]+$")]
    private static partial Regex NameShape();
}
