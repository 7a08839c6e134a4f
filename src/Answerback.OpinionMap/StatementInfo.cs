namespace Answerback.OpinionMap;

/// <summary>A statement (a Pol.is "comment") participants vote on.</summary>
/// <param name="Id">The export's statement id (Pol.is <c>comment-id</c>).</param>
/// <param name="IsModeratedOut">True when moderators removed it: it and all its votes are left out of the analysis.</param>
/// <param name="IsMeta">True for a Pol.is meta statement (about the conversation itself): clustered, but never representative or consensus.</param>
/// <param name="Text">The statement's text, when known.</param>
/// <param name="AuthorId">The author's participant id, when known.</param>
/// <param name="Timestamp">When it was written (Unix milliseconds), when known.</param>
public sealed record StatementInfo(
    string Id,
    bool IsModeratedOut = false,
    bool IsMeta = false,
    string? Text = null,
    string? AuthorId = null,
    long? Timestamp = null);

/// <summary>One vote: agree = +1, disagree = −1, pass = 0.</summary>
/// <param name="ParticipantId">Who voted.</param>
/// <param name="StatementId">On which statement.</param>
/// <param name="Value">+1 agree, −1 disagree, 0 pass.</param>
/// <param name="Timestamp">When (Unix milliseconds); a participant's latest vote on a statement wins.</param>
public readonly record struct VoteRecord(string ParticipantId, string StatementId, sbyte Value, long Timestamp);
