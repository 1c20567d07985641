namespace Samsara.Judging.Prompts;

/// <summary>The prompt kinds' names on the command line and in task messages.</summary>
public static class PromptKinds
{
    public static string ToWireName(this PromptKind kind) => kind == PromptKind.PrincipleBased ? "principles" : "mtbench";

    public static PromptKind Parse(string text) => text switch
    {
        "principles" => PromptKind.PrincipleBased,
        "mtbench" => PromptKind.PrincipleFree,
        _ => throw new ArgumentException($"prompt '{text}' is not 'principles' (does each response follow the constitution) or 'mtbench' (principle-free)"),
    };
}
