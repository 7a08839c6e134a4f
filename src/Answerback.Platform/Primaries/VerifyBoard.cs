using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Answerback.Counting;

namespace Answerback.Platform.Primaries;

/// <summary>How a verification step ended.</summary>
public enum StepOutcome
{
    Passed,
    Failed,

    /// <summary>Nothing to check yet (an open board has no ballots; no result is published).</summary>
    Skipped,
}

/// <summary>One numbered step of a verification.</summary>
/// <param name="Number">1 chain, 2 commitments, 3 count, 4 checkpoints.</param>
/// <param name="Title">What the step checks.</param>
/// <param name="Outcome">Passed, failed or skipped.</param>
/// <param name="Detail">What was found: on failure, the entry and why.</param>
/// <param name="Entry">On failure, the first entry that fails (null when no single entry is to blame).</param>
public sealed record VerificationStep(int Number, string Title, StepOutcome Outcome, string Detail, int? Entry = null);

/// <summary>The steps of a board's verification, in order.</summary>
public sealed record BoardVerification(IReadOnlyList<VerificationStep> Steps)
{
    /// <summary>True when no step failed.</summary>
    public bool Succeeded => FirstFailure is null;

    /// <summary>The first failed step, which names the first entry that fails.</summary>
    public VerificationStep? FirstFailure => Steps.FirstOrDefault(s => s.Outcome == StepOutcome.Failed);
}

/// <summary>
/// Checks a downloaded bulletin board, step by step, from nothing but the board itself and the
/// checkpoints its reader saved: (1) the chain from h(0) through every entry to the head; (2) after the
/// close, each commitment against its published ballot and salt; (3) the count recomputed with the
/// counting engine against the published result; (4) each checkpoint, published or saved, is h(N) of
/// this chain, so the board was only appended to since. Each step names the first entry that fails.
/// </summary>
public static class VerifyBoard
{
    private static readonly JsonSerializerOptions OneLine = new() { Encoder = BoardDocument.JsonOptions.Encoder };

    /// <summary>Verifies <paramref name="board"/> and the checkpoints <paramref name="saved"/> by the reader.</summary>
    public static BoardVerification Run(BoardDocument board, IReadOnlyList<BoardCheckpoint>? saved = null)
    {
        ArgumentNullException.ThrowIfNull(board);
        var (chainStep, hashes) = Chain(board);
        var (commitmentStep, ballotsReadable) = Commitments(board);
        return new BoardVerification([chainStep, commitmentStep, Count(board, ballotsReadable), Checkpoints(board, hashes, saved ?? [])]);
    }

    private static (VerificationStep Step, string[] Hashes) Chain(BoardDocument board)
    {
        const string title = "Chain from h(0) through every entry to the head";
        var entries = board.Entries;
        // hashes[n] = h(n) recomputed from the published fields, whatever the published hashes say.
        var hashes = new string[entries.Count + 1];
        hashes[0] = BoardHashes.Start(board.PrimaryId);
        var codes = new Dictionary<string, int>(StringComparer.Ordinal);
        VerificationStep? failure = null;
        for (var n = 1; n <= entries.Count; n++)
        {
            var e = entries[n - 1];
            var problem =
                e.Sequence != n ? Invariant($"it is numbered {e.Sequence}; the entries must be numbered 1, 2, 3... in order (an entry was removed, inserted or moved).")
                : !TrackingCodes.IsCanonical(e.TrackingCode) ? $"tracking code '{e.TrackingCode}' is not 10 symbols of {TrackingCodes.Alphabet}."
                : !codes.TryAdd(e.TrackingCode, n) ? Invariant($"tracking code {e.TrackingCode} is already used by entry {codes[e.TrackingCode]}.")
                : !BoardHashes.IsHash(e.Commitment) ? "the commitment is not 64 lower-case hex characters."
                : null;
            hashes[n] = BoardHashes.Chain(hashes[n - 1], n, e.TrackingCode, e.Commitment);
            problem ??= e.Hash != hashes[n]
                ? Invariant($"its hash is {e.Hash} but SHA-256(h({n - 1}) + \"\\n{n}\\n\" + trackingCode + \"\\n\" + commitment) is {hashes[n]}.")
                : null;
            if (problem is not null && failure is null)
            {
                failure = Failed(1, title, n, problem);
            }
        }

        if (failure is not null)
        {
            return (failure, hashes);
        }

        var count = entries.Count;
        if (board.Head.Count != count)
        {
            return (Failed(1, title, Math.Min(board.Head.Count, count) + 1, Invariant($"the head says {board.Head.Count} entries but the board lists {count}.")), hashes);
        }

        if (board.Head.Hash != hashes[count])
        {
            return (new VerificationStep(1, title, StepOutcome.Failed, Invariant($"head: the head hash is {board.Head.Hash} but h({count}) is {hashes[count]}."), count == 0 ? null : count), hashes);
        }

        return (new VerificationStep(1, title, StepOutcome.Passed, Invariant($"{count} entries; h(0) = {hashes[0]}; head h({count}) = {hashes[count]}.")), hashes);
    }

