namespace Samsara.Contracts;

/// <summary>Command to the filter: every shard of a round of the run is generated; filter that round's generations.</summary>
/// <remarks>
/// The RunActor sends it once it has recorded every shard. Filtering an already filtered round only announces its
/// <see cref="FilteringCompleted"/> again (the filter's marker), so a re-dispatched command redoes nothing.
/// </remarks>
public sealed record FilterRun : IRunMessage
{
    /// <inheritdoc />
    public required Guid RunId { get; init; }

    /// <inheritdoc />
    public required Guid EventId { get; init; }

    /// <inheritdoc />
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>How many generation shards the round has (all of them are done).</summary>
    public required int ShardCount { get; init; }

    /// <summary>The SAMI iteration this round of data is for; null for the run's first round, which the teacher generates.</summary>
    public required SamiIteration? Iteration { get; init; }
}
