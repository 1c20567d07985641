using System.Text.Json;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Flow;

namespace Samsara.Gateway.Tests.Flow;

/// <summary>The evaluation step of the run's flow: its tasks phase by phase, recorded by task id.</summary>
public sealed class EvaluationFlowTests
{
    private static readonly Guid RunId = Guid.Parse("0191d3a4-6b3e-7c1a-9f00-000000000002");
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);
    private static readonly RunFlowSettings Settings = new() { StageSilenceTimeout = TimeSpan.FromMinutes(10), MaxRedispatches = 2, JudgeBatchItems = 16 };

    // base, sft and dpo; dpo vs sft judged by one spec judge and the teacher's principle-free judge.
    private static readonly EvaluationOutline Outline = new(["base", "sft", "dpo"], [new PaperComparison("1", "dpo", "sft")], 1, PrincipleFree: true, GreedyToo: false, HeldOutMi: false);

    private static FlowDecision Apply(RunFlowState state, FlowEvent e, DateTimeOffset? at = null) => RunFlow.Apply(state, e, RunId, at ?? T0, Settings);

    /// <summary>The run up to its evaluation: one shard, SFT then DPO trained.</summary>
    private static FlowDecision Evaluating(EvaluationOutline outline)
    {
        var decision = Apply(new RunFlowState(), new RunStarted("runs/x/spec.json", 1, [new PlannedTraining(TrainingAlgorithm.Sft, 1), new PlannedTraining(TrainingAlgorithm.Dpo, 1)], outline));
        foreach (var e in new FlowEvent[] { new ShardGenerated(null, 0), new RoundFiltered(null), new ModelTrained(TrainingAlgorithm.Sft, 1), new ModelTrained(TrainingAlgorithm.Dpo, 1) })
            decision = Apply(decision.State, e);
        return decision;
    }

    private static IReadOnlyList<string> Ids(FlowDecision decision) => [.. decision.Commands.Cast<EvaluationTask>().Select(t => t.Task.Id)];

    [Fact]
    public void The_evaluation_starts_with_the_answers_and_every_models_accuracy()
    {
        var decision = Evaluating(Outline);

        Assert.Equal(RunState.Evaluating, decision.Enter);
        Assert.Equal(["answer/sft", "answer/dpo", "accuracy/base", "accuracy/sft", "accuracy/dpo"], Ids(decision));
        Assert.Equal(EventIds.For(RunId, "evaluation-task/answer/sft"), decision.Commands[0].EventId);
    }

    [Fact]
    public void The_judge_batches_follow_the_last_answer_sized_by_the_answers_and_a_repeat_counts_once()
    {
        var decision = Evaluating(Outline);
        var tasks = Ids(decision);
        foreach (var id in tasks.Take(tasks.Count - 1))
        {
            decision = Apply(decision.State, new EvaluationTaskDone(id, id.StartsWith("answer/", StringComparison.Ordinal) ? 40 : 0));
            Assert.Empty(decision.Commands);
        }
        Assert.Empty(Apply(decision.State, new EvaluationTaskDone(tasks[0], 40)).Commands);   // a repeat: still one task missing

        decision = Apply(decision.State, new EvaluationTaskDone(tasks[^1], 0));

        // 40 items in batches of 16: 3 batches, under the spec's judge (0) and the principle-free one.
        Assert.Equal(["judge/dpo-vs-sft/0/0", "judge/dpo-vs-sft/0/1", "judge/dpo-vs-sft/0/2", "judge/dpo-vs-sft/free/0", "judge/dpo-vs-sft/free/1", "judge/dpo-vs-sft/free/2"], Ids(decision));
        var batches = decision.Commands.Cast<EvaluationTask>().Select(t => t.Task).ToList();
        Assert.All(batches, b => Assert.Equal((EvaluationTaskKind.JudgeBatch, "dpo", "sft", 16, 6), (b.Kind, b.ModelA, b.ModelB, b.BatchSize, b.Of)));
        Assert.Equal([0, 1, 2, 3, 4, 5], batches.Select(b => b.Ordinal));
        Assert.Equal([0, 0, 0, -1, -1, -1], batches.Select(b => b.Judge));
    }

    [Fact]
    public void The_report_is_sent_once_every_batch_is_in_and_its_completion_finishes_the_run()
    {
        var decision = CompletePhase(Evaluating(Outline), items: 20);
        Assert.Equal(4, decision.Commands.Count);

        decision = CompletePhase(decision, items: 0);

        var report = Assert.IsType<EvaluationTask>(Assert.Single(decision.Commands)).Task;
        Assert.Equal((EvaluationTaskKind.Report, 2, 16), (report.Kind, report.Batches, report.BatchSize));
        Assert.Empty(Apply(decision.State, new EvaluationTaskDone("judge/dpo-vs-sft/0/0", 16)).Commands);   // a late repeat of the last phase
        var done = Apply(decision.State, new RunEvaluated());
        Assert.Equal(FlowPhase.Finished, done.State.Phase);
        Assert.Empty(done.Commands);
    }

    [Fact]
    public void A_silent_evaluation_sends_again_only_the_tasks_of_its_phase_still_missing_under_new_ids()
    {
        var decision = Evaluating(Outline);
        decision = Apply(decision.State, new EvaluationTaskDone("answer/sft", 40));
        decision = Apply(decision.State, new EvaluationTaskDone("accuracy/base", 0));

        var again = Apply(decision.State, new SilenceChecked(), T0.AddMinutes(11));

        Assert.Equal(["answer/dpo", "accuracy/sft", "accuracy/dpo"], Ids(again));
        Assert.Equal(EventIds.For(RunId, "evaluation-task/answer/dpo/redispatch/1"), again.Commands[0].EventId);
    }

    [Fact]
    public void A_task_of_another_phase_or_another_run_step_changes_nothing()
    {
        var decision = Evaluating(Outline);

        Assert.Empty(Apply(decision.State, new EvaluationTaskDone("judge/dpo-vs-sft/0/0", 16)).State.TasksDone);
        Assert.Empty(Apply(decision.State, new EvaluationTaskDone("answer/nobody", 16)).State.TasksDone);
        var training = Apply(new RunFlowState(), new RunStarted("runs/x/spec.json", 1, [new PlannedTraining(TrainingAlgorithm.Sft, 1)], Outline)).State;
        Assert.Equal(training, Apply(training, new EvaluationTaskDone("answer/sft", 40)).State);
    }

    [Fact]
    public void A_run_that_judges_nothing_goes_from_its_accuracy_to_its_report()
    {
        var decision = Evaluating(new EvaluationOutline(["base", "sft"], [], 0, false, GreedyToo: true, HeldOutMi: false));
        Assert.Equal(["accuracy/base-t0", "accuracy/base", "accuracy/sft-t0", "accuracy/sft"], Ids(decision));

        decision = CompletePhase(decision, items: 0);

        Assert.Equal(["report"], Ids(decision));
    }

    [Fact]
    public void The_evaluation_state_survives_the_actors_json()
    {
        var state = Apply(Evaluating(Outline).State, new EvaluationTaskDone("answer/sft", 40)).State;
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var back = JsonSerializer.Deserialize<RunFlowState>(JsonSerializer.Serialize(state, web), web)!;

        Assert.Equal((state.EvaluationPhase, state.EvaluationItems, state.JudgeBatchItems), (back.EvaluationPhase, back.EvaluationItems, back.JudgeBatchItems));
        Assert.Equal(state.TasksDone, back.TasksDone);
        Assert.Equal(state.Evaluation.Models, back.Evaluation.Models);
        Assert.Equal(state.Evaluation.Comparisons, back.Evaluation.Comparisons);
        Assert.Equal(Ids(Apply(state, new SilenceChecked(), T0.AddMinutes(11))), Ids(Apply(back, new SilenceChecked(), T0.AddMinutes(11))));
        var e = JsonSerializer.Deserialize<FlowEvent>(JsonSerializer.Serialize<FlowEvent>(new EvaluationTaskDone("answer/sft", 40), web), web);
        Assert.Equal(new EvaluationTaskDone("answer/sft", 40), e);
    }

    // Reports every task the decision sent as done (answers with `items` answers) and returns the last decision.
    private static FlowDecision CompletePhase(FlowDecision decision, int items)
    {
        foreach (var task in decision.Commands.Cast<EvaluationTask>().Select(t => t.Task).ToList())
            decision = Apply(decision.State, new EvaluationTaskDone(task.Id, task.Kind == EvaluationTaskKind.Answer ? items : 0));
        return decision;
    }
}
