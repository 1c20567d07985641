namespace Samsara.Alignment;

/// <summary>
/// The prompt a student is trained (and scored) on: the constitution as system instructions, then the query
/// (docs/architecture.md §11). Constitution and query are used exactly as stored in the data.
/// </summary>
public static class TrainingPrompt
{
    public static string Format(string constitution, string query) =>
        $"Assistant System Instructions: {constitution}\n\nHuman: {query}\n\nAssistant:";
}
