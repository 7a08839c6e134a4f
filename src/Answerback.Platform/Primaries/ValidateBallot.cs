using System.Globalization;
using Answerback.Platform.Common;

namespace Answerback.Platform.Primaries;

/// <summary>
/// What a voter filled in on the ballot form, as the browser sent it. <see cref="Ranks"/>: for ranked
/// methods, the number typed or chosen beside each candidate, in the published order (blank: not ranked).
/// <see cref="Approved"/>: for approval, the candidates' numbers whose boxes are ticked.
/// <see cref="Choice"/>: for plurality, the number of the chosen candidate.
/// </summary>
public sealed record BallotForm(IReadOnlyList<string?>? Ranks = null, IReadOnlyList<string?>? Approved = null, string? Choice = null)
{
    /// <summary>The field holding every rank (errors about the ranking as a whole).</summary>
    public const string RanksField = "Ranks";

    /// <summary>The field for the ticked boxes.</summary>
    public const string ApprovedField = "Approved";

    /// <summary>The field for the single choice.</summary>
    public const string ChoiceField = "Choice";

    /// <summary>The field of the rank beside candidate <paramref name="index"/> (0-based), as model binding names it.</summary>
    public static string RankField(int index) => string.Create(CultureInfo.InvariantCulture, $"Ranks[{index}]");
}

/// <summary>
/// Checks a ballot form against the primary's counting method and candidates. Ranked ballots number
/// the candidates 1, 2, 3...: a number given to two candidates is refused for every method, since the
/// board records one candidate per preference; a missing number (1, 2, 4) is refused for the
/// transferable-vote methods (AV, Scottish and Meek STV), where the engine would stop at the gap,
/// and closed up for Schulze and ranked pairs, which only compare which candidate is ranked above which.
/// </summary>
public static class ValidateBallot
{
    /// <summary>Checks <paramref name="form"/> for <paramref name="method"/> and the candidates in published order.</summary>
    public static Result<BoardBallot> Check(string method, IReadOnlyList<string> candidates, BallotForm form)
    {
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(form);
        return BoardBallot.KindFor(method) switch
        {
            BallotKind.Plurality => Plurality(candidates, form.Choice),
            BallotKind.Approval => Approval(candidates, form.Approved ?? []),
            _ => Ranked(candidates, form.Ranks ?? [], closeGaps: method is "schulze" or "ranked-pairs"),
        };
    }

    private static Result<BoardBallot> Plurality(IReadOnlyList<string> candidates, string? choice)
    {
        if (string.IsNullOrWhiteSpace(choice))
        {
            return Refused(BallotForm.ChoiceField, "Choose one candidate.");
        }

        return Number(choice, candidates.Count) is { } number
            ? Accepted(BallotKind.Plurality, [number], candidates.Count)
            : Refused(BallotForm.ChoiceField, NotACandidate(choice, candidates.Count));
    }

    private static Result<BoardBallot> Approval(IReadOnlyList<string> candidates, IReadOnlyList<string?> approved)
    {
        var numbers = new List<int>();
        foreach (var value in approved)
        {
            if (Number(value, candidates.Count) is not { } number)
            {
                return Refused(BallotForm.ApprovedField, NotACandidate(value, candidates.Count));
            }

            if (numbers.Contains(number))
            {
                return Refused(BallotForm.ApprovedField, $"{candidates[number - 1]} is ticked twice; tick each candidate once.");
            }

            numbers.Add(number);
        }

        return numbers.Count == 0
            ? Refused(BallotForm.ApprovedField, "Tick at least one candidate.")
            : Accepted(BallotKind.Approval, numbers, candidates.Count);
    }

    private static Result<BoardBallot> Ranked(IReadOnlyList<string> candidates, IReadOnlyList<string?> ranks, bool closeGaps)
    {
        var errors = new List<FieldError>();
        if (ranks.Count > candidates.Count)
        {
            return Refused(BallotForm.RanksField, string.Create(CultureInfo.InvariantCulture, $"The form has {ranks.Count} ranks for {candidates.Count} candidates; reload the ballot."));
        }

        // Rank given → index of the first candidate given it.
        var holders = new Dictionary<int, int>();
        for (var i = 0; i < ranks.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(ranks[i]))
            {
                continue;
            }

            if (Number(ranks[i], candidates.Count) is not { } rank)
            {
                errors.Add(new FieldError(BallotForm.RankField(i), string.Create(CultureInfo.InvariantCulture, $"{candidates[i]}: enter a number from 1 to {candidates.Count}, or leave it blank.")));
            }
            else if (!holders.TryAdd(rank, i))
            {
                errors.Add(new FieldError(BallotForm.RankField(i), string.Create(CultureInfo.InvariantCulture, $"{candidates[holders[rank]]} and {candidates[i]} are both numbered {rank}; give each number to one candidate.")));
            }
        }

        if (errors.Count > 0)
        {
            return Result.Failed<BoardBallot>(errors);
        }

        if (holders.Count == 0)
        {
            return Refused(BallotForm.RanksField, "Number at least one candidate: 1 for your first choice.");
        }

        var ordered = holders.OrderBy(h => h.Key).ToList();
        if (!closeGaps)
        {
            var missing = Enumerable.Range(1, ordered[^1].Key).FirstOrDefault(r => !holders.ContainsKey(r));
            if (missing > 0)
            {
                return Refused(BallotForm.RanksField, string.Create(CultureInfo.InvariantCulture, $"No candidate is numbered {missing}: number your choices 1, 2, 3... without missing a number."));
            }
        }

        return Accepted(BallotKind.Ranked, ordered.Select(h => h.Value + 1), candidates.Count);
    }

    private static int? Number(string? value, int candidateCount) =>
        int.TryParse(value?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= candidateCount ? n : null;

    private static string NotACandidate(string? value, int candidateCount) =>
        string.Create(CultureInfo.InvariantCulture, $"'{value}' is not one of the candidates (1 to {candidateCount}); reload the ballot.");

    private static Result<BoardBallot> Accepted(BallotKind kind, IEnumerable<int> choices, int candidateCount)
    {
        // The checks above leave nothing for Create to refuse; a refusal here would be a bug, not the voter's.
        var ballot = BoardBallot.Create(kind, choices, candidateCount, out var problem)
            ?? throw new InvalidOperationException("A checked ballot was refused: " + problem);
        return Result.Ok(ballot);
    }

    private static Result<BoardBallot> Refused(string field, string message) => Result.Failed<BoardBallot>(field, message);
}
