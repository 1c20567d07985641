using Samsara.Engine.Data;

namespace Samsara.Alignment.Datasets;

/// <summary>
/// One line of a prompts file (docs/architecture.md §9: <c>{"id","category","prompt","reference"?}</c>): what generation
/// answers under sampled constitutions. <paramref name="Source"/> keeps the whole line, so fields such as
/// "reference" travel on into the generations.
/// </summary>
public sealed record Query(string Id, string Category, string Prompt, JsonlRecord Source);
