using Samsara.Contracts;

namespace Samsara.Stages.Tests.Support;

/// <summary>The messages the gateway would publish.</summary>
internal static class Messages
{
    public static RunRequested RunRequested(Guid runId) => new()
    {
        RunId = runId,
        EventId = EventIds.New(),
        OccurredAt = DateTimeOffset.UtcNow,
        SpecPath = RunSpecs.PathOf(runId),
        ShardCount = 0,
    };

    public static CancelRunRequested Cancel(Guid runId, string reason) => new()
    {
        RunId = runId,
        EventId = EventIds.New(),
        OccurredAt = DateTimeOffset.UtcNow,
        Reason = reason,
    };
}
