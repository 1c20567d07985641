using Dapr.Actors;
using Samsara.Gateway.Flow;

namespace Samsara.Gateway.Actors;

/// <summary>
/// One run's durable state machine and its orchestrator (docs/architecture.md §4): it records each stage event and sends the
/// commands <see cref="RunFlow"/> decides; a reminder re-dispatches a silent stage or fails the run. Payloads are protobuf bytes (base64 in the actor's JSON), so the
/// Run and its events keep their exact wire form rather than a JSON approximation.
/// </summary>
public interface IRunActor : IActor
{
    /// <summary>Creates the run (state Pending, owned by the caller); false when it exists already (a retried StartRun).</summary>
    Task<bool> CreateAsync(RunCreation creation);

    /// <summary>
    /// Applies events in order, each at most once, then tells the run's flow (<see cref="RunUpdate.Flow"/>) and sends
    /// what it decides; returns the ids of the events that changed the run (the flow's own included).
    /// </summary>
    Task<IReadOnlyList<string>> ApplyAsync(RunUpdate update);

    /// <summary>
    /// Sends the outstanding commands of the run's step again (<see cref="RunResumed"/>): the process that ran its
    /// workers was killed and a new one took over, as when <c>samsara run</c> resumes a run. Workers redo no finished work.
    /// </summary>
    Task ResumeAsync();

    /// <summary>The run and its owner, or null when no run was created under this id.</summary>
    Task<RunSnapshot?> GetAsync();

    /// <summary>Every applied event, oldest first (what a late watcher replays).</summary>
    Task<IReadOnlyList<byte[]>> HistoryAsync();
}

/// <param name="Run">A serialized samsara.v1.Run.</param>
public sealed record RunCreation(byte[] Run, string Owner);

/// <param name="Events">Serialized samsara.v1.RunEvent messages, applied in order.</param>
/// <param name="Artifact">An output a stage left, recorded once (by stage and path) in Run.artifacts.</param>
/// <param name="Shard">A finished shard: its progress is counted from the distinct shards seen, not from the message.</param>
/// <param name="Flow">What the update means for the run's flow (a step done, progress), if anything.</param>
public sealed record RunUpdate(IReadOnlyList<byte[]> Events, ArtifactRecord? Artifact = null, ShardRecord? Shard = null, FlowEvent? Flow = null);

public sealed record ArtifactRecord(string Stage, string Path);

/// <summary>Shard <paramref name="Index"/> of <paramref name="Count"/> of <paramref name="Stage"/> is done; the progress event gets <paramref name="EventId"/>.</summary>
public sealed record ShardRecord(string EventId, string Stage, int Index, int Count, string Unit, DateTimeOffset At);

/// <param name="Run">A serialized samsara.v1.Run.</param>
public sealed record RunSnapshot(byte[] Run, string Owner);
