using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Generation;
using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Endpoints;
using Samsara.Endpoints.Generation;
using Samsara.Engine;
using Samsara.Engine.Generation;
using Samsara.Engine.Runtime;
using Samsara.Stages.Plan;

namespace Samsara.Stages.Generation;

/// <summary>
/// The teacher writes responses under sampled constitutions. The prompts are split into shards by position so
/// replicas can share the work; a shard's file is resumable, so a restarted worker finishes it without redoing it.
/// </summary>
public static class GenerationStage
{
    public static int ShardCount(RunPlan plan) => GenerationShards.Count(Queries(plan).Count, plan.Generation.ShardSize);

    /// <summary>How far apart the sampling seeds of two SAMI iterations are, so their shards never share a seed.</summary>
    public const ulong IterationSeedStride = 1_000_003;

    /// <summary>
    /// Generates one shard into <paramref name="workspace"/>. <paramref name="generator"/> replaces the spec's teacher
    /// (iterated SAMI: the previous iteration's model); <paramref name="iteration"/> varies the sampling seed, while the
    /// constitutions sampled per prompt stay those of the run.
    /// </summary>
    public static void RunShard(RunPlan plan, RunWorkspace workspace, int shard, Action<int, int>? progress = null, Action<string>? log = null,
                                ModelRef? generator = null, int iteration = 1, CancellationToken cancellationToken = default)
    {
        var teacher = generator ?? plan.Spec.Teacher;
        var sampler = Sampler(plan);
        var all = Queries(plan);
        var size = plan.Generation.ShardSize;
        var queries = all.Skip(shard * size).Take(size).ToList();
        var path = workspace.GenerationShard(shard);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var g = plan.Generation;
        var options = new GenerationOptions
        {
            Temperature = g.Temperature,
            TopP = g.TopP,
            MaxNewTokens = g.MaxNewTokens,
            Seed = plan.Spec.Seed + (ulong)shard + IterationSeedStride * (ulong)Math.Max(0, iteration - 1),
        };
        var file = new GenerationFile(path, sampler, plan.Constitutions.PromptFormat);
        if (teacher.Endpoint is not { } endpointRef)
        {
            file.Complete(queries, () => Load(teacher), options, (done, total, _) => progress?.Invoke(done, total), log, cancellationToken);
            return;
        }
        // A served teacher: requests run concurrently, so a group holds enough prompts to keep them all busy; the
        // shard's token usage is added to a ledger beside it, so a resumed shard's total counts both invocations.
        using var endpoint = new OpenAiEndpoint(EndpointOptionsOf(endpointRef));
        try
        {
            file.Complete(queries, () =>
                {
                    endpoint.EnsureModelServedAsync(cancellationToken).GetAwaiter().GetResult();
                    return new EndpointTextGenerator(endpoint, endpointRef.Api == "chat" ? EndpointApi.Chat : EndpointApi.Completions);
                }, options with { BatchSize = endpoint.Options.MaxConcurrency },
                (done, total, _) => progress?.Invoke(done, total), log, cancellationToken);
        }
        finally
        {
            if (endpoint.Usage.Requests + endpoint.Usage.Failures > 0) UsageLedger.Add(path + ".usage.json", endpoint.Usage);
        }
    }

    /// <summary>The client settings of a spec's endpoint teacher; the key is read from the named environment variable.</summary>
    public static EndpointOptions EndpointOptionsOf(EndpointRef endpoint) => new()
    {
        BaseUrl = new Uri(endpoint.BaseUrl),
        Model = endpoint.Model,
        MaxConcurrency = endpoint.Concurrency == 0 ? 8 : (int)endpoint.Concurrency,
        ApiKey = Environment.GetEnvironmentVariable(endpoint.ApiKeyEnv.Length == 0 ? EndpointOptions.ApiKeyVariable : endpoint.ApiKeyEnv),
    };

    /// <summary>Joins the shards, in order, into the run's generations file for the filter.</summary>
    public static string Join(RunPlan plan, RunWorkspace workspace)
    {
        var lines = Enumerable.Range(0, ShardCount(plan)).SelectMany(i => File.ReadLines(workspace.GenerationShard(i)));
        Engine.AtomicFile.WriteAllText(workspace.Generations, string.Concat(lines.Select(l => l + "\n")));
        return workspace.Generations;
    }

    public static LanguageModel Load(ModelRef model) => Load(ModelPlan.Of(model));

    public static LanguageModel Load(ModelPlan model) => LanguageModel.Load(model.Path, model.Device, model.DType);

    private static ConstitutionSampler Sampler(RunPlan plan) =>
        new(plan.Constitutions.Load(), plan.Spec.Seed, plan.Constitutions.PerPrompt);

    private static IReadOnlyList<Query> Queries(RunPlan plan) =>
        plan.TrainPrompts.Take(QueryFile.Read(plan.TrainPrompts.Path, Sampler(plan).Principles));
}
