namespace Samsara.Contracts;

/// <summary>The judge wrote the judgements of one shard (JSONL, docs/architecture.md §9).</summary>
public sealed record JudgementCompleted : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Zero-based index of the shard.</summary>
    public required int ShardIndex { get; init; }

    /// <summary>How many shards the evaluation has.</summary>
    public required int ShardCount { get; init; }

    /// <summary>The judgements file, relative to the artifact store root.</summary>
    public required string ArtifactPath { get; init; }
}
