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
    public const int DefaultShardSize = 64;

    public RunSpecValidator Validator() => new(
        model => Resolve(model) is { } dir && File.Exists(Path.Combine(dir, "config.json")),
        file => Resolve(file) is { } path && File.Exists(path));

    /// <summary>ceil(prompts / shard_size), at least 1: the generator splits the prompts this way (GenerationStage.ShardCount).</summary>
    public int ShardCount(RunSpec spec)
    {
        var path = Resolve(spec.TrainPrompts.Path) ?? throw new ArgumentException($"'{spec.TrainPrompts.Path}' is not a readable path");
        var prompts = File.ReadLines(path).Count(line => !string.IsNullOrWhiteSpace(line));
        if (spec.TrainPrompts.Limit > 0) prompts = Math.Min(prompts, (int)spec.TrainPrompts.Limit);
        var size = spec.Generation is { ShardSize: > 0 } g ? (int)g.ShardSize : DefaultShardSize;
        return Math.Max(1, (prompts + size - 1) / size);
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
