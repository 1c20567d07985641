using Google.Protobuf.WellKnownTypes;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Pipeline.Stages;

namespace Samsara.Pipeline;

/// <summary>
/// Runs a spec's stages one after another in this process — generate (every shard) → filter → train (SFT first,
/// since DPO and SFT+SAMI start from it) → evaluate — recording each step as a run event in the run's history,
/// as the RunActor records the events the distributed services publish. Every stage resumes from its files, so
/// running the same run id again finishes what a killed process left.
/// </summary>
public sealed class PipelineRunner(string artifactRoot, TimeProvider clock)
{
    public RunHistory Run(string runId, RunSpec spec, Action<RunEvent>? onEvent = null, CancellationToken cancellationToken = default)
    {
        var workspace = new RunWorkspace(artifactRoot, runId);
        var history = new RunHistory
        {
            Run = new Run { Id = runId, Spec = spec, State = RunState.Pending, CreatedAt = Now() },
        };
        var sequence = 0;
        void Emit(Action<RunEvent> fill)
        {
            var e = new RunEvent { RunId = runId, EventId = $"{runId}/{++sequence}", At = Now() };
            fill(e);
            if (RunTransitions.Apply(history, e)) onEvent?.Invoke(e);
        }
        void Progress(string stage, long done, long total, string unit) =>
            Emit(e => e.Progress = new StageProgress { Stage = stage, Done = (ulong)done, Total = (ulong)total, Unit = unit });

        try
        {
            Emit(e => e.StateChanged = RunState.Generating);
            var shards = GenerationStage.ShardCount(spec);
            for (var shard = 0; shard < shards; shard++)
            {
                var index = shard;
                GenerationStage.RunShard(spec, workspace, shard, (done, total) => Progress($"generate/shard-{index}", done, total, "prompts"),
                    message => Emit(e => e.Message = message), cancellationToken);
                Progress("generate", shard + 1, shards, "shards");
            }
            history.Run.Artifacts.Add(new Artifact { Stage = "generate", Path = Path.GetDirectoryName(workspace.GenerationShard(0))! });

            Emit(e => e.StateChanged = RunState.Filtering);
            var report = FilterStage.Run(spec, workspace);
            Progress("filter", report.Kept, report.Read, "kept");
            history.Run.Artifacts.Add(new Artifact { Stage = "filter", Path = workspace.Kept });
            if (report.Kept == 0) throw new InvalidOperationException($"the filter kept none of the {report.Read} generations ({report.Summary()})");

            Emit(e => e.StateChanged = RunState.Training);
            var models = new List<(string Name, string Path)> { ("base", spec.Student.Path) };
            foreach (var t in spec.Training.OrderBy(t => t.Algorithm == Algorithm.Sft ? 0 : 1))
            {
                var stage = $"train:{t.Algorithm.ToString().ToLowerInvariant()}";
                var path = TrainingStage.Run(spec, workspace, t, m =>
                {
                    Emit(e => e.TrainingStep = new TrainingStep
                    {
                        Algorithm = t.Algorithm, Step = (uint)m.Step, TotalSteps = (uint)m.TotalSteps, Loss = m.Loss,
                        Metrics = { m.Extra.Select(x => new Metric { Name = x.Key, Value = x.Value }) },
                    });
                    Progress(stage, m.Step, m.TotalSteps, "steps");
                }, cancellationToken);
                history.Run.Artifacts.Add(new Artifact { Stage = stage, Path = path });
                models.Add((t.Algorithm.ToString().ToLowerInvariant(), path));
            }

            Emit(e => e.StateChanged = RunState.Evaluating);
            var questions = EvaluationStage.Questions(spec);
            if (questions.Count == 0) Emit(e => e.Message = "no reference answers in the eval prompts: accuracy not measured");
            foreach (var (name, path) in questions.Count == 0 ? [] : models)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var accuracy = EvaluationStage.Run(spec, workspace, name, path, questions, (done, total) => Progress($"eval:{name}", done, total, "samples"));
                foreach (var (extractor, byK) in accuracy.PassAtK)
                    foreach (var (k, value) in byK)
                        SetMetric(history.Run, $"eval:{name}/{extractor}/pass@{k}", value);
                history.Run.Artifacts.Add(new Artifact { Stage = $"eval:{name}", Path = workspace.Evaluation(name) });
            }
            Emit(e => e.StateChanged = RunState.Completed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Finish(RunState.Cancelled, "cancelled");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or Engine.ModelFormatException
                                       or Engine.Data.JsonlException or Torch.SamsaraNativeException)
        {
            Finish(RunState.Failed, ex.Message);
        }
        return history;

        void Finish(RunState state, string reason)
        {
            var e = RunTransitions.Finish(runId, state, reason, clock.GetUtcNow());
            if (RunTransitions.Apply(history, e)) onEvent?.Invoke(e);
        }
    }

    private Timestamp Now() => Timestamp.FromDateTimeOffset(clock.GetUtcNow());

    private static void SetMetric(Run run, string name, double value) => run.Metrics.Add(new Metric { Name = name, Value = value });
}
