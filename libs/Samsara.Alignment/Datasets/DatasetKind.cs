namespace Samsara.Alignment.Datasets;

/// <summary>What a training set is built for: SAMI (kept generation lines), SFT (positive responses) or DPO (positive vs antithesis).</summary>
public enum DatasetKind
{
    Sami,
    Sft,
    Dpo,
}

public static class DatasetKinds
{
    public static DatasetKind Parse(string name) => name.ToLowerInvariant() switch
    {
        "sami" => DatasetKind.Sami,
        "sft" => DatasetKind.Sft,
        "dpo" => DatasetKind.Dpo,
        _ => throw new ArgumentException($"dataset kind must be sami, sft or dpo, not \"{name}\""),
    };
}
