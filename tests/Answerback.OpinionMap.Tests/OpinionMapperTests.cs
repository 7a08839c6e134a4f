using Answerback.OpinionMap.Polis;
using Answerback.Testing;
using FsCheck;
using FsCheck.Xunit;

namespace Answerback.OpinionMap.Tests;

public sealed class OpinionMapperTests
{
    private static double Ari(OpinionMap map, IReadOnlyList<int> planted)
    {
        var ours = new List<int>();
        var truth = new List<int>();
        for (var i = 0; i < planted.Count; i++)
        {
            if (map.Participants[i].Group is int g)
            {
                ours.Add(g);
                truth.Add(planted[i]);
            }
        }

        return AdjustedRandIndex.Compute(ours, truth);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 2)]
    [InlineData(1, 3)]
    [InlineData(2, 3)]
    [InlineData(3, 3)]
    public void Analyze_PlantedGroupsWith70PercentMissing_RecoversGroups(int seed, int groups)
    {
        var conversation = SyntheticConversation.Generate(participants: 300, statements: 100, groups, missing: 0.7, seed);

        var map = OpinionMapper.Analyze(conversation.Matrix, new OpinionMapOptions { Seed = seed });

        Assert.Equal(groups, map.Groups.Count);
        Assert.True(map.Participants.Count(p => p.Group is not null) >= 295);
        Assert.True(Ari(map, conversation.PlantedGroups) >= 0.95, $"ARI {Ari(map, conversation.PlantedGroups)}");
    }

    [Fact]
    public void Analyze_SameSeedTwice_IdenticalOutput()
    {
        var matrix = SyntheticConversation.Generate(200, 40, 2, 0.5, seed: 9).Matrix;

        var first = OpinionMapper.Analyze(matrix, new OpinionMapOptions { Seed = 5 });
        var second = OpinionMapper.Analyze(matrix, new OpinionMapOptions { Seed = 5 });

        Assert.Equal(first.Participants, second.Participants);
        Assert.Equal(first.Statements, second.Statements);
        Assert.Equal(first.Groups.Select(g => (g.Id, g.Size, g.CenterX, g.CenterY)), second.Groups.Select(g => (g.Id, g.Size, g.CenterX, g.CenterY)));
        Assert.Equal(first.Groups.SelectMany(g => g.Representative), second.Groups.SelectMany(g => g.Representative));
    }

    /// <summary>
    /// 40 participants in two camps (even and odd) on the given statements; participant p0 votes
    /// on the first <paramref name="firstVotes"/> statements only, everyone else on all of them.
    /// </summary>
    private static VoteMatrix TwoCamps(int statements, int firstVotes)
    {
        var builder = new VoteMatrixBuilder();
        for (var s = 0; s < statements; s++)
        {
            builder.AddStatement(new StatementInfo(s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        for (var p = 0; p < 40; p++)
        {
            var votes = p == 0 ? firstVotes : statements;
            for (var s = 0; s < votes; s++)
            {
                builder.AddVote("p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ToString(System.Globalization.CultureInfo.InvariantCulture), (p % 2 == 0) == (s % 2 == 0) ? 1 : -1, s);
            }
        }

        return builder.Build();
    }

    [Fact]
    public void Analyze_FewVotes_ParticipantNotClustered()
    {
        var map = OpinionMapper.Analyze(TwoCamps(statements: 10, firstVotes: 6)); // p0 is one vote short of min(7, 10)

        Assert.Null(map.Participants[0].Group);
        Assert.All(map.Participants.Skip(1), p => Assert.NotNull(p.Group));
        Assert.Equal(6, map.Participants[0].Votes);
    }

    [Fact]
    public void Analyze_FewVotesButAlwaysInConversation_ParticipantClusteredWithItsCamp()
    {
        var options = new OpinionMapOptions { AlwaysInConversation = new HashSet<string>(StringComparer.Ordinal) { "p0", "nobody" } };

        var map = OpinionMapper.Analyze(TwoCamps(statements: 10, firstVotes: 2), options);

        Assert.NotNull(map.Participants[0].Group);
        Assert.Equal(map.Participants[2].Group, map.Participants[0].Group); // p0 votes as the even camp
        Assert.NotEqual(map.Participants[1].Group, map.Participants[0].Group);
    }

    [Fact]
    public void Update_ThresholdRisesWithNewStatements_ParticipantGroupedBeforeStaysIn()
    {
        // Five statements: p0's five votes reach min(7, 5). Five more arrive, which p0 never sees:
        // a fresh analysis leaves p0 out (5 of min(7, 10)); an update keeps p0 in (once in, always in).
        var first = OpinionMapper.Analyze(TwoCamps(statements: 5, firstVotes: 5));
        var later = TwoCamps(statements: 10, firstVotes: 5);

        var fresh = OpinionMapper.Analyze(later);
        var updated = OpinionMapper.Update(first, later);

        Assert.NotNull(first.Participants[0].Group);
        Assert.Null(fresh.Participants[0].Group);
        Assert.NotNull(updated.Participants[0].Group);
        Assert.Equal(updated.Participants[2].Group, updated.Participants[0].Group);
    }

    [Fact]
    public void Analyze_WithStoredPreviousGroups_KeepsTheirNumbersAndTheirParticipants()
    {
        // The groups of an earlier map, stored by the caller with their numbers swapped (a database
        // holds whatever numbers it was given): a full analysis takes those numbers, and keeps p0
        // in (once in, always in) though p0 is now below min(7, 10) votes, as Update would.
        var first = OpinionMapper.Analyze(TwoCamps(statements: 5, firstVotes: 5));
        var stored = first.Participants.Where(p => p.Group is not null).ToDictionary(p => p.Id, p => 1 - p.Group!.Value, StringComparer.Ordinal);
        var later = TwoCamps(statements: 10, firstVotes: 5);

        var map = OpinionMapper.Analyze(later, new OpinionMapOptions { PreviousGroups = stored });
        var again = OpinionMapper.Analyze(later, new OpinionMapOptions { PreviousGroups = stored, Seed = 7 });

        Assert.Equal(2, first.Groups.Count);
        Assert.NotNull(map.Participants[0].Group);
        Assert.All(map.Participants.Where(p => p.Group is not null && stored.ContainsKey(p.Id)), p => Assert.Equal(stored[p.Id], p.Group));
        Assert.Equal(map.GroupsByParticipant(), again.GroupsByParticipant());
    }

    /// <summary>Renumbering (reordering) participants and statements does not change the partition.</summary>
    [Property(MaxTest = 8)]
    public bool Analyze_ParticipantsAndStatementsRenumbered_SamePartition(PositiveInt seedValue)
    {
        var seed = seedValue.Get;
        var conversation = SyntheticConversation.Generate(120, 40, 2, 0.5, seed);
        var original = OpinionMapper.Analyze(conversation.Matrix, new OpinionMapOptions { Seed = 3 });

        var random = new Random(seed);
        var statementOrder = Enumerable.Range(0, 40).OrderBy(_ => random.Next()).ToArray();
        var votes = conversation.Matrix.EnumerateVotes().OrderBy(_ => random.Next()).ToList();
        var builder = new VoteMatrixBuilder();
        foreach (var s in statementOrder)
        {
            builder.AddStatement(new StatementInfo("s" + conversation.Matrix.Statements[s].Id));
        }

        foreach (var v in votes)
        {
            builder.AddVote("renamed-" + v.ParticipantId, "s" + v.StatementId, v.Value, v.Timestamp);
        }

        var shuffled = OpinionMapper.Analyze(builder.Build(), new OpinionMapOptions { Seed = 3 });
        var before = original.Participants.ToDictionary(p => p.Id, p => p.Group ?? -1);
        var after = shuffled.Participants.ToDictionary(p => p.Id["renamed-".Length..], p => p.Group ?? -1);
        var ids = before.Keys.Order(StringComparer.Ordinal).ToList();
        return AdjustedRandIndex.Compute(ids.Select(i => before[i]).ToList(), ids.Select(i => after[i]).ToList()) == 1.0;
    }

    /// <summary>Votes cast on a statement after it was moderated out do not move the map.</summary>
    [Property(MaxTest = 8)]
    public bool Analyze_VotesOnModeratedOutStatement_DoNotMoveMap(PositiveInt seedValue)
    {
        var seed = seedValue.Get;
        var matrix = SyntheticConversation.Generate(100, 30, 2, 0.4, seed).Matrix.WithModeration("7", moderatedOut: true);
        var before = OpinionMapper.Analyze(matrix);

        var random = new Random(seed);
        var late = matrix.ParticipantIds.Select(p => new VoteRecord(p, "7", (sbyte)random.Next(-1, 2), 1_000_000)).ToList();
        var after = OpinionMapper.Analyze(matrix.WithVotes(late));

        return before.Participants.SequenceEqual(after.Participants)
            && before.Statements.SequenceEqual(after.Statements)
            && before.Statements.All(s => s.Id != "7");
    }

    [Fact]
    public void Update_MoreVotes_GroupIdsFollowTheirMembers()
    {
        var conversation = SyntheticConversation.Generate(400, 60, 3, 0.6, seed: 21);
        var full = conversation.Matrix;

        // First map: only the first 60 % of the votes (by time); then the rest arrives.
        var votes = full.EnumerateVotes().OrderBy(v => v.Timestamp).ToList();
        var cut = votes.Count * 6 / 10;
        var builder = new VoteMatrixBuilder();
        foreach (var s in full.Statements)
        {
            builder.AddStatement(s);
        }

        foreach (var v in votes.Take(cut))
        {
            builder.AddVote(v.ParticipantId, v.StatementId, v.Value, v.Timestamp);
        }

        var first = OpinionMapper.Analyze(builder.Build());
        var second = OpinionMapper.Update(first, builder.Build().WithVotes(votes.Skip(cut)));

        // Each planted group keeps the id it had: most of its members carry the same label in both maps.
        var firstGroups = first.GroupsByParticipant();
        var same = 0;
        var both = 0;
        foreach (var p in second.Participants)
        {
            if (p.Group is int now && firstGroups.TryGetValue(p.Id, out var before) && before is int then)
            {
                both++;
                same += now == then ? 1 : 0;
            }
        }

        Assert.True(both > 200);
        Assert.True(same >= both * 0.9, $"{same} of {both} kept their group id");
        Assert.True(Ari(second, conversation.PlantedGroups) >= 0.9);
    }

    [Fact]
    public void Update_GroupsRelabelledByOneShot_UpdateRestoresPreviousIds()
    {
        var matrix = SyntheticConversation.Generate(300, 50, 3, 0.5, seed: 8).Matrix;
        var first = OpinionMapper.Analyze(matrix, new OpinionMapOptions { Seed = 1 });

        // The same data with a different seed may number the groups differently; Update must not.
        var updated = OpinionMapper.Update(first, matrix, new OpinionMapOptions { Seed = 99 });

        Assert.Equal(
            first.Participants.Select(p => p.Group),
            updated.Participants.Select(p => p.Group));
    }

    [Fact]
    public void Analyze_TwoGroups_StatisticsFollowTheirDefinitions()
    {
        var conversation = SyntheticConversation.Generate(200, 30, 2, 0.3, seed: 4);
        var map = OpinionMapper.Analyze(conversation.Matrix);
        var matrix = conversation.Matrix;
        var groups = map.GroupsByParticipant();

        foreach (var statement in map.Statements)
        {
            var column = matrix.IndexOfStatement(statement.Id);
            double product = 1;
            foreach (var group in map.Groups)
            {
                int agree = 0, seen = 0;
                for (var p = 0; p < matrix.ParticipantCount; p++)
                {
                    if (groups[matrix.ParticipantIds[p]] == group.Id && matrix.GetVote(p, column) is sbyte v)
                    {
                        seen++;
                        agree += v == 1 ? 1 : 0;
                    }
                }

                product *= (agree + 1.0) / (seen + 2.0);
            }

            Assert.Equal(product, statement.GroupInformedConsensus, 12);
            var all = Enumerable.Range(0, matrix.ParticipantCount).Select(p => matrix.GetVote(p, column)).Where(v => v is not null).ToList();
            Assert.Equal(all.Count(v => v == 1), statement.Agree);
            Assert.Equal(all.Count(v => v == -1), statement.Disagree);
            Assert.Equal(all.Count(v => v == 0), statement.Pass);
        }

        // With planted groups that lean opposite ways on half the statements, each group has representatives.
        Assert.All(map.Groups, g =>
        {
            Assert.InRange(g.Representative.Count, 1, 5);
            Assert.All(g.Representative, r => Assert.True(r.Z > 1.2815 && r.P > 0.5));
        });
    }

    [Fact]
    public void Analyze_StatementEveryoneAgreesWith_IsConsensusAndBridging()
    {
        // Two camps of 30 that disagree on statements 0..9; statement "all" is agreed by everyone,
        // statement "camp" only by the larger camp (and rejected by the other).
        var builder = new VoteMatrixBuilder();
        for (var s = 0; s < 10; s++)
        {
            builder.AddStatement(new StatementInfo(s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        builder.AddStatement(new StatementInfo("all"));
        builder.AddStatement(new StatementInfo("camp"));
        builder.AddStatement(new StatementInfo("nobody"));
        var random = new Random(2);
        for (var p = 0; p < 70; p++)
        {
            var left = p < 40;
            var id = "p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture);
            for (var s = 0; s < 10; s++)
            {
                var agrees = (s % 2 == 0) == left;
                var vote = random.NextDouble() < 0.9 ? (agrees ? 1 : -1) : (agrees ? -1 : 1);
                builder.AddVote(id, s.ToString(System.Globalization.CultureInfo.InvariantCulture), vote, s);
            }

            builder.AddVote(id, "all", random.NextDouble() < 0.9 ? 1 : 0, 20);
            builder.AddVote(id, "camp", left ? 1 : -1, 21);
            builder.AddVote(id, "nobody", -1, 22);
        }

        var map = OpinionMapper.Analyze(builder.Build());

        Assert.Equal(2, map.Groups.Count);
        Assert.Contains("all", map.Consensus.Agree);
        Assert.DoesNotContain("camp", map.Consensus.Agree);
        Assert.Contains("nobody", map.Consensus.Disagree);
        var all = map.Statements.Single(s => s.Id == "all");
        var camp = map.Statements.Single(s => s.Id == "camp");
        Assert.True(all.Bridging > camp.Bridging + 0.3, $"bridging all {all.Bridging}, camp {camp.Bridging}");
        Assert.True(all.GroupInformedConsensus > camp.GroupInformedConsensus);
        // "camp" splits the groups exactly: it is representative of both (agree for one, disagree for the other).
        Assert.All(map.Groups, g => Assert.Contains(g.Representative, r => r.Statement == "camp"));
    }

    [Fact]
    public void Priority_PolisFormula_FavoursUnseenAgreedExtremeStatements()
    {
        // importance = (1 - (P+1)/(S+2)) (E+1) (A+1)/(S+2); priority = (importance (1 + 8 * 2^(-S/5)))^2
        var expected = Math.Pow((1 - (2.0 / 12)) * 1.5 * (6.0 / 12) * (1 + (8 * Math.Pow(2, -2))), 2);
        Assert.Equal(expected, OpinionMapper.Priority(agree: 5, disagree: 4, pass: 1, extremity: 0.5, isMeta: false), 12);
        Assert.Equal(49, OpinionMapper.Priority(0, 0, 0, 0, isMeta: true));
        Assert.True(OpinionMapper.Priority(0, 0, 0, 0, false) > OpinionMapper.Priority(0, 0, 50, 0, false));
        Assert.True(OpinionMapper.Priority(10, 0, 0, 1, false) > OpinionMapper.Priority(0, 10, 0, 1, false));
    }

    [Theory]
    [InlineData(1, 1, false)]
    [InlineData(2, 1, false)]
    [InlineData(3, 5, false)]
    [InlineData(50, 10, true)]
    [InlineData(50, 1, true)]
    public void Analyze_DegenerateConversations_MapsEveryoneWithoutFailing(int participants, int statements, bool unanimous)
    {
        var builder = new VoteMatrixBuilder();
        for (var s = 0; s < statements; s++)
        {
            builder.AddStatement(new StatementInfo(s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var random = new Random(5);
        for (var p = 0; p < participants; p++)
        {
            for (var s = 0; s < statements; s++)
            {
                builder.AddVote("p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ToString(System.Globalization.CultureInfo.InvariantCulture), unanimous ? 1 : random.Next(-1, 2), s);
            }
        }

        var map = OpinionMapper.Analyze(builder.Build());

        Assert.Equal(participants, map.Participants.Count);
        Assert.All(map.Participants, p => Assert.True(double.IsFinite(p.X) && double.IsFinite(p.Y)));
        Assert.Equal(participants, map.Groups.Sum(g => g.Size));
        Assert.All(map.Statements, s => Assert.True(double.IsFinite(s.Bridging ?? 0) && double.IsFinite(s.Priority)));
        if (unanimous)
        {
            Assert.Single(map.Groups); // nobody disagrees with anybody: one group
        }
    }

    [Fact]
    public void Analyze_NoVotes_EmptyMapWithoutGroups()
    {
        var builder = new VoteMatrixBuilder();
        builder.AddStatement(new StatementInfo("a"));
        builder.AddParticipant("lonely");

        var map = OpinionMapper.Analyze(builder.Build());

        Assert.Empty(map.Groups);
        Assert.Null(map.Participants.Single().Group);
        Assert.Equal(0, map.Statements.Single().Agree);
    }

    [Fact]
    public void Analyze_BowlingGreen2050FromParticipantsFile_MatchesPolisGroups()
    {
        var folder = Path.Combine(TestEnvironment.TestData, "OpinionMap", "bg2050-volunteers");
        var conversation = PolisExport.ReadDirectory(folder);

        var map = OpinionMapper.Analyze(conversation.Matrix);

        // The file is not in participant order; the base clusters are seeded in joining order all the same.
        var ari = PolisComparisonTests.Ari(map, conversation);
        Assert.True(ari >= 0.95, $"ARI {ari:F3}");
    }

    /// <summary>
    /// A two-group map with a dense core and a sparse wing: 400 consistent participants who vote
    /// on 40 % of 50 statements, and 100 who vote on 12 % and follow their side only 60 % of the
    /// time. The second principal component is then noise and several k-means groupings lie within
    /// a fraction of a percent of the least spread; the groups must not depend on the seed all the
    /// same. (These two data sets were picked because the earlier engine failed them: with random
    /// PCA starts the lowest ARI between seeds was 0.84 and 0.75; with seeded group starts and the
    /// least-spread rule, 0.73 on the second.)
    /// </summary>
    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public void Analyze_DenseCoreSparseWing_SameGroupsWhateverTheSeed(int dataSeed)
    {
        var matrix = CoreAndWing(core: 400, wing: 100, statements: 50, dataSeed);

        var maps = Enumerable.Range(0, 10)
            .Select(seed => OpinionMapper.Analyze(matrix, new OpinionMapOptions { Seed = seed, ComputeBridging = false }))
            .ToList();

        // The wing is too sparse to be recovered well (about 6 votes each, many below the 7 needed
        // to be grouped); recovery is the planted-group tests' business, stability this one's.
        Assert.All(maps, map => Assert.Equal(2, map.Groups.Count));
        var lowest = PolisComparisonTests.LowestPairwiseAri(maps);
        Assert.True(lowest >= 0.95, $"lowest pairwise ARI between seeds {lowest:F3}");
    }

    private static VoteMatrix CoreAndWing(int core, int wing, int statements, int seed)
    {
        var random = new Random(seed);
        var builder = new VoteMatrixBuilder();
        for (var s = 0; s < statements; s++)
        {
            builder.AddStatement(new StatementInfo(s.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // The wing disagrees with the core on half of the statements.
        var coreAgrees = Enumerable.Range(0, statements).Select(_ => random.NextDouble() < 0.7).ToArray();
        var wingAgrees = coreAgrees.Select((agrees, s) => s % 2 == 0 ? !agrees : agrees).ToArray();
        long time = 0;
        for (var p = 0; p < core + wing; p++)
        {
            // Every (core + wing) / wing-th participant is in the wing, so the two are interleaved in joining order.
            var inWing = p % ((core + wing) / wing) == 0 && p / ((core + wing) / wing) < wing;
            var (seen, loyal, leaning) = inWing ? (0.12, 0.6, wingAgrees) : (0.4, 0.9, coreAgrees);
            for (var s = 0; s < statements; s++)
            {
                if (random.NextDouble() < seen)
                {
                    var vote = random.NextDouble() < 0.1 ? 0 : (random.NextDouble() < loyal) == leaning[s] ? 1 : -1;
                    builder.AddVote("p" + p.ToString(System.Globalization.CultureInfo.InvariantCulture), s.ToString(System.Globalization.CultureInfo.InvariantCulture), vote, time++);
                }
            }
        }

        return builder.Build();
    }
}
