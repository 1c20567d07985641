namespace Samsara.Alignment.Datasets;

public sealed record SamiExample(string Id, string Category, string Query, IReadOnlyList<string> Constitutions, IReadOnlyList<string> Responses);
public sealed record SftExample(string Id, string Prompt, string Completion);
public sealed record PreferencePair(string Id, string Prompt, string Chosen, string Rejected);
