using Google.Protobuf.WellKnownTypes;
using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Api.Runs;

/// <summary>
/// The run state machine: Pending → Generating → Filtering → Training → Evaluating → Completed, and Failed or
/// Cancelled from any state that is not final. States only move forward (a stage may be skipped, never
/// revisited); a final state is never left. Events are applied at most once, by event id.
/// </summary>
public static class RunTransitions
{
    public static bool IsFinal(RunState state) => state is RunState.Completed or RunState.Failed or RunState.Cancelled;

    /// <summary>Applies the event; false when it was seen before or would move the run backwards or out of a final state.</summary>
    public static bool Apply(RunHistory history, RunEvent e)
    {
        if (e.EventId.Length == 0) throw new ArgumentException("a run event needs an event id");
        if (e.RunId != history.Run.Id) throw new ArgumentException($"event {e.EventId} is for run {e.RunId}, not {history.Run.Id}");
        if (history.AppliedEventIds.Contains(e.EventId)) return false;
        if (history.IsFinal && e.KindCase != RunEvent.KindOneofCase.Message) return false;
        switch (e.KindCase)
        {
            case RunEvent.KindOneofCase.StateChanged:
                if (!CanMove(history.Run.State, e.StateChanged)) return false;
                history.Run.State = e.StateChanged;
                if (e.Reason.Length > 0) history.Run.Error = e.Reason;
                break;
            case RunEvent.KindOneofCase.Progress:
                var existing = history.Run.Stages.FirstOrDefault(s => s.Stage == e.Progress.Stage);
                if (existing is null) history.Run.Stages.Add(e.Progress.Clone());
                else if (e.Progress.Done >= existing.Done) existing.MergeFrom(e.Progress);   // late, older progress is ignored
                break;
            case RunEvent.KindOneofCase.TrainingStep:
                var prefix = $"train:{e.TrainingStep.Algorithm.ToTraining().Name()}";
                SetMetric(history.Run, $"{prefix}/loss", e.TrainingStep.Loss);
                SetMetric(history.Run, $"{prefix}/step", e.TrainingStep.Step);
                foreach (var m in e.TrainingStep.Metrics) SetMetric(history.Run, $"{prefix}/{m.Name}", m.Value);
                break;
            case RunEvent.KindOneofCase.Evaluation:
                foreach (var m in e.Evaluation.Metrics) SetMetric(history.Run, m.Name, m.Value);
                break;
        }
        history.AppliedEventIds.Add(e.EventId);
        history.Events.Add(e.Clone());
        history.Run.UpdatedAt = e.At ?? Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow);
        return true;
    }

    /// <summary>The event that ends a run as Failed or Cancelled, with the reason clients will read in Run.error.</summary>
    public static RunEvent Finish(string runId, RunState state, string reason, DateTimeOffset at) => new()
    {
        RunId = runId,
        EventId = $"{runId}/{state.ToString().ToLowerInvariant()}",
        At = Timestamp.FromDateTimeOffset(at),
        StateChanged = state,
        Reason = reason,
    };

    private static bool CanMove(RunState from, RunState to) =>
        !IsFinal(from) && to != RunState.Unspecified && (to is RunState.Failed or RunState.Cancelled || to > from);

    private static void SetMetric(Run run, string name, double value)
    {
        var metric = run.Metrics.FirstOrDefault(m => m.Name == name);
        if (metric is null) run.Metrics.Add(new Metric { Name = name, Value = value });
        else metric.Value = value;
    }
}
