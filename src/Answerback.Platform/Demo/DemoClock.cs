namespace Answerback.Platform.Demo;

/// <summary>
/// A demo seed's clock, set back to when each step of the demo's story happened, so the use cases
/// that check a timetable run as they did then.
/// </summary>
internal sealed class DemoClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
