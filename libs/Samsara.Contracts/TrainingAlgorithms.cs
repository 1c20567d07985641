namespace Samsara.Contracts;

/// <summary>
/// The one mapping between <see cref="TrainingAlgorithm"/> and the names the workspace's folders, markers, datasets,
/// job keys and event ids spell (<c>sft</c>, <c>dpo</c>, <c>sami</c>, <c>sftsami</c>; docs/architecture.md §7).
/// </summary>
public static class TrainingAlgorithms
{
    /// <summary>Every algorithm, in the order a run trains them when its spec lists them all.</summary>
    public static IReadOnlyList<TrainingAlgorithm> All { get; } = Enum.GetValues<TrainingAlgorithm>();

    /// <summary>The algorithm's name in paths and ids: <c>sft</c>, <c>dpo</c>, <c>sami</c> or <c>sftsami</c>.</summary>
    public static string Name(this TrainingAlgorithm algorithm) => algorithm switch
    {
        TrainingAlgorithm.Sft => "sft",
        TrainingAlgorithm.Dpo => "dpo",
        TrainingAlgorithm.Sami => "sami",
        TrainingAlgorithm.SftSami => "sftsami",
        _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "not a training algorithm"),
    };

    /// <summary>The algorithm <paramref name="name"/> names (<see cref="Name"/>'s inverse), or null for any other text.</summary>
    public static TrainingAlgorithm? FromName(string name)
    {
        foreach (var algorithm in All)
            if (algorithm.Name() == name) return algorithm;
        return null;
    }

    /// <summary>
    /// The recipe (and its dataset) that trains <paramref name="algorithm"/>: SFT+SAMI is the SAMI recipe started from
    /// another model, so it trains as <see cref="TrainingAlgorithm.Sami"/> on the <c>sami</c> dataset.
    /// </summary>
    public static TrainingAlgorithm Recipe(this TrainingAlgorithm algorithm) =>
        algorithm == TrainingAlgorithm.SftSami ? TrainingAlgorithm.Sami : algorithm;
}
