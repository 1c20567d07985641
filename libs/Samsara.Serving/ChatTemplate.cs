namespace Samsara.Serving;

/// <summary>
/// How chat messages become one prompt. Samsara's models are trained on
/// <c>Assistant System Instructions: {system}\n\nHuman: {query}\n\nAssistant:</c> (docs/architecture.md §11), so a chat is laid
/// out the same way: system messages first as the instructions, then each turn as "Human: …" or "Assistant: …"
/// separated by blank lines, ending with "Assistant:" for the reply. The engine reads no Jinja chat templates from
/// tokenizer_config.json; this one layout is what every served model gets. A reply ends at EOS or where the model
/// starts the human's next turn (<see cref="StopStrings"/>).
/// </summary>
public static class ChatTemplate
{
    public static IReadOnlyList<string> StopStrings { get; } = ["\nHuman:"];

    public static string Format(IReadOnlyList<(string Role, string Content)> messages)
    {
        var system = messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content).ToArray();
        var text = new System.Text.StringBuilder();
        if (system.Length > 0) text.Append("Assistant System Instructions: ").Append(string.Join("\n", system)).Append("\n\n");
        foreach (var (role, content) in messages.Where(m => m.Role is not ("system" or "developer")))
            text.Append(role == "assistant" ? "Assistant: " : "Human: ").Append(content).Append("\n\n");
        return text.Append("Assistant:").ToString();
    }
}
