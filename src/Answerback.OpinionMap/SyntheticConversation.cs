namespace Answerback.OpinionMap;

/// <summary>
/// A generated conversation with planted opinion groups, for tests and benchmarks. Each group has,
/// for each statement, a leaning: it agrees with probability <see cref="Agreement"/> or disagrees
/// with that probability (chosen at random per group and statement); a participant passes with
/// probability <see cref="PassRate"/>, and sees each statement with probability 1 − missing.
/// </summary>
public sealed class SyntheticConversation
{
    private SyntheticConversation(VoteMatrix matrix, int[] plantedGroups)
    {
        Matrix = matrix;
        PlantedGroups = plantedGroups;
    }

    /// <summary>Probability that a participant votes with their group's leaning (default 0.85).</summary>
    public static double Agreement => 0.85;

    /// <summary>Probability of a pass among the votes cast (default 0.1).</summary>
    public static double PassRate => 0.1;

    /// <summary>The generated votes; participant ids are "p0", "p1"..., statement ids "0", "1"...</summary>
    public VoteMatrix Matrix { get; }

    /// <summary>The planted group of each participant row.</summary>
    public IReadOnlyList<int> PlantedGroups { get; }

    /// <summary>
    /// Generates a conversation. With <paramref name="votesPerParticipant"/> the number of votes a
    /// participant casts is fixed (statements drawn at random, which suits very sparse, very large
    /// benchmarks); otherwise each statement is seen with probability 1 − <paramref name="missing"/>.
    /// </summary>
    public static SyntheticConversation Generate(
        int participants, int statements, int groups, double missing, int seed, int? votesPerParticipant = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(statements, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        var random = new Random(seed);
        var leaning = new bool[groups * statements];
        for (var i = 0; i < leaning.Length; i++)
        {
            leaning[i] = random.NextDouble() < 0.5;
        }

        var builder = new VoteMatrixBuilder();
        for (var s = 0; s < statements; s++)
        {
            builder.AddStatement(new StatementInfo(s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var planted = new int[participants];
        long time = 0;
        for (var p = 0; p < participants; p++)
        {
            var row = builder.AddParticipant("p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var group = p % groups;
            planted[p] = group;
            if (votesPerParticipant is int count)
            {
                for (var i = 0; i < count; i++)
                {
                    var s = random.Next(statements);
                    builder.AddVote(row, s, Draw(random, leaning[(group * statements) + s]), time++);
                }
            }
            else
            {
                for (var s = 0; s < statements; s++)
                {
                    if (random.NextDouble() >= missing)
                    {
                        builder.AddVote(row, s, Draw(random, leaning[(group * statements) + s]), time++);
                    }
                }
            }
        }

        return new SyntheticConversation(builder.Build(), planted);
    }

    private static int Draw(Random random, bool agrees)
    {
        if (random.NextDouble() < PassRate)
        {
            return 0;
        }

        var withGroup = random.NextDouble() < Agreement;
        return withGroup == agrees ? 1 : -1;
    }
}
