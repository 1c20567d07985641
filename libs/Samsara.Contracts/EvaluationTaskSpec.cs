namespace Samsara.Contracts;

/// <summary>
/// One task of a run's evaluation, as the RunActor plans it: which kind, on which model or comparison. Fields that
/// do not concern a kind are empty (or 0). <see cref="Id"/> names the task within its run and names its result file.
/// </summary>
public sealed record EvaluationTaskSpec
{
    /// <summary>The task's name in its run, e.g. <c>answer/sft</c>, <c>judge/dpo-vs-sft/0/2</c>, <c>report</c>.</summary>
    public required string Id { get; init; }

    public required EvaluationTaskKind Kind { get; init; }

    /// <summary>The model a model task is about (<c>base</c>, <c>sft</c>, …, or <c>teacher</c> for held-out MI).</summary>
    public string Model { get; init; } = "";

    /// <summary>The comparison of a judge batch: its experiment and its two models.</summary>
    public string Experiment { get; init; } = "";

    public string ModelA { get; init; } = "";

    public string ModelB { get; init; } = "";

    /// <summary>A judge batch's judge: an index into the spec's judges, or -1 for the teacher's principle-free judge.</summary>
    public int Judge { get; init; }

    /// <summary>A judge batch's index among its comparison's batches (items Batch·BatchSize onwards).</summary>
    public int Batch { get; init; }

    /// <summary>Items per judge batch (a judge batch's, and the report's to find every batch).</summary>
    public int BatchSize { get; init; }

    /// <summary>The report's: how many batches each comparison under each judge has.</summary>
    public int Batches { get; init; }

    /// <summary>A judge batch's place among all the run's judge batches, and their number (the "judge" progress bar).</summary>
    public int Ordinal { get; init; }

    public int Of { get; init; }
}
