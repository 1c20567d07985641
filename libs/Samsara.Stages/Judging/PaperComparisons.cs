namespace Samsara.Stages.Judging;

/// <summary>
/// The pairwise comparisons of the multi-task paper's two experiments (Govande 2024), by the run's model
/// names: experiment 1 puts SAMI (here SFT+SAMI, trained from the SFT model as the paper's SAMI was) and DPO against
/// SFT and against each other; experiment 2 puts SFT+SAMI and SAMI (from the base) against the base model. A
/// comparison is made when the run trained both of its models.
/// </summary>
public static class PaperComparisons
{
    public static IReadOnlyList<(string Experiment, string ModelA, string ModelB)> All { get; } =
    [
        ("1", "sftsami", "sft"),
        ("1", "dpo", "sft"),
        ("1", "sftsami", "dpo"),
        ("2", "sftsami", "base"),
        ("2", "sami", "base"),
    ];

    public static IReadOnlyList<(string Experiment, string ModelA, string ModelB)> Among(IReadOnlyCollection<string> models) =>
        All.Where(c => models.Contains(c.ModelA) && models.Contains(c.ModelB)).ToList();
}
