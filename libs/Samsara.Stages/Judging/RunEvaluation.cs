using System.Text.Json.Nodes;
using Samsara.Api;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Endpoints;
using Samsara.Endpoints.Judging;
using Samsara.Judging;
using Samsara.Judging.Backends;
using Samsara.Judging.Items;
using Samsara.Judging.Reports;
using Samsara.Judging.Rubric;
using Samsara.Stages.Generation;
using Samsara.Stages.Plan;
using Samsara.Stages.Training;

namespace Samsara.Stages.Judging;

/// <summary>
/// The work of a run's evaluation tasks (<see cref="EvaluationTasks"/>): each model's accuracy (pass@1 greedy and
/// pass@k sampled) and responses to the held-out prompts; the papers' comparisons judged batch by batch by every judge
/// the spec names (principle-based) and, when the teacher is local, by the teacher's principle-free log-prob judge;
/// the held-out MI (<see cref="HeldOutMiStage"/>); and the report over all of them, with the SAMI models' MI lower
/// bounds from their training logs. Every part reads and writes files of the run's workspace only, so any judge
/// replica can do any task, and the report reads what the others wrote.
/// </summary>
public static class RunEvaluation
{
    /// <summary>The answer extractor the summary reads accuracy with (the task world's answers end "Answer: N").</summary>
    public const string SummaryExtractor = "flexible";

    /// <summary>The base model and every trained model, by name, in training order.</summary>
    public static IReadOnlyList<(string Name, string Path)> Models(RunSpec spec, RunWorkspace workspace) =>
        [("base", spec.Student.Path), .. spec.Training.Select(t => t.Algorithm.ToTraining()).Select(a => (a.Name(), workspace.Model(a)))];

    /// <summary>The checkpoint of model <paramref name="name"/> (<c>teacher</c> included).</summary>
    public static string PathOf(RunSpec spec, RunWorkspace workspace, string name) =>
        name == EvaluationTasks.TeacherModel ? spec.Teacher.Path
        : Models(spec, workspace).FirstOrDefault(m => m.Name == name) is { Path: not null } m ? m.Path
        : throw new ArgumentException($"the run has no model '{name}'");

    /// <summary>A model's responses to the held-out prompts (reused when written); returns how many.</summary>
    public static int Answer(RunPlan plan, RunWorkspace workspace, string name, Action<int, int>? progress = null) =>
        AnswerSetReader.Read(ResponseStage.Run(plan, workspace, name, PathOf(plan.Spec, workspace, name), progress)).Answers.Count;

    /// <summary>A model's pass@k (or with <paramref name="greedy"/> its greedy pass@1); returns how many questions (0: the prompts carry no reference answers).</summary>
    public static int Accuracy(RunPlan plan, RunWorkspace workspace, string name, bool greedy, Action<long, long>? progress = null)
    {
        var questions = EvaluationStage.Questions(plan);
        if (questions.Count > 0)
            EvaluationStage.Run(plan, workspace, name, PathOf(plan.Spec, workspace, name), questions, progress, greedy);
        return questions.Count;
    }

