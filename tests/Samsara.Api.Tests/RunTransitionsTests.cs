using Google.Protobuf.WellKnownTypes;
using Samsara.Api.Runs;
using Samsara.Api.V1;

namespace Samsara.Api.Tests;

public class RunTransitionsTests
{
    private static RunHistory NewRun() => new() { Run = new Run { Id = "r1", State = RunState.Pending } };

    private static RunEvent State(string id, RunState state) => new() { RunId = "r1", EventId = id, StateChanged = state, At = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch) };

    [Fact]
    public void A_run_moves_forward_through_its_stages_to_completed()
    {
        var run = NewRun();
        foreach (var (id, state) in new[] { ("e1", RunState.Generating), ("e2", RunState.Filtering), ("e3", RunState.Training), ("e4", RunState.Evaluating), ("e5", RunState.Completed) })
            Assert.True(RunTransitions.Apply(run, State(id, state)));
        Assert.Equal(RunState.Completed, run.Run.State);
        Assert.Equal(5, run.Events.Count);
    }

    [Fact]
    public void A_redelivered_event_changes_nothing()
    {
        var run = NewRun();
        var progress = new RunEvent { RunId = "r1", EventId = "p1", Progress = new StageProgress { Stage = "generate", Done = 3, Total = 10 } };
        Assert.True(RunTransitions.Apply(run, progress));
        Assert.False(RunTransitions.Apply(run, progress));
        Assert.Single(run.Events);
        Assert.Equal(3UL, Assert.Single(run.Run.Stages).Done);
    }

    [Fact]
    public void States_never_move_backwards_nor_out_of_a_final_state()
    {
        var run = NewRun();
        Assert.True(RunTransitions.Apply(run, State("e1", RunState.Training)));
        Assert.False(RunTransitions.Apply(run, State("e2", RunState.Generating)));
        Assert.True(RunTransitions.Apply(run, RunTransitions.Finish("r1", RunState.Cancelled, "cancelled by alice", DateTimeOffset.UnixEpoch)));
        Assert.False(RunTransitions.Apply(run, State("e3", RunState.Completed)));
        Assert.Equal(RunState.Cancelled, run.Run.State);
        Assert.Equal("cancelled by alice", run.Run.Error);
    }

    [Fact]
    public void Older_progress_arriving_late_is_ignored_and_training_steps_update_the_summary()
    {
        var run = NewRun();
        RunTransitions.Apply(run, new RunEvent { RunId = "r1", EventId = "a", Progress = new StageProgress { Stage = "train:sami", Done = 5, Total = 8 } });
        RunTransitions.Apply(run, new RunEvent { RunId = "r1", EventId = "b", Progress = new StageProgress { Stage = "train:sami", Done = 4, Total = 8 } });
        Assert.Equal(5UL, run.Run.Stages.Single().Done);
        RunTransitions.Apply(run, new RunEvent
        {
            RunId = "r1", EventId = "c",
            TrainingStep = new TrainingStep { Algorithm = Algorithm.Sami, Step = 5, TotalSteps = 8, Loss = 0.4, Metrics = { new Metric { Name = "mi_lower_bound", Value = 0.9 } } },
        });
        Assert.Equal(0.9, run.Run.Metrics.Single(m => m.Name == "train:sami/mi_lower_bound").Value);
        Assert.Equal(0.4, run.Run.Metrics.Single(m => m.Name == "train:sami/loss").Value);
    }

    [Fact]
    public void An_evaluation_summary_puts_its_figures_in_the_run_metrics_until_the_run_is_final()
    {
        var run = NewRun();
        var summary = new RunEvent { RunId = "r1", EventId = "s", Evaluation = new EvaluationSummary { Metrics = { new Metric { Name = "eval:sft/strict/pass@1", Value = 0.75 } } } };
        Assert.True(RunTransitions.Apply(run, summary));
        Assert.Equal(0.75, run.Run.Metrics.Single(m => m.Name == "eval:sft/strict/pass@1").Value);

        RunTransitions.Apply(run, State("done", RunState.Completed));
        var late = new RunEvent { RunId = "r1", EventId = "t", Evaluation = new EvaluationSummary { Metrics = { new Metric { Name = "eval:sft/strict/pass@1", Value = 0.1 } } } };
        Assert.False(RunTransitions.Apply(run, late));
        Assert.Equal(0.75, run.Run.Metrics.Single().Value);
    }

    [Fact]
    public void An_event_for_another_run_is_refused()
    {
        Assert.Throws<ArgumentException>(() => RunTransitions.Apply(NewRun(), new RunEvent { RunId = "r2", EventId = "x", Message = "hi" }));
    }
}
