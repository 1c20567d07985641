using Samsara.Contracts;

namespace Samsara.Artifacts;

/// <summary>
/// Where a run's artifacts live: {root}/runs/{run id}/…, one folder per stage. The one place that names a run's
/// files, markers and job records (docs/architecture.md §7); everything else asks it. Messages between services carry
/// these paths (<see cref="InStore"/>), never the data; on Kubernetes the root is a shared volume. It lives beside the
/// artifact store, without TorchSharp, so the gateway names a run's spec as the stages do.
/// </summary>
/// <remarks>
/// Every member returns an absolute path. Markers are written after the work they mark is complete, atomically
/// (through the artifact store, with <see cref="InStore"/>), so their existence is what replicas and restarts agree on.
/// </remarks>
public sealed class RunWorkspace
{
    /// <summary>The store's folder of runs, <c>runs/</c>: a path under it is some run's.</summary>
    public const string RunsFolder = "runs";
    private const string SpecFile = "spec.json";

    public RunWorkspace(string root, string runId) : this(Path.GetFullPath(root), Path.Combine(Path.GetFullPath(root), RunsFolder, runId), runId)
    {
    }

    public RunWorkspace(string root, Guid runId) : this(root, runId.ToString("D"))
    {
    }

    private RunWorkspace(string root, string directory, string runId)
    {
        Root = root;
        Directory = directory;
        RunId = runId;
    }

    /// <summary>The artifact store's root, which every run's folder is under.</summary>
    public string Root { get; }

    public string RunId { get; }

    /// <summary>The run's folder (or, for <see cref="Iteration"/>, the round's).</summary>
    public string Directory { get; }

    /// <summary>The folder holding every run's folder, named by run id, under <paramref name="root"/>.</summary>
    public static string RunsOf(string root) => Path.Combine(root, RunsFolder);

    /// <summary>The run's spec as the gateway stored it (protobuf JSON).</summary>
    public string Spec => Path.Combine(Directory, SpecFile);

    /// <summary>Run <paramref name="runId"/>'s <see cref="Spec"/> relative to the store root, as commands carry it.</summary>
    public static string SpecInStore(Guid runId) => $"{RunsFolder}/{runId:D}/{SpecFile}";

    /// <summary>The marker of a cancelled run; it holds the reason.</summary>
    public string CancelledMarker => Path.Combine(Directory, "cancelled.txt");

    public string GenerationShard(int shard) => Path.Combine(Directory, "generate", $"shard-{shard:D4}.jsonl");

    /// <summary>
    /// A shard's "done" marker, beside its generations file, which grows line by line while the shard is generated
    /// (that is how it resumes), so its existence proves nothing. It records which model generated the shard.
    /// </summary>
    public string ShardMarker(int shard) => Path.Combine(Directory, "generate", $"shard-{shard:D4}.done");

    public string Generations => Path.Combine(Directory, "generate", "all.jsonl");

    public string Kept => Path.Combine(Directory, "filter", "kept.jsonl");

    public string FilterReport => Path.Combine(Directory, "filter", "report.json");

    /// <summary>The marker (and summary) of a filtered round.</summary>
    public string FilterMarker => Path.Combine(Directory, "filter", "completed.json");

    public string Dataset(string kind) => Path.Combine(Directory, "datasets", $"{kind}.jsonl");

    /// <summary>The folder of the run's trained models, and of their markers.</summary>
    public string Models => Path.Combine(Directory, "models");

    public string Model(TrainingAlgorithm algorithm) => Path.Combine(Models, algorithm.Name());

    /// <summary>
    /// The marker of a finished training (iteration <paramref name="iteration"/> of <paramref name="iterations"/>),
    /// written after its final model: <c>models/{algorithm}.done</c>, or <c>models/{algorithm}.iter{i}.done</c> for an
    /// iterated one.
    /// </summary>
    public string TrainedMarker(TrainingAlgorithm algorithm, int iteration, int iterations) =>
        Path.Combine(Models, iterations <= 1 ? $"{algorithm.Name()}.done" : $"{algorithm.Name()}.iter{iteration}.done");

    /// <summary>The run's evaluation folder: the report (its file names are the report writer's), summaries, judgements.</summary>
    public string Eval => Path.Combine(Directory, "eval");

    /// <summary>A model's accuracy samples and answers.</summary>
    public string Evaluation(string model) => Path.Combine(Eval, model);

    /// <summary>The folder of the run's accepted background jobs' records.</summary>
    public string Jobs => Path.Combine(Directory, "jobs");

    /// <summary>The record of job <paramref name="key"/> (one path segment), present while it is accepted or running.</summary>
    public string JobRecord(string key) => Path.Combine(Jobs, key + ".json");

    /// <summary>The reason job <paramref name="key"/> failed for good, present once it has.</summary>
    public string JobFailure(string key) => Path.Combine(Jobs, key + ".failed");

    /// <summary>
    /// The folders of iteration <paramref name="iteration"/> (≥ 2) of an iterated SAMI training, <c>iter-{i}/{algorithm}/</c>:
    /// its own generate/, filter/ and datasets/, since every iteration regenerates its data with the previous model.
    /// Iteration 1 trains on the run's own data.
    /// </summary>
    public RunWorkspace Iteration(TrainingAlgorithm algorithm, int iteration) =>
        new(Root, Path.Combine(Directory, $"iter-{iteration}", algorithm.Name()), RunId);

    /// <summary>The folders of a round of generation and filtering: the run's own for the first, else the iteration's.</summary>
    public RunWorkspace Round(SamiIteration? iteration) => iteration is null ? this : Iteration(iteration.Algorithm, iteration.Number);

    /// <summary>
    /// The model of iteration <paramref name="iteration"/> of <paramref name="iterations"/>: the last one is the run's
    /// model of that algorithm (<see cref="Model"/>, what the judge evaluates); earlier ones live under <c>iter-{i}/</c>.
    /// </summary>
    public string IterationModel(TrainingAlgorithm algorithm, int iteration, int iterations) =>
        iteration >= iterations ? Model(algorithm) : Iteration(algorithm, iteration).Model(algorithm);

    /// <summary>A path of this workspace as the artifact store and messages name it: relative to the root, '/'-separated.</summary>
    public string InStore(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');
}
