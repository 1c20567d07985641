using Samsara.Alignment.Metrics;
using Samsara.Api.V1;
using Samsara.Engine.Data;

namespace Samsara.Pipeline.Stages;

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
    public static IReadOnlyList<EvalQuestion> Questions(RunSpec spec)
    {
        if (spec.Evaluation?.AccuracyPrompts is { Path.Length: > 0 } accuracy)
        {
            var all = Jsonl.Read(accuracy.Path).Select(EvalQuestion.FromRecord);
            return (accuracy.Limit > 0 ? all.Take((int)accuracy.Limit) : all).ToList();
        }
        if (spec.EvalPrompts is not { Path.Length: > 0 } prompts) return [];
        var records = Jsonl.Read(prompts.Path).ToList();
        if (records.Any(r => r.Object["reference"] is null && r.Object["answer"] is null)) return [];
        var questions = records.Select(EvalQuestion.FromRecord);
        return (prompts.Limit > 0 ? questions.Take((int)prompts.Limit) : questions).ToList();
    }

    /// <summary>The folder of a model's greedy (temperature 0) pass@1 evaluation, beside its sampled one.</summary>
    public static string GreedyName(string name) => name + "-t0";

    /// <summary>
    /// pass@k of one model: n samples per question at evaluation.temperature (into eval/NAME), or with
    /// <paramref name="greedy"/> one sample at temperature 0 (into eval/NAME-t0), the papers' pass@1.
    /// </summary>
    public static AccuracyReport Run(RunSpec spec, RunWorkspace workspace, string name, string model, IReadOnlyList<EvalQuestion> questions,
                                     Action<long, long>? progress = null, bool greedy = false)
    {
        var e = spec.Evaluation ?? new EvaluationSpec();
        var settings = new EvalSettings
        {
            Model = model,
            Data = spec.Evaluation?.AccuracyPrompts is { Path.Length: > 0 } a ? a.Path : spec.EvalPrompts.Path,
            Samples = greedy ? 1 : e.Samples > 0 ? (int)e.Samples : 1,
            Ks = greedy ? [1] : e.K.Count > 0 ? e.K.Select(k => (int)k).ToArray() : [1],
            Temperature = greedy ? 0 : e.Temperature,
            // A small model's answers are as short as its generations; a large one keeps the paper's 500 tokens.
            MaxNewTokens = Math.Min(500, spec.Generation is { MaxNewTokens: > 0 } g ? (int)g.MaxNewTokens : 500),
            Seed = spec.Seed,
        };
        settings.Validate();
        using var lm = GenerationStage.Load(new ModelRef { Path = model, Device = spec.Student.Device, Dtype = spec.Student.Dtype });
        return new AccuracyEvaluation(lm, settings).Run(questions, workspace.Evaluation(greedy ? GreedyName(name) : name), progress);
    }
}
