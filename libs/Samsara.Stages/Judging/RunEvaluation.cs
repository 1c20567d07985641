using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Api.V1;
using Samsara.Engine;
using Samsara.Engine.Data;
using Samsara.Endpoints;
using Samsara.Endpoints.Judging;
using Samsara.Judging;
using Samsara.Judging.Backends;
using Samsara.Judging.Items;
using Samsara.Judging.Reports;
using Samsara.Judging.Rubric;
using Samsara.Stages.Plan;
using Samsara.Stages.Generation;
using Samsara.Stages.Training;

namespace Samsara.Stages.Judging;

/// <summary>
/// Evaluates a run's models and writes its report into eval/: accuracy (pass@1 greedy and pass@k sampled) of the
/// base and every trained model; each model's responses to the held-out prompts; the papers' comparisons judged by
/// every judge the spec names (principle-based) and, when the teacher is local, by the teacher's principle-free
/// log-prob judge; the SAMI models' MI lower bounds from their training logs and every model's MI on held-out data
/// (<see cref="HeldOutMiStage"/>). Each model's responses and
/// accuracy samples are files a resumed evaluation reuses.
/// </summary>
public static class RunEvaluation
{
    /// <summary>The answer extractor the summary reads accuracy with (the task world's answers end "Answer: N").</summary>
    public const string SummaryExtractor = "flexible";

    /// <summary>
    /// Writes the report; returns report.json's content. <paramref name="progress"/> gets (stage, done, total, unit)
    /// for "eval:{model}" (accuracy samples), "respond:{model}" (prompts) and "judge" (judged items over all comparisons).
    /// <c>openai:</c> judges go through <paramref name="endpoints"/> (the host's clients and prices; null: library
    /// defaults); their usage is recorded per comparison in the run's <see cref="RunUsage"/> and reported.
    /// </summary>
    public static JsonObject Evaluate(RunPlan plan, RunWorkspace workspace, Action<string, long, long, string>? progress = null,
        EndpointJudgeModels? endpoints = null)
    {
        var spec = plan.Spec;
        var models = Models(spec, workspace);
        var (evals, legacy) = Accuracy(plan, workspace, models, progress);
        var comparisons = Judge(plan, workspace, models, progress, endpoints);
        var mi = MiBoundsOf(spec, workspace);
        var heldOutMi = HeldOutMiStage.Applies(spec) ? HeldOutMiStage.Run(plan, workspace, models, progress) : [];
        var directory = Path.Combine(workspace.Directory, "eval");
        var usage = JudgeUsageRows.From(RunUsage.Total(workspace.Directory), endpoints?.Prices ?? []);
        RunReportWriter.Write(directory, comparisons, evals, mi, SummaryExtractor, legacy, heldOutMi, usage);
        return JsonNode.Parse(File.ReadAllText(Path.Combine(directory, ReportWriter.JsonFile)))!.AsObject();
    }

    /// <summary>The base model and every trained model, by name, in training order.</summary>
    public static IReadOnlyList<(string Name, string Path)> Models(RunSpec spec, RunWorkspace workspace) =>
        [("base", spec.Student.Path), .. spec.Training.Select(t => (RunTrainer.NameOf(t.Algorithm), workspace.Model(t.Algorithm)))];

