using Samsara.Api;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Runs;

namespace Samsara.Gateway.Flow;

/// <summary>
/// A run's whole flow, in one place: (state, event) → (new state, commands). The RunActor records each stage event
/// and asks this what happens next; workers only do what a command says. Pure: no I/O, no clock but the one handed in.
/// <code>
/// Initially   RunStarted      → plan the steps; GenerateShard × shards             (Generating)
/// Generate    ShardGenerated  → record the shard; when every one is in: FilterRun
/// Filter      RoundFiltered   → TrainModel of the next training
/// Train       ModelTrained    → the next step: another TrainModel, a SAMI iteration's GenerateShard × shards,
///                               or the evaluation's answer tasks                    (Evaluating)
/// Evaluate    EvaluationTaskDone → record the task; when every task of the phase is in: the next phase's
///                               EvaluationTask × tasks (answer → judge → report, EvaluationTasks)
///             RunEvaluated    → finished                              (Completed, from the report task's EvaluationCompleted)
/// any step    StageProgressed → the step is alive
///             RunEnded        → finished (a stage's fault, a cancellation): nothing more is sent
///             SilenceChecked  → silent past the timeout: re-dispatch the step's outstanding commands, or after
///                               MaxRedispatches fail the run naming the stage            (Failed)
///             RunResumed      → the workers' process was replaced: send the outstanding commands again
/// </code>
/// The steps: generate and filter the run's data; train every training once, SFT first (DPO and SFT+SAMI start
/// from its model; SAMI from the base); then each iterated training's iterations 2…N in spec order, each a round of
/// its own (generate with the previous iteration's model, filter, train from the base); then evaluate.
/// An event for a step already done (a redelivery) or not yet started (out of order) changes nothing.
/// </summary>
public static class RunFlow
{
    public static FlowDecision Apply(RunFlowState state, FlowEvent e, Guid runId, DateTimeOffset now, RunFlowSettings settings) => e switch
    {
        RunEnded => Finish(state),
        RunStarted started when state.Phase == FlowPhase.NotStarted => Start(started, runId, now, settings),
        _ when state.Phase != FlowPhase.Running => FlowDecision.Unchanged(state),
        ShardGenerated shard => OnShard(state, shard, runId, now),
        RoundFiltered filtered => Completes(state, new FlowStep(StepKind.Filter, filtered.Round)) ? Advance(state, runId, now) : FlowDecision.Unchanged(state),
        ModelTrained trained => Completes(state, new FlowStep(StepKind.Train, null, trained.Algorithm, trained.Iteration)) ? Advance(state, runId, now) : FlowDecision.Unchanged(state),
        EvaluationTaskDone done => OnTask(state, done, runId, now),
        RunEvaluated => Completes(state, new FlowStep(StepKind.Evaluate)) ? Finish(state) : FlowDecision.Unchanged(state),
        StageProgressed => FlowDecision.Unchanged(Heard(state, now)),
        SilenceChecked => OnSilence(state, runId, now, settings),
        RunResumed => Resume(state, runId, now),
        _ => FlowDecision.Unchanged(state),
    };

    /// <summary>The run's steps, in the order they run.</summary>
    public static IReadOnlyList<FlowStep> Steps(IReadOnlyList<PlannedTraining> trainings)
    {
        var steps = new List<FlowStep> { new(StepKind.Generate), new(StepKind.Filter) };
        steps.AddRange(trainings.OrderBy(t => t.Algorithm == TrainingAlgorithm.Sft ? 0 : 1).Select(t => new FlowStep(StepKind.Train, null, t.Algorithm)));
        foreach (var t in trainings.Where(t => t.Iterations > 1))
            for (var i = 2; i <= t.Iterations; i++)
            {
                var round = new SamiIteration { Algorithm = t.Algorithm, Number = i };
                steps.AddRange([new(StepKind.Generate, round), new(StepKind.Filter, round), new(StepKind.Train, null, t.Algorithm, i)]);
            }
        steps.Add(new FlowStep(StepKind.Evaluate));
        return steps;
    }

