using Samsara.Artifacts;
using Samsara.Contracts;

namespace Samsara.Stages.Tests.Support;

/// <summary>The messages the gateway would publish or send.</summary>
internal static class Messages
{
    public static RunRequested RunRequested(Guid runId) => new()
    {
        RunId = runId,
        EventId = EventIds.New(),
        OccurredAt = DateTimeOffset.UtcNow,
        SpecPath = RunWorkspace.SpecInStore(runId),
    };

    /// <summary>A command as a re-dispatch sends it: a fresh id, so only the worker's markers can tell it is done.</summary>
    public static FilterRun FilterRun(Guid runId, int shardCount, SamiIteration? iteration = null) => new()
    {
        RunId = runId, EventId = EventIds.New(), OccurredAt = DateTimeOffset.UtcNow, ShardCount = shardCount, Iteration = iteration,
    };

    /// <inheritdoc cref="FilterRun"/>
    public static TrainModel TrainModel(Guid runId, TrainingAlgorithm algorithm, int iteration = 1) => new()
    {
        RunId = runId, EventId = EventIds.New(), OccurredAt = DateTimeOffset.UtcNow, Algorithm = algorithm, Iteration = iteration,
    };

    public static CancelRunRequested Cancel(Guid runId, string reason) => new()
    {
        RunId = runId,
        EventId = EventIds.New(),
        OccurredAt = DateTimeOffset.UtcNow,
        Reason = reason,
    };
}
