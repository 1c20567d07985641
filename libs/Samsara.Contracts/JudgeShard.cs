namespace Samsara.Contracts;

/// <summary>Command to the judge: score one shard of the evaluation items.</summary>
/// <remarks>Sent to one queue rather than published, so KEDA can scale judges on its length.</remarks>
public sealed record JudgeShard : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The trained checkpoint to evaluate, relative to the artifact store root.</summary>
    public required string CheckpointPath { get; init; }

    /// <summary>Zero-based index of the shard to judge.</summary>
    public required int ShardIndex { get; init; }

    /// <summary>How many shards the evaluation is split into.</summary>
    public required int ShardCount { get; init; }
}