    private static (VerificationStep Step, bool BallotsReadable) Commitments(BoardDocument board)
    {
        const string title = "Commitments against the published ballots and salts";
        if (!board.Closed)
        {
            return (new VerificationStep(2, title, StepOutcome.Skipped, "the board is open: ballots and salts are published at the close."), false);
        }

        var kind = BoardBallot.KindFor(board.Method);
        VerificationStep? failure = null;
        var readable = true;
        foreach (var e in board.Entries)
        {
            string? problem;
            if (e.Ballot is null || e.Salt is null)
            {
                problem = "the board is closed but this entry's ballot or salt is missing.";
                readable = false;
            }
            else if (!BoardBallot.TryParse(e.Ballot, kind, board.Candidates.Count, out _, out problem))
            {
                readable = false;
            }
            else
            {
                problem = !BoardHashes.IsSalt(e.Salt) ? "the salt is not 32 lower-case hex characters."
                    : BoardHashes.Commitment(e.Salt, e.Ballot) != e.Commitment ? $"SHA-256(salt + \"\\n\" + ballot) is {BoardHashes.Commitment(e.Salt, e.Ballot)}, not the commitment {e.Commitment}: the ballot or salt published now is not the one sealed at casting."
                    : null;
            }

            if (problem is not null && failure is null)
            {
                failure = Failed(2, title, e.Sequence, problem);
            }
        }

        return (failure ?? new VerificationStep(2, title, StepOutcome.Passed, Invariant($"{board.Entries.Count} ballots match their commitments.")), readable);
    }

    private static VerificationStep Count(BoardDocument board, bool ballotsReadable)
    {
        const string title = "Count recomputed against the published result";
        if (!board.Closed)
        {
            return new VerificationStep(3, title, StepOutcome.Skipped, "the board is open: the count comes after the close.");
        }

        if (board.Result is null)
        {
            return new VerificationStep(3, title, StepOutcome.Skipped, "no result is published yet.");
        }

        if (!ballotsReadable)
        {
            return new VerificationStep(3, title, StepOutcome.Failed, "the ballots cannot be counted: some are missing or unreadable (step 2).");
        }

        if (board.Result["seed"] is not JsonValue seedValue || !seedValue.TryGetValue<int>(out var seed))
        {
            return new VerificationStep(3, title, StepOutcome.Failed, "result: the published result has no whole-number seed, so its lots cannot be redrawn.");
        }

        JsonObject recount;
        try
        {
            recount = BoardCount.ReportJson(BoardCount.Count(board, seed));
        }
        catch (CountingException ex)
        {
            return new VerificationStep(3, title, StepOutcome.Failed, $"the ballots cannot be counted by {board.Method}: {ex.Message}");
        }

        var difference = FirstDifference(board.Result, recount, "result");
        return difference is null
            ? new VerificationStep(3, title, StepOutcome.Passed, Invariant($"{board.Method} with seed {seed} gives the published result; elected: {string.Join(", ", (recount["elected"]?.AsArray() ?? []).Select(n => n?.GetValue<string>()))}."))
            : new VerificationStep(3, title, StepOutcome.Failed, "the recount differs from the published result at " + difference);
    }

    private static VerificationStep Checkpoints(BoardDocument board, string[] hashes, IReadOnlyList<BoardCheckpoint> saved)
    {
        const string title = "Checkpoints are earlier heads of this chain";
        var all = board.Checkpoints.Select(c => (Checkpoint: c, Source: "published"))
            .Concat(saved.Select(c => (Checkpoint: c, Source: "saved")))
            .OrderBy(c => c.Checkpoint.Count)
            .ToList();
        if (all.Count == 0)
        {
            return new VerificationStep(4, title, StepOutcome.Skipped, "no checkpoints were published or given.");
        }

        var count = board.Entries.Count;
        var lastGood = 0;
        foreach (var (checkpoint, source) in all)
        {
            var n = checkpoint.Count;
            if (n > count || n < 0)
            {
                return Failed(4, title, count + 1, Invariant($"{source} checkpoint {checkpoint} is for {n} entries but the board has {count}: entries after {count} were removed."));
            }

            if (checkpoint.Hash != hashes[n])
            {
                var where = lastGood == n - 1 ? Invariant($"entry {n}") : Invariant($"one of entries {lastGood + 1} to {n}");
                return Failed(4, title, n, Invariant($"{source} checkpoint {checkpoint} does not match h({n}) = {hashes[n]}: {where} changed since the checkpoint was taken."));
            }

            lastGood = n;
        }

        return new VerificationStep(4, title, StepOutcome.Passed, Invariant($"{all.Count(c => c.Source == "published")} published and {saved.Count} saved checkpoints are prefixes of the chain."));
    }

    /// <summary>The path and values of the first difference between the published and recomputed JSON, or null.</summary>
    private static string? FirstDifference(JsonNode? published, JsonNode? recount, string path)
    {
        if (published is JsonObject a && recount is JsonObject b)
        {
            foreach (var (key, value) in b)
            {
                if (!a.ContainsKey(key))
                {
                    return $"{path}.{key}: missing from the published result.";
                }

                if (FirstDifference(a[key], value, path + "." + key) is { } d)
                {
                    return d;
                }
            }

            var extra = a.Select(p => p.Key).FirstOrDefault(k => !b.ContainsKey(k));
            return extra is null ? null : $"{path}.{extra}: the recount has no such field.";
        }

        if (published is JsonArray x && recount is JsonArray y)
        {
            for (var i = 0; i < Math.Min(x.Count, y.Count); i++)
            {
                if (FirstDifference(x[i], y[i], Invariant($"{path}[{i}]")) is { } d)
                {
                    return d;
                }
            }

            return x.Count == y.Count ? null : Invariant($"{path}: {x.Count} items published, {y.Count} recounted.");
        }

        return JsonNode.DeepEquals(published, recount)
            ? null
            : $"{path}: published {Show(published)}, recounted {Show(recount)}.";
    }

    private static string Show(JsonNode? node) => node?.ToJsonString(OneLine) ?? "null";

    private static VerificationStep Failed(int step, string title, int entry, string problem) =>
        new(step, title, StepOutcome.Failed, Invariant($"entry {entry}: {problem}"), entry);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
