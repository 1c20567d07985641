using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Dapr.Actors.Runtime;
using Microsoft.Extensions.Options;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Gateway.Flow;
using Samsara.Gateway.Internal;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Actors;

/// <summary>
/// Keeps one run — its snapshot, its history and the ids applied — and orchestrates it. Every change goes through
/// <see cref="RunTransitions"/>, so a redelivered event changes nothing and states only move forward; what happens
/// next is <see cref="RunFlow"/>'s decision, whose commands the actor sends before its turn's state is saved (a
/// crash in between repeats them, and workers redo no finished work). While the run goes on, a reminder asks the
/// flow whether its stage went silent. A turn's changes are saved when it returns, all or nothing.
/// </summary>
public sealed class RunActor(ActorHost host, RunCommands commands, RunSpecFiles files, IOptions<RunFlowSettings> settings, TimeProvider clock)
    : Actor(host), IRunActor, IRemindable
{
    public const string TypeName = nameof(RunActor);

    /// <summary>The reminder that watches for a silent stage, registered when the run starts and removed when it ends.</summary>
    public const string SilenceReminder = "stage-silence";

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
        if (update.Flow is { } e)
            await DecideAsync(state, history, e is RunStarted started ? Planned(started, history.Run.Spec) : e, applied);
        if (history.IsFinal) await DecideAsync(state, history, new RunEnded(), applied);
        await StateManager.SetStateAsync(StateKey, FromHistory(state, history));
        return applied;
    }

    public async Task ResumeAsync()
    {
        var found = await StateManager.TryGetStateAsync<RunActorState>(StateKey);
        if (!found.HasValue) return;
        var history = ToHistory(found.Value);
        await DecideAsync(found.Value, history, history.IsFinal ? new RunEnded() : new RunResumed(), []);
        await StateManager.SetStateAsync(StateKey, FromHistory(found.Value, history));
    }

    /// <summary>The silence reminder: the flow re-dispatches a stage silent past its timeout, or fails the run.</summary>
    public async Task ReceiveReminderAsync(string reminderName, byte[] state, TimeSpan dueTime, TimeSpan period)
    {
        if (reminderName != SilenceReminder) return;
        var found = await StateManager.TryGetStateAsync<RunActorState>(StateKey);
        if (!found.HasValue)
        {
            await UnregisterReminderAsync(SilenceReminder);
            return;
        }
        var history = ToHistory(found.Value);
        var lastHeard = found.Value.Flow.LastHeard;
        var decision = await DecideAsync(found.Value, history, history.IsFinal ? new RunEnded() : new SilenceChecked(), []);
        await StateManager.SetStateAsync(StateKey, FromHistory(found.Value, history));
        if (decision.Enter == RunState.Failed) GatewayLog.RunFailedSilent(Logger, history.Run.Id, decision.Reason);
        else if (decision.Commands.Count > 0 && decision.State.Step is { } step)
            GatewayLog.StageRedispatched(Logger, history.Run.Id, RunFlow.NameOf(step), decision.Commands.Count, decision.State.Redispatches, lastHeard);
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

    // Asks the flow, records the state it enters, sends its commands, and keeps the reminder while the run goes on.
    // The run's plan, from the spec the actor holds: its shards (counted as the generator splits the prompts) and trainings.
    private RunStarted Planned(RunStarted started, RunSpec spec) =>
        started with { ShardCount = files.ShardCount(spec), Trainings = RunFlow.TrainingsOf(spec), Evaluation = EvaluationOutline.Of(spec) };

    private async Task<FlowDecision> DecideAsync(RunActorState state, RunHistory history, FlowEvent e, List<string> applied)
    {
        var before = state.Flow.Phase;
        var now = clock.GetUtcNow();
        var decision = RunFlow.Apply(state.Flow, e, Guid.Parse(history.Run.Id), now, settings.Value);
        state.Flow = decision.State;
        if (decision.Enter is { } entered)
            Apply(history, entered is RunState.Failed or RunState.Cancelled
                ? RunTransitions.Finish(history.Run.Id, entered, decision.Reason, now)
                : new RunEvent { RunId = history.Run.Id, EventId = $"{history.Run.Id}/flow/{entered.ToString().ToLowerInvariant()}", At = Timestamp.FromDateTimeOffset(now), StateChanged = entered }, applied);
        if (!history.IsFinal) await commands.SendAsync(decision.Commands);
        if (before != FlowPhase.Running && decision.State.Phase == FlowPhase.Running)
            await RegisterReminderAsync(SilenceReminder, [], settings.Value.SilenceCheckInterval, settings.Value.SilenceCheckInterval);
        else if (before == FlowPhase.Running && decision.State.Phase == FlowPhase.Finished)
            await UnregisterReminderAsync(SilenceReminder);
        return decision;
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
        Flow = state.Flow,
    };
}
