using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Generation;
using Samsara.Alignment.Metrics;
using Samsara.Api;
using Samsara.Api.Runs;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Contracts;
using Samsara.Engine.Data;
using Samsara.Engine.Generation;
using Samsara.Stages.Plan;
using Samsara.Stages.Generation;
using Samsara.Stages.Training;

namespace Samsara.Stages.Judging;

/// <summary>
/// Mutual information between constitutions and responses on held-out data, the quantity SAMI maximises: the
/// teacher answers each held-out prompt under all 4 constitutions of its category ({strong, antithesis}² of its two
/// principles, in the run's prompt layout, greedily), and every model — the base, each trained model, the teacher —
/// scores those answers under each constitution's training prompt. Per prompt: the SAMI lower bound and the paper's
/// estimate (<see cref="MutualInformation"/>); per model, their means with bootstrap intervals over prompts.
/// Three parts, each an evaluation task of its own: the teacher's answers (eval/heldout-mi/teacher.jsonl, resumable),
/// each model's scores (eval/heldout-mi/{model}.jsonl), and the summary over them (queries.jsonl, every model's values).
/// </summary>
public static class HeldOutMiStage
{
    public const string Folder = "heldout-mi";
    public const string TeacherModel = "teacher";
    private const int ConstitutionsPerPrompt = 4;

    /// <inheritdoc cref="EvaluationOutline.HeldOutMiApplies"/>
    public static bool Applies(RunSpec spec) => EvaluationOutline.HeldOutMiApplies(spec);

    /// <summary>The teacher's greedy answers to the held-out prompts under all of their category's constitutions; returns how many prompts.</summary>
    public static int TeacherAnswers(RunPlan plan, RunWorkspace workspace, Action<int, int>? progress = null)
    {
        var directory = workspace.Evaluation(Folder);
        Directory.CreateDirectory(directory);
        var path = TeacherAnswersPath(workspace);
        var sampler = new ConstitutionSampler(ResponseStage.Principles(plan), plan.Spec.Seed, ConstitutionsPerPrompt);
        var options = new GenerationOptions { Temperature = 0, MaxNewTokens = plan.Generation.MaxNewTokens, Seed = plan.Spec.Seed };
        var file = new GenerationFile(path, sampler, plan.Constitutions.PromptFormat);
        file.Complete(ResponseStage.Prompts(plan), () => GenerationStage.Load(plan.Teacher), options, (done, total, _) => progress?.Invoke(done, total));
        return DatasetReader.ReadSami(path).Count;
    }

    /// <summary>
    /// One model's held-out MI per prompt, scored on the teacher's answers, into eval/heldout-mi/{name}.jsonl (written
    /// whole, atomically); returns how many prompts. <paramref name="path"/>: the model's checkpoint (the teacher's for "teacher").
    /// </summary>
    public static int Score(RunPlan plan, RunWorkspace workspace, string name, string path, Action<int, int>? progress = null)
    {
        var queries = DatasetReader.ReadSami(TeacherAnswersPath(workspace));
        using var lm = GenerationStage.Load(plan.Student.At(path));
        var perQuery = MutualInformationScoring.Score(lm, queries, progress: d => progress?.Invoke(d, queries.Count));
        Engine.AtomicFile.WriteAllText(ScoresPath(workspace, name), string.Concat(perQuery.Select(q => Line(name, q))));
        return perQuery.Count;
    }

    /// <summary>Every model's held-out MI from its scores, in the order given, then the teacher's; writes queries.jsonl.</summary>
    public static IReadOnlyList<HeldOutMi> Summarise(RunSpec spec, RunWorkspace workspace, IReadOnlyList<string> models)
    {
        var seed = (int)(spec.Seed % int.MaxValue);
        var scored = new Dictionary<string, IReadOnlyList<QueryMi>>(StringComparer.Ordinal);
        foreach (var name in models.Append(TeacherModel))
            scored[name] = Jsonl.Read(ScoresPath(workspace, name)).Select(r => new QueryMi(
                r.Object["id"]!.GetValue<string>(), r.Object["category"]!.GetValue<string>(),
                r.Object["lower_bound"]!.GetValue<double>(), r.Object["estimate"]!.GetValue<double>())).ToList();
        Engine.AtomicFile.WriteAllText(Path.Combine(workspace.Evaluation(Folder), "queries.jsonl"),
            string.Concat(scored.SelectMany(m => m.Value.Select(q => Line(m.Key, q)))));
        return scored.Select(m => HeldOutMi.Summarise(m.Key, m.Value, seed) with
        {
            Gain = StartOf(spec, m.Key) is { } from && scored.TryGetValue(from, out var start) ? MiGain.Of(from, start, m.Value, seed) : null,
        }).ToList();
    }

    private static string TeacherAnswersPath(RunWorkspace workspace) => Path.Combine(workspace.Evaluation(Folder), "teacher.jsonl");

    private static string ScoresPath(RunWorkspace workspace, string name) => Path.Combine(workspace.Evaluation(Folder), name + ".jsonl");

    private static string Line(string name, QueryMi q) => new JsonObject
    {
        ["model"] = name, ["id"] = q.Id, ["category"] = q.Category, ["lower_bound"] = q.LowerBound, ["estimate"] = q.Estimate,
    }.ToJsonString() + "\n";

    // The model a SAMI training started from (as TrainingStage chooses it): SFT+SAMI from SFT when the run trains SFT, else the base.
    private static string? StartOf(RunSpec spec, string model)
    {
        var trained = spec.Training.Select(t => t.Algorithm.ToTraining()).ToList();
        if (TrainingAlgorithms.FromName(model) is not { } algorithm || algorithm.Recipe() != TrainingAlgorithm.Sami || !trained.Contains(algorithm)) return null;
        return algorithm == TrainingAlgorithm.SftSami && trained.Contains(TrainingAlgorithm.Sft) ? "sft" : "base";
    }
}
