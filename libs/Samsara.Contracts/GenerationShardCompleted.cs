namespace Samsara.Contracts;

/// <summary>The generator wrote one shard of generations (JSONL, docs/architecture.md §9).</summary>
public sealed record GenerationShardCompleted : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Zero-based index of the shard.</summary>
    public required int ShardIndex { get; init; }

    /// <summary>How many shards the run has.</summary>
    public required int ShardCount { get; init; }

    /// <summary>The generations file, relative to the artifact store root.</summary>
    public required string ArtifactPath { get; init; }

    /// <summary>The SAMI iteration this round of data is for; null for the run's first round, which the teacher generates.</summary>
    public required SamiIteration? Iteration { get; init; }
}