    // The curves for the report, and the run summary's {"questions", "models": {model: {extractor: {k: pass@k}}}}.
    private static (List<EvalCurve> Curves, JsonObject Legacy) Accuracy(RunPlan plan, RunWorkspace workspace, IReadOnlyList<(string Name, string Path)> models,
        Action<string, long, long, string>? progress)
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
        var greedyToo = plan.Evaluation.Temperature > 0;
        foreach (var (name, model) in models)
        {
            if (greedyToo)
            {
                var greedy = EvaluationStage.Run(plan, workspace, name, model, questions, (d, t) => progress?.Invoke($"eval:{name}@t0", d, t, "samples"), greedy: true);
                byModel[EvaluationStage.GreedyName(name)] = greedy.ToJson()["pass_at_k"]!.DeepClone();
                curves.Add(EvalCurve.Read(Path.Combine(workspace.Evaluation(EvaluationStage.GreedyName(name)), Alignment.Metrics.AccuracyEvaluation.ReportFile)));
            }
            var report = EvaluationStage.Run(plan, workspace, name, model, questions, (d, t) => progress?.Invoke($"eval:{name}", d, t, "samples"));
            byModel[name] = report.ToJson()["pass_at_k"]!.DeepClone();
            curves.Add(EvalCurve.Read(Path.Combine(workspace.Evaluation(name), Alignment.Metrics.AccuracyEvaluation.ReportFile)));
        }
        return (curves, legacy);
    }

    private static List<RunComparison> Judge(RunPlan plan, RunWorkspace workspace, IReadOnlyList<(string Name, string Path)> models,
        Action<string, long, long, string>? progress, EndpointJudgeModels? hostEndpoints)
    {
        var comparisons = new List<RunComparison>();
        var spec = plan.Spec;
        var judgeSpecs = plan.Evaluation.Judges;
        var teacherIsLocal = spec.Teacher is { Endpoint: null, Path.Length: > 0 };
        if (judgeSpecs.Count == 0 || plan.EvalPrompts is null) return comparisons;
        var pairs = PaperComparisons.Among(models.Select(m => m.Name).ToList());
        if (pairs.Count == 0) return comparisons;

        var answers = new Dictionary<string, AnswerSet>(StringComparer.Ordinal);
        foreach (var (name, model) in models.Where(m => pairs.Any(p => p.ModelA == m.Name || p.ModelB == m.Name)))
            answers[name] = AnswerSetReader.Read(ResponseStage.Run(plan, workspace, name, model, (d, t) => progress?.Invoke($"respond:{name}", d, t, "prompts")));

        var principles = ResponseStage.Principles(plan);
        var device = plan.Student.Device;
        // openai: judges ask their endpoint through the host's clients, else with the library defaults (and
        // SAMSARA_OPENAI_API_KEY from the environment either way).
        using var ownEndpoints = hostEndpoints is null ? new EndpointJudgeModels((url, model) => new EndpointOptions { BaseUrl = url, Model = model }) : null;
        var endpoints = hostEndpoints ?? ownEndpoints!;
        var backends = new JudgeBackends
        {
            OpenAiModels = endpoints.Create,
            LoadModel = dir => LanguageModel.Load(dir, device),
            Principles = principles,
            Rubric = TaskWorldRubric.For(principles) ?? RubricSet.Default,
        };
        var judges = judgeSpecs.Select(j => (RunComparison.PrincipleBased, backends.Create(JudgeSpec.Parse(j == "logprob" ? $"logprob:{spec.Teacher.Path}" : j)))).ToList();
        if (teacherIsLocal)
            judges.Add((RunComparison.PrincipleFree, new PrincipleFreeLogProbJudge(LanguageModel.Load(spec.Teacher.Path, device), principles, "teacher", ownsModel: true)));
        try
        {
            var protocol = JudgeProtocols.Parse(plan.Evaluation.Protocol);
            var total = (long)judges.Count * pairs.Sum(p => answers[p.ModelA].Answers.Count);
            long done = 0;
            foreach (var (experiment, a, b) in pairs)
            {
                var items = PairwiseItems.Pair(answers[a], answers[b]);
                foreach (var (kind, judge) in judges)
                {
                    IReadOnlyList<JudgementRecord> records;
                    // One unit of work in the run's usage: its calls are recorded even when it fails part-way (they were paid for).
                    using (var usage = UsageScope.Begin())
                    {
                        try
                        {
                            records = new PairwiseJudging(judge, protocol, spec.Seed).RunAsync(items, a, b).GetAwaiter().GetResult();
                        }
                        finally
                        {
                            RunUsage.Record(workspace.Directory, $"judge/{experiment}/{kind}/{a}-vs-{b}/{judge.Name}", usage);
                        }
                    }
                    done += items.Count;
                    progress?.Invoke("judge", done, total, "items");
                    var comparison = new RunComparison(experiment, kind, JudgementSummary.Compute(records, seed: (int)(spec.Seed % int.MaxValue)));
                    var file = Path.Combine(workspace.Directory, "eval", "judgements", comparison.Slug + ".jsonl");
                    Directory.CreateDirectory(Path.GetDirectoryName(file)!);
                    AtomicFile.WriteAllText(file, string.Concat(records.Select(r => JudgementJson.ToJson(r).ToJsonString() + "\n")));
                    comparisons.Add(comparison);
                }
            }
        }
        finally
        {
            foreach (var (_, judge) in judges) (judge as IDisposable)?.Dispose();
        }
        return comparisons;
    }

    /// <summary>
    /// Each SAMI model's MI lower bound (log C − loss, as its metrics.jsonl logs it per step): at the first step
    /// (the starting model, before any update) and the mean over the last tenth of the steps (at least one).
    /// </summary>
    public static IReadOnlyList<MiBounds> MiBoundsOf(RunSpec spec, RunWorkspace workspace)
    {
        var bounds = new List<MiBounds>();
        foreach (var t in spec.Training.Where(t => t.Algorithm is Algorithm.Sami or Algorithm.SftSami))
        {
            var log = Path.Combine(workspace.Model(t.Algorithm), "metrics.jsonl");
            if (!File.Exists(log)) continue;
            var values = Jsonl.Read(log).Select(r => r.Object["mi_lower_bound"]).OfType<JsonValue>().Select(v => v.GetValue<double>()).ToList();
            if (values.Count == 0) continue;
            var tail = Math.Max(1, values.Count / 10);
            bounds.Add(new MiBounds(RunTrainer.NameOf(t.Algorithm), values[0], values.TakeLast(tail).Average(), values.Count));
        }
        return bounds;
    }
}
