namespace Samsara.Alignment.Constitutions;

/// <summary>
/// One principle of a constitution (docs/architecture.md §11): <paramref name="Strong"/> is the wording responses are generated
/// and trained under, <paramref name="Weak"/> the shorter wording used at evaluation, <paramref name="Antithesis"/>
/// its opposite (the contrast SAMI learns from). <paramref name="Categories"/> are the query categories it applies to.
/// </summary>
public sealed record Principle(string Id, string Weak, string Strong, string Antithesis, IReadOnlyList<string> Categories);
