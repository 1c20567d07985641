using Samsara.Contracts;

namespace Samsara.Stages.Generation;

/// <summary>
/// A shard's "done" marker, written atomically after its generations file is complete. The generations file itself
/// grows line by line while the shard is generated (that is how it resumes), so its existence proves nothing;
/// the filter counts markers in the store, which replicas and restarts agree on, not messages it happened to see.
/// The marker records which model generated the shard (iterated SAMI regenerates with each iteration's model).
/// </summary>
public static class ShardMarkers
{
    /// <summary>The marker of shard <paramref name="shard"/> of run <paramref name="runId"/>'s first round, relative to the store root.</summary>
    public static string PathOf(Guid runId, int shard) => PathOf(runId, shard, null);

    /// <summary>The marker of shard <paramref name="shard"/> of a round of run <paramref name="runId"/>, relative to the store root.</summary>
    public static string PathOf(Guid runId, int shard, SamiIteration? iteration) =>
        iteration is null
            ? $"runs/{runId:D}/generate/shard-{shard:D4}.done"
            : $"runs/{runId:D}/iter-{iteration.Number}/{iteration.Algorithm}/generate/shard-{shard:D4}.done";
}
