namespace Answerback.Platform.Primaries;

/// <summary>The <c>Primaries</c> section: how accepted ballots are batched onto the board (<see cref="AppendToBoard"/>).</summary>
public sealed class PrimariesOptions
{
    public const string Section = "Primaries";

    /// <summary>How often the appender looks for accepted ballots waiting for the board (default 1 s).</summary>
    public TimeSpan BoardAppendInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The fewest waiting ballots appended as one batch (default 10): within a batch the board's order
    /// is random, so a larger batch hides the order of casting better.
    /// </summary>
    public int BoardBatchMinimum { get; set; } = 10;

    /// <summary>The longest a ballot waits for a batch to fill before it is appended anyway (default 1 minute).</summary>
    public TimeSpan BoardBatchMaxWait { get; set; } = TimeSpan.FromMinutes(1);
}
