using System.CommandLine;
using System.Globalization;
using Answerback.SocialAudit;
using Answerback.Formats;

namespace Answerback.Cli.Commands.SocialAudit;

/// <summary>
/// <c>answerback audit</c>: import public posts, build coordination networks, find campaigns and measure broadcast
/// versus conversation (see docs/social-audit.md).
/// </summary>
public static class AuditCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("audit", "Audit public social-media posts: import, coordination networks, campaigns, conversation metrics.");
        command.Subcommands.Add(Import(context));
        command.Subcommands.Add(Coordination(context));
        command.Subcommands.Add(Campaigns(context));
        command.Subcommands.Add(Metrics(context));
        return command;
    }

    private static Argument<string[]> Inputs() => new("INPUT")
    {
        Description = "Files or folders: X or Mastodon archives (folder or .zip), Bluesky .json, QUT toolkit .csv, Answerback .jsonl",
        Arity = ArgumentArity.OneOrMore,
    };

    private static Option<string?> OutputOption(string description) => new("--output", "-o") { Description = description };

    private static Command Import(CliContext context)
    {
        var inputs = Inputs();
        var output = new Option<string>("--output", "-o") { Description = "The JSON-lines file to write", Required = true };
        var command = new Command("import", "Read posts from any supported input and write Answerback JSON lines.");
        command.Arguments.Add(inputs);
        command.Options.Add(output);
        command.SetAction(parse =>
        {
            var posts = Load(context, parse.GetValue(inputs)!);
            AuditOutput.WriteFile(parse.GetValue(output)!, stream => JsonLinesFormat.Write(posts, stream));
            context.Error.WriteLine($"audit: wrote {posts.Count.ToString("N0", CultureInfo.InvariantCulture)} posts to {parse.GetValue(output)}");
            return 0;
        });
        return command;
    }

    private static Command Coordination(CliContext context)
    {
        var inputs = Inputs();
        var type = new Option<string>("--type", "-t") { Description = "The network", Required = true };
        type.AcceptOnlyFromAmong("co-text", "co-similar", "co-repost", "co-link", "co-reply");
        var window = new Option<double>("--window", "-w") { Description = "Seconds: posts match when |t1 - t2| <= window", Required = true };
        var minWeight = new Option<int>("--min-weight") { Description = "Drop edges lighter than this", DefaultValueFactory = _ => 1 };
        var threshold = new Option<double>("--threshold") { Description = "co-similar: least Jaccard similarity", DefaultValueFactory = _ => 0.8 };
        var minTokens = new Option<int>("--min-tokens") { Description = "co-similar: ignore posts with fewer distinct words", DefaultValueFactory = _ => 5 };
        var method = new Option<string>("--method") { Description = "co-similar: minhash (fast, no false positives) or exhaustive", DefaultValueFactory = _ => "minhash" };
        method.AcceptOnlyFromAmong("minhash", "exhaustive");
        var loops = new Option<bool>("--self-loops") { Description = "Keep A->A edges (as the QUT toolkit: every post matches itself)" };
        var removeUrls = new Option<bool>("--remove-urls") { Description = "co-text, co-similar: ignore links in the text" };
        var format = new Option<string>("--format", "-f") { Description = "csv (source,target,weight,edge_type), graphml or json", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "graphml", "json");
        var output = OutputOption("Write here instead of standard output");
        var command = new Command("coordination", "Build a coordination network with the QUT coordination-network-toolkit's definitions.");
        command.Arguments.Add(inputs);
        foreach (var o in new Option[] { type, window, minWeight, threshold, minTokens, method, loops, removeUrls, format, output })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var seconds = parse.GetValue(window);
            if (!double.IsFinite(seconds) || seconds < 0)
            {
                throw new CliException("--window must be a number of seconds, 0 or more");
            }

            var options = new CoordinationOptions
            {
                Type = AuditOutput.ParseType(parse.GetValue(type)!),
                Window = TimeSpan.FromSeconds(seconds),
                MinWeight = parse.GetValue(minWeight),
                Threshold = parse.GetValue(threshold),
                MinTokens = parse.GetValue(minTokens),
                Method = parse.GetValue(method) == "exhaustive" ? SimilarityMethod.Exhaustive : SimilarityMethod.MinHash,
                IncludeSelfLoops = parse.GetValue(loops),
                RemoveUrls = parse.GetValue(removeUrls),
                Progress = line => context.Error.WriteLine("audit: " + line),
            };
            var posts = Load(context, parse.GetValue(inputs)!);
            IReadOnlyList<CoordinationEdge> edges;
            try
            {
                edges = CoordinationDetector.Detect(posts, options);
            }
            catch (ArgumentOutOfRangeException ex)
            {
                throw new CliException(ex.Message.Split(" (Parameter", 2)[0]);
            }

            context.Error.WriteLine($"audit: {edges.Count.ToString("N0", CultureInfo.InvariantCulture)} edges");
            var handles = AuditOutput.Handles(posts);
            AuditOutput.Write(context, parse.GetValue(output), writer =>
            {
                switch (parse.GetValue(format))
                {
                    case "graphml":
                        AuditOutput.WriteGraphMl(writer, edges, handles);
                        break;
                    case "json":
                        AuditOutput.WriteEdgesJson(writer, edges);
                        break;
                    default:
                        AuditOutput.WriteEdgesCsv(writer, edges);
                        break;
                }
            });
            return 0;
        });
        return command;
    }

    private static Command Campaigns(CliContext context)
    {
        var inputs = Inputs();
        var window = new Option<double>("--window", "-w") { Description = "Seconds: copies within this time of each other belong together", DefaultValueFactory = _ => 600 };
        var minAccounts = new Option<int>("--min-accounts") { Description = "Least number of distinct accounts", DefaultValueFactory = _ => 3 };
        var threshold = new Option<double>("--threshold") { Description = "Least Jaccard similarity of near-identical posts", DefaultValueFactory = _ => 0.8 };
        var minTokens = new Option<int>("--min-tokens") { Description = "Shorter posts are only joined when identical", DefaultValueFactory = _ => 5 };
        var exactOnly = new Option<bool>("--exact-only") { Description = "Only identical texts (after normalisation)" };
        var removeUrls = new Option<bool>("--remove-urls") { Description = "Ignore links in the text" };
        var format = new Option<string>("--format", "-f") { Description = "text, csv or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv", "json");
        var output = OutputOption("Write here instead of standard output");
        var command = new Command("campaigns", "Find clusters of identical or near-identical posts by several accounts within a window.");
        command.Arguments.Add(inputs);
        foreach (var o in new Option[] { window, minAccounts, threshold, minTokens, exactOnly, removeUrls, format, output })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            var options = CampaignOptions(context, parse.GetValue(window), parse.GetValue(minAccounts), parse.GetValue(threshold), parse.GetValue(minTokens), !parse.GetValue(exactOnly), parse.GetValue(removeUrls));
            var posts = Load(context, parse.GetValue(inputs)!);
            var campaigns = CampaignFinder.Find(posts, options);
            context.Error.WriteLine($"audit: {campaigns.Count.ToString("N0", CultureInfo.InvariantCulture)} campaigns");
            AuditOutput.Write(context, parse.GetValue(output), writer => AuditOutput.WriteCampaigns(writer, campaigns, parse.GetValue(format)!));
            return 0;
        });
        return command;
    }

    private static Command Metrics(CliContext context)
    {
        var inputs = Inputs();
        var registry = new Option<string?>("--registry") { Description = "CSV network,handle,person,role,party,area_code: representatives and their wards" };
        var period = new Option<string>("--period") { Description = "all or month", DefaultValueFactory = _ => "all" };
        period.AcceptOnlyFromAmong("all", "month");
        var window = new Option<double>("--campaign-window") { Description = "Seconds: the campaign window for the campaign share", DefaultValueFactory = _ => 600 };
        var format = new Option<string>("--format", "-f") { Description = "text, json or csv", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json", "csv");
        var output = OutputOption("Write here instead of standard output");
        var command = new Command("metrics", "Broadcast versus conversation per account and period, and presence per ward.");
        command.Arguments.Add(inputs);
        foreach (var o in new Option[] { registry, period, window, format, output })
        {
            command.Options.Add(o);
        }

        command.SetAction(parse =>
        {
            Registry? reg = null;
            if (parse.GetValue(registry) is { } registryPath)
            {
                if (!File.Exists(registryPath))
                {
                    throw new CliException($"{registryPath}: no such file");
                }

                try
                {
                    using var stream = File.OpenRead(registryPath);
                    reg = Registry.Read(stream, registryPath);
                }
                catch (InputFormatException ex)
                {
                    throw new CliException(ex.Message);
                }
            }

            var posts = Load(context, parse.GetValue(inputs)!);
            var campaigns = CampaignFinder.Find(posts, CampaignOptions(context, parse.GetValue(window), 3, 0.8, 5, true, false));
            var inCampaign = campaigns.SelectMany(c => c.Posts).Select(p => (p.Network, p.Id)).ToHashSet();
            var metrics = ConversationMetrics.Compute(posts, reg, parse.GetValue(period) == "month" ? MetricsPeriod.Month : MetricsPeriod.All, inCampaign);
            var presence = reg is null ? null : ConversationMetrics.Presence(posts, reg, inCampaign);
            AuditOutput.Write(context, parse.GetValue(output), writer => AuditOutput.WriteMetrics(writer, metrics, presence, parse.GetValue(format)!));
            return 0;
        });
        return command;
    }

    private static CampaignOptions CampaignOptions(CliContext context, double seconds, int minAccounts, double threshold, int minTokens, bool near, bool removeUrls)
    {
        if (!double.IsFinite(seconds) || seconds < 0)
        {
            throw new CliException("the window must be a number of seconds, 0 or more");
        }

        if (minAccounts < 1 || threshold is <= 0 or > 1 || double.IsNaN(threshold))
        {
            throw new CliException("--min-accounts must be at least 1 and --threshold above 0 and at most 1");
        }

        return new CampaignOptions
        {
            Window = TimeSpan.FromSeconds(seconds),
            MinAccounts = minAccounts,
            Threshold = threshold,
            MinTokens = minTokens,
            IncludeNearIdentical = near,
            RemoveUrls = removeUrls,
            Progress = line => context.Error.WriteLine("audit: " + line),
        };
    }

    private static List<Post> Load(CliContext context, string[] inputs)
    {
        try
        {
            var posts = PostSources.ReadAll(inputs, line => context.Error.WriteLine("audit: " + line));
            return posts;
        }
        catch (InputFormatException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
