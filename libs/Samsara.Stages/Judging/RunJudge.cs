using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Judging.Reports;
using Samsara.Stages.Plan;
using Samsara.Stages.Cancellation;
using Samsara.Stages.Internal;

namespace Samsara.Stages.Judging;

/// <summary>
/// The judge's work: one task of a run's evaluation (<see cref="EvaluationTask"/>, planned by the RunActor from
/// <see cref="Api.Runs.EvaluationTasks"/>), done by <see cref="RunEvaluation"/> into the run's workspace. A task
/// already done (<see cref="EvaluationTaskResults"/>) is only announced again; so is a report already written.
/// </summary>
public sealed class RunJudge(RunSpecs specs, ArtifactStore store, RunCancellations cancellations, PairJudges judges, ILogger<RunJudge> logger)
{
    /// <summary>
    /// Does <paramref name="command"/>'s task; returns the event to publish (<see cref="EvaluationTaskCompleted"/>, or
    /// <see cref="EvaluationCompleted"/> for the report), or null for a cancelled run. <paramref name="publishProgress"/>
    /// hears how a long task advances (a few events per part, not every sample).
    /// </summary>
    public async Task<IRunMessage?> RunAsync(EvaluationTask command, CancellationToken cancellationToken, Func<EvaluationProgress, Task>? publishProgress = null)
    {
        var runId = command.RunId;
        if (cancellations.IsCancelled(runId))
        {
            StagesLog.SkippedCancelled(logger, runId, PipelineStage.Evaluation);
            return null;
        }
        var task = command.Task;
        if (task.Kind == EvaluationTaskKind.Report) return await ReportAsync(runId, task, cancellationToken).ConfigureAwait(false);
        var workspace = specs.Workspace(runId);
        var results = new EvaluationTaskResults(workspace);
        if (results.Done(task.Id) is not { } items)
        {
            var plan = await specs.LoadAsync(runId, null, cancellationToken).ConfigureAwait(false);
            var progress = Channel.CreateUnbounded<EvaluationProgress>(new UnboundedChannelOptions { SingleReader = true });
            var publishing = PublishAsync(runId, progress.Reader, publishProgress);
            try
            {
                items = await DoAsync(plan, workspace, results, task, Throttled(runId, progress.Writer), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                progress.Writer.Complete();
                await publishing.ConfigureAwait(false);
            }
            results.MarkDone(task.Id, items);
            StagesLog.EvaluationTaskDone(logger, runId, task.Id, items);
        }
        else
        {
            StagesLog.EvaluationTaskAlreadyDone(logger, runId, task.Id);
        }
        return new EvaluationTaskCompleted
        {
            RunId = runId, EventId = EventIds.For(runId, $"evaluation-task-completed/{task.Id}"), OccurredAt = DateTimeOffset.UtcNow, Task = task, Items = items,
        };
    }

    // The task's work; CPU-bound parts on a thread of their own. Returns what the task counted.
    private async Task<int> DoAsync(RunPlan plan, RunWorkspace workspace, EvaluationTaskResults results, EvaluationTaskSpec task,
        Action<string, long, long, string> progress, CancellationToken cancellationToken)
    {
        var model = task.Model;
        switch (task.Kind)
        {
            case EvaluationTaskKind.Answer:
                return await Blocking.Run(() => RunEvaluation.Answer(plan, workspace, model, (d, t) => progress($"respond:{model}", d, t, "prompts"))).ConfigureAwait(false);
            case EvaluationTaskKind.Accuracy:
            case EvaluationTaskKind.GreedyAccuracy:
                var greedy = task.Kind == EvaluationTaskKind.GreedyAccuracy;
                var bar = greedy ? $"eval:{model}@t0" : $"eval:{model}";
                return await Blocking.Run(() => RunEvaluation.Accuracy(plan, workspace, model, greedy, (d, t) => progress(bar, d, t, "samples"))).ConfigureAwait(false);
            case EvaluationTaskKind.TeacherAnswers:
                return await Blocking.Run(() => HeldOutMiStage.TeacherAnswers(plan, workspace, (d, t) => progress("mi:teacher", d, t, "prompts"))).ConfigureAwait(false);
            case EvaluationTaskKind.HeldOutMi:
                var path = RunEvaluation.PathOf(plan.Spec, workspace, model);
                return await Blocking.Run(() => HeldOutMiStage.Score(plan, workspace, model, path, (d, t) => progress($"mi:{model}", d, t, "prompts"))).ConfigureAwait(false);
            case EvaluationTaskKind.JudgeBatch:
                // The judge's own work is async (endpoint calls); its model loads and log-prob scoring are short per item.
                var records = await RunEvaluation.JudgeBatchAsync(plan, workspace, task, judges, cancellationToken).ConfigureAwait(false);
                StageTelemetry.RecordJudgeCalls(plan.Evaluation.Judges.ElementAtOrDefault(task.Judge) ?? "teacher", records.Sum(r => r.Calls.Count));
                results.WriteJudgements(task.Id, records);
                return records.Count;
            default:
                throw new ArgumentException($"evaluation task {task.Id}: unknown kind {task.Kind}");
        }
    }

    private async Task<EvaluationCompleted> ReportAsync(Guid runId, EvaluationTaskSpec task, CancellationToken cancellationToken)
    {
        var workspace = specs.Workspace(runId);
        var path = workspace.InStore(Path.Combine(workspace.Eval, ReportWriter.JsonFile));
        JsonObject report;
        if (store.Exists(path))
        {
            report = JsonNode.Parse(await store.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false))!.AsObject();
        }
        else
        {
            var plan = await specs.LoadAsync(runId, null, cancellationToken).ConfigureAwait(false);
            var results = new EvaluationTaskResults(workspace);
            report = await Blocking.Run(() => RunEvaluation.Report(plan, workspace, task.Batches, results.Judgements, judges.Prices)).ConfigureAwait(false);
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

    // At most one event a second per part, and always its last (done = total), so a watcher sees every bar finish.
    private static Action<string, long, long, string> Throttled(Guid runId, ChannelWriter<EvaluationProgress> writer)
    {
        var last = new Dictionary<string, long>(StringComparer.Ordinal);
        return (stage, done, total, unit) =>
        {
            var now = Environment.TickCount64;
            if (done < total && last.TryGetValue(stage, out var at) && now - at < 1000) return;
            last[stage] = now;
            writer.TryWrite(new EvaluationProgress
            {
                RunId = runId,
                EventId = EventIds.For(runId, $"evaluate/{stage}/{done}"),
                OccurredAt = DateTimeOffset.UtcNow,
                Stage = stage,
                Done = done,
                Total = total,
                Unit = unit,
            });
        };
    }

    // Progress is a courtesy to watchers: a publish that fails (the broker is away) must not fail the evaluation whose
    // report is what counts, so the rest of the progress is dropped and EvaluationCompleted still goes out.
    private async Task PublishAsync(Guid runId, ChannelReader<EvaluationProgress> reader, Func<EvaluationProgress, Task>? publish)
    {
        await foreach (var progress in reader.ReadAllAsync().ConfigureAwait(false))
        {
            if (publish is null) continue;
            try
            {
                await publish(progress).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                StagesLog.ProgressDropped(logger, runId, e.Message);
                publish = null;
            }
        }
    }

    /// <summary>
    /// The report's headline figures: pass@k as <c>eval:{model}/{extractor}/pass@{k}</c> (model "NAME-t0": greedy),
    /// each comparison's overall win rate of A and its CI as <c>judge:{a}_vs_{b}/{judge}/win_rate|ci_lower|ci_upper</c>,
    /// the training-log MI bounds as <c>mi:{model}/before|after</c>, and the held-out MI as
    /// <c>mi-heldout:{model}/lower_bound|estimate</c> (SAMI models also <c>…_gain</c>, over their starting model), and
    /// each judge endpoint's <c>usage:{openai:URL#MODEL}/calls|rate_limited|prompt_tokens|completion_tokens|cost</c>.
    /// </summary>
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
        foreach (var comparison in (report["comparisons"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var judge = (comparison["judge"]?.GetValue<string>() ?? "").Split(':')[0];
            var name = $"judge:{comparison["model_a"]}_vs_{comparison["model_b"]}/{judge}";
            if (comparison["overall"] is JsonObject overall)
                foreach (var field in (string[])["win_rate", "ci_lower", "ci_upper"])
                    if (overall[field] is JsonValue v && v.TryGetValue<double>(out var value)) metrics[$"{name}/{field}"] = value;
        }
        foreach (var (model, bounds) in report["mi_lower_bound"] as JsonObject ?? [])
            foreach (var field in (string[])["before", "after"])
                if (bounds?[field] is JsonValue v && v.TryGetValue<double>(out var value)) metrics[$"mi:{model}/{field}"] = value;
        foreach (var (model, mi) in report["heldout_mi"] as JsonObject ?? [])
            foreach (var field in (string[])["lower_bound", "estimate"])
            {
                if (mi?[field]?["mean"] is JsonValue v && v.TryGetValue<double>(out var value)) metrics[$"mi-heldout:{model}/{field}"] = value;
                if (mi?["gain"]?[field]?["mean"] is JsonValue g && g.TryGetValue<double>(out var gain)) metrics[$"mi-heldout:{model}/{field}_gain"] = gain;
            }
        foreach (var usage in (report[UsageReport.JsonField] as JsonArray ?? []).OfType<JsonObject>())
            foreach (var field in (string[])["calls", "rate_limited", "prompt_tokens", "completion_tokens", "cost"])
                if (usage[field] is JsonValue v && v.TryGetValue<double>(out var value)) metrics[$"usage:{usage["endpoint"]}/{field}"] = value;
        return metrics;
    }
}
