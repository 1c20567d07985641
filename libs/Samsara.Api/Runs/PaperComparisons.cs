namespace Samsara.Api.Runs;

/// <summary>One pairwise comparison of a run's evaluation: its experiment and its two models, by the run's names.</summary>
public sealed record PaperComparison(string Experiment, string ModelA, string ModelB);

/// <summary>
/// The pairwise comparisons of the multi-task paper's two experiments (Govande 2024), by the run's model
/// names: experiment 1 puts SAMI (here SFT+SAMI, trained from the SFT model as the paper's SAMI was) and DPO against
/// SFT and against each other; experiment 2 puts SFT+SAMI and SAMI (from the base) against the base model. A
/// comparison is made when the run trained both of its models.
/// </summary>
public static class PaperComparisons
{
    public static IReadOnlyList<PaperComparison> All { get; } =
    [
        new("1", "sftsami", "sft"),
        new("1", "dpo", "sft"),
        new("1", "sftsami", "dpo"),
        new("2", "sftsami", "base"),
        new("2", "sami", "base"),
    ];

    public static IReadOnlyList<PaperComparison> Among(IReadOnlyCollection<string> models) =>
        All.Where(c => models.Contains(c.ModelA) && models.Contains(c.ModelB)).ToList();
}
