namespace Answerback.Platform.Conversations;

/// <summary>Where a report's response stands (as freedom-of-information sites show a request's).</summary>
public enum ResponseState
{
    /// <summary>No response yet and the deadline has not passed.</summary>
    Awaiting = 1,

    OnTime = 2,

    Late = 3,

    /// <summary>No response and the deadline has passed.</summary>
    Overdue = 4,

    /// <summary>No response and twice the response period has passed since the report.</summary>
    LongOverdue = 5,
}

/// <summary>A report's response status, computed from the clock (never stored, so it cannot go stale).</summary>
public sealed record ResponseStatus(ResponseState State, DateTimeOffset RespondBy, DateTimeOffset? RespondedAt)
{
    /// <summary>The status at <paramref name="now"/> of a report published at <paramref name="publishedAt"/> and due at <paramref name="respondBy"/>.</summary>
    public static ResponseStatus At(DateTimeOffset now, DateTimeOffset publishedAt, DateTimeOffset respondBy, DateTimeOffset? respondedAt)
    {
        if (respondedAt is { } at)
        {
            return new(at <= respondBy ? ResponseState.OnTime : ResponseState.Late, respondBy, at);
        }

        var longOverdueAt = publishedAt + 2 * (respondBy - publishedAt);
        return new(now <= respondBy ? ResponseState.Awaiting : now <= longOverdueAt ? ResponseState.Overdue : ResponseState.LongOverdue, respondBy, null);
    }

    public bool IsOverdue => State is ResponseState.Overdue or ResponseState.LongOverdue;

    /// <summary>The status in words: "awaiting response", "responded on time", "responded late", "overdue", "long overdue".</summary>
    public string Words => State switch
    {
        ResponseState.Awaiting => "awaiting response",
        ResponseState.OnTime => "responded on time",
        ResponseState.Late => "responded late",
        ResponseState.Overdue => "overdue",
        _ => "long overdue",
    };

    /// <summary>The API's name of the state: awaiting, on-time, late, overdue, long-overdue.</summary>
    public string Code => State switch
    {
        ResponseState.Awaiting => "awaiting",
        ResponseState.OnTime => "on-time",
        ResponseState.Late => "late",
        ResponseState.Overdue => "overdue",
        _ => "long-overdue",
    };
}
