using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Pipeline;
using Samsara.Pipeline.Stages;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Internal;
using Samsara.Stages.Training;

namespace Samsara.Stages.Judging;

/// <summary>
/// The judge's work once the run's last training completed: accuracy (pass@k) of the base model and of every trained
/// model on the eval prompts' reference answers, in one report. A report already written is only announced again.
/// </summary>
public sealed class RunJudge(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, ILogger<RunJudge> logger)
{
    /// <summary>The run's report, relative to the store root.</summary>
    public static string ReportPathOf(Guid runId) => $"runs/{runId:D}/eval/report.json";

    /// <summary>The event to publish, or null for a training that is not the run's last, or a cancelled run.</summary>
    public async Task<EvaluationCompleted?> OnTrainingCompletedAsync(TrainingCompleted completed, CancellationToken cancellationToken)
    {
        if (!completed.IsLast)
            return null;
        var runId = completed.RunId;
        if (cancellations.IsCancelled(runId))
        {
            StagesLog.SkippedCancelled(logger, runId, PipelineStage.Evaluation);
            return null;
        }
        var path = ReportPathOf(runId);
        JsonObject report;
        if (store.Exists(path))
        {
            report = JsonNode.Parse(await store.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))!.AsObject();
        }
        else
        {
            var spec = await specs.LoadAsync(runId, null, cancellationToken).ConfigureAwait(false);
            var workspace = specs.Workspace(runId);
            report = await Blocking.Run(() => Evaluate(spec, workspace)).ConfigureAwait(false);
            await store.WriteAllTextAsync(path, report.ToJsonString(), cancellationToken).ConfigureAwait(false);
            StagesLog.Evaluated(logger, runId, path);
        }

        return new EvaluationCompleted
        {
            RunId = runId,
            EventId = EventIds.For(runId, "evaluate"),
            OccurredAt = DateTimeOffset.UtcNow,
            ReportPath = path,
            Metrics = Summary(report),
        };
    }

    /// <summary><c>{"questions": n, "models": {"base": {extractor: {k: pass@k}}, "sft": …}}</c>; no models without references.</summary>
    private static JsonObject Evaluate(RunSpec spec, RunWorkspace workspace)
    {
        var questions = EvaluationStage.Questions(spec);
        var models = new JsonObject();
        var report = new JsonObject { ["questions"] = questions.Count, ["models"] = models };
        if (questions.Count == 0)
        {
            report["note"] = "the eval prompts carry no reference answers: accuracy not measured";
            return report;
        }

        foreach (var (name, model) in Models(spec, workspace))
            models[name] = EvaluationStage.Run(spec, workspace, name, model, questions).ToJson()["pass_at_k"]!.DeepClone();
        return report;
    }

    /// <summary>The report's pass@k figures as <c>eval:{model}/{extractor}/pass@{k}</c>: a few scalars per model.</summary>
    public static IReadOnlyDictionary<string, double> Summary(JsonObject report)
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal);
        if (report["models"] is not JsonObject models)
            return metrics;
        foreach (var (model, extractors) in models)
            foreach (var (extractor, byK) in extractors?.AsObject() ?? [])
                foreach (var (k, value) in byK?.AsObject() ?? [])
                    if (value is JsonValue v && v.TryGetValue<double>(out var passAtK))
                        metrics[$"eval:{model}/{extractor}/pass@{k}"] = passAtK;
        return metrics;
    }

    private static IEnumerable<(string Name, string Path)> Models(RunSpec spec, RunWorkspace workspace) =>
        spec.Training.Select(t => (RunTrainer.NameOf(t.Algorithm), workspace.Model(t.Algorithm)))
            .Prepend(("base", spec.Student.Path));
}
