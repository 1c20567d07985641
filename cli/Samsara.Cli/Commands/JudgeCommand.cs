using System.CommandLine;
using System.Globalization;
using Samsara.Alignment.Constitutions;
using Samsara.Endpoints;
using Samsara.Endpoints.Judging;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Judging;
using Samsara.Judging.Caching;
using Samsara.Judging.Items;
using Samsara.Judging.Prompts;
using Samsara.Judging.Reports;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Cli.Commands;

/// <summary>
/// `samsara judge`: pairwise judgements of two models' answers to the same questions. Judge calls go through a SQLite
/// cache (beside the output by default), so a rerun — after a crash, or with the other protocol's orders already
/// judged — pays only for what is new; the judgements file is written whole at the end. An <c>openai:</c> judge is
/// checked to serve its model before any item is judged, and its token usage is added to OUT.usage.json. With
/// <c>--service ADDR</c> a judge service judges them instead (<see cref="JudgeViaService"/>), with its judges and cache.
/// </summary>
internal static class JudgeCommand
{
    public static Command Create()
    {
        var a = new Option<string>("--a") { Description = "Model A's answers: JSONL {\"id\",\"category\",\"prompt\",\"response\"} or the multi-task paper's responses_*.json", Required = true };
        var b = new Option<string>("--b") { Description = "Model B's answers, on the same ids", Required = true };
        var judge = new Option<string>("--judge") { Description = "openai:URL#MODEL, logprob:DIR, rubric or rubric:CHECK,… (latex, steps, final-answer, polite, fenced-code, explain-first, words<=N)", Required = true };
        var protocol = new Option<string>("--protocol") { Description = "both (both orders, disagreement = tie; MT-Bench) or random (one seeded order per item; the papers)", DefaultValueFactory = _ => "both" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the random protocol's orders", DefaultValueFactory = _ => 1 };
        var prompt = new Option<string?>("--prompt") { Description = "principles or mtbench (default: principles when every item has a constitution)" };
        var principles = new Option<string>("--principles") { Description = "Principles file for the log-prob judge, or 'default'", DefaultValueFactory = _ => "default" };
        var output = new Option<string>("--out") { Description = "Judgements JSONL to write", Required = true };
        var cache = new Option<string?>("--cache") { Description = "SQLite cache of judge calls (default: OUT.cache.sqlite)" };
        var noCache = new Option<bool>("--no-cache") { Description = "Judge everything again, remembering nothing" };
        var concurrency = new Option<int>("--concurrency") { Description = "Items judged at once (and an openai: judge's requests in flight)", DefaultValueFactory = _ => 4 };
        var maxTokens = new Option<int>("--judge-max-tokens") { Description = "Tokens an openai: judge may spend on one answer", DefaultValueFactory = _ => EndpointJudgeModel.DefaultMaxTokens };
        var service = new Option<string?>("--service") { Description = "Judge on a judge service (samsara.v1.JudgeService at this address, e.g. http://127.0.0.1:5003) instead of here: its replicas share the items, with their judges and cache" };
        var key = GatewayOptions.Key();
        var endpoint = new EndpointCliOptions();
        var device = CommonOptions.Device();
        var dtype = CommonOptions.DType();
        var threads = CommonOptions.Threads();
        var command = new Command("judge", "Pairwise judgements of model A against model B")
        {
            a, b, judge, protocol, seed, prompt, principles, output, cache, noCache, concurrency, maxTokens, service, key,
            endpoint.Timeout, endpoint.Attempts, endpoint.Stream, device, dtype, threads,
        };
        command.SetAction(parse =>
        {
            // Everything that can be wrong with the input is found before a model is loaded or a judge is called.
            var spec = JudgeSpec.Parse(parse.GetRequiredValue(judge));
            var parsedProtocol = JudgeProtocols.Parse(parse.GetRequiredValue(protocol));
            if (parse.GetValue(concurrency) < 1) throw new ArgumentException($"--concurrency must be at least 1, not {parse.GetValue(concurrency)}");
            var setA = AnswerSetReader.Read(parse.GetRequiredValue(a));
            var setB = AnswerSetReader.Read(parse.GetRequiredValue(b));
            var items = PairwiseItems.Pair(setA, setB);
            var kind = parse.GetValue(prompt) is { } p ? PromptKinds.Parse(p)
                : items.All(i => i.Constitution is not null) ? PromptKind.PrincipleBased : PromptKind.PrincipleFree;
            if (kind == PromptKind.PrincipleBased && items.FirstOrDefault(i => i.Constitution is null) is { } bare)
                throw new ArgumentException($"--prompt principles: item '{bare.Id}' has no constitution to judge against; use --prompt mtbench");
            var outputPath = parse.GetRequiredValue(output);
            if (parse.GetValue(service) is { } address)
            {
                var settings = new JudgeViaService.Settings(address, GatewayOptions.ResolveKey(parse.GetValue(key)), parse.GetRequiredValue(judge), kind,
                    parsedProtocol, parse.GetValue(seed), parse.GetValue(concurrency));
                var (judged, usage) = JudgeViaService.RunAsync(settings, items, setA.Model, setB.Model, CancellationToken.None).GetAwaiter().GetResult();
                Jsonl.Write(outputPath, judged.Select(JudgementJson.ToJson));
                Print(judged, outputPath, null);
                if (usage.Requests > 0)
                    Console.Error.WriteLine($"samsara: judge service endpoint usage: {usage.Requests} requests, {usage.PromptTokens} prompt + {usage.CompletionTokens} completion tokens");
                return 0;
            }
            var principleSet = spec.Kind == JudgeKind.LogProb ? PrincipleSet.LoadOrDefault(parse.GetRequiredValue(principles)) : PrincipleSet.Default;
            if (spec.Kind == JudgeKind.LogProb && items.FirstOrDefault(i => !principleSet.HasCategory(i.Category)) is { } uncovered)
                throw new ArgumentException($"item '{uncovered.Id}': {principleSet.Source} has no principles for category '{uncovered.Category}'");

            using var endpoints = new EndpointJudgeModels((url, model) => new EndpointOptions
            {
                BaseUrl = url,
                Model = model,
                MaxConcurrency = parse.GetValue(concurrency),
                MaxAttempts = parse.GetValue(endpoint.Attempts),
                RequestTimeout = parse.GetValue(endpoint.Timeout) is > 0 and var seconds ? TimeSpan.FromSeconds(seconds) : throw new ArgumentException("--endpoint-timeout must be positive"),
                Stream = parse.GetValue(endpoint.Stream),
            }, parse.GetValue(maxTokens));
            var backends = new JudgeBackends
            {
                OpenAiModels = endpoints.Create,
                LoadModel = dir =>
                {
                    var target = CommandRunner.Setup(parse.GetRequiredValue(device), parse.GetValue(threads));
                    return LanguageModel.Load(dir, target, parse.GetValue(dtype) is { } name ? TorchNames.ParseFloat(name) : null);
                },
                Principles = principleSet,
                PromptKind = kind,
            };
            var pairJudge = backends.Create(spec);
            if (spec.Kind == JudgeKind.OpenAi) endpoints.Create(spec).EnsureServedAsync().GetAwaiter().GetResult();
            using var sqlite = parse.GetValue(noCache) ? null : new SqliteJudgementCache(parse.GetValue(cache) ?? outputPath + ".cache.sqlite");
            try
            {
                var judging = new PairwiseJudging(pairJudge, parsedProtocol, parse.GetValue(seed), sqlite);
                var bar = new ProgressBar("judge", items.Count, "items");
                var gate = new Lock();
                var records = judging.RunAsync(items, setA.Model, setB.Model, parse.GetValue(concurrency), (done, _) =>
                {
                    lock (gate) bar.Report(done);
                }).GetAwaiter().GetResult();
                Jsonl.Write(outputPath, records.Select(JudgementJson.ToJson));
                Print(records, outputPath, sqlite?.Path);
            }
            finally
            {
                (pairJudge as IDisposable)?.Dispose();
                ReportUsage(endpoints.Usage, outputPath);
            }
            return 0;
        });
        return command;
    }

    /// <summary>An openai: judge's usage, printed and added to OUT.usage.json — also when the run failed part-way, since answered calls were paid for (and cached).</summary>
    private static void ReportUsage(UsageMeter usage, string outputPath)
    {
        if (usage.Requests == 0) return;
        Console.Error.WriteLine($"samsara: judge endpoint: {usage}");
        var total = UsageLedger.Add(outputPath + ".usage.json", usage);
        Console.Error.WriteLine($"samsara: judging total in {outputPath}.usage.json: {total["prompt_tokens"]} prompt + {total["completion_tokens"]} completion tokens");
    }

    private static void Print(IReadOnlyList<JudgementRecord> records, string outputPath, string? cachePath)
    {
        var summary = JudgementSummary.Compute(records);
        var calls = records.Sum(r => r.Calls.Count);
        var hits = records.Sum(r => r.Calls.Count(c => c.Cached));
        var rate = summary.WinRates.Overall;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{records.Count} items judged by {summary.Judge} ({summary.PromptVersion}, protocol {summary.Protocol}): {calls} judge calls, {hits} from the cache{(cachePath is null ? "" : $" ({cachePath})")}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{summary.ModelA} vs {summary.ModelB}: {rate.Wins} wins, {rate.Ties} ties, {rate.Losses} losses; win rate {rate.Rate:F3} [{rate.Lower:F3}, {rate.Upper:F3}]; " +
            $"{summary.Overall.UnparsedCalls} unparsed calls (counted as ties), {summary.Overall.Inconsistent} inconsistent items"));
        Console.WriteLine($"wrote {outputPath}");
    }
}
