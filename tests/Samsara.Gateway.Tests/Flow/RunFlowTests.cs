using System.Text.Json;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Contracts;
using Samsara.Gateway.Flow;

namespace Samsara.Gateway.Tests.Flow;

/// <summary>Every transition of the run's flow, as the RunActor drives it: (state, event) → (state, commands).</summary>
public sealed class RunFlowTests
{
    private static readonly Guid RunId = Guid.Parse("0191d3a4-6b3e-7c1a-9f00-000000000001");
    private static readonly DateTimeOffset T0 = new(2026, 12, 6, 4, 0, 0, TimeSpan.Zero);
    private static readonly RunFlowSettings Settings = new() { StageSilenceTimeout = TimeSpan.FromMinutes(10), MaxRedispatches = 2 };
    private static readonly SamiIteration SamiTwo = new() { Algorithm = TrainingAlgorithm.Sami, Number = 2 };

    private static PlannedTraining Training(TrainingAlgorithm algorithm, int iterations) => new(algorithm, iterations);

    private static RunStarted Started(int shards, params PlannedTraining[] trainings) => new("runs/x/spec.json", shards, trainings);

    private static FlowDecision Apply(RunFlowState state, FlowEvent e, DateTimeOffset? at = null) => RunFlow.Apply(state, e, RunId, at ?? T0, Settings);

    /// <summary>Applies the events in order and returns the last decision.</summary>
    private static FlowDecision Drive(params FlowEvent[] events)
    {
        var decision = FlowDecision.Unchanged(new RunFlowState());
        foreach (var e in events) decision = Apply(decision.State, e);
        return decision;
    }

    private static FlowEvent[] FirstRound(int shards) =>
        [.. Enumerable.Range(0, shards).Select(i => (FlowEvent)new ShardGenerated(null, i)), new RoundFiltered(null)];

    [Fact]
    public void A_started_run_generates_every_shard_of_its_first_round()
    {
        var decision = Apply(new RunFlowState(), Started(3, Training(TrainingAlgorithm.Sft, 1)));

        var shards = decision.Commands.Cast<GenerateShard>().ToList();
        Assert.Equal([0, 1, 2], shards.Select(s => s.ShardIndex));
        Assert.All(shards, s => Assert.Equal((3, "runs/x/spec.json", (SamiIteration?)null), (s.ShardCount, s.SpecPath, s.Iteration)));
        Assert.Equal(EventIds.For(RunId, "generate-shard/1"), shards[1].EventId);
        Assert.Equal(FlowPhase.Running, decision.State.Phase);
        Assert.Null(decision.Enter);
    }

