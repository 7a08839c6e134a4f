using System.Globalization;
using System.Text;
using Answerback.Platform.Accounts;
using Answerback.Platform.Common;
using Answerback.Platform.Data;
using Answerback.Platform.Demo;
using Answerback.Platform.Organisations;
using Answerback.SocialAudit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Answerback.Platform.Accountability;

/// <summary>
/// The demo's accountability data, through the registry import and the post import: the demo party
/// and a rival with one representative or candidate each in the 14 Cambridge wards; eight weeks of
/// synthetic posts with a copy-paste attack by twelve rival accounts within minutes, one
/// broadcast-only councillor, one who answers most mentions, and next to no presence in the four
/// south-east wards.
/// </summary>
internal sealed class AccountabilityDemoSeed(
    AnswerbackDbContext db, OrganisationDirectory organisations, ImportRepresentatives registry, EditRepresentative edit,
    QueuePostImport queue, ImportPosts import, UserManager<Person> users) : IDemoSeed
{
    public const string RivalParty = "Cambridge Forward (demo)";

    /// <summary>The wards with next to no presence (the issue's south-east Cambridge).</summary>
    public static readonly IReadOnlyList<string> QuietWards = ["Romsey", "Coleridge", "Queen Edith's", "Cherry Hinton"];

    /// <summary>The councillor who answers most mentions, and the one who only broadcasts.</summary>
    public const string ResponsiveWard = "Arbury";

    public const string BroadcastWard = "Castle";

    public const string AttackText = "Cambridge Commons Party (demo) councillors voted to close the Mill Road library. Ask them why they will not save it.";

    private static readonly DateTimeOffset End = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    private static readonly string[] Given = ["Amara", "Ben", "Chloe", "Dev", "Eleni", "Femi", "Grace", "Hugo", "Isla", "Jonah", "Kavya", "Liam", "Maya", "Nico"];

    private static readonly string[] Family = ["Okafor", "Price", "Quinn", "Rahman", "Stone", "Turner", "Usman", "Vance", "Walsh", "Xu", "Young", "Zamora", "Adeyemi", "Brooks"];

    public int Order => DemoSeedOrder.Accountability;

    public async Task SeedAsync(DemoSeeding seeding, CancellationToken ct)
    {
        var organisation = await organisations.FindAsync(DemoData.OrganisationSlug, ct) ?? throw new InvalidOperationException("The demo organisation is missing.");
        if (await db.Set<Representative>().AnyAsync(r => r.OwnerOrganisationId == organisation.Id, ct))
        {
            return;
        }

        var csv = new StringBuilder("name,party_name,post_label,gss_code,election,twitter_username,mastodon_username,facebook_page_url,homepage_url,elected\n");
        var wards = DemoData.Wards;
        for (var i = 0; i < wards.Count; i++)
        {
            var (name, code) = wards[i];
            csv.Append(CultureInfo.InvariantCulture, $"{Given[i]} {Family[i]},{DemoData.OrganisationName},{Csv(name)},{code},local.cambridge.2026-05-07,{Handle("commons", name)},,,,True\n");
            csv.Append(CultureInfo.InvariantCulture, $"{Given[13 - i]} {Family[(i + 5) % 14]},{RivalParty},{Csv(name)},{code},local.cambridge.2026-05-07,{Handle("forward", name)},,,,False\n");
        }

        var report = await registry.ImportAsync(organisation.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), "demo-candidates.csv", ct);
        if (!report.Succeeded)
        {
            throw new InvalidOperationException("The demo registry could not be imported: " + string.Join(" ", report.Errors.Select(e => e.Message)));
        }

        var organiser = await users.FindByEmailAsync(DemoData.OrganiserEmail) ?? throw new InvalidOperationException("The demo organiser is missing.");
        var responsive = await db.Set<Representative>().Where(r => r.OwnerOrganisationId == organisation.Id && r.PartyName == DemoData.OrganisationName && r.Area!.Name == ResponsiveWard)
            .Select(r => r.Id).SingleAsync(ct);
        await edit.LinkPersonAsync(responsive, organiser.Id, DemoData.FirstCandidateEmail, ct);

        using var file = new MemoryStream();
        JsonLinesFormat.Write(Posts(), file);
        file.Position = 0;
        var queued = await queue.QueueAsync(organisation.Id, null, organiser.Id, file, "demo-posts.jsonl", ct);
        if (queued.Value is not { } job)
        {
            throw new InvalidOperationException("The demo posts could not be queued.");
        }

        await import.RunAsync(job.Id, ct);
    }

    private static string Csv(string s) => s.Contains(',', StringComparison.Ordinal) ? "\"" + s + "\"" : s;

    /// <summary>An X handle from the party prefix and the ward's name: <c>commons_queenediths</c>.</summary>
    public static string Handle(string prefix, string ward) => prefix + "_" + Slugs.From(ward).Replace("-", "", StringComparison.Ordinal);

    /// <summary>The synthetic posts, the same on every machine (a seeded generator).</summary>
    public static IEnumerable<Post> Posts()
    {
        var random = new Random(20261127);
        var start = End.AddDays(-56);
        var id = 0;
        string Next() => "demo" + (++id).ToString(CultureInfo.InvariantCulture);
        Post Make(string handle, DateTimeOffset time, string text, PostKind kind = PostKind.Original, Post? replyTo = null, string? repostOf = null, params string[] mentions) => new()
        {
            Network = "x",
            Id = Next(),
            AccountId = "demo-" + handle,
            Handle = handle,
            Time = time,
            Text = text,
            Kind = kind,
            ReplyToPostId = replyTo?.Id,
            ReplyToAccountId = replyTo?.AccountId,
            RepostOfId = repostOf,
            Mentions = mentions,
            Visibility = PostVisibility.Public,
        };

        var posts = new List<Post>();
        string[] topics = ["bins", "the guided busway", "Mill Road", "cycle lanes", "the river", "council tax", "new homes", "the library", "bus fares", "street lights"];
        foreach (var (ward, _) in DemoData.Wards)
        {
            var quiet = QuietWards.Contains(ward);
            foreach (var party in new[] { "commons", "forward" })
            {
                var handle = Handle(party, ward);
                var count = quiet ? (party == "commons" ? 2 : 0) : 24 + random.Next(20);
                for (var i = 0; i < count; i++)
                {
                    var time = start.AddMinutes(random.Next(56 * 24 * 60));
                    var broadcast = party == "commons" && ward == BroadcastWard;
                    posts.Add(i % 4 == 3 || (broadcast && i % 2 == 1)
                        ? Make(handle, time, "", PostKind.Repost, repostOf: "demo-party-post-" + (i % 7).ToString(CultureInfo.InvariantCulture))
                        : Make(handle, time, $"Out in {ward} today talking about {topics[random.Next(topics.Length)]}: thank you to everyone who stopped for a chat ({i + 1})."));
                }

                if (quiet)
                {
                    continue;
                }

                // Residents reply; the councillor answers some, most or none.
                var own = posts.Where(p => p.Handle == handle && p.Kind == PostKind.Original).ToList();
                var answerRate = party == "commons" ? ward == ResponsiveWard ? 0.9 : ward == BroadcastWard ? 0 : 0.4 : 0.3;
                for (var i = 0; i < 15 && own.Count > 0; i++)
                {
                    var parent = own[random.Next(own.Count)];
                    var resident = "resident" + random.Next(1, 60).ToString(CultureInfo.InvariantCulture);
                    var question = Make(resident, parent.Time.AddMinutes(5 + random.Next(600)), $"@{handle} what is happening about {topics[random.Next(topics.Length)]} near me?", PostKind.Reply, parent, mentions: handle);
                    posts.Add(question);
                    if (random.NextDouble() < answerRate)
                    {
                        posts.Add(Make(handle, question.Time.AddMinutes(10 + random.Next(ward == ResponsiveWard ? 90 : 2000)), $"@{resident} thanks for asking: I will look into it and reply in full.", PostKind.Reply, question, mentions: resident));
                    }
                }
            }
        }

        // The planted attack: twelve rival accounts within seven minutes, three with a word changed.
        var attackAt = End.AddDays(-10);
        var attackers = DemoData.Wards.Select(w => Handle("forward", w.Name)).Take(12).ToList();
        var attack = new List<Post>();
        for (var i = 0; i < attackers.Count; i++)
        {
            var text = i % 4 == 3 ? AttackText.Replace("close", "shut", StringComparison.Ordinal) : AttackText;
            attack.Add(Make(attackers[i], attackAt.AddSeconds(i * 35), text));
        }

        posts.AddRange(attack);
        // The responsive councillor answers most of the attack posts naming their party.
        var defender = Handle("commons", ResponsiveWard);
        foreach (var post in attack.Take(10))
        {
            posts.Add(Make(defender, post.Time.AddMinutes(15 + random.Next(40)), $"@{post.Handle} we voted to keep it open: the minutes are public.", PostKind.Reply, post, mentions: post.Handle));
        }

        return posts.OrderBy(p => p.Time);
    }
}
