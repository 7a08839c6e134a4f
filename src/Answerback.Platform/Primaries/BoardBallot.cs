using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Answerback.Counting;

namespace Answerback.Platform.Primaries;

/// <summary>What a ballot holds, which follows from the counting method.</summary>
public enum BallotKind
{
    /// <summary>One candidate (plurality).</summary>
    Plurality,

    /// <summary>Any candidates, none above another (approval).</summary>
    Approval,

    /// <summary>Candidates in order of preference (AV, STV, Condorcet methods).</summary>
    Ranked,
}

/// <summary>
/// A ballot in the bulletin board's text form: the candidates' numbers (1-based, in the published
/// candidate order) separated by single spaces; in preference order for ranked methods, ascending
/// for approval, one number for plurality. The text is what the commitment seals, so there is exactly
/// one text per ballot: no leading zeros, no repeats, no other spacing.
/// </summary>
public sealed class BoardBallot
{
    private readonly int[] _choices;

    private BoardBallot(BallotKind kind, int[] choices)
    {
        Kind = kind;
        _choices = choices;
        Text = string.Join(' ', choices.Select(c => c.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>The kind of ballot.</summary>
    public BallotKind Kind { get; }

    /// <summary>The candidates' 1-based numbers, in the board's order.</summary>
    public IReadOnlyList<int> Choices => _choices;

    /// <summary>The ballot as the board publishes it, e.g. <c>2 1 3</c>.</summary>
    public string Text { get; }

    /// <summary>The kind of ballot a counting method takes (plurality, approval, otherwise ranked).</summary>
    /// <exception cref="ArgumentException">The method is not one of the engine's.</exception>
    public static BallotKind KindFor(string method) => method switch
    {
        "plurality" => BallotKind.Plurality,
        "approval" => BallotKind.Approval,
        _ when CountingMethods.Names.Contains(method, StringComparer.Ordinal) => BallotKind.Ranked,
        _ => throw new ArgumentException($"'{method}' is not one of the counting methods {string.Join(", ", CountingMethods.Names)}.", nameof(method)),
    };

    /// <summary>
    /// The ballot with these 1-based choices (preference order for ranked; any order for approval, which
    /// is sorted), or null with the problem.
    /// </summary>
    public static BoardBallot? Create(BallotKind kind, IEnumerable<int> choices, int candidateCount, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var list = kind == BallotKind.Approval ? choices.Order().ToArray() : choices.ToArray();
        problem = Check(kind, list, candidateCount);
        return problem is null ? new BoardBallot(kind, list) : null;
    }

    /// <summary>Reads the board's text form; false with the problem when the text is not exactly in that form.</summary>
    public static bool TryParse(string? text, BallotKind kind, int candidateCount, [NotNullWhen(true)] out BoardBallot? ballot, [NotNullWhen(false)] out string? problem)
    {
        ballot = null;
        if (string.IsNullOrEmpty(text))
        {
            problem = "the ballot is empty; expected candidates' numbers separated by single spaces.";
            return false;
        }

        var tokens = text.Split(' ');
        var choices = new int[tokens.Length];
        for (var i = 0; i < tokens.Length; i++)
        {
            var token = tokens[i];
            if (token.Length == 0 || token[0] == '0' || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out choices[i]))
            {
                problem = $"'{text}' is not in the board's form: candidates' numbers (no leading zeros) separated by single spaces.";
                return false;
            }
        }

        if (kind == BallotKind.Approval && !choices.SequenceEqual(choices.Order()))
        {
            problem = $"'{text}' lists approved candidates out of order; the board lists them in ascending order.";
            return false;
        }

        problem = Check(kind, choices, candidateCount);
        if (problem is not null)
        {
            problem = $"'{text}': {problem}";
            return false;
        }

        ballot = new BoardBallot(kind, choices);
        return true;
    }

    /// <summary>The ballot for the counting engine (0-based candidate indexes).</summary>
    public Ballot ToCountingBallot() => Kind switch
    {
        BallotKind.Approval => Ballot.Approval(_choices.Select(c => c - 1)),
        BallotKind.Plurality => Ballot.SingleChoice(_choices[0] - 1),
        _ => Ballot.Ranked(_choices.Select(c => c - 1)),
    };

    /// <inheritdoc/>
    public override string ToString() => Text;

    private static string? Check(BallotKind kind, int[] choices, int candidateCount)
    {
        if (choices.Length == 0)
        {
            return "no candidate is marked.";
        }

        if (kind == BallotKind.Plurality && choices.Length > 1)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{choices.Length} candidates are marked; plurality takes one.");
        }

        var seen = new HashSet<int>();
        foreach (var c in choices)
        {
            if (c < 1 || c > candidateCount)
            {
                return string.Create(CultureInfo.InvariantCulture, $"there is no candidate {c}; candidates are numbered 1 to {candidateCount}.");
            }

            if (!seen.Add(c))
            {
                return string.Create(CultureInfo.InvariantCulture, $"candidate {c} is marked more than once.");
            }
        }

        return null;
    }
}
