using Samsara.Contracts;

namespace Samsara.Api.Runs;

/// <summary>
/// A run's evaluation as tasks, in three phases; each phase's tasks run on any judge replica in any order, and the
/// next phase starts when the last of them is in:
/// <code>
/// 0 answer   Answer × each compared model, Accuracy (+ GreedyAccuracy) × every model, TeacherAnswers (held-out MI)
/// 1 judge    JudgeBatch × comparison × judge × batch of items, HeldOutMi × every model and the teacher
/// 2 report   Report
/// </code>
/// The judge batches are known only once the answers are in (their count: the items each comparison judges). Pure:
/// the same outline and counts always give the same tasks with the same ids.
/// </summary>
public static class EvaluationTasks
{
    public const int Phases = 3;

    public const int ReportPhase = Phases - 1;

    /// <summary>The judge index of the local teacher's principle-free judge.</summary>
    public const int PrincipleFreeJudge = -1;

    public const string TeacherModel = "teacher";

    /// <summary>
    /// The tasks of <paramref name="phase"/>. <paramref name="items"/>: how many items each comparison judges (the
    /// answers per model); <paramref name="batchSize"/>: items per judge batch.
    /// </summary>
    public static IReadOnlyList<EvaluationTaskSpec> Phase(EvaluationOutline outline, int phase, int items, int batchSize)
    {
        ArgumentNullException.ThrowIfNull(outline);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        return phase switch
        {
            0 => Answering(outline),
            1 => Judging(outline, BatchesOf(items, batchSize), batchSize),
            ReportPhase => [new EvaluationTaskSpec { Id = "report", Kind = EvaluationTaskKind.Report, Batches = BatchesOf(items, batchSize), BatchSize = batchSize }],
            _ => [],
        };
    }

    /// <summary>The models that answer the held-out prompts: those in a comparison, in the run's order.</summary>
    public static IReadOnlyList<string> Answering(IReadOnlyList<string> models, IReadOnlyList<PaperComparison> comparisons) =>
        [.. models.Where(m => comparisons.Any(c => c.ModelA == m || c.ModelB == m))];

    /// <summary>The judges of every comparison, in report order: the spec's (0…n−1), then the teacher's principle-free one.</summary>
    public static IReadOnlyList<int> JudgesOf(EvaluationOutline outline)
    {
        ArgumentNullException.ThrowIfNull(outline);
        return [.. Enumerable.Range(0, outline.Judges), .. outline.PrincipleFree ? [PrincipleFreeJudge] : Array.Empty<int>()];
    }

    public static int BatchesOf(int items, int batchSize) => (items + batchSize - 1) / batchSize;

    /// <summary>The id of a judge batch: <c>judge/{a}-vs-{b}/{judge}/{batch}</c>, the judge's index or <c>free</c>.</summary>
    public static string JudgeBatchId(PaperComparison comparison, int judge, int batch)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return $"judge/{comparison.ModelA}-vs-{comparison.ModelB}/{(judge == PrincipleFreeJudge ? "free" : judge.ToString(System.Globalization.CultureInfo.InvariantCulture))}/{batch}";
    }

    private static List<EvaluationTaskSpec> Answering(EvaluationOutline o)
    {
        var tasks = Answering(o.Models, o.Comparisons)
            .Select(m => new EvaluationTaskSpec { Id = $"answer/{m}", Kind = EvaluationTaskKind.Answer, Model = m }).ToList();
        foreach (var m in o.Models)
        {
            if (o.GreedyToo) tasks.Add(new EvaluationTaskSpec { Id = $"accuracy/{m}-t0", Kind = EvaluationTaskKind.GreedyAccuracy, Model = m });
            tasks.Add(new EvaluationTaskSpec { Id = $"accuracy/{m}", Kind = EvaluationTaskKind.Accuracy, Model = m });
        }
        if (o.HeldOutMi) tasks.Add(new EvaluationTaskSpec { Id = "teacher-answers", Kind = EvaluationTaskKind.TeacherAnswers, Model = TeacherModel });
        return tasks;
    }

    private static List<EvaluationTaskSpec> Judging(EvaluationOutline o, int batches, int batchSize)
    {
        var judges = JudgesOf(o);
        var total = o.Comparisons.Count * judges.Count * batches;
        var tasks = new List<EvaluationTaskSpec>();
        foreach (var c in o.Comparisons)
            foreach (var judge in judges)
                for (var b = 0; b < batches; b++)
                    tasks.Add(new EvaluationTaskSpec
                    {
                        Id = JudgeBatchId(c, judge, b), Kind = EvaluationTaskKind.JudgeBatch, Experiment = c.Experiment, ModelA = c.ModelA, ModelB = c.ModelB,
                        Judge = judge, Batch = b, BatchSize = batchSize, Ordinal = tasks.Count, Of = total,
                    });
        if (o.HeldOutMi)
            tasks.AddRange(o.Models.Append(TeacherModel).Select(m => new EvaluationTaskSpec { Id = $"heldout-mi/{m}", Kind = EvaluationTaskKind.HeldOutMi, Model = m }));
        return tasks;
    }
}
