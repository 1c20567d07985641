using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Samsara.Endpoints;
using Samsara.Endpoints.Judging;
using Samsara.Engine;
using Samsara.Judging;
using Samsara.Judging.Caching;
using Samsara.Judging.Prompts;
using Samsara.Engine.Runtime;
using TorchSharp;
using static TorchSharp.torch;

namespace Samsara.Stages.Judging;

/// <summary>
/// A judge replica's judges: one per (judge spec, prompt) a task names, built on first use and kept (a log-prob
/// judge holds a loaded model), all sharing the replica's judgement cache. <c>openai:</c> judges share one client
/// per endpoint (<see cref="JudgingOptions.OpenAi"/>) and one usage meter: the host's <see cref="EndpointJudgeModels"/>,
/// which its run evaluations use too, so the concurrency cap holds per endpoint across the whole process.
/// </summary>
public sealed class PairJudges(IOptions<JudgingOptions> options, EndpointJudgeModels endpoints) : IDisposable
{
    private readonly ConcurrentDictionary<(string Spec, PromptKind Prompt), Lazy<IPairJudge>> judges = new();
    private readonly Lazy<IJudgementCache> cache = new(() =>
        string.IsNullOrWhiteSpace(options.Value.CachePath) ? NoJudgementCache.Instance : new SqliteJudgementCache(options.Value.CachePath));

    /// <summary>Makes the chat model of an <c>openai:</c> spec: the replica's endpoint clients unless a test puts its own here.</summary>
    public Func<JudgeSpec, IJudgeModel>? OpenAiModels { get; set; }

    /// <summary>Tokens and requests this replica's <c>openai:</c> judges have spent.</summary>
    public UsageMeter EndpointUsage => endpoints.Usage;

    public string Instance { get; } = string.IsNullOrWhiteSpace(options.Value.Instance)
        ? $"{Environment.MachineName}/{Environment.ProcessId}"
        : options.Value.Instance;

    /// <summary>The chat model of an <c>openai:</c> spec: the replica's client of its endpoint (or the test's).</summary>
    public IJudgeModel OpenAiModel(JudgeSpec spec) => (OpenAiModels ?? endpoints.Create)(spec);

    /// <summary>The configured prices of endpoint models, for the report's cost column.</summary>
    public IReadOnlyList<TokenPrice> Prices => endpoints.Prices;

    /// <summary>Items an endpoint judge of this replica judges at once (<c>Judging:OpenAi:MaxConcurrency</c>).</summary>
    public int EndpointConcurrency => options.Value.OpenAi.MaxConcurrency;

    /// <summary>The protocol runner for <paramref name="judge"/>, with the replica's judgement cache.</summary>
    public PairwiseJudging Judging(IPairJudge judge, JudgeProtocol protocol, ulong seed) => new(judge, protocol, seed, cache.Value);

    /// <summary>The protocol runner for a task's judge, prompt, protocol and seed.</summary>
    public PairwiseJudging For(string spec, string prompt, string protocol, ulong seed)
    {
        var kind = PromptKinds.Parse(prompt);
        var parsedProtocol = JudgeProtocols.Parse(protocol);
        var parsedSpec = JudgeSpec.Parse(spec);
        var judge = judges.GetOrAdd((spec, kind), key => new Lazy<IPairJudge>(() => new JudgeBackends
        {
            OpenAiModels = OpenAiModels ?? endpoints.Create,
            LoadModel = dir => LanguageModel.Load(dir, TorchNames.ParseDevice(options.Value.Device)),
            PromptKind = key.Prompt,
        }.Create(parsedSpec)));
        try
        {
            return new PairwiseJudging(judge.Value, parsedProtocol, seed, cache.Value);
        }
        catch
        {
            // A judge that could not be built is not kept: the next task may find its model in place.
            judges.TryRemove(new KeyValuePair<(string, PromptKind), Lazy<IPairJudge>>((spec, kind), judge));
            throw;
        }
    }

    public void Dispose()
    {
        foreach (var judge in judges.Values.Where(j => j.IsValueCreated)) (judge.Value as IDisposable)?.Dispose();
        if (cache.IsValueCreated) (cache.Value as IDisposable)?.Dispose();
    }
}
