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
using Samsara.Stages.Internal;
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
    /// constitutions sampled per prompt stay those of the run. A local model generates on a thread of its own; an
    /// endpoint teacher's usage is recorded in the run's <see cref="RunUsage"/>, where the report counts it.
    /// </summary>
    public static async Task RunShardAsync(RunPlan plan, RunWorkspace workspace, int shard, Action<int, int>? progress = null, Action<string>? log = null,
                                           ModelRef? generator = null, int iteration = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(workspace);
        var teacher = generator ?? plan.Spec.Teacher;
        var queries = Queries(plan).Skip(shard * plan.Generation.ShardSize).Take(plan.Generation.ShardSize).ToList();
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
        var file = new GenerationFile(path, Sampler(plan), plan.Constitutions.PromptFormat);
        Action<int, int, long> progressOf = (done, total, _) => progress?.Invoke(done, total);
        if (teacher.Endpoint is not { } endpointRef)
        {
            await Blocking.Run(() => file.Complete(queries, () => Load(teacher), options, progressOf, log, cancellationToken)).ConfigureAwait(false);
            return;
        }
        // A served teacher: requests run concurrently, so a group holds enough prompts to keep them all busy. Nothing
        // is asked of the endpoint (not even whether it serves the model) when the shard has nothing left to generate.
        var pending = file.Pending(queries, log);
        if (pending.Count == 0) return;
        using var endpoint = new OpenAiEndpoint(EndpointOptionsOf(endpointRef));
        try
        {
            await endpoint.EnsureModelServedAsync(cancellationToken).ConfigureAwait(false);
            var texts = new EndpointTextGenerator(endpoint, endpointRef.Api == "chat" ? EndpointApi.Chat : EndpointApi.Completions);
            await Blocking.Run(() => file.Complete(pending, () => texts, options with { BatchSize = endpoint.Options.MaxConcurrency }, progressOf, log, cancellationToken))
                .ConfigureAwait(false);
        }
        finally
        {
            RecordUsage(workspace, path, endpoint);
        }
    }

    /// <summary>
    /// The shard's endpoint usage in the run's records (<c>runs/{id}/usage/</c>, an iteration's shards too). Every
    /// invocation pays only for what it generates — a resumed shard for the prompts left — so each records under an id
    /// of its own, and the run's total sums them; one that asked nothing records nothing.
    /// </summary>
    private static void RecordUsage(RunWorkspace workspace, string shardPath, OpenAiEndpoint endpoint)
    {
        var run = new RunWorkspace(workspace.Root, workspace.RunId);
        var task = $"{Path.GetRelativePath(run.Directory, shardPath).Replace('\\', '/')}#{Guid.NewGuid():N}";
        RunUsage.Record(run.Directory, task, new Dictionary<string, UsageTotals> { [endpoint.Options.Name] = endpoint.Usage.Snapshot() });
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
