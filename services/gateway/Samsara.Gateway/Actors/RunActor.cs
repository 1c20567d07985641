using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Dapr.Actors.Runtime;
using Samsara.Api.Runs;
using Samsara.Api.V1;

namespace Samsara.Gateway.Actors;

/// <summary>
/// Keeps one run: its snapshot, its history and the ids applied. Every change goes through
/// <see cref="RunTransitions"/>, so a redelivered event changes nothing and states only move forward. A turn's
/// changes are saved when it returns, all or nothing (the SDK sends one state transaction per turn).
/// </summary>
public sealed class RunActor(ActorHost host) : Actor(host), IRunActor
{
    public const string TypeName = nameof(RunActor);
    private const string StateKey = "run";

    public async Task<bool> CreateAsync(RunCreation creation)
    {
        if (await StateManager.ContainsStateAsync(StateKey)) return false;
        var run = Api.V1.Run.Parser.ParseFrom(creation.Run);
        if (run.Id != Id.GetId()) throw new ArgumentException($"run {run.Id} cannot be created in actor {Id}");
        await StateManager.SetStateAsync(StateKey, new RunActorState { Owner = creation.Owner, Run = creation.Run });
        return true;
    }

    public async Task<IReadOnlyList<string>> ApplyAsync(RunUpdate update)
    {
        var found = await StateManager.TryGetStateAsync<RunActorState>(StateKey);
        // An event for a run this gateway never created (another deployment's, or a hand-published one) is dropped.
        if (!found.HasValue) return [];
        var state = found.Value;
        var history = ToHistory(state);
        var applied = new List<string>();
        foreach (var bytes in update.Events)
            Apply(history, RunEvent.Parser.ParseFrom(bytes), applied);
        if (update.Shard is { } shard) Apply(history, ShardProgress(state, shard, history.Run.Id), applied);
        if (update.Artifact is { } a && !history.Run.Artifacts.Any(x => x.Stage == a.Stage && x.Path == a.Path))
            history.Run.Artifacts.Add(new Artifact { Stage = a.Stage, Path = a.Path });
        await StateManager.SetStateAsync(StateKey, FromHistory(state, history));
        return applied;
    }

    public async Task<RunSnapshot?> GetAsync()
    {
        var found = await StateManager.TryGetStateAsync<RunActorState>(StateKey);
        return found.HasValue ? new RunSnapshot(found.Value.Run, found.Value.Owner) : null;
    }

    public async Task<IReadOnlyList<byte[]>> HistoryAsync()
    {
        var found = await StateManager.TryGetStateAsync<RunActorState>(StateKey);
        return found.HasValue ? found.Value.Events : [];
    }

    private static void Apply(RunHistory history, RunEvent e, List<string> applied)
    {
        if (RunTransitions.Apply(history, e)) applied.Add(e.EventId);
    }

    // Done is the number of distinct shards seen so far: shards finish in any order and may be redelivered.
    private static RunEvent ShardProgress(RunActorState state, ShardRecord shard, string runId)
    {
        if (!state.Shards.TryGetValue(shard.Stage, out var seen)) state.Shards[shard.Stage] = seen = [];
        seen.Add(shard.Index);
        return new RunEvent
        {
            RunId = runId,
            EventId = shard.EventId,
            At = Timestamp.FromDateTimeOffset(shard.At),
            Progress = new StageProgress { Stage = shard.Stage, Done = (ulong)seen.Count, Total = (ulong)shard.Count, Unit = shard.Unit },
        };
    }

    private static RunHistory ToHistory(RunActorState state)
    {
        var history = new RunHistory { Run = Api.V1.Run.Parser.ParseFrom(state.Run) };
        foreach (var bytes in state.Events)
        {
            var e = RunEvent.Parser.ParseFrom(bytes);
            history.Events.Add(e);
            history.AppliedEventIds.Add(e.EventId);
        }
        return history;
    }

    private static RunActorState FromHistory(RunActorState state, RunHistory history) => new()
    {
        Owner = state.Owner,
        Run = history.Run.ToByteArray(),
        Events = history.Events.Select(e => e.ToByteArray()).ToList(),
        Shards = state.Shards,
    };
}