    /// <summary>The spec's trainings, in spec order, as the flow plans them: iterations 0 meaning 1.</summary>
    public static IReadOnlyList<PlannedTraining> TrainingsOf(RunSpec spec) =>
        [.. spec.Training.Select(t => new PlannedTraining(t.Algorithm.ToTraining(), Math.Max(1, (int)t.Iterations)))];

    /// <summary>The stage's name as progress shows it (<c>generate</c>, <c>filter:sami:iter2</c>, <c>train:dpo</c>, <c>evaluate</c>).</summary>
    public static string NameOf(FlowStep step) => step.Kind switch
    {
        StepKind.Generate => RunEvents.StageName("generate", step.Round),
        StepKind.Filter => RunEvents.StageName("filter", step.Round),
        StepKind.Train when step.Algorithm is { } algorithm => RunEvents.TrainingStageName(algorithm, step.Iteration),
        StepKind.Train => "train",
        _ => "evaluate",
    };

    private static FlowDecision Start(RunStarted started, Guid runId, DateTimeOffset now, RunFlowSettings settings)
    {
        if (started.ShardCount < 1 || started.Trainings.Count == 0)
            return Fail(new RunFlowState(), $"the run has {started.ShardCount} generation shards and {started.Trainings.Count} trainings: nothing to run");
        var state = new RunFlowState
        {
            Phase = FlowPhase.Running, SpecPath = started.SpecPath, ShardCount = started.ShardCount, Steps = Steps(started.Trainings), LastHeard = now,
            Evaluation = started.Evaluation ?? EvaluationOutline.None, JudgeBatchItems = settings.JudgeBatchItems,
        };
        return new FlowDecision(state, Dispatch(state, runId, now, again: ""));
    }

    private static FlowDecision OnShard(RunFlowState state, ShardGenerated shard, Guid runId, DateTimeOffset now)
    {
        if (!Completes(state, new FlowStep(StepKind.Generate, shard.Round)) || shard.Index < 0 || shard.Index >= state.ShardCount)
            return FlowDecision.Unchanged(state);
        if (state.ShardsDone.Contains(shard.Index)) return FlowDecision.Unchanged(Heard(state, now));
        var heard = Heard(state, now) with { ShardsDone = [.. state.ShardsDone, shard.Index] };
        return heard.ShardsDone.Count == state.ShardCount ? Advance(heard, runId, now) : FlowDecision.Unchanged(heard);
    }

    private static FlowDecision Advance(RunFlowState state, Guid runId, DateTimeOffset now)
    {
        var next = Heard(state, now) with { Current = state.Current + 1, ShardsDone = [] };
        if (next.Step?.Kind != StepKind.Evaluate) return new FlowDecision(next, Dispatch(next, runId, now, again: ""));
        next = EnterPhase(next with { EvaluationItems = 0 }, 0);
        return new FlowDecision(next, Dispatch(next, runId, now, again: ""), RunState.Evaluating);
    }

    // A task of the phase in progress is recorded once; the phase's last one starts the next phase.
    private static FlowDecision OnTask(RunFlowState state, EvaluationTaskDone done, Guid runId, DateTimeOffset now)
    {
        if (state.Step?.Kind != StepKind.Evaluate) return FlowDecision.Unchanged(state);
        var phase = PhaseTasks(state);
        if (state.TasksDone.Contains(done.TaskId) || phase.FirstOrDefault(t => t.Id == done.TaskId) is not { } task)
            return FlowDecision.Unchanged(Heard(state, now));
        var heard = Heard(state, now) with
        {
            TasksDone = [.. state.TasksDone, done.TaskId],
            EvaluationItems = task.Kind == EvaluationTaskKind.Answer ? Math.Max(state.EvaluationItems, done.Items) : state.EvaluationItems,
        };
        if (heard.TasksDone.Count < phase.Count) return FlowDecision.Unchanged(heard);
        var next = EnterPhase(heard, state.EvaluationPhase + 1);
        return new FlowDecision(next, Dispatch(next, runId, now, again: ""));
    }

    // The first phase from `phase` on that has tasks (the report phase always has one).
    private static RunFlowState EnterPhase(RunFlowState state, int phase)
    {
        var next = state with { EvaluationPhase = phase, TasksDone = [] };
        return phase < EvaluationTasks.ReportPhase && PhaseTasks(next).Count == 0 ? EnterPhase(next, phase + 1) : next;
    }

