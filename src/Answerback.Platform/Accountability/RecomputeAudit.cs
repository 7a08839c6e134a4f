using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.SocialAudit;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// Recomputes every precomputed view from the stored posts with the social-audit engine, so that no
/// page computes anything: each representative's scorecard (<see cref="ConversationMetrics"/> over
/// their accounts pooled into one), each party's copy-paste campaigns (<see cref="CampaignFinder"/>
/// over the party's accounts, near-identical copies included) and each area's presence. Runs after
/// every import (a background job); one run at a time in a process.
/// </summary>
public sealed class RecomputeAudit(AnswerbackDbContext db, TimeProvider time)
{
    public const string PresenceKey = "presence";

    public static string ScorecardKey(Guid representativeId) => "rep:" + representativeId.ToString("N");

    public static string PartyKey(string partyName) => "party:" + PartySlug(partyName);

    public static string PartySlug(string partyName) => Slugs.From(partyName) is { Length: > 0 } slug ? slug : "independent";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    private sealed record Rep(Guid Id, string Name, string PartyName, string PartySlug, Guid AreaId, string? Excluded, HashSet<string> HandleKeys, int Accounts);

    public async Task RunAsync(CancellationToken ct)
    {
        await OneAtATime.WaitAsync(ct);
        try
        {
            await RecomputeAsync(ct);
        }
        finally
        {
            OneAtATime.Release();
        }
    }

    private async Task RecomputeAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var registry = await AccountRegistry.LoadAsync(db, ct);
        var reps = (await db.Set<Representative>().AsNoTracking().Include(r => r.Accounts).ToListAsync(ct))
            .ToDictionary(r => r.Id, r => new Rep(r.Id, r.Name, r.PartyName, PartySlug(r.PartyName), r.AreaId, r.ExcludedNetwork,
                [.. r.Accounts.Where(a => Networks.Posting.Contains(a.Network)).Select(a => a.HandleKey)], r.Accounts.Count(a => Networks.Posting.Contains(a.Network))));

