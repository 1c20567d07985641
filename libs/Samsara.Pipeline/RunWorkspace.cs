using Samsara.Api.V1;

namespace Samsara.Pipeline;

/// <summary>
/// Where a run's artifacts live: {root}/runs/{run id}/…, one folder per stage. Messages between services carry
/// these paths, never the data (DESIGN.md §1); on Kubernetes the root is a shared volume.
/// </summary>
public sealed class RunWorkspace(string root, string runId)
{
    public string RunId { get; } = runId;

    public string Directory { get; } = Path.Combine(root, "runs", runId);

    public string GenerationShard(int shard) => Path.Combine(Directory, "generate", $"shard-{shard:D4}.jsonl");

    public string Generations => Path.Combine(Directory, "generate", "all.jsonl");

    public string Kept => Path.Combine(Directory, "filter", "kept.jsonl");

    public string FilterReport => Path.Combine(Directory, "filter", "report.json");

    public string Dataset(string kind) => Path.Combine(Directory, "datasets", $"{kind}.jsonl");

    public string Model(Algorithm algorithm) => Path.Combine(Directory, "models", algorithm.ToString().ToLowerInvariant());

    public string Evaluation(string model) => Path.Combine(Directory, "eval", model);
}
