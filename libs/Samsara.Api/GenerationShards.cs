using Samsara.Api.V1;

namespace Samsara.Api;

/// <summary>
/// How a run's train prompts are split into generation shards, by position: the one default shard size and the one
/// count, which the run plan (what the generator splits by) and the RunActor (what it waits for) both use.
/// </summary>
public static class GenerationShards
{
    /// <summary>Prompts per shard when the spec names none (<c>generation.shard_size</c> 0 or absent).</summary>
    public const int DefaultSize = 64;

    /// <summary>The spec's shard size, or <see cref="DefaultSize"/>.</summary>
    public static int SizeOf(GenerationSettings? generation) =>
        generation is { ShardSize: > 0 } g ? (int)g.ShardSize : DefaultSize;

    /// <summary>ceil(<paramref name="prompts"/> / <paramref name="size"/>), at least 1.</summary>
    public static int Count(int prompts, int size)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        return Math.Max(1, (prompts + size - 1) / size);
    }
}
