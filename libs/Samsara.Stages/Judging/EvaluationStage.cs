using Samsara.Alignment.Metrics;
using Samsara.Api.V1;
using Samsara.Artifacts;
using Samsara.Engine.Data;
using Samsara.Stages.Plan;
using Samsara.Stages.Generation;

namespace Samsara.Stages.Judging;

/// <summary>
/// Accuracy of each model on the held-out prompts that carry a reference answer (GSM8K lines, or prompts with a
/// "reference"): n samples per question, pass@k under the three extractors. Principle judging is the judge
/// service's (not part of this stage).
/// </summary>
public static class EvaluationStage
{
    /// <summary>
    /// The accuracy questions: evaluation.accuracy_prompts when set (each line must carry a reference), else the eval
    /// prompts, or an empty list when those carry no reference answers (prompts meant for judging only).
    /// </summary>
    public static IReadOnlyList<EvalQuestion> Questions(RunPlan plan)
    {
        if (plan.Evaluation.AccuracyPrompts is { } accuracy)
            return accuracy.Take(Jsonl.Read(accuracy.Path).Select(EvalQuestion.FromRecord));
        if (plan.EvalPrompts is not { } prompts) return [];
        var records = Jsonl.Read(prompts.Path).ToList();
        if (records.Any(r => r.Object["reference"] is null && r.Object["answer"] is null)) return [];
        return prompts.Take(records.Select(EvalQuestion.FromRecord));
    }

    /// <summary>The folder of a model's greedy (temperature 0) pass@1 evaluation, beside its sampled one.</summary>
    public static string GreedyName(string name) => name + "-t0";

    /// <summary>
    /// pass@k of one model: n samples per question at evaluation.temperature (into eval/NAME), or with
    /// <paramref name="greedy"/> one sample at temperature 0 (into eval/NAME-t0), the papers' pass@1.
    /// </summary>
    public static AccuracyReport Run(RunPlan plan, RunWorkspace workspace, string name, string model, IReadOnlyList<EvalQuestion> questions,
                                     Action<long, long>? progress = null, bool greedy = false)
    {
        var e = plan.Evaluation;
        var settings = new EvalSettings
        {
            Model = model,
            Data = e.AccuracyPrompts?.Path ?? plan.EvalPrompts?.Path ?? "",
            Samples = greedy ? 1 : e.Samples,
            Ks = greedy ? [1] : e.Ks.ToArray(),
            Temperature = greedy ? 0 : e.Temperature,
            MaxNewTokens = e.MaxNewTokens,
            Seed = plan.Spec.Seed,
        };
        settings.Validate();
        using var lm = GenerationStage.Load(plan.Student.At(model));
        return new AccuracyEvaluation(lm, settings).Run(questions, workspace.Evaluation(greedy ? GreedyName(name) : name), progress);
    }
}
