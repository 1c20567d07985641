using System.Text.Json.Nodes;
using Samsara.Alignment;
using Samsara.Alignment.Constitutions;
using Samsara.Alignment.Datasets;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Engine.Generation;
using Samsara.Stages.Plan;

namespace Samsara.Stages.Generation;

/// <summary>
/// What a model says to the held-out prompts, for the judges: one greedy response per prompt under its category's
/// evaluation constitution — the principles in their weak wording, "1. …\n2. …", as the multi-task paper evaluates
/// (Govande 2024) — in the training prompt's layout, the one the student was trained on. Written as
/// eval/NAME/responses.jsonl (<c>{"id","category","prompt","constitution","response"}</c>, what the judging library
/// reads); a file already written is reused, so a resumed run does not generate it again.
/// </summary>
public static class ResponseStage
{
    public const string FileName = "responses.jsonl";

    public static string PathOf(RunWorkspace workspace, string name) => Path.Combine(workspace.Evaluation(name), FileName);

    /// <summary>The evaluation constitution of a category: its principles' weak wordings, numbered.</summary>
    public static string EvaluationConstitution(PrincipleSet principles, string category) =>
        Constitution.Number(principles.ForCategory(category).Select(p => p.Weak));

    /// <summary>The run's principles (the spec's file, or the default set).</summary>
    public static PrincipleSet Principles(RunPlan plan) => plan.Constitutions.Load();

    /// <summary>The held-out prompts that are judged.</summary>
    public static IReadOnlyList<Query> Prompts(RunPlan plan)
    {
        var prompts = plan.EvalPrompts ?? throw new ArgumentException("the run names no eval_prompts to judge");
        return prompts.Take(QueryFile.Read(prompts.Path, Principles(plan)));
    }

    /// <summary>Writes (or reuses) the responses of <paramref name="model"/>; returns the file's path.</summary>
    public static string Run(RunPlan plan, RunWorkspace workspace, string name, string model, Action<int, int>? progress = null)
    {
        var path = PathOf(workspace, name);
        if (File.Exists(path)) return path;
        var principles = Principles(plan);
        var prompts = Prompts(plan);
        var constitutions = prompts.Select(q => EvaluationConstitution(principles, q.Category)).ToList();
        var options = new GenerationOptions
        {
            Temperature = 0,
            MaxNewTokens = plan.Generation.MaxNewTokens,
            Stop = GenerationPrompt.StopStrings,
            Seed = plan.Spec.Seed,
        };
        using var lm = GenerationStage.Load(plan.Student.At(model));
        var completions = new Generator(lm).Generate(
            prompts.Select((q, i) => TrainingPrompt.Format(constitutions[i], q.Prompt)).ToArray(), options,
            (done, _) => progress?.Invoke(done, prompts.Count),
            prompts.Select(q => $"{q.Source.Path}:{q.Source.Line}: prompt '{q.Id}'").ToArray());
        var lines = prompts.Select((q, i) => new JsonObject
        {
            ["id"] = q.Id,
            ["category"] = q.Category,
            ["prompt"] = q.Prompt,
            ["constitution"] = constitutions[i],
            ["response"] = completions[i].Text.Trim(),
            ["finish_reason"] = completions[i].FinishReason.ToWireName(),
        }.ToJsonString() + "\n");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Engine.AtomicFile.WriteAllText(path, string.Concat(lines));
        return path;
    }
}
