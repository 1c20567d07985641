using Samsara.Api;
using Samsara.Api.V1;
using Samsara.Artifacts;

namespace Samsara.Gateway.Runs;

/// <summary>
/// Where a spec's paths point: absolute paths are the node's, relative ones are in the artifact store (where the
/// services will look too). Gives the validator its existence checks and counts the generation shards.
/// </summary>
public sealed class RunSpecFiles(ArtifactStore store)
{
    public RunSpecValidator Validator() => new(
        model => Resolve(model) is { } dir && File.Exists(Path.Combine(dir, "config.json")),
        file => Resolve(file) is { } path && File.Exists(path));

    /// <summary>How many generation shards the run's train prompts make, as the generator splits them (<see cref="GenerationShards"/>).</summary>
    public int ShardCount(RunSpec spec)
    {
        var path = Resolve(spec.TrainPrompts.Path) ?? throw new ArgumentException($"'{spec.TrainPrompts.Path}' is not a readable path");
        var prompts = File.ReadLines(path).Count(line => !string.IsNullOrWhiteSpace(line));
        if (spec.TrainPrompts.Limit > 0) prompts = Math.Min(prompts, (int)spec.TrainPrompts.Limit);
        return GenerationShards.Count(prompts, GenerationShards.SizeOf(spec.Generation));
    }

    /// <summary>The full path, or null for a relative path that would leave the store (it names nothing a run may use).</summary>
    private string? Resolve(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        try
        {
            return store.Resolve(path);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