    private static IReadOnlyList<EvaluationTaskSpec> PhaseTasks(RunFlowState state) =>
        EvaluationTasks.Phase(state.Evaluation, state.EvaluationPhase, state.EvaluationItems, state.JudgeBatchItems);

    private static FlowDecision OnSilence(RunFlowState state, Guid runId, DateTimeOffset now, RunFlowSettings settings)
    {
        if (now - state.LastHeard < settings.StageSilenceTimeout || state.Step is not { } step) return FlowDecision.Unchanged(state);
        if (state.Redispatches >= settings.MaxRedispatches)
            return Fail(state, $"{NameOf(step)}: no word from the stage for {settings.StageSilenceTimeout} after {state.Redispatches} re-dispatches");
        var next = state with { Redispatches = state.Redispatches + 1, LastHeard = now };
        return new FlowDecision(next, Dispatch(next, runId, now, $"/redispatch/{next.Redispatches}"));
    }

    private static FlowDecision Resume(RunFlowState state, Guid runId, DateTimeOffset now)
    {
        var next = Heard(state, now) with { Resumes = state.Resumes + 1 };
        return new FlowDecision(next, Dispatch(next, runId, now, $"/resume/{next.Resumes}"));
    }

    // The step in progress is the one the event reports on; an earlier step's event is a redelivery, a later one's early.
    private static bool Completes(RunFlowState state, FlowStep reported) => state.Step == reported;

    private static RunFlowState Heard(RunFlowState state, DateTimeOffset now) => state with { LastHeard = now, Redispatches = 0 };

    private static FlowDecision Finish(RunFlowState state) => FlowDecision.Unchanged(state with { Phase = FlowPhase.Finished });

    private static FlowDecision Fail(RunFlowState state, string reason) => new(state with { Phase = FlowPhase.Finished }, [], RunState.Failed, reason);

    /// <summary>
    /// The commands of the step in progress that are still outstanding (a generation's missing shards, an evaluation
    /// phase's missing tasks). Ids derive
    /// from the step, so a redelivered decision repeats them; a re-dispatch or a resume (<paramref name="again"/>) gets
    /// ids of its own, or the workers' processed-event stores would skip it as done.
    /// </summary>
    private static List<IRunMessage> Dispatch(RunFlowState state, Guid runId, DateTimeOffset now, string again)
    {
        if (state.Step is not { } step) return [];
        var prefix = step.Round is null ? "" : $"iter{step.Round.Number}/{step.Round.Algorithm.Name()}/";
        return step.Kind switch
        {
            StepKind.Generate => Enumerable.Range(0, state.ShardCount).Except(state.ShardsDone).Select(shard => (IRunMessage)new GenerateShard
            {
                RunId = runId, EventId = EventIds.For(runId, $"{prefix}generate-shard/{shard}{again}"), OccurredAt = now,
                SpecPath = state.SpecPath, ShardIndex = shard, ShardCount = state.ShardCount, Iteration = step.Round,
            }).ToList(),
            StepKind.Filter => [new FilterRun
            {
                RunId = runId, EventId = EventIds.For(runId, $"{prefix}filter-run{again}"), OccurredAt = now, ShardCount = state.ShardCount, Iteration = step.Round,
            }],
            StepKind.Train when step.Algorithm is { } algorithm => [new TrainModel
            {
                RunId = runId, EventId = EventIds.For(runId, $"train-model/{algorithm.Name()}/{step.Iteration}{again}"), OccurredAt = now,
                Algorithm = algorithm, Iteration = step.Iteration,
            }],
            StepKind.Evaluate => PhaseTasks(state).Where(t => !state.TasksDone.Contains(t.Id)).Select(task => (IRunMessage)new EvaluationTask
            {
                RunId = runId, EventId = EventIds.For(runId, $"evaluation-task/{task.Id}{again}"), OccurredAt = now, Task = task,
            }).ToList(),
            _ => [],   // a Train step always names its algorithm (Steps)
        };
    }
}
