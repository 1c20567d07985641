namespace Samsara.Contracts;

/// <summary>A stage gave up on a run; the run is marked failed with <see cref="Reason"/> (docs/architecture.md §10).</summary>
public sealed record StageFaulted : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The stage that failed.</summary>
    public required PipelineStage Stage { get; init; }

    /// <summary>What went wrong, fit to show a user (no secrets, no stack trace).</summary>
    public required string Reason { get; init; }
}
