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
    /// <summary>The eval prompts as questions, or an empty list when they carry no reference answers.</summary>
    public static IReadOnlyList<EvalQuestion> Questions(RunSpec spec)
    {
        if (spec.EvalPrompts is not { Path.Length: > 0 } prompts) return [];
        var records = Jsonl.Read(prompts.Path).ToList();
        if (records.Any(r => r.Object["reference"] is null && r.Object["answer"] is null)) return [];
        var questions = records.Select(EvalQuestion.FromRecord);
        return (prompts.Limit > 0 ? questions.Take((int)prompts.Limit) : questions).ToList();
    }

    public static AccuracyReport Run(RunSpec spec, RunWorkspace workspace, string name, string model, IReadOnlyList<EvalQuestion> questions,
                                     Action<long, long>? progress = null)
    {
        var e = spec.Evaluation ?? new EvaluationSpec();
        var settings = new EvalSettings
        {
            Model = model,
            Data = spec.EvalPrompts.Path,
            Samples = e.Samples > 0 ? (int)e.Samples : 1,
            Ks = e.K.Count > 0 ? e.K.Select(k => (int)k).ToArray() : [1],
            Temperature = e.Temperature,
            Seed = spec.Seed,
        };
        settings.Validate();
        using var lm = GenerationStage.Load(new ModelRef { Path = model, Device = spec.Student.Device, Dtype = spec.Student.Dtype });
        return new AccuracyEvaluation(lm, settings).Run(questions, workspace.Evaluation(name), progress);
    }
}