        // The stored posts, each with the representative who wrote it (null for others), read once.
        var posts = new List<Post>();
        var authors = new List<Guid?>();
        await foreach (var stored in db.Set<AuditPost>().AsNoTracking().OrderBy(p => p.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            var post = stored.ToPost();
            var author = registry.Match(post);
            if (author is not null && author.AccountId is null)
            {
                registry.Learn(author, post.AccountId);
            }

            posts.Add(post);
            authors.Add(author?.RepresentativeId);
        }

        Guid? Scored(int i) => authors[i] is { } id && reps.TryGetValue(id, out var r) && r.Excluded != posts[i].Network ? id : null;

        // Campaigns per party, over the party's own posts (the excluded channel still counts here: a campaign is public either way).
        var partyViews = new List<PartyCampaigns>();
        var networks = new List<AuditSnapshot>();
        var campaignPostIds = new HashSet<(string, string)>();
        var theirCampaigns = new Dictionary<Guid, List<ScorecardCampaign>>();
        foreach (var party in reps.Values.GroupBy(r => r.PartySlug, StringComparer.Ordinal))
        {
            var members = party.Select(r => r.Id).ToHashSet();
            var indexes = Enumerable.Range(0, posts.Count).Where(i => authors[i] is { } a && members.Contains(a)).ToList();
            var partyPosts = indexes.Select(i => posts[i]).ToList();
            var byPost = new Dictionary<(string, string), Guid>();
            foreach (var i in indexes)
            {
                byPost[(posts[i].Network, posts[i].Id)] = authors[i]!.Value;
            }

            var views = new List<CampaignView>();
            var inCampaigns = 0;
            foreach (var campaign in CampaignFinder.Find(partyPosts, new CampaignOptions()))
            {
                var id = CampaignId(campaign.Earliest);
                var postViews = campaign.Posts.Select(p =>
                {
                    var rep = byPost.TryGetValue((p.Network, p.Id), out var r) ? reps[r] : null;
                    return new CampaignPostView(rep?.Id, rep?.Name ?? p.Handle, p.Network, p.Handle, p.Time, p.Text, AccountabilityFigures.PostUrl(p.Network, p.Handle, p.Id));
                }).ToList();
                inCampaigns += campaign.Posts.Count;
                foreach (var p in campaign.Posts)
                {
                    campaignPostIds.Add((p.Network, p.Id));
                }

                foreach (var group in postViews.Where(p => p.RepresentativeId is not null).GroupBy(p => p.RepresentativeId!.Value))
                {
                    if (!theirCampaigns.TryGetValue(group.Key, out var list))
                    {
                        theirCampaigns[group.Key] = list = [];
                    }

                    list.Add(new ScorecardCampaign(id, party.Key, Excerpt(campaign.Text), campaign.Earliest.Time, campaign.Accounts.Count, group.Count()));
                }

                views.Add(new CampaignView(id, campaign.Text, campaign.NearIdentical, Math.Round(campaign.SpreadMinutes, 2), campaign.Accounts.Count,
                    [.. postViews.Where(p => p.RepresentativeId is not null).Select(p => reps[p.RepresentativeId!.Value].AreaId).Distinct()], postViews));
            }

            partyViews.Add(new PartyCampaigns(party.Key, party.First().PartyName, partyPosts.Count, inCampaigns, views, now));
            networks.AddRange(NetworkSnapshots(party.Key, partyPosts, now));
        }

        // Conversation metrics over each representative's accounts pooled into one (the engine's definitions, unchanged).
        var pooled = new List<Post>(posts.Count);
        var accountOwner = new Dictionary<(string, string), Guid>();
        for (var i = 0; i < posts.Count; i++)
        {
            if (Scored(i) is { } rep)
            {
                accountOwner.TryAdd((posts[i].Network, posts[i].AccountId), rep);
            }
        }

        string PooledAccount(string network, string accountId) =>
            accountOwner.TryGetValue((network, accountId), out var rep) ? "rep:" + rep.ToString("N") : network + ":" + accountId;

        var pooledCampaign = new HashSet<(string, string)>();
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            pooled.Add(p with
            {
                Network = "all",
                Id = p.Network + ":" + p.Id,
                AccountId = PooledAccount(p.Network, p.AccountId),
                ReplyToPostId = p.ReplyToPostId is null ? null : p.Network + ":" + p.ReplyToPostId,
                ReplyToAccountId = p.ReplyToAccountId is null ? null : PooledAccount(p.Network, p.ReplyToAccountId),
                RepostOfId = p.RepostOfId is null ? null : p.Network + ":" + p.RepostOfId,
            });
            if (campaignPostIds.Contains((p.Network, p.Id)))
            {
                pooledCampaign.Add(("all", p.Network + ":" + p.Id));
            }
        }

        var metrics = ConversationMetrics.Compute(pooled, null, MetricsPeriod.All, pooledCampaign)
            .Where(m => m.AccountId.StartsWith("rep:", StringComparison.Ordinal))
            .ToDictionary(m => Guid.ParseExact(m.AccountId[4..], "N"));

        var rival = RivalAnswers(posts, authors, reps, Scored);

        var snapshots = new List<AuditSnapshot>();
        var periods = new Dictionary<Guid, (DateTimeOffset First, DateTimeOffset Last, Dictionary<string, int> Sources)>();
        for (var i = 0; i < posts.Count; i++)
        {
            if (Scored(i) is not { } rep)
            {
                continue;
            }

            var t = posts[i].Time;
            if (!periods.TryGetValue(rep, out var period))
            {
                period = (t, t, new Dictionary<string, int>(StringComparer.Ordinal));
            }

            period.Sources[posts[i].Network] = period.Sources.GetValueOrDefault(posts[i].Network) + 1;
            periods[rep] = (t < period.First ? t : period.First, t > period.Last ? t : period.Last, period.Sources);
        }

