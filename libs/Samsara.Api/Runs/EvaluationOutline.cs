using Samsara.Api.V1;
using Samsara.Contracts;

namespace Samsara.Api.Runs;

/// <summary>
/// What a run's evaluation consists of, read once from its spec when the run starts (the RunActor keeps it with the
/// flow's state): the models (<c>base</c>, then each trained model in spec order, by its algorithm's <see cref="TrainingAlgorithms.Name"/>), the comparisons to judge, how
/// many judges the spec names (and whether the local teacher's principle-free judge joins them), whether accuracy is
/// also measured greedily, and whether held-out MI is measured. <see cref="EvaluationTasks"/> turns it into tasks.
/// </summary>
public sealed record EvaluationOutline(
    IReadOnlyList<string> Models,
    IReadOnlyList<PaperComparison> Comparisons,
    int Judges,
    bool PrincipleFree,
    bool GreedyToo,
    bool HeldOutMi)
{
    public static EvaluationOutline None { get; } = new([], [], 0, false, false, false);

    /// <summary>The outline of <paramref name="spec"/>'s evaluation.</summary>
    public static EvaluationOutline Of(RunSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        IReadOnlyList<string> models = ["base", .. spec.Training.Select(t => t.Algorithm.ToTraining().Name())];
        var judges = spec.Evaluation?.Judges.Count ?? 0;
        var judged = judges > 0 && spec.EvalPrompts is { Path.Length: > 0 };
        var teacherIsLocal = spec.Teacher is { Endpoint: null, Path.Length: > 0 };
        return new EvaluationOutline(models, judged ? PaperComparisons.Among(models.ToList()) : [], judged ? judges : 0,
            judged && teacherIsLocal, spec.Evaluation?.Temperature > 0, HeldOutMiApplies(spec));
    }

    /// <summary>
    /// Held-out MI is measured when the run trains a SAMI model, has a local teacher, and held-out prompts meant for
    /// principle judging (the spec names judges: such prompts carry the id and category the constitutions are drawn
    /// for; accuracy-only prompts, GSM8K lines, do not).
    /// </summary>
    public static bool HeldOutMiApplies(RunSpec spec) =>
        spec.Training.Any(t => t.Algorithm is Algorithm.Sami or Algorithm.SftSami)
        && spec.EvalPrompts is { Path.Length: > 0 } && spec.Evaluation is { Judges.Count: > 0 }
        && spec.Teacher is { Endpoint: null, Path.Length: > 0 };
}
