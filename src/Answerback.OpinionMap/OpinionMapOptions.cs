namespace Answerback.OpinionMap;

/// <summary>Parameters of the opinion-map pipeline. The defaults follow Pol.is's published method.</summary>
public sealed record OpinionMapOptions
{
    /// <summary>
    /// Seed of the remaining random choices: the small loadings a statement new since the previous
    /// map starts with on an update, and a fresh PCA start in the rare case the fixed one is
    /// degenerate. Same seed, same map. The groups do not depend on it: the one-shot PCA starts
    /// from loadings hashed from the statement ids, the base clusters are seeded from the first
    /// participants, and the group k-means starts are a fixed sequence.
    /// </summary>
    public int Seed { get; init; }

    /// <summary>A participant is clustered with at least min(this, number of statements) votes (Pol.is: 7).</summary>
    public int MinVotesToCluster { get; init; } = 7;

    /// <summary>
    /// Participants (by id) clustered whatever their number of votes, as long as they have one:
    /// Pol.is's "once in, always in", for participants an earlier analysis (run elsewhere, or
    /// under an earlier rule) already grouped. <see cref="OpinionMapper.Update"/> adds the previous
    /// map's grouped participants itself. Empty by default.
    /// </summary>
    public IReadOnlySet<string> AlwaysInConversation { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// The groups of the previous map, by participant id, as the caller stored them (a database
    /// snapshot): the new groups take the ids of the previous groups they share the most
    /// participants with, so a group keeps its number from one map to the next, and those
    /// participants stay in the conversation with any vote (once in, always in). Unlike
    /// <see cref="OpinionMapper.Update"/>, which starts from a map held in memory, the result then
    /// depends only on the votes and the stored groups: every node computes the same map. Empty by
    /// default (a first map: the largest group is 0).
    /// </summary>
    public IReadOnlyDictionary<string, int> PreviousGroups { get; init; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>Number of base clusters the participants are first grouped into (Pol.is: 100).</summary>
    public int BaseClusters { get; init; } = 100;

    /// <summary>Fewest opinion groups considered (Pol.is: 2).</summary>
    public int MinGroups { get; init; } = 2;

    /// <summary>Most opinion groups considered (Pol.is: 5).</summary>
    public int MaxGroups { get; init; } = 5;

    /// <summary>Most power-iteration steps for the PCA.</summary>
    public int MaxPcaIterations { get; init; } = 300;

    /// <summary>
    /// The PCA stops when the plane of the two components moves by less than this between steps
    /// (2 − ‖W_oldᵀ W_new‖², about the squared angle) and each component by less than its square root.
    /// </summary>
    public double PcaTolerance { get; init; } = 1e-10;

    /// <summary>Most Lloyd iterations of the base k-means.</summary>
    public int MaxKMeansIterations { get; init; } = 30;

    /// <summary>
    /// Most Lloyd iterations of the base k-means in an incremental update: it starts from the
    /// previous centres, and (as in Pol.is) a few steps per update let the clusters follow the votes.
    /// </summary>
    public int MaxKMeansIterationsOnUpdate { get; init; } = 5;

    /// <summary>
    /// k-means starts tried for each group count: the first k distinct base clusters (Pol.is's
    /// seeding), then k distinct base clusters of random participants. The grouping most starts
    /// reach among the near-best (<see cref="NearEqualSpread"/>) is kept; enough starts make that
    /// count, and so the result, independent of the seed.
    /// </summary>
    public int GroupRestarts { get; init; } = 100;

    /// <summary>
    /// Groupings whose within-group spread is within this fraction of the lowest found count as
    /// equally good (default 0.01): among them the one most starts reach wins, not the lowest,
    /// which on a map with a dense core and a sparse wing is an accident of the starts drawn.
    /// </summary>
    public double NearEqualSpread { get; init; } = 0.01;

    /// <summary>
    /// How much higher a larger group count's silhouette must be to be chosen over a smaller one
    /// (default 0.02). Pol.is damps changes of k over successive updates (a new k must win several
    /// times in a row); a one-shot analysis has no history, so this parsimony margin stands in for it.
    /// </summary>
    public double GroupCountMargin { get; init; } = 0.02;

    /// <summary>
    /// Smallest group allowed, as a fraction of the clustered participants (and never fewer than two
    /// participants): a grouping that isolates a lone outlier is rejected.
    /// </summary>
    public double MinGroupFraction { get; init; } = 0.05;

    /// <summary>Most representative statements per group (Pol.is: 5).</summary>
    public int MaxRepresentative { get; init; } = 5;

    /// <summary>Most consensus statements in each direction (Pol.is: 5).</summary>
    public int MaxConsensus { get; init; } = 5;

    /// <summary>One-sided z threshold of significance (90 %: 1.2816).</summary>
    public double SignificanceZ { get; init; } = 1.2815515655446004;

    /// <summary>Regularisation of the participant and statement intercepts in the bridging model.</summary>
    public double BridgingInterceptPenalty { get; init; } = 5.0;

    /// <summary>Regularisation of the participant and statement factors in the bridging model.</summary>
    public double BridgingFactorPenalty { get; init; } = 1.0;

    /// <summary>Most alternating-least-squares sweeps of the bridging model.</summary>
    public int BridgingIterations { get; init; } = 12;

    /// <summary>The bridging fit stops early once no statement's score moves by more than this in a sweep.</summary>
    public double BridgingTolerance { get; init; } = 1e-3;

    /// <summary>Sweeps of the bridging model in an incremental update (warm-started from the previous fit).</summary>
    public int BridgingUpdateIterations { get; init; } = 3;

    /// <summary>Whether to fit the bridging model at all (it costs about as much as the PCA).</summary>
    public bool ComputeBridging { get; init; } = true;

    /// <summary>
    /// Pol.is zeroes the columns of moderated-out statements rather than dropping them, so in its
    /// projection scaling sqrt(statements / votes) each such statement counts as one statement and
    /// one (pass) vote for everybody. True (the default) reproduces that; false scales by the
    /// statements in the analysis only. Either way those statements carry no weight in the PCA.
    /// </summary>
    public bool ScaleLikePolis { get; init; } = true;

    /// <summary>
    /// Whether the PCA is fitted on every participant with a vote (true) or only on the clustered
    /// ones (false). Pol.is fits on every participant.
    /// </summary>
    public bool PcaOnAllParticipants { get; init; } = true;
}