    [Fact]
    public void A_run_with_nothing_to_do_fails_at_once()
    {
        var decision = Apply(new RunFlowState(), Started(0, Training(TrainingAlgorithm.Sft, 1)));

        Assert.Empty(decision.Commands);
        Assert.Equal(RunState.Failed, decision.Enter);
        Assert.Contains("0 generation shards", decision.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Filtering_is_sent_once_when_the_last_shard_is_in_whatever_the_order_and_repeats()
    {
        var state = Apply(new RunFlowState(), Started(3, Training(TrainingAlgorithm.Sft, 1))).State;

        foreach (var shard in new[] { 2, 0, 2 })
        {
            var waiting = Apply(state, new ShardGenerated(null, shard));
            Assert.Empty(waiting.Commands);
            state = waiting.State;
        }
        Assert.Equal([2, 0], state.ShardsDone);
        var last = Apply(state, new ShardGenerated(null, 1));
        var filter = Assert.IsType<FilterRun>(Assert.Single(last.Commands));
        Assert.Equal((3, (SamiIteration?)null), (filter.ShardCount, filter.Iteration));
        // A shard reported again after its round was filtered, or one out of range, changes nothing.
        Assert.Equal(last.State, Apply(last.State, new ShardGenerated(null, 1)).State);
        Assert.Empty(Apply(last.State, new ShardGenerated(null, 7)).Commands);
    }

    [Fact]
    public void Sft_trains_first_then_every_other_training_in_spec_order_then_the_run_is_evaluated()
    {
        var decision = Drive([Started(1, Training(TrainingAlgorithm.Dpo, 1), Training(TrainingAlgorithm.Sft, 1), Training(TrainingAlgorithm.Sami, 1)), .. FirstRound(1)]);
        var sent = decision.Commands.Select(Name).ToList();
        Assert.Empty(Apply(decision.State, new RoundFiltered(null)).Commands);   // the filter's event again: nothing
        foreach (var algorithm in new[] { TrainingAlgorithm.Sft, TrainingAlgorithm.Dpo, TrainingAlgorithm.Sami })
        {
            decision = Apply(decision.State, new ModelTrained(algorithm, 1));
            sent.AddRange(decision.Commands.Select(Name));
        }

        Assert.Equal(["train sft/1", "train dpo/1", "train sami/1", "evaluate report"], sent);
        Assert.Equal(RunState.Evaluating, decision.Enter);
    }

    [Fact]
    public void Iterated_sami_regenerates_filters_and_trains_each_iteration_after_the_first_round()
    {
        var trainings = new PlannedTraining[] { Training(TrainingAlgorithm.Sami, 3), Training(TrainingAlgorithm.Sft, 1), Training(TrainingAlgorithm.SftSami, 2) };
        var decision = Drive([Started(2, trainings), .. FirstRound(2)]);
        var sent = decision.Commands.Select(Name).ToList();
        // Completes each step the flow asks for, as the workers would, until it asks for nothing more.
        while (decision.Commands.Count > 0 && decision.Commands[0] is not EvaluationTask)
        {
            FlowEvent[] done = decision.Commands[0] switch
            {
                GenerateShard g => [.. decision.Commands.Cast<GenerateShard>().Select(s => new ShardGenerated(s.Iteration, s.ShardIndex))],
                FilterRun f => [new RoundFiltered(f.Iteration)],
                TrainModel t => [new ModelTrained(t.Algorithm, t.Iteration)],
                var other => throw new InvalidOperationException($"unexpected {other}"),
            };
            foreach (var e in done) decision = Apply(decision.State, e);
            sent.AddRange(decision.Commands.Select(Name));
        }

        Assert.Equal([
            "train sft/1", "train sami/1", "train sftsami/1",
            "generate sami:2 0", "generate sami:2 1", "filter sami:2", "train sami/2",
            "generate sami:3 0", "generate sami:3 1", "filter sami:3", "train sami/3",
            "generate sftsami:2 0", "generate sftsami:2 1", "filter sftsami:2", "train sftsami/2",
            "evaluate report"], sent);
        Assert.Equal(RunState.Evaluating, decision.Enter);
    }

    [Fact]
    public void An_iterations_shards_do_not_count_for_the_first_round_nor_the_other_way_round()
    {
        var state = Apply(new RunFlowState(), Started(1, Training(TrainingAlgorithm.Sami, 2))).State;

        var early = Apply(state, new ShardGenerated(SamiTwo, 0));

        Assert.Empty(early.Commands);
        Assert.Empty(early.State.ShardsDone);
        var round2 = Drive([Started(1, Training(TrainingAlgorithm.Sami, 2)), .. FirstRound(1), new ModelTrained(TrainingAlgorithm.Sami, 1)]);
        Assert.Equal(SamiTwo, Assert.IsType<GenerateShard>(Assert.Single(round2.Commands)).Iteration);
        Assert.Empty(Apply(round2.State, new ShardGenerated(null, 0)).Commands);
    }

    [Fact]
    public void An_event_for_a_step_not_yet_started_changes_nothing()
    {
        var state = Drive([Started(1, Training(TrainingAlgorithm.Sft, 1), Training(TrainingAlgorithm.Dpo, 1)), .. FirstRound(1)]).State;

        Assert.Equal(state, Apply(state, new ModelTrained(TrainingAlgorithm.Dpo, 1)).State);
        Assert.Empty(Apply(state, new RunEvaluated()).Commands);
        Assert.Empty(Apply(state, new RoundFiltered(SamiTwo)).Commands);
        Assert.Equal(new FlowStep(StepKind.Train, null, TrainingAlgorithm.Sft), state.Step);
    }

    [Fact]
    public void A_redelivered_start_decides_the_same_commands_with_the_same_ids()
    {
        var first = Apply(new RunFlowState(), Started(2, Training(TrainingAlgorithm.Sft, 1)));
        var again = Apply(new RunFlowState(), Started(2, Training(TrainingAlgorithm.Sft, 1)), T0.AddMinutes(1));

        Assert.Equal(first.Commands.Select(c => c.EventId), again.Commands.Select(c => c.EventId));
        Assert.Empty(Apply(first.State, Started(2, Training(TrainingAlgorithm.Sft, 1))).Commands);
    }

    [Fact]
    public void The_evaluation_finishes_the_run_and_nothing_is_sent_after()
    {
        var evaluating = Drive([Started(1, Training(TrainingAlgorithm.Sft, 1)), .. FirstRound(1), new ModelTrained(TrainingAlgorithm.Sft, 1)]);
        Assert.Equal("report", Assert.IsType<EvaluationTask>(Assert.Single(evaluating.Commands)).Task.Id);   // nothing to evaluate but the report

        var done = Apply(evaluating.State, new RunEvaluated());

        Assert.Equal(FlowPhase.Finished, done.State.Phase);
        Assert.Empty(done.Commands);
        Assert.Empty(Apply(done.State, new SilenceChecked(), T0.AddDays(1)).Commands);
    }

    [Fact]
    public void A_cancelled_run_is_finished_in_any_step_and_sends_nothing_more()
    {
        var training = Drive([Started(1, Training(TrainingAlgorithm.Sft, 1), Training(TrainingAlgorithm.Dpo, 1)), .. FirstRound(1)]);

        var cancelled = Apply(training.State, new RunEnded());

        Assert.Equal(FlowPhase.Finished, cancelled.State.Phase);
        Assert.Empty(Apply(cancelled.State, new ModelTrained(TrainingAlgorithm.Sft, 1)).Commands);
        Assert.Empty(Apply(cancelled.State, new SilenceChecked(), T0.AddDays(1)).Commands);
        // Cancelled before its request was even seen: the request starts nothing.
        Assert.Empty(Apply(Apply(new RunFlowState(), new RunEnded()).State, Started(1, Training(TrainingAlgorithm.Sft, 1))).Commands);
    }

    [Fact]
    public void A_silent_stage_is_re_dispatched_with_new_ids_only_for_what_is_outstanding()
    {
        var state = Drive(Started(3, Training(TrainingAlgorithm.Sft, 1)), new ShardGenerated(null, 1)).State;

        Assert.Empty(Apply(state, new SilenceChecked(), T0 + Settings.StageSilenceTimeout - TimeSpan.FromSeconds(1)).Commands);
        var again = Apply(state, new SilenceChecked(), T0 + Settings.StageSilenceTimeout);

        var shards = again.Commands.Cast<GenerateShard>().ToList();
        Assert.Equal([0, 2], shards.Select(s => s.ShardIndex));
        Assert.Equal(EventIds.For(RunId, "generate-shard/0/redispatch/1"), shards[0].EventId);
        Assert.Equal(1, again.State.Redispatches);
        Assert.Null(again.Enter);
    }

    [Fact]
    public void A_stage_silent_after_every_re_dispatch_fails_the_run_naming_the_stage()
    {
        var state = Drive([Started(1, Training(TrainingAlgorithm.Sft, 1)), .. FirstRound(1)]).State;
        var at = T0;
        var resent = new List<Guid>();
        FlowDecision decision;
        do
        {
            at += Settings.StageSilenceTimeout;
            decision = Apply(state, new SilenceChecked(), at);
            resent.AddRange(decision.Commands.Select(c => c.EventId));
            state = decision.State;
        }
        while (decision.Enter is null);

        Assert.Equal(2, resent.Distinct().Count());
        Assert.Equal(RunState.Failed, decision.Enter);
        Assert.StartsWith("train:sft: no word from the stage", decision.Reason, StringComparison.Ordinal);
        Assert.Equal(FlowPhase.Finished, decision.State.Phase);
    }

    [Fact]
    public void Progress_keeps_a_stage_alive_and_clears_its_re_dispatches()
    {
        var state = Drive([Started(1, Training(TrainingAlgorithm.Sft, 1)), .. FirstRound(1)]).State;
        state = Apply(state, new SilenceChecked(), T0 + Settings.StageSilenceTimeout).State;
        Assert.Equal(1, state.Redispatches);

        var heard = Apply(state, new StageProgressed(), T0 + 1.5 * Settings.StageSilenceTimeout).State;

        Assert.Equal(0, heard.Redispatches);
        Assert.Empty(Apply(heard, new SilenceChecked(), T0 + 2.4 * Settings.StageSilenceTimeout).Commands);
        Assert.Single(Apply(heard, new SilenceChecked(), T0 + 2.5 * Settings.StageSilenceTimeout).Commands);
    }

    [Fact]
    public void A_resumed_run_sends_its_steps_outstanding_commands_again_under_ids_of_their_own()
    {
        var state = Drive(Started(3, Training(TrainingAlgorithm.Sft, 1)), new ShardGenerated(null, 0)).State;

        var first = Apply(state, new RunResumed());
        var second = Apply(first.State, new RunResumed());

        Assert.Equal([1, 2], first.Commands.Cast<GenerateShard>().Select(s => s.ShardIndex));
        Assert.Equal(EventIds.For(RunId, "generate-shard/1/resume/1"), first.Commands[0].EventId);
        Assert.Equal(EventIds.For(RunId, "generate-shard/1/resume/2"), second.Commands[0].EventId);
        Assert.Empty(Apply(Apply(state, new RunEnded()).State, new RunResumed()).Commands);
    }

    [Fact]
    public void The_state_survives_the_actors_json_as_it_is()
    {
        var state = Drive(Started(3, Training(TrainingAlgorithm.Sami, 2), Training(TrainingAlgorithm.Sft, 1)), new ShardGenerated(null, 2)).State;
        var web = new JsonSerializerOptions(JsonSerializerDefaults.Web);

        var back = JsonSerializer.Deserialize<RunFlowState>(JsonSerializer.Serialize(state, web), web)!;

        Assert.Equal(state.Steps, back.Steps);
        Assert.Equal((state.Phase, state.Current, state.SpecPath, state.ShardCount, state.LastHeard), (back.Phase, back.Current, back.SpecPath, back.ShardCount, back.LastHeard));
        Assert.Equal(state.ShardsDone, back.ShardsDone);
        Assert.Equal(Apply(state, new ShardGenerated(null, 0)).Commands, Apply(back, new ShardGenerated(null, 0)).Commands);
        var e = JsonSerializer.Deserialize<FlowEvent>(JsonSerializer.Serialize<FlowEvent>(new ShardGenerated(SamiTwo, 1), web), web);
        Assert.Equal(new ShardGenerated(SamiTwo, 1), e);
    }

    private static string Name(IRunMessage command) => command switch
    {
        GenerateShard g => g.Iteration is null ? $"generate {g.ShardIndex}" : $"generate {g.Iteration.Algorithm.Name()}:{g.Iteration.Number} {g.ShardIndex}",
        FilterRun f => f.Iteration is null ? "filter" : $"filter {f.Iteration.Algorithm.Name()}:{f.Iteration.Number}",
        TrainModel t => $"train {t.Algorithm.Name()}/{t.Iteration}",
        EvaluationTask e => $"evaluate {e.Task.Id}",
        _ => command.GetType().Name,
    };
}