        foreach (var rep in reps.Values)
        {
            var m = metrics.GetValueOrDefault(rep.Id);
            var hasPeriod = periods.TryGetValue(rep.Id, out var period);
            var postsCount = m?.Posts ?? 0;
            var weeks = hasPeriod ? Math.Max(1, (period.Last - period.First).TotalDays / 7) : 1;
            var (rivalPosts, rivalTimes) = rival.GetValueOrDefault(rep.Id, (0, []));
            rivalTimes.Sort();
            var card = new Scorecard
            {
                RepresentativeId = rep.Id,
                PeriodStart = hasPeriod ? period.First : null,
                PeriodEnd = hasPeriod ? period.Last : null,
                Sources = hasPeriod ? [.. period.Sources.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => new SourceCount(s.Key, s.Value))] : [],
                ExcludedNetwork = rep.Excluded,
                Posts = postsCount,
                PostsPerWeek = postsCount >= Scorecards.MinimumSample ? Math.Round(postsCount / weeks, 2) : null,
                Originals = Proportion.Of(m?.Originals ?? 0, postsCount),
                Reposts = Proportion.Of(m?.Reposts ?? 0, postsCount),
                Replies = Proportion.Of(m?.Replies ?? 0, postsCount),
                MentionsAnswered = Proportion.Of(m?.RepliesAnswered ?? 0, m?.RepliesReceived ?? 0),
                AnswerTime = Duration.Of(m?.MedianResponse, m?.RepliesAnswered ?? 0),
                RivalAnswered = Proportion.Of(rivalTimes.Count, rivalPosts),
                RivalAnswerTime = Duration.Of(ConversationMetrics.Median(rivalTimes), rivalTimes.Count),
                CampaignPosts = Proportion.Of(m?.CampaignPosts ?? 0, postsCount),
                Campaigns = theirCampaigns.GetValueOrDefault(rep.Id) ?? [],
                ComputedAt = now,
            };
            snapshots.Add(Snapshot(ScorecardKey(rep.Id), card, now));
        }

        foreach (var party in partyViews)
        {
            snapshots.Add(Snapshot("party:" + party.PartyKey, party, now));
        }

        snapshots.Add(Snapshot(PresenceKey, Presence(posts, Scored, reps, now), now));
        snapshots.AddRange(networks);

        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Set<AuditSnapshot>().ExecuteDeleteAsync(ct);
        db.Set<AuditSnapshot>().AddRange(snapshots);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// For each representative: how many posts by a rival party's representatives named them (an @mention
    /// of one of their handles, or their party's name in the text), and the time to each one they answered
    /// (their first reply to it or quote of it).
    /// </summary>
    private static Dictionary<Guid, (int Posts, List<TimeSpan> Times)> RivalAnswers(List<Post> posts, List<Guid?> authors, Dictionary<Guid, Rep> reps, Func<int, Guid?> scored)
    {
        var byHandle = new Dictionary<string, List<Rep>>(StringComparer.Ordinal);
        foreach (var rep in reps.Values)
        {
            foreach (var key in rep.HandleKeys)
            {
                foreach (var form in new[] { key, key.Split('@')[0] }.Distinct(StringComparer.Ordinal))
                {
                    if (!byHandle.TryGetValue(form, out var list))
                    {
                        byHandle[form] = list = [];
                    }

                    list.Add(rep);
                }
            }
        }

        var partyNames = reps.Values.Where(r => r.PartySlug != "independent" && r.PartyName.Length >= 4)
            .Select(r => (r.PartySlug, r.PartyName)).Distinct().ToList();
        var membersOf = reps.Values.GroupBy(r => r.PartySlug, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);

        // Answers: each representative's replies and quotes, by the post they answer.
        var answers = new Dictionary<(string, string), List<(Guid Rep, DateTimeOffset Time)>>();
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            var target = p.Kind == PostKind.Reply ? p.ReplyToPostId : p.Kind == PostKind.Quote ? p.RepostOfId : null;
            if (target is not null && scored(i) is { } rep)
            {
                var key = (p.Network, target);
                if (!answers.TryGetValue(key, out var list))
                {
                    answers[key] = list = [];
                }

                list.Add((rep, p.Time));
            }
        }

        var result = new Dictionary<Guid, (int Posts, List<TimeSpan> Times)>();
        for (var i = 0; i < posts.Count; i++)
        {
            var p = posts[i];
            if (authors[i] is not { } authorId || p.Kind == PostKind.Repost)
            {
                continue;
            }

            var authorParty = reps[authorId].PartySlug;
            var named = new HashSet<Guid>();
            foreach (var mention in p.Mentions)
            {
                if (byHandle.TryGetValue(Networks.Key(mention), out var list))
                {
                    named.UnionWith(list.Where(r => r.PartySlug != authorParty && r.Excluded != p.Network).Select(r => r.Id));
                }
            }

            foreach (var (slug, name) in partyNames)
            {
                if (slug != authorParty && p.Text.Contains(name, StringComparison.OrdinalIgnoreCase))
                {
                    named.UnionWith(membersOf[slug].Where(r => r.Excluded != p.Network).Select(r => r.Id));
                }
            }

            foreach (var rep in named)
            {
                var entry = result.TryGetValue(rep, out var e) ? e : (0, new List<TimeSpan>());
                var answer = answers.GetValueOrDefault((p.Network, p.Id))?.Where(a => a.Rep == rep && a.Time >= p.Time).Select(a => (DateTimeOffset?)a.Time).Min();
                if (answer is { } at)
                {
                    entry.Item2.Add(at - p.Time);
                }

                result[rep] = (entry.Item1 + 1, entry.Item2);
            }
        }

        return result;
    }

    private static PresenceSnapshot Presence(List<Post> posts, Func<int, Guid?> scored, Dictionary<Guid, Rep> reps, DateTimeOffset now)
    {
        DateTimeOffset? first = null, last = null;
        foreach (var p in posts)
        {
            first = first is null || p.Time < first ? p.Time : first;
            last = last is null || p.Time > last ? p.Time : last;
        }

        var weeks = first is { } f && last is { } l ? Math.Max(1, (l - f).TotalDays / 7) : 1;
        var activeSince = (last ?? now) - TimeSpan.FromDays(AccountabilityFigures.ActiveDays);
        var byArea = reps.Values.GroupBy(r => r.AreaId).ToDictionary(g => g.Key, g => (People: g.Count(), Accounts: g.Sum(r => r.Accounts), Posts: 0, Replies: 0, Active: new HashSet<(string, string)>()));
        for (var i = 0; i < posts.Count; i++)
        {
            if (scored(i) is not { } rep)
            {
                continue;
            }

            var area = reps[rep].AreaId;
            var entry = byArea[area];
            var p = posts[i];
            entry.Posts++;
            if (p.Kind == PostKind.Reply && !p.IsSelfReply)
            {
                entry.Replies++;
            }

            if (p.Time >= activeSince)
            {
                entry.Active.Add((p.Network, p.AccountId));
            }

            byArea[area] = entry;
        }

        return new PresenceSnapshot(
            [.. byArea.Select(a => new AreaPresenceView(a.Key, a.Value.People, a.Value.Accounts, a.Value.Active.Count, a.Value.Posts, Math.Round(a.Value.Posts / weeks, 2), a.Value.Replies))],
            first, last, now);
    }

    /// <summary>The key of a party's coordination network written as <paramref name="format"/> (<c>csv</c> or <c>graphml</c>).</summary>
    public static string NetworkKey(string partySlug, string format) => $"network:{partySlug}:{format}";

    /// <summary>The types of the downloadable network: the text, link and repost ones the campaigns rest on.</summary>
    public static readonly IReadOnlyList<CoordinationType> NetworkTypes = [CoordinationType.CoText, CoordinationType.CoSimilar, CoordinationType.CoRepost, CoordinationType.CoLink];

    /// <summary>The party's coordination network (the engine's detector and writers), as CSV and GraphML text.</summary>
    private static IEnumerable<AuditSnapshot> NetworkSnapshots(string partySlug, List<Post> partyPosts, DateTimeOffset now)
    {
        var options = new CoordinationOptions { Window = new CampaignOptions().Window };
        var byType = CoordinationDetector.Detect(partyPosts, [.. NetworkTypes], options);
        var edges = NetworkTypes.SelectMany(t => byType[t]).ToList();
        var handles = CoordinationReport.Handles(partyPosts);
        foreach (var (format, name) in new[] { (ReportFormat.Csv, "csv"), (ReportFormat.GraphMl, "graphml") })
        {
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            CoordinationReport.Write(writer, edges, format, handles);
            yield return new AuditSnapshot { Key = NetworkKey(partySlug, name), Content = writer.ToString(), ComputedAt = now };
        }
    }

    private static AuditSnapshot Snapshot<T>(string key, T value, DateTimeOffset now)
        => new() { Key = key, Content = JsonSerializer.Serialize(value, Json), ComputedAt = now };

    private static string CampaignId(Post earliest)
        => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(earliest.Network + "\n" + earliest.Id)))[..12];

    private static string Excerpt(string text) => text.Length <= 140 ? text : text[..140] + "…";
}