    /// <summary>
    /// One batch of one comparison's items under one judge: items <c>Batch·BatchSize</c> onwards of the pairs of
    /// model A's and model B's responses, judged under the spec's protocol and seed (a verdict depends only on its item,
    /// so batches judge exactly what one pass over every item would). <paramref name="judges"/> supplies the replica's
    /// judgement cache and endpoint clients.
    /// </summary>
    public static async Task<IReadOnlyList<JudgementRecord>> JudgeBatchAsync(RunPlan plan, RunWorkspace workspace, EvaluationTaskSpec task, PairJudges judges,
        CancellationToken cancellationToken)
    {
        var items = PairwiseItems.Pair(AnswersOf(workspace, task.ModelA), AnswersOf(workspace, task.ModelB))
            .Skip(task.Batch * task.BatchSize).Take(task.BatchSize).ToList();
        var (judge, concurrency) = CreateJudge(plan, task.Judge, judges);
        // The batch is one unit of the run's usage: its calls are recorded under the task's id even when it fails
        // part-way (they were paid for), and a redelivered batch rewrites its own record instead of adding to it.
        using var usage = UsageScope.Begin();
        try
        {
            var judging = judges.Judging(judge, JudgeProtocols.Parse(plan.Evaluation.Protocol), plan.Spec.Seed);
            return await judging.RunAsync(items, task.ModelA, task.ModelB, concurrency, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RunUsage.Record(workspace.Directory, task.Id, usage);
            (judge as IDisposable)?.Dispose();
        }
    }

    /// <summary>
    /// Writes the report from every task's results into eval/ (report.json last, so it exists only when whole);
    /// returns report.json's content. <paramref name="batches"/>: how many judge batches each comparison has under each judge,
    /// whose judgements <paramref name="batchResults"/> reads by task id. The judge endpoints' usage, summed over every
    /// task's record (<see cref="RunUsage"/>), is priced by <paramref name="prices"/>.
    /// </summary>
    public static JsonObject Report(RunPlan plan, RunWorkspace workspace, int batches, Func<string, IReadOnlyList<JudgementRecord>> batchResults,
        IEnumerable<TokenPrice> prices)
    {
        var spec = plan.Spec;
        var outline = EvaluationOutline.Of(spec);
        var (evals, legacy) = AccuracyOf(plan, workspace, outline);
        var comparisons = new List<RunComparison>();
        foreach (var c in outline.Comparisons)
            foreach (var judge in EvaluationTasks.JudgesOf(outline))
            {
                var records = Enumerable.Range(0, batches).SelectMany(b => batchResults(EvaluationTasks.JudgeBatchId(c, judge, b))).ToList();
                var kind = judge == EvaluationTasks.PrincipleFreeJudge ? RunComparison.PrincipleFree : RunComparison.PrincipleBased;
                var comparison = new RunComparison(c.Experiment, kind, JudgementSummary.Compute(records, seed: (int)(spec.Seed % int.MaxValue)));
                var file = Path.Combine(workspace.Eval, "judgements", comparison.Slug + ".jsonl");
                Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                AtomicFile.WriteAllText(file, string.Concat(records.Select(r => JudgementJson.ToJson(r).ToJsonString() + "\n")));
                comparisons.Add(comparison);
            }
        var heldOutMi = outline.HeldOutMi ? HeldOutMiStage.Summarise(spec, workspace, outline.Models) : [];
        var directory = workspace.Eval;
        var usage = JudgeUsageRows.From(RunUsage.Total(workspace.Directory), prices);
        RunReportWriter.Write(directory, comparisons, evals, MiBoundsOf(spec, workspace), SummaryExtractor, legacy, heldOutMi, usage);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ReportWriter.JsonFile)))!.AsObject();
    }

    // The curves for the report, and the run summary's {"questions", "models": {model: {extractor: {k: pass@k}}}},
    // which the run's headline metrics are read from (RunJudge.Summary).
    private static (List<EvalCurve> Curves, JsonObject Legacy) AccuracyOf(RunPlan plan, RunWorkspace workspace, EvaluationOutline outline)
    {
        var questions = EvaluationStage.Questions(plan);
        var byModel = new JsonObject();
        var legacy = new JsonObject { ["questions"] = questions.Count, ["models"] = byModel };
        var curves = new List<EvalCurve>();
        if (questions.Count == 0)
        {
            legacy["note"] = "no prompts with reference answers: accuracy not measured";
            return (curves, legacy);
        }
        foreach (var name in outline.Models)
            foreach (var folder in outline.GreedyToo ? [EvaluationStage.GreedyName(name), name] : new[] { name })
            {
                var report = Path.Combine(workspace.Evaluation(folder), Alignment.Metrics.AccuracyEvaluation.ReportFile);
                byModel[folder] = JsonNode.Parse(File.ReadAllText(report))!["pass_at_k"]!.DeepClone();
                curves.Add(EvalCurve.Read(report));
            }
        return (curves, legacy);
    }

    private static AnswerSet AnswersOf(RunWorkspace workspace, string model) => AnswerSetReader.Read(ResponseStage.PathOf(workspace, model));

    // The spec's judge number `index` (a bare "logprob" is the teacher's log-prob judge), or the teacher's principle-free
    // one, and how many items it judges at once: an endpoint's judge as many as the replica may send it, a local one 1.
    private static (IPairJudge Judge, int Concurrency) CreateJudge(RunPlan plan, int index, PairJudges judges)
    {
        var spec = plan.Spec;
        var principles = ResponseStage.Principles(plan);
        var device = plan.Student.Device;
        if (index == EvaluationTasks.PrincipleFreeJudge)
            return (new PrincipleFreeLogProbJudge(LanguageModel.Load(spec.Teacher.Path, device), principles, "teacher", ownsModel: true), 1);
        if (index < 0 || index >= plan.Evaluation.Judges.Count)
            throw new ArgumentException($"the run names {plan.Evaluation.Judges.Count} judges, not a judge number {index}");
        var name = plan.Evaluation.Judges[index];
        var backends = new JudgeBackends
        {
            OpenAiModels = judges.OpenAiModel,
            LoadModel = dir => LanguageModel.Load(dir, device),
            Principles = principles,
            Rubric = TaskWorldRubric.For(principles) ?? RubricSet.Default,
        };
        var parsed = JudgeSpec.Parse(name == "logprob" ? $"logprob:{spec.Teacher.Path}" : name);
        return (backends.Create(parsed), parsed.Kind == JudgeKind.OpenAi ? judges.EndpointConcurrency : 1);
    }

    /// <summary>
    /// Each SAMI model's MI lower bound (log C − loss, as its metrics.jsonl logs it per step): at the first step
    /// (the starting model, before any update) and the mean over the last tenth of the steps (at least one).
    /// </summary>
    public static IReadOnlyList<MiBounds> MiBoundsOf(RunSpec spec, RunWorkspace workspace)
    {
        var bounds = new List<MiBounds>();
        foreach (var algorithm in spec.Training.Select(t => t.Algorithm.ToTraining()).Where(a => a.Recipe() == TrainingAlgorithm.Sami))
        {
            var log = Path.Combine(workspace.Model(algorithm), "metrics.jsonl");
            if (!File.Exists(log)) continue;
            var values = Jsonl.Read(log).Select(r => r.Object["mi_lower_bound"]).OfType<JsonValue>().Select(v => v.GetValue<double>()).ToList();
            if (values.Count == 0) continue;
            var tail = Math.Max(1, values.Count / 10);
            bounds.Add(new MiBounds(algorithm.Name(), values[0], values.TakeLast(tail).Average(), values.Count));
        }
        return bounds;
    }
}
