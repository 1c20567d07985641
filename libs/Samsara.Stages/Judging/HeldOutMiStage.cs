using System.Text.Json.Nodes;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Alignment.Generation;
using Samsara.Alignment.Metrics;
using Samsara.Api.V1;
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
/// Written to eval/heldout-mi/: teacher.jsonl (the answers; resumable) and queries.jsonl (every model's per-prompt values).
/// </summary>
public static class HeldOutMiStage
{
    public const string Folder = "heldout-mi";
    public const string TeacherModel = "teacher";
    private const int ConstitutionsPerPrompt = 4;

    /// <summary>
    /// When the run trains a SAMI model, has a local teacher, and held-out prompts meant for principle judging (the
    /// spec names judges: such prompts carry the id and category the constitutions are drawn for; accuracy-only
    /// prompts, GSM8K lines, do not).
    /// </summary>
    public static bool Applies(RunSpec spec) =>
        spec.Training.Any(t => t.Algorithm is Algorithm.Sami or Algorithm.SftSami)
        && spec.EvalPrompts is { Path.Length: > 0 } && spec.Evaluation is { Judges.Count: > 0 }
        && spec.Teacher is { Endpoint: null, Path.Length: > 0 };

    /// <summary>Every model's held-out MI, in the order given, then the teacher's.</summary>
    public static IReadOnlyList<HeldOutMi> Run(RunPlan plan, RunWorkspace workspace, IReadOnlyList<(string Name, string Path)> models,
                                               Action<string, long, long, string>? progress = null)
    {
        var directory = workspace.Evaluation(Folder);
        Directory.CreateDirectory(directory);
        var spec = plan.Spec;
        var answers = TeacherAnswers(plan, Path.Combine(directory, "teacher.jsonl"), (d, t) => progress?.Invoke("mi:teacher", d, t, "prompts"));
        var queries = DatasetReader.ReadSami(answers);
        var seed = (int)(spec.Seed % int.MaxValue);
        var scored = new Dictionary<string, IReadOnlyList<QueryMi>>(StringComparer.Ordinal);
        var lines = new List<string>();
        foreach (var (name, path) in models.Append((TeacherModel, spec.Teacher.Path)))
        {
            using var lm = GenerationStage.Load(plan.Student.At(path));
            var perQuery = MutualInformationScoring.Score(lm, queries, progress: d => progress?.Invoke($"mi:{name}", d, queries.Count, "prompts"));
            scored[name] = perQuery;
            lines.AddRange(perQuery.Select(q => new JsonObject
            {
                ["model"] = name, ["id"] = q.Id, ["category"] = q.Category, ["lower_bound"] = q.LowerBound, ["estimate"] = q.Estimate,
            }.ToJsonString() + "\n"));
        }
        Engine.AtomicFile.WriteAllText(Path.Combine(directory, "queries.jsonl"), string.Concat(lines));
        return scored.Select(m => HeldOutMi.Summarise(m.Key, m.Value, seed) with
        {
            Gain = StartOf(spec, m.Key) is { } from && scored.TryGetValue(from, out var start) ? MiGain.Of(from, start, m.Value, seed) : null,
        }).ToList();
    }

    // The model a SAMI training started from (as TrainingStage chooses it): SFT+SAMI from SFT when the run trains SFT, else the base.
    private static string? StartOf(RunSpec spec, string model)
    {
        var training = spec.Training.FirstOrDefault(t => t.Algorithm is Algorithm.Sami or Algorithm.SftSami && string.Equals(t.Algorithm.ToString(), model, StringComparison.OrdinalIgnoreCase));
        if (training is null) return null;
        return training.Algorithm == Algorithm.SftSami && spec.Training.Any(t => t.Algorithm == Algorithm.Sft) ? "sft" : "base";
    }

    // The teacher's greedy answers to the held-out prompts under all of their category's constitutions.
    private static string TeacherAnswers(RunPlan plan, string path, Action<int, int> progress)
    {
        var sampler = new ConstitutionSampler(ResponseStage.Principles(plan), plan.Spec.Seed, ConstitutionsPerPrompt);
        var options = new GenerationOptions { Temperature = 0, MaxNewTokens = plan.Generation.MaxNewTokens, Seed = plan.Spec.Seed };
        var file = new GenerationFile(path, sampler, plan.Constitutions.PromptFormat);
        file.Complete(ResponseStage.Prompts(plan), () => GenerationStage.Load(plan.Teacher), options, (done, total, _) => progress(done, total));
        return path;
    }
}
