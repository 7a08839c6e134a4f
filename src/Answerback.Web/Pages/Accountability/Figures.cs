using System.Globalization;
using Answerback.Platform.Accountability;

namespace Answerback.Web.Pages.Accountability;

/// <summary>How the public pages write figures: every share with its interval and sample, or "too few to judge".</summary>
public static class Figures
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public const string TooFew = "too few to judge";

    public static string Share(Proportion p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return p.Value is { } v
            ? string.Create(Inv, $"{v * 100:0} % (95 % interval {p.Low * 100:0}–{p.High * 100:0} %; {p.Count} of {p.Sample})")
            : string.Create(Inv, $"{TooFew} ({p.Count} of {p.Sample}; at least {Scorecards.MinimumSample} needed)");
    }

    public static string Time(Duration d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return d.MedianMinutes is { } m
            ? string.Create(Inv, $"{Minutes(m)} (median of {d.Sample})")
            : string.Create(Inv, $"{TooFew} ({d.Sample} answered; at least {Scorecards.MinimumSample} needed)");
    }

    public static string Minutes(double minutes) => minutes switch
    {
        < 60 => string.Create(Inv, $"{minutes:0} min"),
        < 60 * 48 => string.Create(Inv, $"{minutes / 60:0.#} hours"),
        _ => string.Create(Inv, $"{minutes / 1440:0.#} days"),
    };

    public static string Date(DateTimeOffset? t) => t is { } v ? v.UtcDateTime.ToString("d MMMM yyyy", Inv) : "–";

    public static string Stamp(DateTimeOffset t) => t.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", Inv);

    public static string Number(double n) => n.ToString("0.##", Inv);

    public static string Percent(double share) => (share * 100).ToString("0", Inv) + " %";
}
