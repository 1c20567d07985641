namespace Samsara.Alignment.Constitutions;

/// <summary>
/// How a teacher is prompted to write a response under a constitution. <see cref="Paper"/> is
/// <see cref="GenerationPrompt"/> (instructions and a worked example before the task, as the papers prompt a large
/// model); <see cref="Compact"/> is the <see cref="TrainingPrompt"/> layout alone, for a small teacher that was
/// pretrained on it and whose context cannot hold the paper's preamble (models/tiny-teacher reads 512 bytes).
/// </summary>
public enum PromptFormat
{
    Paper,
    Compact,
}

public static class PromptFormats
{
    /// <summary>The spec's names: "paper" (also the empty default) and "compact".</summary>
    public static PromptFormat Parse(string? name) => name switch
    {
        null or "" or "paper" => PromptFormat.Paper,
        "compact" => PromptFormat.Compact,
        _ => throw new ArgumentException($"prompt format '{name}' is not paper or compact"),
    };

    public static string Format(this PromptFormat format, string constitution, string query) => format switch
    {
        PromptFormat.Compact => TrainingPrompt.Format(constitution, query),
        _ => GenerationPrompt.Format(constitution, query),
    };
}
