using Samsara.Api.V1;

namespace Samsara.Stages;

/// <summary>
/// Where a run's artifacts live: {root}/runs/{run id}/…, one folder per stage. Messages between services carry
/// these paths, never the data (docs/architecture.md §7); on Kubernetes the root is a shared volume.
/// </summary>
public sealed class RunWorkspace
{
    public RunWorkspace(string root, string runId) : this(Path.Combine(root, "runs", runId), runId, 0)
    {
    }

    private RunWorkspace(string directory, string runId, int _)
    {
        Directory = directory;
        RunId = runId;
    }

    public string RunId { get; }

    public string Directory { get; }

    public string GenerationShard(int shard) => Path.Combine(Directory, "generate", $"shard-{shard:D4}.jsonl");

    public string Generations => Path.Combine(Directory, "generate", "all.jsonl");

    public string Kept => Path.Combine(Directory, "filter", "kept.jsonl");

    public string FilterReport => Path.Combine(Directory, "filter", "report.json");

    public string Dataset(string kind) => Path.Combine(Directory, "datasets", $"{kind}.jsonl");

    public string Model(Algorithm algorithm) => Path.Combine(Directory, "models", algorithm.ToString().ToLowerInvariant());

    public string Evaluation(string model) => Path.Combine(Directory, "eval", model);

    /// <summary>
    /// The folders of iteration <paramref name="iteration"/> (≥ 2) of an iterated SAMI training, <c>iter-{i}/{algorithm}/</c>:
    /// its own generate/, filter/ and datasets/, since every iteration regenerates its data with the previous model.
    /// Iteration 1 trains on the run's own data.
    /// </summary>
    public RunWorkspace Iteration(Algorithm algorithm, int iteration) => Iteration(algorithm.ToString().ToLowerInvariant(), iteration);

    /// <summary>The same folders, by the algorithm's lower-case name (<c>sami</c>, <c>sftsami</c>) as messages carry it.</summary>
    public RunWorkspace Iteration(string algorithm, int iteration) => new(Path.Combine(Directory, $"iter-{iteration}", algorithm), RunId, 0);

    /// <summary>
    /// The model of iteration <paramref name="iteration"/> of <paramref name="iterations"/>: the last one is the run's
    /// model of that algorithm (<see cref="Model"/>, what the judge evaluates); earlier ones live under <c>iter-{i}/</c>.
    /// </summary>
    public string IterationModel(Algorithm algorithm, int iteration, int iterations) =>
        iteration >= iterations ? Model(algorithm) : Iteration(algorithm, iteration).Model(algorithm);
}
