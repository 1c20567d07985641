namespace Samsara.Alignment.Metrics;

/// <summary>
/// How the SAMI multi-task paper asks a GSM8K question (Govande 2024, <c>evaluate.py</c>): a zero-shot
/// chain-of-thought cue that the model continues, and the strings that end its answer.
/// </summary>
public static class GsmPrompt
{
    /// <summary>A response stops where the model starts another question or answer of its own.</summary>
    public static IReadOnlyList<string> Stop { get; } = ["\n\nQ:", "\n\nA:"];

    public static string Format(string question) => $"Q: {question}\nA: Let's think step by step. First,";
}
