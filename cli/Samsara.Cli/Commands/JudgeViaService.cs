using System.Globalization;
using System.Text.Json.Nodes;
using Grpc.Core;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Engine.Data;
using Samsara.Judging;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara judge --service ADDR`: the same judging done by a judge service (samsara.v1.JudgeService), which makes it
/// a judging job that every judge replica behind the address shares. Verdicts stream back as each batch is judged and
/// drive the progress bar; they come back as the judgements lines a local judging writes.
/// </summary>
internal static class JudgeViaService
{
    public sealed record Settings(string Address, string ApiKey, string Judge, PromptKind Prompt, JudgeProtocol Protocol, ulong Seed, int Concurrency);

    /// <summary>The judgements of <paramref name="items"/>, in item order, and the service's endpoint usage for them.</summary>
    public static async Task<(IReadOnlyList<JudgementRecord> Records, JudgeUsage Usage)> RunAsync(Settings settings, IReadOnlyList<PairwiseItem> items,
        string modelA, string modelB, CancellationToken cancellationToken)
    {
        if (items.Count > Stages.Judging.JudgeService.MaxPairs)
            throw new ArgumentException($"--service judges at most {Stages.Judging.JudgeService.MaxPairs} items per call, not {items.Count}");
        if (settings.Concurrency > Stages.Judging.JudgeService.MaxConcurrency)
            throw new ArgumentException($"--concurrency with --service must be at most {Stages.Judging.JudgeService.MaxConcurrency}, not {settings.Concurrency}");
        using var channel = SamsaraChannels.ForAddress(settings.Address);
        var client = new JudgeService.JudgeServiceClient(channel.WithApiKey(settings.ApiKey));
        var request = new JudgeRequest
        {
            Judge = settings.Judge, Prompt = settings.Prompt.ToWireName(), Protocol = settings.Protocol.ToWireName(), Seed = settings.Seed,
            ModelA = modelA, ModelB = modelB, Concurrency = (uint)settings.Concurrency,
        };
        request.Pairs.AddRange(items.Select(i => new JudgePair
        {
            Id = i.Id, Category = i.Category, Prompt = i.Question, Constitution = i.Constitution ?? "", ResponseA = i.ResponseA, ResponseB = i.ResponseB,
        }));
        var bar = new ProgressBar("judge", items.Count, "items");
        var byId = new Dictionary<string, JudgementRecord>(StringComparer.Ordinal);
        var usage = new JudgeUsage();
        using var call = client.Judge(request, cancellationToken: cancellationToken);
        await foreach (var verdict in call.ResponseStream.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            byId[verdict.Id] = ToRecord(verdict, modelA, modelB, settings.Protocol);
            usage = verdict.Usage ?? usage;
            bar.Report(byId.Count, usage.Requests > 0 ? string.Create(CultureInfo.InvariantCulture, $"{usage.Requests} endpoint requests") : null);
        }
        if (items.FirstOrDefault(i => !byId.ContainsKey(i.Id)) is { } missing)
            throw new InvalidOperationException($"the judge service ended the stream without a verdict for item '{missing.Id}'");
        return ([.. items.Select(i => byId[i.Id])], usage);
    }

    // A verdict as the judgements line a local judging writes, read back through the same parser (which checks it).
    private static JudgementRecord ToRecord(PairVerdict v, string modelA, string modelB, JudgeProtocol protocol)
    {
        var line = new JsonObject
        {
            ["id"] = v.Id, ["category"] = v.Category, ["model_a"] = modelA, ["model_b"] = modelB, ["verdict"] = v.Verdict, ["order"] = v.Order,
            ["raw"] = new JsonArray([.. v.Calls.Select(c => (JsonNode)c.Raw)]),
            ["judge"] = v.Judge, ["prompt_version"] = v.PromptVersion, ["protocol"] = protocol.ToWireName(),
            ["calls"] = new JsonArray([.. v.Calls.Select(c => (JsonNode)new JsonObject { ["order"] = c.Order, ["verdict"] = c.Verdict, ["cached"] = c.Cached })]),
        };
        return JudgementJson.FromLine(new JsonlRecord(line, "the judge service's verdict", 1));
    }
}
