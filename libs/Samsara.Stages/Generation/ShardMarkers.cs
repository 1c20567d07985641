namespace Samsara.Stages.Generation;

/// <summary>
/// A shard's "done" marker, written atomically after its generations file is complete. The generations file itself
/// grows line by line while the shard is generated (that is how it resumes), so its existence proves nothing;
/// the filter counts markers in the store, which replicas and restarts agree on, not messages it happened to see.
/// </summary>
public static class ShardMarkers
{
    /// <summary>The marker of shard <paramref name="shard"/> of run <paramref name="runId"/>, relative to the store root.</summary>
    public static string PathOf(Guid runId, int shard) => $"runs/{runId:D}/generate/shard-{shard:D4}.done";
}
