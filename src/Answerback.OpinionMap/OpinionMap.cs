namespace Answerback.OpinionMap;

/// <summary>The result of an analysis: where each participant sits, the opinion groups and what they stand for.</summary>
public sealed class OpinionMap
{
    internal OpinionMap(
        IReadOnlyList<ParticipantPlacement> participants,
        IReadOnlyList<OpinionGroup> groups,
        ConsensusStatements consensus,
        IReadOnlyList<StatementResult> statements,
        double silhouette,
        WarmStart warmStart)
    {
        Participants = participants;
        Groups = groups;
        Consensus = consensus;
        Statements = statements;
        Silhouette = silhouette;
        State = warmStart;
    }

    /// <summary>Every participant of the matrix, in row order.</summary>
    public IReadOnlyList<ParticipantPlacement> Participants { get; }

    /// <summary>The opinion groups, by id.</summary>
    public IReadOnlyList<OpinionGroup> Groups { get; }

    /// <summary>Statements agreed or rejected by a significant majority of all voters.</summary>
    public ConsensusStatements Consensus { get; }

    /// <summary>Every statement in the analysis (moderated-out ones are absent), in column order.</summary>
    public IReadOnlyList<StatementResult> Statements { get; }

    /// <summary>Weighted silhouette of the chosen grouping (−1..1; higher is better separated).</summary>
    public double Silhouette { get; }

    internal WarmStart State { get; }

    /// <summary>Wall-clock milliseconds of each phase of the computation (matrix, pca, baseClusters, groups, statements, bridging, report): diagnostics, not part of the result.</summary>
    public IReadOnlyDictionary<string, double> PhaseMilliseconds { get; init; } = new Dictionary<string, double>();

    /// <summary>Power-iteration steps the PCA took.</summary>
    public int PcaIterations { get; init; }

    /// <summary>Alternating-least-squares sweeps the bridging model took.</summary>
    public int BridgingSweeps { get; init; }

    /// <summary>The group of each participant (null when not clustered), by participant id.</summary>
    public IReadOnlyDictionary<string, int?> GroupsByParticipant() =>
        Participants.ToDictionary(p => p.Id, p => p.Group, StringComparer.Ordinal);
}

/// <summary>A participant's place on the map.</summary>
/// <param name="Id">The export's participant id.</param>
/// <param name="Group">The opinion group, or null when the participant was not clustered (too few votes).</param>
/// <param name="X">First principal component, scaled by sqrt(statements / votes cast).</param>
/// <param name="Y">Second principal component, scaled the same way.</param>
/// <param name="Votes">Votes cast on statements in the analysis.</param>
public sealed record ParticipantPlacement(string Id, int? Group, double X, double Y, int Votes);

/// <summary>An opinion group.</summary>
/// <param name="Id">Stable id: an incremental update keeps the id of the group that shares most participants.</param>
/// <param name="Size">Participants in the group.</param>
/// <param name="CenterX">Mean X of its participants.</param>
/// <param name="CenterY">Mean Y of its participants.</param>
/// <param name="Representative">Up to five statements on which the group differs most from everyone else.</param>
public sealed record OpinionGroup(int Id, int Size, double CenterX, double CenterY, IReadOnlyList<RepresentativeStatement> Representative);

/// <summary>A statement representative of a group.</summary>
/// <param name="Statement">Statement id.</param>
/// <param name="Direction"><c>agree</c> or <c>disagree</c>.</param>
/// <param name="P">(votes in that direction + 1) / (seen + 2) within the group.</param>
/// <param name="Z">Two-proportion z of the group against the rest of the clustered participants.</param>
/// <param name="Metric">The ranking metric: ratio × z × p × (one-proportion z).</param>
public sealed record RepresentativeStatement(string Statement, string Direction, double P, double Z, double Metric);

/// <summary>Consensus statements, best first.</summary>
/// <param name="Agree">Statements a significant majority of voters agreed with.</param>
/// <param name="Disagree">Statements a significant majority of voters disagreed with.</param>
public sealed record ConsensusStatements(IReadOnlyList<string> Agree, IReadOnlyList<string> Disagree);

/// <summary>Per-statement figures.</summary>
/// <param name="Id">Statement id.</param>
/// <param name="Agree">Agree votes (all participants).</param>
/// <param name="Disagree">Disagree votes.</param>
/// <param name="Pass">Pass votes.</param>
/// <param name="GroupInformedConsensus">Product over groups of (agree + 1) / (seen + 2).</param>
/// <param name="Bridging">Statement intercept of the bridging model (agreement not explained by the main divide), or null when not computed.</param>
/// <param name="Priority">Pol.is routing priority: statements with higher values are shown first.</param>
/// <param name="Extremity">Length of the statement's loadings on the two components, scaled by sqrt(statements).</param>
public sealed record StatementResult(
    string Id,
    int Agree,
    int Disagree,
    int Pass,
    double GroupInformedConsensus,
    double? Bridging,
    double Priority,
    double Extremity);

/// <summary>What an incremental update starts from: components, cluster centres, group assignment.</summary>
internal sealed record WarmStart(
    string[] StatementIds,
    double[] Component1,
    double[] Component2,
    double[] BaseCenters,
    double[] GroupCenters,
    int[] GroupIds,
    Dictionary<string, int> ParticipantGroups,
    BridgingState? Bridging);
