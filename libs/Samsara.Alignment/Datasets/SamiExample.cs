namespace Samsara.Alignment.Datasets;

/// <summary>
/// A SAMI training example (docs/architecture.md §11): one query, its C constitutions and the C responses, <c>Responses[j]</c>
/// written under <c>Constitutions[j]</c> — the diagonal of the C×C log-prob matrix.
/// </summary>
public sealed record SamiExample(string Id, string Category, string Query, IReadOnlyList<string> Constitutions, IReadOnlyList<string> Responses);
